/**
 * The scenes' shared pieces: a big tweened figure with its unit and note, and a "today against yesterday" curve panel
 * (its option rebuilt when the curves, the day, the clock or the language change).
 */
import { type ReactNode, useMemo } from 'react';
import { chartPalette } from '../../ui/charts/chart-theme';
import { numberFormatter } from '../../ui/format/number';
import { buildDayCurveOption } from './day-curve-option';
import { TweenNumber } from './TweenNumber';
import { HistoryNote, useWallEnv, WallChart, WallPanel } from './WallPanel';
import type { WallAccent } from './WallTile';
import styles from './wall.module.css';
import { tw } from './wall-messages';
import type { WallModel } from './wall-model';

export function BigFigure({
  accent,
  label,
  value,
  unit,
  decimals,
  note,
  testId,
}: {
  accent: WallAccent;
  label?: string;
  value: number | null;
  unit?: ReactNode;
  /** As numberFormatter: omitted, the formatter picks. */
  decimals?: number;
  note?: ReactNode;
  testId: string;
}) {
  const { lang, reducedMotion } = useWallEnv();
  return (
    <div className={styles.bigFigure} data-accent={accent}>
      {label === undefined ? null : <span className={styles.bigLabel}>{label}</span>}
      <span className={styles.bigValue}>
        <TweenNumber
          className="num"
          value={value}
          format={numberFormatter(lang, decimals)}
          reducedMotion={reducedMotion}
          testId={testId}
        />
        {unit === undefined ? null : <small>{unit}</small>}
      </span>
      {note === undefined ? null : <span className={styles.bigNote}>{note}</span>}
    </div>
  );
}

type CurveName = keyof WallModel['curves'];

/**
 * What a day curve draws, as a key: the minute of the clock (the "now" line and the running minute's point) and how
 * many points each line has. The model hands over new arrays every second; redrawing a 1,440-point chart each second
 * for a point that moves once a minute kept the main thread busy for nothing.
 */
export function dayCurveKey(
  today: readonly [number, number | null][],
  yesterday: readonly [number, number | null][],
  nowMs: number,
): string {
  const drawn = (pts: readonly [number, number | null][]) => pts.reduce((n, [, v]) => (v === null ? n : n + 1), 0);
  return `${Math.floor(nowMs / 60_000)}|${today.length}:${drawn(today)}|${yesterday.length}:${drawn(yesterday)}`;
}

export function DayCurvePanel({
  model,
  name,
  title,
  className,
  curve,
  color,
  unit,
  unitDivisor,
  peak = null,
  testId,
}: {
  model: WallModel;
  name: keyof WallModel['states'];
  title: string;
  className: string | undefined;
  curve: CurveName;
  color: string;
  unit: 'MW' | 'kW';
  unitDivisor?: number;
  peak?: { kw: number; atMs: number } | null;
  testId: string;
}) {
  const { lang } = useWallEnv();
  const { curves, dayStartMs, nowMs } = model;
  const { today, yesterday } = curves[curve];
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt only when the drawn picture changes (key)
  const option = useMemo(
    () =>
      buildDayCurveOption({
        dayStartMs,
        nowMs,
        today,
        yesterday,
        peak,
        labels: { today: tw(lang, 'today'), yesterday: tw(lang, 'yesterday'), unit, peak: tw(lang, 'peak') },
        color,
        palette: chartPalette(),
        unitDivisor,
      }),
    [dayCurveKey(today, yesterday, nowMs), dayStartMs, peak?.kw, peak?.atMs, lang, color, unit, unitDivisor],
  );
  return (
    <WallPanel
      name={name}
      title={title}
      state={model.states[name]}
      className={className}
      aside={<HistoryNote status={model.historyStatus} />}
    >
      <WallChart option={option} testId={testId} ariaLabel={title} />
    </WallPanel>
  );
}
