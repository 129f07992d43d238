/**
 * Runs the alarm rule engine over the store and keeps acknowledgements shared with the other dispatch screens.
 *
 * - The engine (the shared `useAlarmEngine`, also behind the wall's alarm strip) runs on a 500 ms timer reading the
 *   latest snapshot (not on every frame): alarms need no faster pace, and with 10,000 devices this keeps the table's
 *   frames free.
 * - Acknowledgements are polled from the history service every few seconds (the shared `useAckPoll`); an
 *   acknowledgement made here is shown at once, POSTed, and kept locally (and in localStorage) marked "not shared"
 *   until the service takes it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { findAck, indexAcksByKey, parseAlarmId } from '../../../core/domain/alarms/acks';
import type { AlarmEvaluation } from '../../../core/domain/alarms/engine';
import type { Alarm, AlarmAck } from '../../../core/domain/alarms/types';
import { postAck } from '../../history/acks-client';
import { useAckPoll } from '../../history/use-ack-poll';
import { useAreaConfig, useRuntime } from '../../live/runtime-context';
import { useAlarmEngine } from '../../live/use-alarm-engine';

export interface LocalAck extends AlarmAck {
  /** false while only this screen knows it (service unreachable). */
  shared: boolean;
}

export type AckSyncState = 'unknown' | 'ok' | 'error';

export const ACK_POLL_MS = 2_000;
const PENDING_KEY = 'gaozhu.dispatch.pendingAcks.v1';

function loadPending(): LocalAck[] {
  try {
    const raw = globalThis.localStorage?.getItem(PENDING_KEY);
    const list = raw ? (JSON.parse(raw) as LocalAck[]) : [];
    return Array.isArray(list)
      ? list.filter((a) => typeof a.alarmId === 'string').map((a) => ({ ...a, shared: false }))
      : [];
  } catch {
    return [];
  }
}
function savePending(acks: Iterable<LocalAck>): void {
  try {
    globalThis.localStorage?.setItem(PENDING_KEY, JSON.stringify([...acks].filter((a) => !a.shared)));
  } catch {
    /* storage unavailable: pending acks last for this session */
  }
}

export interface DispatchAlarms {
  active: readonly Alarm[];
  cleared: readonly Alarm[];
  ackOf: (alarm: Alarm) => LocalAck | null;
  acknowledge: (alarm: Alarm, by: string) => void;
  syncState: AckSyncState;
  /** Newest critical alarm raised while this screen is open and not yet dismissed or acknowledged. */
  attention: Alarm | null;
  dismissAttention: () => void;
}

export function useDispatchAlarms(): DispatchAlarms {
  const rt = useRuntime();
  const area = useAreaConfig();
  const baseUrl = rt.runtime.historyBaseUrl;

  const [attention, setAttention] = useState<Alarm | null>(null);
  const onEngineChange = useCallback((r: AlarmEvaluation, startedAtMs: number) => {
    // Only alarms that begin while the screen is open call for attention; a page load is not an event.
    const fresh = r.raised.filter((a) => a.severity === 'critical' && a.startMs >= startedAtMs - 60_000);
    if (fresh.length) setAttention(fresh[0] as Alarm);
  }, []);
  const view = useAlarmEngine(rt.store, area, onEngineChange);

  // Acknowledgements: server ones (shared) merged with this screen's pending ones.
  const [acks, setAcks] = useState<Map<string, LocalAck>>(() => new Map(loadPending().map((a) => [a.alarmId, a])));
  const acksRef = useRef(acks);
  acksRef.current = acks;
  const [syncState, setSyncState] = useState<AckSyncState>('unknown');

  const sendPending = useCallback(
    async (signal?: AbortSignal) => {
      for (const a of acksRef.current.values()) {
        if (a.shared) continue;
        const saved = await postAck(baseUrl, { alarmId: a.alarmId, by: a.by }, signal);
        setAcks((m) => new Map(m).set(saved.alarmId, { ...saved, shared: true }));
      }
    },
    [baseUrl],
  );

  useAckPoll({
    baseUrl,
    periodMs: ACK_POLL_MS,
    nowMs: () => rt.store.getSnapshot().nowMs || rt.clock.now(),
    beforePoll: sendPending,
    onAcks: (list) =>
      setAcks((m) => {
        let changed = false;
        const next = new Map(m);
        for (const a of list) {
          const cur = next.get(a.alarmId);
          if (!cur?.shared) {
            next.set(a.alarmId, { ...a, shared: true });
            changed = true;
          }
        }
        return changed ? next : m;
      }),
    onSync: setSyncState,
  });

  useEffect(() => savePending(acks.values()), [acks]);

  // Index acks by rule+device key so matching is cheap per alarm.
  const byKey = useMemo(() => indexAcksByKey(acks.values()), [acks]);
  const lastClearedMs = view.lastClearedMs;
  const ackOf = useCallback(
    (alarm: Alarm): LocalAck | null => {
      if (acks.size === 0) return null;
      const key = parseAlarmId(alarm.id)?.key;
      return findAck(alarm, acks, byKey, key ? (lastClearedMs.get(key) ?? null) : null);
    },
    [acks, byKey, lastClearedMs],
  );

  const acknowledge = useCallback(
    (alarm: Alarm, by: string) => {
      const atMs = rt.store.getSnapshot().nowMs || rt.clock.now();
      const local: LocalAck = { alarmId: alarm.id, by, atMs, shared: false };
      setAcks((m) => new Map(m).set(alarm.id, local));
      setAttention((a) => (a?.id === alarm.id ? null : a));
      postAck(baseUrl, { alarmId: alarm.id, by })
        .then((saved) => {
          setAcks((m) => new Map(m).set(saved.alarmId, { ...saved, shared: true }));
          setSyncState('ok');
        })
        .catch(() => setSyncState('error'));
    },
    [baseUrl, rt],
  );

  const dismissAttention = useCallback(() => setAttention(null), []);

  return {
    active: view.active,
    cleared: view.cleared,
    ackOf,
    acknowledge,
    syncState,
    attention,
    dismissAttention,
  };
}
