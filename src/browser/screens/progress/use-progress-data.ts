/** React state around loadProgress: one load per period (and per retry), the previous result kept while reloading. */
import { useEffect, useState } from 'react';
import { type HistoryClient, HistoryError } from '../../history/history-client';
import type { Period } from './period';
import { type BusDepots, type LoadedProgress, loadProgress } from './progress-data';

export interface ProgressDataState {
  /** The latest successful load (possibly of an earlier period while a new one loads). */
  data: LoadedProgress | null;
  loading: boolean;
  error: HistoryError | null;
}

export function useProgressData(
  client: HistoryClient,
  period: Period,
  busDepots: BusDepots,
  reloadKey: number,
): ProgressDataState {
  const [state, setState] = useState<ProgressDataState>({ data: null, loading: true, error: null });
  const { kind, fromMs, toMs } = period;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey is the retry trigger; the period is its fields
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    loadProgress(client, { kind, fromMs, toMs }, busDepots, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, loading: false, error: null });
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        const error = e instanceof HistoryError ? e : new HistoryError('http', (e as Error).message ?? String(e));
        setState((s) => ({ ...s, loading: false, error }));
      },
    );
    return () => controller.abort();
  }, [client, kind, fromMs, toMs, busDepots, reloadKey]);
  return state;
}
