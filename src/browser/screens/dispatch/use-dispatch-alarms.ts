/**
 * The dispatcher's alarms: the server's (the live service runs the rule engine, always; server-alarms.ts), and
 * acknowledgements made on the live service (alarm-ack-client.ts).
 *
 * - The list is the live service's retained one, so a reload shows the same alarms, start times and acknowledgements.
 * - An acknowledgement is shown at once, marked "not shared" (未同步) until the service answers. The service's answer
 *   is final when it says no (404: no such alarm, 409: already cleared, 400) and the screen says so in words; when the
 *   service cannot be reached the acknowledgement stays pending (also in localStorage) and is sent again every few
 *   seconds.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Alarm } from '../../../core/domain/alarms/types';
import { type AckOutcome, postAlarmAck } from '../../live/alarm-ack-client';
import type { LiveServicePresence } from '../../live/live-status-store';
import { useRuntime } from '../../live/runtime-context';
import { useLiveAlarms, useLiveServicePresence } from '../../live/use-live-alarms';
import { useIncremental } from '../../ui/hooks/use-incremental';
import { useLatest } from '../../ui/hooks/use-latest';
import {
  ackToShow,
  EMPTY_SERVER_ALARMS,
  type LocalAck,
  nextServerAlarms,
  type ServerAlarm,
  type ServerAlarmsView,
} from './server-alarms';

export type { LocalAck } from './server-alarms';

export type AckSyncState = 'unknown' | 'ok' | 'error';

/** What the service said no to, for the message beside the alarm list. */
export interface AckRefusal {
  alarmId: string;
  kind: 'not-found' | 'cleared' | 'rejected';
  detail: string | null;
}

export const ACK_RETRY_MS = 2_000;
const PENDING_KEY = 'gaozhu.dispatch.pendingAcks.v2';

function loadPending(): Map<string, LocalAck> {
  try {
    const raw = globalThis.localStorage?.getItem(PENDING_KEY);
    const list = raw ? (JSON.parse(raw) as LocalAck[]) : [];
    if (!Array.isArray(list)) return new Map();
    return new Map(
      list
        .filter((a) => typeof a?.alarmId === 'string' && typeof a.by === 'string' && typeof a.atMs === 'number')
        .map((a) => [a.alarmId, { alarmId: a.alarmId, by: a.by, note: a.note ?? '', atMs: a.atMs, shared: false }]),
    );
  } catch {
    return new Map();
  }
}
function savePending(acks: ReadonlyMap<string, LocalAck>): void {
  try {
    globalThis.localStorage?.setItem(PENDING_KEY, JSON.stringify([...acks.values()]));
  } catch {
    /* storage unavailable: pending acks last for this session */
  }
}

export interface DispatchAlarms {
  active: readonly ServerAlarm[];
  cleared: readonly ServerAlarm[];
  ackOf: (alarm: Alarm) => LocalAck | null;
  /** `by`: today the name typed on this browser; sign-in will take it over (the signed-in user acknowledges). */
  acknowledge: (alarm: Alarm, by: string) => void;
  syncState: AckSyncState;
  refusal: AckRefusal | null;
  dismissRefusal: () => void;
  /** Newest critical alarm that called for attention since the page opened, not yet dismissed or acknowledged. */
  attention: ServerAlarm | null;
  dismissAttention: () => void;
  /** The live service has published its list at least once. */
  received: boolean;
  /** Whether the service that raises and clears alarms is there: when it is not, the list is only "as of" then. */
  service: LiveServicePresence;
}

const without = <V>(m: ReadonlyMap<string, V>, id: string): Map<string, V> => {
  const next = new Map(m);
  next.delete(id);
  return next;
};

