/**
 * Alarm ids and acknowledgements: how an acknowledgement finds its alarm, on every screen that mirrors them.
 */
import type { Alarm, AlarmAck, AlarmDisplayState } from './types';

/** Splits `<rule>:<device>[/<connector>]:<startMs>`; null when the id is not one of ours. */
export function parseAlarmId(id: string): { key: string; startMs: number } | null {
  const i = id.lastIndexOf(':');
  if (i <= 0) return null;
  const startMs = Number(id.slice(i + 1));
  if (!Number.isFinite(startMs)) return null;
  return { key: id.slice(0, i), startMs };
}

/**
 * Does this acknowledgement acknowledge this alarm? The same id always does. A screen opened while the alarm was
 * already on sees its first sample later than the screens that watched it begin, so its start (and id) is later; an
 * ack of the same rule and device whose episode began earlier still covers it, unless this screen saw that episode
 * clear since (then the ack was for an older episode).
 */
export function ackMatchesAlarm(ack: AlarmAck, alarm: Alarm, lastClearedMsOfKey: number | null): boolean {
  if (ack.alarmId === alarm.id) return true;
  const a = parseAlarmId(ack.alarmId);
  const b = parseAlarmId(alarm.id);
  if (!a || !b || a.key !== b.key) return false;
  if (a.startMs > b.startMs) return false;
  return lastClearedMsOfKey === null || lastClearedMsOfKey < a.startMs;
}

/** active → acknowledged (someone took it) → cleared (the condition went away; acknowledged or not). */
export function alarmDisplayState(alarm: Alarm, ack: AlarmAck | null | undefined): AlarmDisplayState {
  if (alarm.status === 'cleared') return 'cleared';
  return ack ? 'acknowledged' : 'active';
}

/** Acknowledgements grouped by rule+device key (`parseAlarmId(...).key`), so matching an alarm is cheap. */
export function indexAcksByKey<A extends AlarmAck>(acks: Iterable<A>): Map<string, A[]> {
  const m = new Map<string, A[]>();
  for (const a of acks) {
    const key = parseAlarmId(a.alarmId)?.key;
    if (!key) continue;
    const list = m.get(key);
    if (list) list.push(a);
    else m.set(key, [a]);
  }
  return m;
}

/**
 * The acknowledgement of this alarm: the one with its id, else the most recent one of the same rule and device that
 * covers this episode (`ackMatchesAlarm`); null when none. Shared by every screen that mirrors acknowledgements.
 */
export function findAck<A extends AlarmAck>(
  alarm: Alarm,
  byId: ReadonlyMap<string, A>,
  byKey: ReadonlyMap<string, readonly A[]>,
  lastClearedMsOfKey: number | null,
): A | null {
  const exact = byId.get(alarm.id);
  if (exact) return exact;
  const key = parseAlarmId(alarm.id)?.key;
  const candidates = key ? byKey.get(key) : undefined;
  if (!candidates) return null;
  let best: A | null = null;
  for (const a of candidates)
    if (ackMatchesAlarm(a, alarm, lastClearedMsOfKey) && (!best || a.atMs > best.atMs)) best = a;
  return best;
}
