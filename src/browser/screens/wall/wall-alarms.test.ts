import { describe, expect, it } from 'vitest';
import type { Alarm, AlarmAck } from '../../../core/domain/alarms/types';
import { wallAlarmMarks } from './wall-alarms';

const alarm = (rule: Alarm['rule'], deviceId: string, startMs: number, deviceKind: Alarm['deviceKind'] = 'feeder') =>
  ({ id: `${rule}:${deviceId}:${startMs}`, rule, deviceId, deviceKind, status: 'active' }) as Alarm;

describe('wallAlarmMarks', () => {
  const acks = new Map<string, AlarmAck>([
    ['overload:f1:100', { alarmId: 'overload:f1:100', by: '李调度', note: '已派人', atMs: 500 }],
  ]);
  const ackOf = (a: Alarm) => acks.get(a.id) ?? null;

  it('one mark per feeder with a load alarm; overload wins over heavy-load', () => {
    const marks = wallAlarmMarks(
      [
        alarm('heavy-load', 'f1', 90),
        alarm('overload', 'f1', 100),
        alarm('heavy-load', 'f2', 100),
        alarm('voltage', 'f3', 100),
        alarm('offline', 'pv1', 100, 'pv'),
      ],
      ackOf,
    );
    expect([...marks.keys()].sort()).toEqual(['f1', 'f2']);
    expect(marks.get('f1')).toEqual({ alarmId: 'overload:f1:100', rule: 'overload', acknowledged: true, ackAtMs: 500 });
    expect(marks.get('f2')?.acknowledged).toBe(false);
  });
  it('never carries who acknowledged or the note', () => {
    const text = JSON.stringify([...wallAlarmMarks([alarm('overload', 'f1', 100)], ackOf)]);
    expect(text).not.toContain('李调度');
    expect(text).not.toContain('已派人');
  });
});
