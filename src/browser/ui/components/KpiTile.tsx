/**
 * A big live number with its unit and meaning. Accent colour says what it measures (load, PV, clean, carbon, EV);
 * when the data behind it is delayed the tile greys out and says so in words, with the time of its last good value.
 */
import type { ReactNode } from 'react';
import styles from './kpi-tile.module.css';

export type Accent = 'load' | 'pv' | 'clean' | 'carbon' | 'ev' | 'neutral';

interface Props {
  label: ReactNode;
  /** Formatted value; a dash when unknown. */
  value: string;
  unit?: string;
  accent: Accent;
  sub?: ReactNode;
  /** When set, the tile is shown as delayed with this note (e.g. "数据延迟 · 14:02:11"). */
  delayedNote?: ReactNode;
  testId?: string;
  size?: 'md' | 'lg';
}

export function KpiTile({ label, value, unit, accent, sub, delayedNote, testId, size = 'md' }: Props) {
  return (
    <section
      className={styles.tile}
      data-accent={accent}
      data-delayed={delayedNote ? 'true' : undefined}
      data-size={size}
      data-testid={testId}
    >
      <h3 className={styles.label}>{label}</h3>
      <p className={styles.valueLine}>
        <span className={`${styles.value} num`} data-testid={testId ? `${testId}-value` : undefined}>
          {value}
        </span>
        {unit ? <span className={styles.unit}>{unit}</span> : null}
      </p>
      {delayedNote ? (
        <p className={styles.delayed} role="status">
          ⏸ {delayedNote}
        </p>
      ) : sub ? (
        <p className={styles.sub}>{sub}</p>
      ) : null}
    </section>
  );
}
