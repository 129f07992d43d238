/**
 * A KPI tile of the wall: label, a big tweened number with its unit, and one line below. When the data behind it is
 * late the tile greys out and the line says "数据延迟 / Data delayed" with the time up to which the figure is complete;
 * before any data arrives it shows a dash and says it is waiting. State is always in words, never colour alone.
 */
import { type ReactNode, useRef } from 'react';
import type { Lang } from '../../../core/lang';
import { formatClock } from '../../../core/time/shanghai';
import { TweenNumber } from './TweenNumber';
import styles from './wall.module.css';
import type { TileState } from './wall-figures';
import { deviceKindLabel, tw } from './wall-messages';

export type WallAccent = 'load' | 'pv' | 'clean' | 'carbon' | 'ev';

interface Props {
  id: string;
  label: string;
  accent: WallAccent;
  value: number | null;
  format: (x: number) => string;
  unit: string;
  sub?: ReactNode;
  /** Shown instead of the number (e.g. "57 / 286" needs its own markup). */
  valueNode?: ReactNode;
  state: TileState;
  lang: Lang;
  /** Suppress the per-tile note (while the connection banner already says it). */
  quietDelay?: boolean;
  reducedMotion: boolean;
}

export function delayedText(state: TileState, lang: Lang): string | null {
  if (state.kind !== 'delayed') return null;
  if (state.service)
    return tw(lang, 'delayedService', { time: state.lastGoodMs === null ? '—' : formatClock(state.lastGoodMs) });
  const who = state.late.map((l) => `${deviceKindLabel(lang, l.kind)} ${l.count}/${l.configured}`).join('、');
  return state.lastGoodMs === null
    ? tw(lang, 'delayedNoTime', { who })
    : tw(lang, 'delayedNote', { who, time: formatClock(state.lastGoodMs) });
}

export function WallTile(p: Props) {
  const delayed = p.state.kind === 'delayed';
  // A delayed tile keeps showing its last good value, greyed, rather than a dash: the note says how old it is.
  const lastGood = useRef<number | null>(null);
  if (p.value !== null && Number.isFinite(p.value)) lastGood.current = p.value;
  const shown = p.value ?? (delayed ? lastGood.current : null);
  const note = delayed ? (p.quietDelay ? tw(p.lang, 'delayedShort') : delayedText(p.state, p.lang)) : null;
  return (
    <section
      className={styles.tile}
      data-accent={p.accent}
      data-state={p.state.kind}
      data-testid={`wall-kpi-${p.id}`}
      aria-label={p.label}
    >
      <h2 className={styles.tileLabel}>{p.label}</h2>
      <p className={styles.tileValueLine}>
        {p.valueNode ?? (
          <TweenNumber
            className={`${styles.tileValue} num`}
            value={shown}
            format={p.format}
            reducedMotion={p.reducedMotion}
            testId={`wall-kpi-${p.id}-value`}
          />
        )}
        <span className={styles.tileUnit}>{p.unit}</span>
      </p>
      {note ? (
        <p className={styles.tileDelayed} role="status" data-testid={`wall-kpi-${p.id}-delayed`}>
          <span aria-hidden="true">◔ </span>
          {note}
        </p>
      ) : p.state.kind === 'waiting' ? (
        <p className={styles.tileSub}>{tw(p.lang, 'waiting')}</p>
      ) : (
        <p className={styles.tileSub}>{p.sub}</p>
      )}
    </section>
  );
}
