import { describe, expect, it } from 'vitest';
import type { PublicAlarm } from '../../../core/contract/live-core';
import { wallAlarmMarks } from './wall-alarms';

const alarm = (rule: string, deviceId: string, startMs: number, acknowledged = false): PublicAlarm => ({
  id: `${rule}:${deviceId}:${startMs}`,
  rule,
  severity: rule === 'overload' ? 'critical' : 'major',
  deviceId,
  startMs,
  acknowledged,
});

describe('wallAlarmMarks', () => {
  const feeders = new Set(['f1', 'f2', 'f3']);
  it('one mark per feeder with a load alarm; overload wins over heavy-load', () => {
    const marks = wallAlarmMarks(
      [
        alarm('heavy-load', 'f1', 90),
        alarm('overload', 'f1', 100, true),
        alarm('heavy-load', 'f2', 100),
        alarm('voltage', 'f3', 100),
        alarm('offline', 'pv1', 100),
      ],
      feeders,
    );
    expect([...marks.keys()].sort()).toEqual(['f1', 'f2']);
    expect(marks.get('f1')).toEqual({
      alarmId: 'overload:f1:100',
      rule: 'overload',
      acknowledged: true,
      ackAtMs: null,
    });
    expect(marks.get('f2')?.acknowledged).toBe(false);
  });
  it('carries nothing but the id, the rule and whether it was acknowledged', () => {
    const mark = wallAlarmMarks([alarm('overload', 'f1', 100, true)], feeders).get('f1');
    expect(Object.keys(mark!).sort()).toEqual(['ackAtMs', 'acknowledged', 'alarmId', 'rule']);
  });
});
