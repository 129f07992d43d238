/**
 * 保供 Supply: the grid schematic with power flowing (and any outage drawn on it as it happens), this year's supply
 * reliability against the area's targets, today's area load against yesterday's, the ten most loaded feeders.
 */

import { memo, useMemo, useRef } from 'react';
import type { AreaConfig } from '../../../core/config/area-schema';
import { formatHourMinute } from '../../../core/time/shanghai';
import { liveFiguresStopped } from '../../live/live-core-store';
import type { ReliabilitySnapshot } from '../../live/live-reliability-store';
import { chartPalette } from '../../ui/charts/chart-theme';
import { formatNumber, formatPower } from '../../ui/format/number';
import { reliabilityBasis, type WallFigure, type WallReliabilityView, wallReliabilityView } from './reliability-view';
import { SchematicFlowDots } from './SchematicFlowDots';
import {
  buildSchematicPicture,
  flowBand,
  isCrowded,
  outageKey,
  SCHEMATIC_MAX_FEEDERS,
  schematicKey,
  widthStep,
} from './schematic-option';
import { stationLoadings } from './station-loading';
import { DayCurvePanel } from './WallFigures';
import { ScenePanel, useWallEnv, WallChart, WallPanel } from './WallPanel';
import styles from './wall.module.css';
import { topLoadedFeeders } from './wall-figures';
import { loadingStateLabel, tw } from './wall-messages';
import type { WallModel } from './wall-model';

interface Props {
  model: WallModel;
  config: AreaConfig;
  active: boolean;
  reliability: ReliabilitySnapshot;
}

const STATE_GLYPH = { normal: '●', heavy: '▲', overload: '◆' } as const;
const NO_FEEDERS: never[] = [];

