/**
 * What the history service knows of today, for the dispatcher console: every feeder's peak and last hour (one request,
 * /api/devices/today) and each province's consumption since yesterday's midnight (/api/today). Fetched on load and
 * refreshed every few minutes; when the service cannot be reached the last good answer is kept and `status` says
 * `unavailable`, so the screen goes on from live data and says so in a small note.
 */
import { useEffect, useState } from 'react';
import { createHistoryClient } from '../../history/history-client';
import type { Pairs } from './dispatch-charts';
import { consumptionFromToday, historyPeaksFrom, type SparkSeed, sparkSeedFrom } from './dispatch-history';
import type { DailyPeak } from './dispatch-rows';

export const HISTORY_REFRESH_MS = 5 * 60_000;
/** Sooner after a failure: a service restarting should not leave the screen live-only for five minutes. */
export const HISTORY_RETRY_MS = 60_000;

export interface DispatchHistory {
  status: 'loading' | 'ok' | 'unavailable';
  /** The service's clock at its last complete answer (what "history as of" means on screen). */
  asOfMs: number | null;
  /** Why the last attempt failed (for a tooltip), or null. */
  error: string | null;
  feederPeaks: ReadonlyMap<string, DailyPeak> | null;
  spark: SparkSeed | null;
  area: { sc: Pairs; cq: Pairs } | null;
}

export const INITIAL_DISPATCH_HISTORY: DispatchHistory = {
  status: 'loading',
  asOfMs: null,
  error: null,
  feederPeaks: null,
  spark: null,
  area: null,
};

export function useDispatchHistory(baseUrl: string, refreshMs = HISTORY_REFRESH_MS): DispatchHistory {
  const [state, setState] = useState<DispatchHistory>(INITIAL_DISPATCH_HISTORY);
  useEffect(() => {
    const client = createHistoryClient(baseUrl);
    let stopped = false;
    let ctrl: AbortController | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      ctrl = new AbortController();
      const [feeders, sc, cq] = await Promise.allSettled([
        client.devicesToday('feeder', ctrl.signal),
        client.today('sc', ctrl.signal),
        client.today('cq', ctrl.signal),
      ]);
      if (stopped) return;
      const failure = [feeders, sc, cq].find((r) => r.status === 'rejected');
      setState((prev) => ({
        status: failure ? 'unavailable' : 'ok',
        error: failure ? String((failure.reason as Error)?.message ?? failure.reason) : null,
        asOfMs: failure ? prev.asOfMs : feeders.status === 'fulfilled' ? feeders.value.nowMs : prev.asOfMs,
        feederPeaks:
          feeders.status === 'fulfilled'
            ? historyPeaksFrom(prev.feederPeaks ?? undefined, feeders.value)
            : prev.feederPeaks,
        spark: feeders.status === 'fulfilled' ? sparkSeedFrom(feeders.value) : prev.spark,
        area:
          sc.status === 'fulfilled' && cq.status === 'fulfilled'
            ? { sc: consumptionFromToday(sc.value), cq: consumptionFromToday(cq.value) }
            : prev.area,
      }));
      timer = setTimeout(() => void load(), failure ? Math.min(refreshMs, HISTORY_RETRY_MS) : refreshMs);
    };
    void load();
    return () => {
      stopped = true;
      ctrl?.abort();
      clearTimeout(timer);
    };
  }, [baseUrl, refreshMs]);
  return state;
}
