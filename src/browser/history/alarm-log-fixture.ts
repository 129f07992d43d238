/** One alarm as the history service's alarm log lists it, for the tests of the clients and screens that read the log. */
import type { AlarmLogRow } from '../../core/contract/history-api';
import { ALARM_T0, overloadAlarm } from '../live/live-alarm-fixture';

/**
 * The overload of live-alarm-fixture.ts (feeder gaotan-f01) once it is over: raised 5 s after ALARM_T0, critical at
 * its peak and major at the last, acknowledged by 王 with a note at ALARM_T0 + 100 s, cleared at ALARM_T0 + 5 min.
 */
export function alarmLogRow(o: Partial<AlarmLogRow> = {}): AlarmLogRow {
  const alarm = overloadAlarm();
  return {
    alarmId: alarm.id,
    rule: alarm.rule,
    deviceId: alarm.deviceId,
    state: 'cleared',
    severity: 'major',
    peakSeverity: 'critical',
    startMs: alarm.startMs,
    raisedMs: alarm.raisedMs,
    peakValue: 123,
    ack: { by: '王', note: '已派人', atMs: ALARM_T0 + 100_000 },
    clearedMs: ALARM_T0 + 300_000,
    events: [{ ts: alarm.raisedMs, type: 'raised', severity: 'major', value: 85, by: null, note: null }],
    ...o,
  };
}
