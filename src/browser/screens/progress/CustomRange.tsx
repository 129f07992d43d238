/** From and to dates of a custom period (last day included); applied only when both are real dates in order. */
import { useState } from 'react';
import type { Lang } from '../../../core/lang';
import { dayKey, nextDayStartMs } from '../../../core/time/shanghai';
import { type Period, parseDayKey } from './period';
import styles from './progress.module.css';
import { progressTr } from './progress-messages';

export function CustomRange({ period, lang, onGo }: { period: Period; lang: Lang; onGo: (p: Period) => void }) {
  const tr = progressTr(lang);
  const [fromKey, setFromKey] = useState(dayKey(period.fromMs));
  const [toKey, setToKey] = useState(dayKey(period.toMs - 1));
  const fromMs = parseDayKey(fromKey);
  const lastDayMs = parseDayKey(toKey);
  const valid = fromMs !== null && lastDayMs !== null && fromMs <= lastDayMs;
  return (
    <form
      className={styles.custom}
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onGo({ kind: 'custom', fromMs, toMs: nextDayStartMs(lastDayMs) });
      }}
    >
      <label>
        {tr('period.from')}{' '}
        <input type="date" value={fromKey} data-testid="custom-from" onChange={(e) => setFromKey(e.target.value)} />
      </label>
      <label>
        {tr('period.to')}{' '}
        <input type="date" value={toKey} data-testid="custom-to" onChange={(e) => setToKey(e.target.value)} />
      </label>
      <button type="submit" className={styles.button} disabled={!valid} data-testid="custom-apply">
        {tr('period.apply')}
      </button>
    </form>
  );
}
