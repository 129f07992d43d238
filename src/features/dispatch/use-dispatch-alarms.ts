/**
 * Runs the alarm rule engine over the store and keeps acknowledgements shared with the other dispatch screens.
 *
 * - The engine runs on a 500 ms timer reading the latest snapshot (not on every frame): alarms need no faster pace,
 *   and with 10,000 devices this keeps the table's frames free.
 * - Acknowledgements are polled from the history service every few seconds; an acknowledgement made here is shown at
 *   once, POSTed, and kept locally (and in localStorage) marked "not shared" until the service takes it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useAreaConfig, useRuntime } from '../../app/runtime-context';
import {
  type Alarm,
  type AlarmAck,
  type AlarmEngineState,
  ackMatchesAlarm,
  alarmSettingsFromArea,
  alarmTopologyFromArea,
  createAlarmEngineState,
  evaluateAlarms,
  parseAlarmId,
} from '../../domain/alarms';
import { fetchAcks, postAck } from './acks-client';

export interface LocalAck extends AlarmAck {
  /** false while only this screen knows it (service unreachable). */
  shared: boolean;
}

export type AckSyncState = 'unknown' | 'ok' | 'error';

const ENGINE_PERIOD_MS = 500;
export const ACK_POLL_MS = 2_000;
const PENDING_KEY = 'gaozhu.dispatch.pendingAcks.v1';
const DAY_MS = 86_400_000;

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
  const topo = useMemo(() => alarmTopologyFromArea(area), [area]);
  const settings = useMemo(() => alarmSettingsFromArea(area), [area]);

  const engineRef = useRef<AlarmEngineState>(createAlarmEngineState());
  const lastClearedRef = useRef(new Map<string, number>());
  const [view, setView] = useState<{ active: readonly Alarm[]; cleared: readonly Alarm[] }>({
    active: [],
    cleared: [],
  });
  const [attention, setAttention] = useState<Alarm | null>(null);
  const startedAtRef = useRef<number | null>(null);

  useEffect(() => {
    const tick = () => {
      const snap = rt.store.getSnapshot();
      if (snap.nowMs === 0) return;
      const r = evaluateAlarms(engineRef.current, snap.devices.values(), topo, settings, snap.nowMs);
      engineRef.current = r.state;
      if (startedAtRef.current === null) startedAtRef.current = snap.nowMs;
      for (const c of r.clearedNow) {
        const key = parseAlarmId(c.id)?.key;
        if (key) lastClearedRef.current.set(key, c.clearedMs ?? snap.nowMs);
      }
      if (!r.changed) return;
      setView({ active: r.active, cleared: r.state.cleared });
      // Only alarms that begin while the screen is open call for attention; a page load is not an event.
      const fresh = r.raised.filter(
        (a) => a.severity === 'critical' && a.startMs >= (startedAtRef.current ?? 0) - 60_000,
      );
      if (fresh.length) setAttention(fresh[0] as Alarm);
    };
    tick();
    const id = setInterval(tick, ENGINE_PERIOD_MS);
    return () => clearInterval(id);
  }, [rt, topo, settings]);

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

  useEffect(() => {
    let stopped = false;
    const ctrl = new AbortController();
    const poll = async () => {
      try {
        await sendPending(ctrl.signal);
        const nowMs = rt.store.getSnapshot().nowMs || rt.clock.now();
        const list = await fetchAcks(baseUrl, nowMs - DAY_MS, ctrl.signal);
        if (stopped) return;
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
        });
        setSyncState('ok');
      } catch {
        if (!stopped && !ctrl.signal.aborted) setSyncState('error');
      }
    };
    void poll();
    const id = setInterval(poll, ACK_POLL_MS);
    return () => {
      stopped = true;
      ctrl.abort();
      clearInterval(id);
    };
  }, [baseUrl, rt, sendPending]);

  useEffect(() => savePending(acks.values()), [acks]);

  // Index acks by rule+device key so matching is cheap per alarm.
  const byKey = useMemo(() => {
    const m = new Map<string, LocalAck[]>();
    for (const a of acks.values()) {
      const key = parseAlarmId(a.alarmId)?.key;
      if (!key) continue;
      const list = m.get(key) ?? [];
      list.push(a);
      m.set(key, list);
    }
    return m;
  }, [acks]);

  const ackOf = useCallback(
    (alarm: Alarm): LocalAck | null => {
      const exact = acks.get(alarm.id);
      if (exact) return exact;
      const key = parseAlarmId(alarm.id)?.key;
      const candidates = key ? byKey.get(key) : undefined;
      if (!candidates) return null;
      const lastCleared = key ? (lastClearedRef.current.get(key) ?? null) : null;
      // The most recent acknowledgement that covers this episode.
      let best: LocalAck | null = null;
      for (const a of candidates) if (ackMatchesAlarm(a, alarm, lastCleared) && (!best || a.atMs > best.atMs)) best = a;
      return best;
    },
    [acks, byKey],
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
