/**
 * What the wall's alarm strip may say of the dispatchers' load alarms: per feeder, whether its heavy-load / overload
 * alarm has been acknowledged (shared through the history service) and when. Who acknowledged it and any note are
 * never carried here: the wall is public (DESIGN.md §2, config `privacy.maskAlarmDetailsOnWall`).
 */
import type { Alarm, AlarmAck } from '../../../core/domain/alarms/types';

export interface WallAlarmMark {
  alarmId: string;
  rule: 'overload' | 'heavy-load';
  acknowledged: boolean;
  /** When it was acknowledged (shown only when the wall's alarm details are not masked). */
  ackAtMs: number | null;
}

/**
 * The mark of each feeder with an active load alarm; the overload alarm wins over the heavy-load one of the same
 * feeder (an overloaded feeder has both).
 */
export function wallAlarmMarks(
  active: readonly Alarm[],
  ackOf: (alarm: Alarm) => AlarmAck | null,
): ReadonlyMap<string, WallAlarmMark> {
  const marks = new Map<string, WallAlarmMark>();
  for (const a of active) {
    if (a.deviceKind !== 'feeder' || (a.rule !== 'overload' && a.rule !== 'heavy-load')) continue;
    const cur = marks.get(a.deviceId);
    if (cur && (cur.rule === 'overload' || a.rule === 'heavy-load')) continue;
    const ack = ackOf(a);
    marks.set(a.deviceId, { alarmId: a.id, rule: a.rule, acknowledged: ack !== null, ackAtMs: ack?.atMs ?? null });
  }
  return marks;
}
