/** One alarm as the live service lists it on its dispatch topic, for the tests of the stores and screens that show it. */
import type { LiveAlarm } from '../../core/contract/live-core';

/** When the fixture's overload started (2026-01-15 12:00 in Beijing). */
export const ALARM_T0 = Date.UTC(2026, 0, 15, 4);

/** Feeder gaotan-f01 at 120 % against its 100 % limit since ALARM_T0, raised 5 s later, not acknowledged. */
export function overloadAlarm(o: Partial<LiveAlarm> = {}): LiveAlarm {
  return {
    id: `overload:gaotan-f01:${ALARM_T0}`,
    rule: 'overload',
    severity: 'critical',
    deviceId: 'gaotan-f01',
    deviceKind: 'feeder',
    province: 'sc',
    feederId: 'gaotan-f01',
    startMs: ALARM_T0,
    raisedMs: ALARM_T0 + 5_000,
    value: 120,
    threshold: 100,
    peakValue: 120,
    unit: '%',
    ack: null,
    ...o,
  };
}
