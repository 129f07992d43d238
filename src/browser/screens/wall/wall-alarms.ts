/**
 * What the wall's alarm strip may say of the load alarms: per feeder, whether its heavy-load / overload alarm has been
 * acknowledged. The alarms come masked from the live service (gaozhu/v1/live/alarms/public): who acknowledged one and
 * any note never reach the public wall (DESIGN.md §2, config `privacy.maskAlarmDetailsOnWall`).
 */
import type { PublicAlarm } from '../../../core/contract/live-core';

export interface WallAlarmMark {
  alarmId: string;
  rule: string;
  acknowledged: boolean;
  /** When it was acknowledged: the masked alarms do not say, so always null on the public wall. */
  ackAtMs: number | null;
}

/** Load rules: a heavy load and an overload (one escalating alarm, or one of each). */
const isLoadRule = (rule: string) => rule === 'overload' || rule === 'heavy-load' || rule === 'loading';
const rank = (a: PublicAlarm) => (a.rule === 'overload' || a.severity === 'critical' ? 2 : 1);

/** The mark of each feeder with an active load alarm; an overload wins over a heavy load of the same feeder. */
export function wallAlarmMarks(
  active: readonly PublicAlarm[],
  feederIds: ReadonlySet<string>,
): ReadonlyMap<string, WallAlarmMark> {
  const marks = new Map<string, WallAlarmMark & { rank: number }>();
  for (const a of active) {
    if (!feederIds.has(a.deviceId) || !isLoadRule(a.rule)) continue;
    const cur = marks.get(a.deviceId);
    if (cur && cur.rank >= rank(a)) continue;
    marks.set(a.deviceId, { alarmId: a.id, rule: a.rule, acknowledged: a.acknowledged, ackAtMs: null, rank: rank(a) });
  }
  return new Map([...marks].map(([id, { rank: _, ...m }]) => [id, m]));
}
