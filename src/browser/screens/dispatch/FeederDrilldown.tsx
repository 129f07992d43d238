/**
 * Drill-down of one feeder: live and 24-hour curves of P, I, U and loading (zoom and pan), its PV sites and charging
 * stations, and its alarm history. History comes over HTTP from the history service; when that is down or has nothing
 * yet the panel says so and shows the live tail from the store.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ChargerTelemetry, FeederTelemetry, PvTelemetry } from '../../../core/contract/payloads';
import type { Alarm } from '../../../core/domain/alarms';
import { alarmDisplayState } from '../../../core/domain/alarms';
import { loadingRatePct } from '../../../core/domain/loading';
import { formatClock } from '../../../core/time/shanghai';
import { createHistoryClient } from '../../history/history-client';
import { useAreaConfig, useRuntime, useTelemetry } from '../../live/runtime-context';
import { Chart } from '../../ui/charts/Chart';
import { formatNumber } from '../../ui/format/number';
import { useLang } from '../../ui/i18n/lang-context';
import { formatAlarmValue, formatDurationMs, SEVERITY_GLYPH } from './AlarmList';
import { StateBadge } from './cells';
import styles from './dispatch.module.css';
import { buildFeederCurvesOption, type Pairs } from './dispatch-charts';
import { type DispatchMessageId, dt } from './dispatch-messages';
import { feederState } from './dispatch-rows';
import type { LocalAck } from './use-dispatch-alarms';

const DAY_MS = 86_400_000;
const LIVE_POINTS = 720; // 1 h at 5 s
const PALETTE = {
  load: '#56b4e9',
  live: '#e8f0f7',
  text: '#93a9bd',
  grid: '#1d3750',
  heavy: '#ffb020',
  overload: '#ff5d5d',
};

type HistoryState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'empty' }
  | { status: 'ok'; pKw: Pairs; iA: Pairs; uKv: Pairs };

const NO_PAIRS: Pairs = [];

/** 24 h of 1-minute history for a feeder; `reload` retries. Exported for the component test. */
export function useFeederHistory(baseUrl: string, feederId: string, nowMs: number) {
  const [state, setState] = useState<HistoryState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // The window is fixed when the panel opens (or on retry); the live tail covers what happens after.
  const toMs = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: nowMs is read once per feeder/attempt on purpose
  useEffect(() => {
    const ctrl = new AbortController();
    toMs.current = nowMs || Date.now();
    const client = createHistoryClient(baseUrl);
    const q = (metric: 'pKw' | 'iA' | 'uKv') =>
      client
        .series(
          { metric, entity: feederId, fromMs: toMs.current - DAY_MS, toMs: toMs.current, step: '1m', agg: 'avg' },
          ctrl.signal,
        )
        .then((r) => r.points);
    setState({ status: 'loading' });
    Promise.all([q('pKw'), q('iA'), q('uKv')])
      .then(([pKw, iA, uKv]) => {
        const any = pKw.some(([, v]) => v !== null);
        setState(any ? { status: 'ok', pKw, iA, uKv } : { status: 'empty' });
      })
      .catch((e: unknown) => {
        if (!ctrl.signal.aborted) setState({ status: 'error', message: (e as Error).message });
      });
    return () => ctrl.abort();
  }, [baseUrl, feederId, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}

export function HistoryNotice({ state, onRetry }: { state: HistoryState; onRetry: () => void }) {
  const lang = useLang();
  if (state.status === 'ok') return null;
  if (state.status === 'loading')
    return (
      <div className={styles.notice} data-testid="history-loading" role="status">
        {dt(lang, 'drill.loading')}
      </div>
    );
  if (state.status === 'empty')
    return (
      <div className={styles.notice} data-testid="history-empty" role="status">
        {dt(lang, 'drill.empty')}
      </div>
    );
  return (
    <div className={`${styles.notice} ${styles.noticeError}`} data-testid="history-error" role="alert">
      {dt(lang, 'drill.error')} ({state.message}){' '}
      <button type="button" onClick={onRetry} className={styles.smallButton}>
        {dt(lang, 'drill.retry')}
      </button>
    </div>
  );
}

interface Props {
  feederId: string;
  onClose: () => void;
  alarms: readonly Alarm[];
  ackOf: (a: Alarm) => LocalAck | null;
}

export function FeederDrilldown({ feederId, onClose, alarms, ackOf }: Props) {
  const lang = useLang();
  const area = useAreaConfig();
  const rt = useRuntime();
  const snap = useTelemetry();
  const feeder = area.feeders.find((f) => f.id === feederId);
  const view = snap.devices.get(feederId);
  const latest = (view?.latest ?? null) as FeederTelemetry | null;
  const { state: history, reload } = useFeederHistory(rt.runtime.historyBaseUrl, feederId, snap.nowMs);

  // Live I, U and loading of this feeder, collected while the panel is open (the store keeps P only).
  const liveRef = useRef<{ id: string; ts: number[]; p: number[]; i: number[]; u: number[]; l: number[] }>({
    id: '',
    ts: [],
    p: [],
    i: [],
    u: [],
    l: [],
  });
  if (liveRef.current.id !== feederId) liveRef.current = { id: feederId, ts: [], p: [], i: [], u: [], l: [] };
  const live = liveRef.current;
  if (latest && feeder && (live.ts.length === 0 || latest.ts > (live.ts.at(-1) as number))) {
    live.ts.push(latest.ts);
    live.p.push(latest.pKw);
    live.i.push(latest.iA);
    live.u.push(latest.uKv);
    live.l.push(loadingRatePct({ ...latest, ratedMva: feeder.ratedMva, ratedA: feeder.ratedA }) ?? Number.NaN);
    for (const a of [live.ts, live.p, live.i, live.u, live.l]) if (a.length > LIVE_POINTS) a.shift();
  }
  const lastTs = latest?.ts ?? 0;
  // Redraw with new data only (not on every frame's snapshot): `live` is a ref collected above, keyed by lastTs.
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when a new sample arrives or history lands
  const option = useMemo(() => {
    if (!feeder) return null;
    const pairs = (vals: number[]): Pairs =>
      live.ts.map((t, k) => [t, Number.isFinite(vals[k]) ? (vals[k] as number) : null]);
    // The raw P of the last ~15 min from the store starts the live tail even before this panel collected any.
    const storeP = snap.series.device(feederId);
    const firstLive = live.ts[0] ?? Number.POSITIVE_INFINITY;
    const pLive: Pairs = [...storeP.filter(([t]) => t < firstLive), ...pairs(live.p)];
    const ok = history.status === 'ok' ? history : null;
    return buildFeederCurvesOption({
      nowMs: Math.max(lastTs, snap.nowMs),
      windowMs: DAY_MS,
      history: { pKw: ok?.pKw ?? NO_PAIRS, iA: ok?.iA ?? NO_PAIRS, uKv: ok?.uKv ?? NO_PAIRS },
      live: { pKw: pLive, iA: pairs(live.i), uKv: pairs(live.u), loadingPct: pairs(live.l) },
      rating: { ratedA: feeder.ratedA, ratedMva: feeder.ratedMva, nominalKv: feeder.nominalKv },
      thresholds: area.thresholds,
      labels: {
        p: dt(lang, 'col.p'),
        i: dt(lang, 'col.i'),
        u: dt(lang, 'col.u'),
        loading: dt(lang, 'drill.loadingPct'),
        history: '24h',
        live: 'live',
      },
      palette: PALETTE,
    });
  }, [feeder, lastTs, history, lang, area.thresholds, feederId]);

  const pvSites = useMemo(() => area.pvSites.filter((p) => p.feederId === feederId), [area, feederId]);
  const chargers = useMemo(() => area.chargingStations.filter((c) => c.feederId === feederId), [area, feederId]);
  const feederAlarms = alarms.filter((a) => a.feederId === feederId);

  if (!feeder) return null;
  const loadingPct = latest ? loadingRatePct({ ...latest, ratedMva: feeder.ratedMva, ratedA: feeder.ratedA }) : null;
  const state = feederState(view?.freshness ?? 'no-data', loadingPct, area.thresholds);
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
      <div className={styles.drillCaption}>{dt(lang, 'drill.curves')}</div>
      <HistoryNotice state={history} onRetry={reload} />
      <div className={styles.drillChart}>
        {option ? <Chart option={option} testId="drilldown-chart" ariaLabel={dt(lang, 'drill.curves')} /> : null}
      </div>
      <div className={styles.drillLists}>
        <section>
          <h3>
            {dt(lang, 'drill.pvSites')} ({pvSites.length})
          </h3>
          <ul className={styles.miniList}>
            {pvSites.length === 0 ? <li>{dt(lang, 'drill.none')}</li> : null}
            {pvSites.map((p) => {
              const v = snap.devices.get(p.id);
              const t = v?.latest as PvTelemetry | null | undefined;
              return (
                <li key={p.id}>
                  <span>{p.name[lang]}</span>
                  <span className="num">{formatNumber(t?.pKw, lang, { decimals: 1 })} kW</span>
                  <StateBadge state={v?.freshness === 'live' && t ? t.state : (v?.freshness ?? 'no-data')} />
                </li>
              );
            })}
          </ul>
        </section>
        <section>
          <h3>
            {dt(lang, 'drill.chargers')} ({chargers.length})
          </h3>
          <ul className={styles.miniList}>
            {chargers.length === 0 ? <li>{dt(lang, 'drill.none')}</li> : null}
            {chargers.map((c) => {
              const v = snap.devices.get(c.id);
              const t = v?.latest as ChargerTelemetry | null | undefined;
              const faulted = t?.connectors.filter((x) => x.state === 'faulted').length ?? 0;
              return (
                <li key={c.id}>
                  <span>{c.name[lang]}</span>
                  <span className="num">{formatNumber(t?.pKw, lang, { decimals: 1 })} kW</span>
                  <StateBadge
                    state={v?.freshness !== 'live' ? (v?.freshness ?? 'no-data') : faulted ? 'faulted' : 'charging'}
                  />
                </li>
              );
            })}
          </ul>
        </section>
        <section>
          <h3>{dt(lang, 'drill.alarmHistory')}</h3>
          <ul className={styles.miniList} data-testid="drilldown-alarms">
            {feederAlarms.length === 0 ? <li>{dt(lang, 'drill.none')}</li> : null}
            {feederAlarms.slice(0, 50).map((a) => (
              <li key={a.id}>
                <span className={styles.severity} data-severity={a.severity}>
                  {SEVERITY_GLYPH[a.severity]} {dt(lang, `rule.${a.rule}` as DispatchMessageId)}
                </span>
                <span className="num">
                  {formatClock(a.startMs)} · {formatDurationMs((a.clearedMs ?? snap.nowMs) - a.startMs)} ·{' '}
                  {formatAlarmValue(a, lang)}
                </span>
                <span>{dt(lang, `alarmState.${alarmDisplayState(a, ackOf(a))}` as DispatchMessageId)}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </aside>
  );
}
