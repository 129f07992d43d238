/**
 * The area's today and yesterday from the history service (GET /api/today), for the public screens' curves: fetched
 * on mount, every 5 minutes (within 30 s while it could not answer) and at each new day. Today's energies are not
 * taken from here: the live core counts them on the server since midnight.
 */
import { useEffect, useState } from 'react';
import type { HistoryClient, TodayResponse } from '../history/history-client';
import { historyWarner, TODAY_REFRESH_MS } from '../history/use-today-history';

const TODAY_RETRY_MS = 30_000;

export interface AreaTodayHistory {
  /** The area's today and yesterday (curves); null until it answered or when it could not. */
  area: TodayResponse | null;
  status: 'loading' | 'ok' | 'unavailable';
}

/** The area's /api/today, kept fresh and refetched at each new day (`dayStartMs` is the trigger). */
export function useAreaToday(client: HistoryClient, dayStartMs: number, who: string): AreaTodayHistory {
  const [state, setState] = useState<AreaTodayHistory>({ area: null, status: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: dayStartMs is a trigger: a new day refetches today's curves
  useEffect(() => {
    const ctl = new AbortController();
    const warn = historyWarner(who, ctl.signal);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const loop = async () => {
      const area = await client.today('area', ctl.signal).catch((e: unknown) => {
        warn('today area', e);
        return null;
      });
      if (ctl.signal.aborted) return;
      setState({ area, status: area ? 'ok' : 'unavailable' });
      timer = setTimeout(loop, area ? TODAY_REFRESH_MS : TODAY_RETRY_MS);
    };
    void loop();
    return () => {
      ctl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [client, dayStartMs, who]);
  return state;
}
