/**
 * Drill-down of one feeder: live and 24-hour, 7-day or 30-day curves of P, I, U and loading (zoom and pan), its PV sites and charging
 * stations, and its alarm history. History comes over HTTP from the history service; when that is down or has nothing
 * yet the panel says so and shows the live tail from the store.
 */
import { useMemo, useState } from 'react';
import type { ChargerTelemetry, FeederTelemetry, PvTelemetry } from '../../../core/contract/payloads';
import { alarmDisplayState } from '../../../core/domain/alarms/acks';
import type { Alarm } from '../../../core/domain/alarms/types';
import { loadingRatePct } from '../../../core/domain/loading';
import { formatClock } from '../../../core/time/shanghai';
import { useAreaConfig, useRuntime, useTelemetry, useThresholdsInForce } from '../../live/runtime-context';
import { Chart } from '../../ui/charts/Chart';
import '../../ui/charts/echarts-dispatch';
import { chartPalette } from '../../ui/charts/chart-theme';
import { formatNumber } from '../../ui/format/number';
import { useIncremental } from '../../ui/hooks/use-incremental';
import { useLang } from '../../ui/i18n/lang-context';
import { formatAlarmValue, formatDurationMs } from './AlarmList';
import { StateBadge } from './cells';
import styles from './dispatch.module.css';
import { buildFeederCurvesOption, type Pairs } from './dispatch-charts';
import { ALARM_STATE_LABEL, type DeviceState, RULE_LABEL, SEVERITY_GLYPH } from './dispatch-labels';
import { type DispatchMessageId, dt } from './dispatch-messages';
import { feederState } from './dispatch-rows';
import { FeederSwitching } from './FeederSwitching';
import { DRILL_RANGE, DRILL_RANGES, type DrillRange, HistoryNotice, useFeederHistory } from './feeder-history';
import { appendFeederSample, emptyFeederLive, livePairs } from './feeder-live';
import type { LocalAck } from './use-dispatch-alarms';

const NO_PAIRS: Pairs = [];

interface Props {
  feederId: string;
  onClose: () => void;
  alarms: readonly Alarm[];
  ackOf: (a: Alarm) => LocalAck | null;
}