export function useDispatchAlarms(): DispatchAlarms {
  const rt = useRuntime();
  const baseUrl = rt.runtime.historyBaseUrl;
  const { latest } = useLiveAlarms();
  const service = useLiveServicePresence();
  const view: ServerAlarmsView = useIncremental(
    () => EMPTY_SERVER_ALARMS,
    [latest],
    (prev) => (latest ? nextServerAlarms(prev, latest) : prev),
  );

  const [attention, setAttention] = useState<ServerAlarm | null>(null);
  useEffect(() => {
    const first = view.attention[0];
    if (first) setAttention(first);
  }, [view.attention]);

  const [pending, setPending] = useState<Map<string, LocalAck>>(loadPending);
  // Answered by the service but not yet in a published list (it arrives within a second).
  const [answered, setAnswered] = useState<Map<string, LocalAck>>(() => new Map());
  const [syncState, setSyncState] = useState<AckSyncState>('unknown');
  const [refusal, setRefusal] = useState<AckRefusal | null>(null);
  useEffect(() => savePending(pending), [pending]);

  const onOutcome = useCallback((ack: LocalAck, outcome: AckOutcome) => {
    if (outcome.kind === 'unreachable') {
      setSyncState('error');
      return;
    }
    setSyncState('ok');
    setPending((m) => (m.has(ack.alarmId) ? without(m, ack.alarmId) : m));
    if (outcome.kind === 'ok') {
      const a = outcome.alarm.ack;
      const shown = a ? { alarmId: ack.alarmId, ...a, shared: true } : { ...ack, shared: true };
      setAnswered((m) => new Map(m).set(ack.alarmId, shown));
    } else {
      setRefusal({
        alarmId: ack.alarmId,
        kind: outcome.kind,
        detail: outcome.kind === 'rejected' ? outcome.detail : null,
      });
    }
  }, []);

  // Pending acknowledgements are sent at once, and again every few seconds while the service is unreachable (or
  // after a reload); one request per alarm at a time.
  const pendingRef = useLatest(pending);
  const inFlight = useRef(new Set<string>());
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const sendPending = useCallback(() => {
    for (const a of pendingRef.current.values()) {
      if (inFlight.current.has(a.alarmId)) continue;
      inFlight.current.add(a.alarmId);
      void postAlarmAck(baseUrl, a.alarmId, { by: a.by, note: a.note ?? '' }).then((o) => {
        inFlight.current.delete(a.alarmId);
        if (mounted.current) onOutcome(a, o);
      });
    }
  }, [baseUrl, onOutcome]);
  useEffect(() => {
    if (pending.size > 0) sendPending();
  }, [pending, sendPending]);
  const hasPending = pending.size > 0;
  useEffect(() => {
    if (!hasPending) return;
    const id = setInterval(sendPending, ACK_RETRY_MS);
    return () => clearInterval(id);
  }, [hasPending, sendPending]);

  // Answers the published list has caught up with are no longer needed.
  useEffect(() => {
    setAnswered((m) => {
      if (m.size === 0) return m;
      const stillNeeded = new Map([...m].filter(([id]) => view.active.some((a) => a.id === id && !a.ack)));
      return stillNeeded.size === m.size ? m : stillNeeded;
    });
  }, [view.active]);

  const ackOf = useCallback((alarm: Alarm) => ackToShow(alarm, answered, pending), [answered, pending]);

  const acknowledge = useCallback(
    (alarm: Alarm, by: string) => {
      const local: LocalAck = { alarmId: alarm.id, by, note: '', atMs: rt.clock.now(), shared: false };
      setAttention((a) => (a?.id === alarm.id ? null : a));
      setRefusal(null);
      // Shown at once, marked not shared until the service answers (sent by the effect above).
      setPending((m) => new Map(m).set(alarm.id, local));
    },
    [rt],
  );

  // The banner goes when its alarm is acknowledged (here or elsewhere) or clears.
  const shownAttention =
    attention && view.active.some((a) => a.id === attention.id && !ackToShow(a, answered, pending)) ? attention : null;

  const dismissAttention = useCallback(() => setAttention(null), []);
  const dismissRefusal = useCallback(() => setRefusal(null), []);

  return {
    active: view.active,
    cleared: view.cleared,
    ackOf,
    acknowledge,
    syncState,
    refusal,
    dismissRefusal,
    attention: shownAttention,
    dismissAttention,
    received: latest !== null,
    service,
  };
}
