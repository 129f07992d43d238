/**
 * Polls the history service's shared alarm acknowledgements (GET /api/alarms/acks, the last 24 h) every `periodMs`,
 * for every screen that shows them: the dispatcher console (which also sends its pending ones first, `beforePoll`) and
 * the wall (read-only). Callbacks are read through refs, so passing new functions does not restart the polling.
 */
import { useEffect, useRef } from 'react';
import type { AlarmAck } from '../../core/domain/alarms/types';
import { fetchAcks } from './acks-client';

const DAY_MS = 86_400_000;

export interface AckPollOptions {
  baseUrl: string;
  periodMs: number;
  /** The data clock, ms (acknowledgements since 24 h before it are fetched). */
  nowMs: () => number;
  onAcks: (acks: AlarmAck[]) => void;
  /** Runs before each fetch (e.g. to send acknowledgements made while the service was unreachable); may throw. */
  beforePoll?: (signal: AbortSignal) => Promise<void>;
  onSync?: (state: 'ok' | 'error') => void;
}

export function useAckPoll(opts: AckPollOptions): void {
  const ref = useRef(opts);
  ref.current = opts;
  const { baseUrl, periodMs } = opts;

  useEffect(() => {
    let stopped = false;
    const ctrl = new AbortController();
    const poll = async () => {
      const o = ref.current;
      try {
        await o.beforePoll?.(ctrl.signal);
        const list = await fetchAcks(baseUrl, o.nowMs() - DAY_MS, ctrl.signal);
        if (stopped) return;
        o.onAcks(list);
        o.onSync?.('ok');
      } catch {
        if (!stopped && !ctrl.signal.aborted) o.onSync?.('error');
      }
    };
    void poll();
    const id = setInterval(poll, periodMs);
    return () => {
      stopped = true;
      ctrl.abort();
      clearInterval(id);
    };
  }, [baseUrl, periodMs]);
}
