/**
 * History for the feeder drill-down over the range the dispatcher picks (24 h at 1 min, 7 d at 15 min, 30 d at 1 h:
 * a few hundred to 1,440 points a curve), and the notice that says when it is loading, empty or down.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryStep } from '../../../core/contract/history-api';
import { createHistoryClient } from '../../history/history-client';
import { useLang } from '../../ui/i18n/lang-context';
import styles from './dispatch.module.css';
import type { Pairs } from './dispatch-charts';
import { dt } from './dispatch-messages';
import { previousDayWindow } from './previous-day';

export const DAY_MS = 86_400_000;

export const DRILL_RANGES = ['24h', '7d', '30d'] as const;
export type DrillRange = (typeof DRILL_RANGES)[number];
export const DRILL_RANGE: Record<DrillRange, { ms: number; step: HistoryStep }> = {
  '24h': { ms: DAY_MS, step: '1m' },
  '7d': { ms: 7 * DAY_MS, step: '15m' },
  '30d': { ms: 30 * DAY_MS, step: '1h' },
};

export type HistoryState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'empty' }
  | {
      status: 'ok';
      pKw: Pairs;
      iA: Pairs;
      uKv: Pairs;
      /** 24 h view only: P of the same hours one Beijing day earlier, as recorded (previous-day.ts aligns it). */
      previousDayPKw: Pairs;
    };

/** The range's history of a feeder, averaged per step; `reload` retries. */
export function useFeederHistory(baseUrl: string, feederId: string, nowMs: number, range: DrillRange = '24h') {
  const [state, setState] = useState<HistoryState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // The window is fixed when the panel opens (or on retry); the live tail covers what happens after.
  const toMs = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: nowMs is read once per feeder/attempt on purpose
  useEffect(() => {
    const ctrl = new AbortController();
    toMs.current = nowMs || Date.now();
    const client = createHistoryClient(baseUrl);
    const { ms, step } = DRILL_RANGE[range];
    const q = (metric: 'pKw' | 'iA' | 'uKv', fromMs = toMs.current - ms, to = toMs.current) =>
      client
        .series({ metric, entity: feederId, fromMs, toMs: to, step, agg: 'avg' }, ctrl.signal)
        .then((r) => r.points);
    const before = previousDayWindow(toMs.current - ms, toMs.current);
    // Without the day before (history too young, or that request failed) the view is today's curve alone.
    const previousDay: Promise<Pairs> =
      range === '24h' ? q('pKw', before.fromMs, before.toMs).catch(() => []) : Promise.resolve([]);
    setState({ status: 'loading' });
    Promise.all([q('pKw'), q('iA'), q('uKv'), previousDay])
      .then(([pKw, iA, uKv, previousDayPKw]) => {
        const any = pKw.some(([, v]) => v !== null);
        setState(any ? { status: 'ok', pKw, iA, uKv, previousDayPKw } : { status: 'empty' });
      })
      .catch((e: unknown) => {
        if (!ctrl.signal.aborted) setState({ status: 'error', message: (e as Error).message });
      });
    return () => ctrl.abort();
  }, [baseUrl, feederId, attempt, range]);
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
