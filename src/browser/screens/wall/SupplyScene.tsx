/** 保供 Supply: the grid schematic with power flowing, today's area load against yesterday's, the ten most loaded feeders. */
import { memo, useMemo, useRef } from 'react';
import type { AreaConfig } from '../../../core/config/area-schema';
import { formatHourMinute } from '../../../core/time/shanghai';
import { chartPalette } from '../../ui/charts/chart-theme';
import { formatNumber, formatPower } from '../../ui/format/number';
import { buildSchematicOption, flowBand, schematicKey, widthStep } from './schematic-option';
import { DayCurvePanel } from './WallFigures';
import { useWallEnv, WallChart, WallPanel } from './WallPanel';
import styles from './wall.module.css';
import { topLoadedFeeders } from './wall-figures';
import { loadingStateLabel, tw } from './wall-messages';
import type { WallModel } from './wall-model';

interface Props {
  model: WallModel;
  config: AreaConfig;
  active: boolean;
}

const STATE_GLYPH = { normal: '●', heavy: '▲', overload: '◆' } as const;
/** Above this many feeders the schematic draws substations only. */
export const SCHEMATIC_MAX_FEEDERS = 120;
const NO_FEEDERS: never[] = [];

function SupplySceneImpl({ model, config, active }: Props) {
  const { lang, reducedMotion } = useWallEnv();

  const schematicFeeders = useMemo(
    () =>
      model.feeders.map((f) => ({
        id: f.id,
        // Held at a last good value is not live: drawn ○ like no data (the panel says since when).
        state: f.live ? f.state : null,
        band: flowBand(f.loadingPct),
        widthStep: widthStep(f.loadingPct),
        reverse: f.pKw !== null && f.pKw < 0,
      })),
    [model.feeders],
  );
  // A substation's flow from its feeders' live P against its rating (the live core carries feeders, not its head).
  const schematicSubs = useMemo(
    () =>
      config.substations.map((s) => {
        // A 220 kV station feeds no 10 kV feeder directly: it carries its province's.
        const own = config.feeders.some((f) => f.substationId === s.id);
        const live = model.feeders.filter(
          (f) => (own ? f.substationId === s.id : f.province === s.province) && f.live && f.pKw !== null,
        );
        const pKw = live.reduce((a, f) => a + Math.abs(f.pKw ?? 0), 0);
        const pct = live.length ? (pKw / (s.ratedMva * 1000)) * 100 : null;
        return { id: s.id, band: flowBand(pct), widthStep: widthStep(pct), live: live.length > 0 };
      }),
    [config, model.feeders],
  );
  // More feeders than the schematic can show legibly: drawn at substation level.
  const bySubstation = config.feeders.length > SCHEMATIC_MAX_FEEDERS;
  const schematicConfig = useMemo(() => (bySubstation ? { ...config, feeders: [] } : config), [config, bySubstation]);
  const drawnFeeders = bySubstation ? NO_FEEDERS : schematicFeeders;
  const animateFlow = active && !reducedMotion;
  const key = `${schematicKey(drawnFeeders, schematicSubs)}|${animateFlow}|${lang}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt only when the quantised picture (key) changes
  const schematicOption = useMemo(
    () =>
      buildSchematicOption({
        config: schematicConfig,
        feeders: drawnFeeders,
        substations: schematicSubs,
        lang,
        labels: {
          heavy: tw(lang, 'state.heavy'),
          overload: tw(lang, 'state.overload'),
          noData: tw(lang, 'state.noData'),
          sc: config.provinces.find((p) => p.id === 'sc')?.name[lang] ?? 'SC',
          cq: config.provinces.find((p) => p.id === 'cq')?.name[lang] ?? 'CQ',
        },
        palette: chartPalette(),
        animateFlow,
      }),
    [key, schematicConfig],
  );

  // During an outage no feeder is live: keep the last good ranking (the panel greys and says since when).
  const lastTop = useRef<ReturnType<typeof topLoadedFeeders>>([]);
  const liveTop = topLoadedFeeders(model.feeders, 10);
  if (liveTop.length) lastTop.current = liveTop;
  const top = liveTop.length ? liveTop : lastTop.current;
  const alarms = model.feeders.filter(
    (f): f is (typeof model.feeders)[number] & { state: 'heavy' | 'overload' } =>
      f.live && (f.state === 'heavy' || f.state === 'overload'),
  );

  return (
    <div className={styles.sceneSupply}>
      <WallPanel
        name="schematic"
        title={tw(lang, 'supply.schematic')}
        state={model.states.schematic}
        className={styles.areaSchematic}
        aside={
          <span className={styles.legend} aria-hidden="false">
            <span style={{ color: 'var(--state-normal)' }}>● {tw(lang, 'state.normal')}</span>
            <span style={{ color: 'var(--state-heavy)' }}>▲ {tw(lang, 'state.heavy')}</span>
            <span style={{ color: 'var(--state-overload)' }}>◆ {tw(lang, 'state.overload')}</span>
            <span style={{ color: 'var(--state-stale)' }}>○ {tw(lang, 'state.noData')}</span>
          </span>
        }
      >
        <WallChart option={schematicOption} testId="wall-schematic" ariaLabel={tw(lang, 'supply.schematic')} />
        <p className={styles.alarmStrip} data-testid="wall-alarms">
          <strong>{tw(lang, 'supply.alarms')}：</strong>
          {alarms.length === 0 ? tw(lang, 'supply.noAlarms') : null}
          {/* Privacy (config.privacy.maskAlarmDetailsOnWall): the public wall names only the feeder, its state and
              whether a dispatcher has acknowledged it — never who, never a note. */}
          {alarms.slice(0, 6).map((f) => {
            const mark = model.alarmMarks.get(f.id);
            const masked = config.privacy.maskAlarmDetailsOnWall;
            return (
              <span
                key={f.id}
                className={styles.alarmItem}
                data-testid="wall-alarm"
                data-feeder={f.id}
                data-alarm-id={mark?.alarmId}
                data-acknowledged={mark ? mark.acknowledged : undefined}
              >
                {`${f.state === 'overload' ? '◆' : '▲'} ${f.name[lang]} ${loadingStateLabel(lang, f.state)}${
                  masked ? '' : ` ${formatNumber(f.loadingPct, lang, { decimals: 0 })}%`
                }`}
                {mark?.acknowledged ? (
                  <span className={styles.alarmAcked} data-testid="wall-alarm-acked">
                    {' '}
                    ✓{' '}
                    {masked || mark.ackAtMs === null
                      ? tw(lang, 'supply.acked')
                      : tw(lang, 'supply.ackedAt', { time: formatHourMinute(mark.ackAtMs) })}
                  </span>
                ) : null}
              </span>
            );
          })}
          {alarms.length > 6 ? ` …+${alarms.length - 6}` : null}
        </p>
      </WallPanel>
      <DayCurvePanel
        model={model}
        name="dayLoad"
        title={tw(lang, 'supply.dayLoad')}
        className={styles.areaDayLoad}
        curve="consumptionKw"
        color={chartPalette().load}
        unit="MW"
        peak={model.kpis.peakToday}
        testId="wall-day-load"
      />
      <WallPanel
        name="topFeeders"
        title={tw(lang, 'supply.top')}
        state={model.states.topFeeders}
        className={styles.areaTop}
      >
        <ol className={styles.topList} data-testid="wall-top-feeders">
          {top.map((f) => {
            const pct = f.loadingPct ?? 0;
            const state = f.state ?? 'normal';
            return (
              <li key={f.id} data-state={state}>
                <span className={styles.topName}>{f.name[lang]}</span>
                <span className={styles.topBar} aria-hidden="true">
                  <span style={{ width: `${Math.min(100, Math.max(0, pct))}%` }} />
                </span>
                <span className={`${styles.topPct} num`}>{formatNumber(f.loadingPct, lang, { decimals: 0 })}%</span>
                <span className={styles.topState}>
                  {STATE_GLYPH[state]} {loadingStateLabel(lang, state)}
                </span>
                <span className={`${styles.topMw} num`}>{formatPower(f.pKw, lang).text}</span>
              </li>
            );
          })}
        </ol>
      </WallPanel>
    </div>
  );
}

/** Hidden scenes do not re-render: they keep their last picture until they come round again. */
export const SupplyScene = memo(SupplySceneImpl, (a, b) => !a.active && !b.active);