function SupplySceneImpl({ model, config, active, reliability }: Props) {
  const { lang, reducedMotion } = useWallEnv();
  const serviceSilent = liveFiguresStopped(model.snapshot.health);
  const rel = useMemo(
    () => wallReliabilityView(reliability, config, lang, serviceSilent),
    [reliability, config, lang, serviceSilent],
  );

  // More feeders than the schematic can show legibly: drawn at substation level, and the feeders not mapped at all.
  const bySubstation = config.feeders.length > SCHEMATIC_MAX_FEEDERS;
  const drawnFeeders = useMemo(
    () =>
      bySubstation
        ? NO_FEEDERS
        : model.feeders.map((f) => ({
            id: f.id,
            // Held at a last good value is not live: drawn ○ like no data (the panel says since when).
            state: f.live ? f.state : null,
            band: flowBand(f.loadingPct),
            widthStep: widthStep(f.loadingPct),
            reverse: f.pKw !== null && f.pKw < 0,
          })),
    [model.feeders, bySubstation],
  );
  // A substation's flow from its feeders' live P against its rating (the live core carries feeders, not its head).
  const schematicSubs = useMemo(() => {
    const loadings = stationLoadings(config, model.feeders);
    // Crowded, a station is drawn by whether it is live only (no flow dots, one line width): the picture, and the
    // key it is rebuilt by, change only when a station goes live or silent.
    const crowd = isCrowded(config.substations);
    return config.substations.map((s) => {
      const l = loadings.get(s.id);
      const pct = crowd ? null : (l?.loadingPct ?? null);
      return { id: s.id, band: flowBand(pct), widthStep: widthStep(pct), live: (l?.liveFeeders ?? 0) > 0 };
    });
  }, [config, model.feeders]);
  const schematicConfig = useMemo(() => (bySubstation ? { ...config, feeders: [] } : config), [config, bySubstation]);
  const animateFlow = active && !reducedMotion;
  const outages = bySubstation ? NO_FEEDERS : rel.schematic;
  const key = `${schematicKey(drawnFeeders, schematicSubs)}|${outageKey(outages)}|${lang}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt only when the quantised picture (key) changes
  const schematic = useMemo(
    () =>
      buildSchematicPicture({
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
          out: tw(lang, 'rel.label.out'),
          tie: tw(lang, 'rel.label.tie'),
        },
        palette: chartPalette(),
        outages,
      }),
    [key, schematicConfig],
  );

  // During an outage no feeder is live: keep the last good ranking (the panel greys and says since when).
  const lastTop = useRef<ReturnType<typeof topLoadedFeeders>>([]);
  const liveTop = useMemo(() => topLoadedFeeders(model.feeders, 10), [model.feeders]);
  if (liveTop.length) lastTop.current = liveTop;
  const top = liveTop.length ? liveTop : lastTop.current;
  const alarms = model.feeders.filter(
    (f): f is (typeof model.feeders)[number] & { state: 'heavy' | 'overload' } =>
      f.live && (f.state === 'heavy' || f.state === 'overload'),
  );

  return (
    <div className={styles.sceneSupply}>
      <ScenePanel
        model={model}
        name="schematic"
        title={tw(lang, 'supply.schematic')}
        className={styles.areaSchematic}
        aside={
          <span className={`${styles.legend} ${rel.schematic.length ? styles.legendTight : ''}`} aria-hidden="false">
            <span style={{ color: 'var(--state-normal)' }}>● {tw(lang, 'state.normal')}</span>
            <span style={{ color: 'var(--state-heavy)' }}>▲ {tw(lang, 'state.heavy')}</span>
            <span style={{ color: 'var(--state-overload)' }}>◆ {tw(lang, 'state.overload')}</span>
            <span style={{ color: 'var(--state-stale)' }}>○ {tw(lang, 'state.noData')}</span>
            {rel.schematic.length ? (
              <>
                <span style={{ color: 'var(--state-stale)' }}>┅ {tw(lang, 'rel.legendOut')}</span>
                <span style={{ color: 'var(--state-normal)' }}>━ {tw(lang, 'rel.legendTie')}</span>
              </>
            ) : null}
          </span>
        }
      >
        <WallChart option={schematic.option} testId="wall-schematic" ariaLabel={tw(lang, 'supply.schematic')}>
          <SchematicFlowDots flows={schematic.flows} animate={animateFlow} />
        </WallChart>
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
        <OutageStrip rel={rel} />
      </ScenePanel>
      <ReliabilityPanel rel={rel} />
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
      <ScenePanel model={model} name="topFeeders" title={tw(lang, 'supply.top')} className={styles.areaTop}>
        <ol className={styles.topList} data-testid="wall-top-feeders">
          {top.map((f) => {
            const pct = f.loadingPct ?? 0;
            const state = f.state ?? 'normal';
            return (
              <li key={f.id} data-state={state}>
                <span className={styles.topName}>{f.name[lang]}</span>
                <span className={styles.topBar} aria-hidden="true">
                  <span style={{ transform: `scaleX(${Math.min(100, Math.max(0, pct)) / 100})` }} />
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
      </ScenePanel>
    </div>
  );
}

/** Outages in progress in words under the schematic (feeder and sections only: the public wall names no customer). */
function OutageStrip({ rel }: { rel: WallReliabilityView }) {
  const { lang } = useWallEnv();
  const shown = rel.lines.slice(0, 2);
  return (
    <p className={styles.outageStrip} data-testid="wall-outages" data-count={rel.lines.length}>
      {rel.lines.length === 0 ? (
        <span className={styles.outageNone}>{tw(lang, 'rel.none')}</span>
      ) : (
        shown.map((l) => (
          <span
            key={l.id}
            className={styles.outageItem}
            data-testid="wall-outage"
            data-feeder={l.feederId}
            data-state={l.state}
            data-cause={l.cause}
          >
            {l.text}
          </span>
        ))
      )}
      {rel.lines.length > shown.length ? (
        <span className={styles.outageMore}>{tw(lang, 'rel.more', { n: rel.lines.length - shown.length })}</span>
      ) : null}
      {rel.outagesStale ? <span className={styles.outageMore}>（{tw(lang, 'rel.outagesStale')}）</span> : null}
    </p>
  );
}

function RelFigure({ id, label, f }: { id: string; label: string; f: WallFigure }) {
  return (
    <div className={styles.relFigure} data-testid={`wall-rel-${id}`} data-verdict={f.verdict ?? undefined}>
      <span className={styles.relLabel}>{label}</span>
      <span className={styles.relValue}>
        <span className="num" data-testid={`wall-rel-${id}-value`}>
          {f.value}
        </span>
        {f.value === '—' ? null : <small>{f.unit}</small>}
      </span>
      <span className={styles.relSub}>{f.sub}</span>
    </div>
  );
}

/** This year's reliability against the targets; "waiting" or "delayed, as of" instead of a number that is not true. */
function ReliabilityPanel({ rel }: { rel: WallReliabilityView }) {
  const { lang } = useWallEnv();
  return (
    <WallPanel
      name="reliability"
      title={rel.year === null ? tw(lang, 'rel.titleNoYear') : tw(lang, 'rel.title', { year: rel.year })}
      state={rel.state}
      className={styles.areaReliability}
      aside={
        <span className={styles.relBasis}>
          {rel.state.kind === 'waiting' ? tw(lang, 'rel.waiting') : reliabilityBasis(lang)}
        </span>
      }
    >
      <div className={styles.relRow} data-testid="wall-reliability">
        <RelFigure id="rs1" label={tw(lang, 'rel.rs1')} f={rel.rs1} />
        <RelFigure id="saidi" label={tw(lang, 'rel.saidi')} f={rel.saidi} />
        <RelFigure id="healed" label={tw(lang, 'rel.selfHealed')} f={rel.selfHealed} />
        <RelFigure id="healing" label={tw(lang, 'rel.meanHealing')} f={rel.meanHealing} />
      </div>
    </WallPanel>
  );
}

/** Hidden scenes do not re-render: they keep their last picture until they come round again. */
export const SupplyScene = memo(SupplySceneImpl, (a, b) => !a.active && !b.active);
