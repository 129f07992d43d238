/** React state around GET /api/reliability/monthly for the year of the shown period (and per retry). */
import { useEffect, useState } from 'react';
import { type HistoryClient, HistoryError, type ReliabilityMonthlyResponse } from '../../history/history-client';

export interface ReliabilityYearState {
  data: ReliabilityMonthlyResponse | null;
  loading: boolean;
  error: HistoryError | null;
}

export function useReliabilityYear(client: HistoryClient, year: number, reloadKey: number): ReliabilityYearState {
  const [state, setState] = useState<ReliabilityYearState>({ data: null, loading: true, error: null });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey is the retry trigger
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    client.reliabilityMonthly(year, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, loading: false, error: null });
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        const error = e instanceof HistoryError ? e : new HistoryError('http', (e as Error).message ?? String(e));
        setState({ data: null, loading: false, error });
      },
    );
    return () => controller.abort();
  }, [client, year, reloadKey]);
  return state;
}
