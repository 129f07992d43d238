/** Small cell renderers of the dispatcher's tables. Each reads the language itself, so column definitions stay static. */
import { type CSSProperties, memo, useContext } from 'react';
import { formatHourMinute } from '../../../core/time/shanghai';
import { useTelemetryStore, useThresholdsInForce } from '../../live/runtime-context';
import { formatNumber } from '../../ui/format/number';
import { useLang } from '../../ui/i18n/lang-context';
import { t } from '../../ui/i18n/messages';
import styles from './dispatch.module.css';
import { mergeSparkline } from './dispatch-history';
import { type DeviceState, STATE_GLYPH, STATE_LABEL } from './dispatch-labels';
import { type DispatchMessageId, dt } from './dispatch-messages';
import { SparkSeedContext } from './spark-seed-context';

export function HeaderLabel({ id, unit }: { id: DispatchMessageId; unit?: string }) {
  const lang = useLang();
  return (
    <span className={styles.headerLabel}>
      {dt(lang, id)}
      {unit ? <span className={styles.headerUnit}> {unit}</span> : null}
    </span>
  );
}

/*
 * Table cells render as few elements as they can: with 10,000 devices every row that scrolls into view is created,
 * styled and laid out within a frame, so a number is a bare text node in its cell (the grid's cells set tabular
 * digits), the loading bar is one element drawn with CSS gradients, and a state's glyph is CSS generated content.
 */

export function NumCell({ value, decimals }: { value: number | null; decimals?: number }) {
  const lang = useLang();
  return <>{formatNumber(value, lang, { decimals })}</>;
}

export function TimeCell({ ms }: { ms: number | null }) {
  return <>{ms === null ? '—' : formatHourMinute(ms)}</>;
}

export function BilingualCell({ zh, en, sub }: { zh: string; en: string; sub?: string }) {
  const lang = useLang();
  return (
    <span className={styles.nameCell} title={sub ? `${zh} · ${en} · ${sub}` : `${zh} · ${en}`}>
      {lang === 'zh' ? zh : en}
    </span>
  );
}

export function ProvinceCell({ province }: { province: 'sc' | 'cq' }) {
  const lang = useLang();
  return (
    <span className={styles.province} data-province={province}>
      {t(lang, province === 'sc' ? 'sichuan' : 'chongqing')}
    </span>
  );
}

/** A state in word and glyph (never colour alone); `data-state` drives the colour. */
export function StateBadge({ state }: { state: DeviceState }) {
  const lang = useLang();
  return (
    <span className={styles.state} data-state={state} data-glyph={STATE_GLYPH[state]} data-testid="state-badge">
      {dt(lang, STATE_LABEL[state])}
    </span>
  );
}

/** Loading rate as a number and a bar; marks at the heavy and overload limits in force. */
export function LoadingBar({ pct, state }: { pct: number | null; state: string }) {
  const lang = useLang();
  const { heavyLoadingPct, overloadLoadingPct } = useThresholdsInForce();
  const scaleMax = 125;
  const w = pct === null ? 0 : Math.min(100, (Math.max(0, pct) / scaleMax) * 100);
  const track = {
    '--fill': `${w}%`,
    '--heavy': `${(heavyLoadingPct / scaleMax) * 100}%`,
    '--overload': `${(overloadLoadingPct / scaleMax) * 100}%`,
  } as CSSProperties;
  return (
    <span className={styles.loading}>
      {pct === null ? '—' : `${formatNumber(pct, lang, { decimals: 0 })}%`}
      <span className={styles.loadingTrack} data-state={state} style={track} aria-hidden />
    </span>
  );
}

const SPARK_W = 96;
const SPARK_H = 20;
const HOUR_MS = 3_600_000;

/**
 * Last hour of 1-minute means: the history service's minutes (SparkSeedContext) followed by the store's live ones.
 * Only rendered for the visible rows (virtualised), and memoised on the minute of the device's last sample, so it
 * redraws once a minute (and when a history refresh arrives), not every message.
 */
export const Sparkline = memo(function Sparkline({ id, minute: _minute }: { id: string; minute: number | null }) {
  const store = useTelemetryStore();
  const seed = useContext(SparkSeedContext);
  const kw = seed?.byId.get(id);
  const merged = mergeSparkline(
    seed && kw ? { fromMs: seed.fromMs, stepMs: seed.stepMs, kw } : undefined,
    // Read without subscribing: the row memo (minute of the last sample) decides when this redraws.
    store.getSnapshot().series.deviceMinutes(id),
    HOUR_MS,
  );
  if (!merged || merged.points.length < 2) return <span className={styles.sparkEmpty}>—</span>;
  const { endMs, points: pts } = merged;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const [, v] of pts) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min || 1;
  const x0 = endMs - HOUR_MS;
  const d = pts
    .map(
      ([ts, v], i) =>
        `${i ? 'L' : 'M'}${(((ts - x0) / HOUR_MS) * SPARK_W).toFixed(1)},${(SPARK_H - 1 - ((v - min) / span) * (SPARK_H - 2)).toFixed(1)}`,
    )
    .join('');
  return (
    <svg width={SPARK_W} height={SPARK_H} className={styles.spark} aria-hidden data-testid="sparkline">
      <path d={d} />
    </svg>
  );
});