export function FeederDrilldown({ feederId, onClose, alarms, ackOf }: Props) {
  const lang = useLang();
  const area = useAreaConfig();
  const thresholds = useThresholdsInForce();
  const rt = useRuntime();
  const snap = useTelemetry();
  const feeder = area.feeders.find((f) => f.id === feederId);
  const view = snap.devices.get(feederId);
  const latest = (view?.latest ?? null) as FeederTelemetry | null;
  const [range, setRange] = useState<DrillRange>('24h');
  const { state: history, reload } = useFeederHistory(rt.runtime.historyBaseUrl, feederId, snap.nowMs, range);

  // Live I, U and loading of this feeder, collected while the panel is open (the store keeps P only).
  const live = useIncremental(
    () => emptyFeederLive(feederId),
    [feederId, latest?.ts, feeder],
    (prev) => appendFeederSample(prev, feederId, latest, feeder),
  );
  const lastTs = latest?.ts ?? 0;
  // Redrawn when a new sample arrives or history lands, not on every frame's snapshot.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the snapshot is read at those moments on purpose
  const option = useMemo(() => {
    if (!feeder) return null;
    // The raw P of the last ~15 min from the store starts the live tail even before this panel collected any.
    const storeP = snap.series.device(feederId);
    const firstLive = live.ts[0] ?? Number.POSITIVE_INFINITY;
    const pLive: Pairs = [...storeP.filter(([t]) => t < firstLive), ...livePairs(live, live.p)];
    const ok = history.status === 'ok' ? history : null;
    return buildFeederCurvesOption({
      nowMs: Math.max(lastTs, snap.nowMs),
      windowMs: DRILL_RANGE[range].ms,
      history: { pKw: ok?.pKw ?? NO_PAIRS, iA: ok?.iA ?? NO_PAIRS, uKv: ok?.uKv ?? NO_PAIRS },
      previousDay: { pKw: ok?.previousDayPKw ?? NO_PAIRS, label: dt(lang, 'drill.previousDay') },
      live: {
        pKw: pLive,
        iA: livePairs(live, live.i),
        uKv: livePairs(live, live.u),
        loadingPct: livePairs(live, live.l),
      },
      rating: { ratedA: feeder.ratedA, ratedMva: feeder.ratedMva, nominalKv: feeder.nominalKv },
      thresholds,
      labels: {
        p: dt(lang, 'col.p'),
        i: dt(lang, 'col.i'),
        u: dt(lang, 'col.u'),
        loading: dt(lang, 'drill.loadingPct'),
        history: range,
        live: 'live',
      },
      palette: chartPalette(),
    });
  }, [feeder, lastTs, live, history, lang, thresholds, feederId, range]);

  // How many minutes of the day before the chart draws (0: none), for the end-to-end test to read.
  const previousDayPoints =
    history.status === 'ok' && range === '24h' ? history.previousDayPKw.filter(([, v]) => v !== null).length : 0;

  const reported = useMemo(
    () => (latest?.switching ? { switching: latest.switching, tsMs: latest.ts } : null),
    [latest?.switching, latest?.ts],
  );
  const pvSites = useMemo(() => area.pvSites.filter((p) => p.feederId === feederId), [area, feederId]);
  const chargers = useMemo(() => area.chargingStations.filter((c) => c.feederId === feederId), [area, feederId]);
  const feederAlarms = alarms.filter((a) => a.feederId === feederId);

  if (!feeder) return null;
  const loadingPct = latest ? loadingRatePct({ ...latest, ratedMva: feeder.ratedMva, ratedA: feeder.ratedA }) : null;
  const state = feederState(view?.freshness ?? 'no-data', loadingPct, thresholds);
  return (
    <aside className={styles.drill} data-testid="drilldown" aria-label={feeder.name[lang]}>
      <header className={styles.drillHead}>
        <h2>{feeder.name[lang]}</h2>
        <StateBadge state={state} />
        <span className="num">
          {formatNumber(latest?.pKw, lang, { decimals: 0 })} kW · {formatNumber(latest?.iA, lang, { decimals: 0 })} A ·{' '}
          {formatNumber(latest?.uKv, lang, { decimals: 2 })} kV · {formatNumber(loadingPct, lang, { decimals: 0 })}%
        </span>
        <span className={styles.spacer} />
        <button type="button" className={styles.smallButton} onClick={onClose} data-testid="drilldown-close">
          {dt(lang, 'drill.close')} (Esc)
        </button>
      </header>
      <div className={styles.drillCaption}>
        <span>{dt(lang, 'drill.curves')}</span>
        <fieldset className={styles.rangePicker} aria-label={dt(lang, 'drill.range')} data-testid="drill-range">
          {DRILL_RANGES.map((r) => (
            <button
              key={r}
              type="button"
              className={styles.smallButton}
              aria-pressed={r === range}
              onClick={() => setRange(r)}
              data-testid={`drill-range-${r}`}
            >
              {dt(lang, `drill.range.${r}`)}
            </button>
          ))}
        </fieldset>
      </div>
      <HistoryNotice state={history} onRetry={reload} />
      <div className={styles.drillChart} data-previous-day-points={previousDayPoints}>
        {option ? <Chart option={option} testId="drilldown-chart" ariaLabel={dt(lang, 'drill.curves')} /> : null}
      </div>
      <FeederSwitching feederId={feederId} reported={reported} />
      <div className={styles.drillLists}>
        <DeviceMiniList
          title="drill.pvSites"
          items={pvSites.map((p) => {
            const v = snap.devices.get(p.id);
            const t = v?.latest as PvTelemetry | null | undefined;
            const fresh = v?.freshness ?? 'no-data';
            const state = fresh !== 'live' ? fresh : (t?.state ?? 'no-data');
            return { id: p.id, name: p.name, pKw: t?.pKw, state };
          })}
        />
        <DeviceMiniList
          title="drill.chargers"
          items={chargers.map((c) => {
            const v = snap.devices.get(c.id);
            const t = v?.latest as ChargerTelemetry | null | undefined;
            const faulted = t?.connectors.filter((x) => x.state === 'faulted').length ?? 0;
            const state = v?.freshness !== 'live' ? (v?.freshness ?? 'no-data') : faulted ? 'faulted' : 'charging';
            return { id: c.id, name: c.name, pKw: t?.pKw, state };
          })}
        />
        <section>
          <h3>{dt(lang, 'drill.alarmHistory')}</h3>
          <ul className={styles.miniList} data-testid="drilldown-alarms">
            {feederAlarms.length === 0 ? <li>{dt(lang, 'drill.none')}</li> : null}
            {feederAlarms.slice(0, 50).map((a) => (
              <li key={a.id}>
                <span className={styles.severity} data-severity={a.severity}>
                  {SEVERITY_GLYPH[a.severity]} {dt(lang, RULE_LABEL[a.rule])}
                </span>
                <span className="num">
                  {formatClock(a.startMs)} · {formatDurationMs((a.clearedMs ?? snap.nowMs) - a.startMs)} ·{' '}
                  {formatAlarmValue(a, lang)}
                </span>
                <span>{dt(lang, ALARM_STATE_LABEL[alarmDisplayState(a, ackOf(a))])}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </aside>
  );
}

interface MiniItem {
  id: string;
  name: { zh: string; en: string };
  pKw: number | undefined;
  state: DeviceState;
}

/** The PV sites or charging stations on the feeder: name, P and state. */
function DeviceMiniList({ title, items }: { title: DispatchMessageId; items: readonly MiniItem[] }) {
  const lang = useLang();
  return (
    <section>
      <h3>
        {dt(lang, title)} ({items.length})
      </h3>
      <ul className={styles.miniList}>
        {items.length === 0 ? <li>{dt(lang, 'drill.none')}</li> : null}
        {items.map((d) => (
          <li key={d.id}>
            <span>{d.name[lang]}</span>
            <span className="num">{formatNumber(d.pKw, lang, { decimals: 1 })} kW</span>
            <StateBadge state={d.state} />
          </li>
        ))}
      </ul>
    </section>
  );
}
