import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../../core/domain/alarms/types';
import { alarmToAcknowledge, deviceOfRow, tabOfKey } from './dispatch-keys';
import { TABS } from './dispatch-tables';

const alarm = (id: string, deviceId: string, severity: Alarm['severity'], startMs: number): Alarm =>
  ({ id, deviceId, severity, startMs, status: 'active', rule: 'overload' }) as Alarm;

describe('dispatch keys', () => {
  it('a connector row stands for its station', () => {
    expect(deviceOfRow('connectors', 'st-1/c2')).toBe('st-1');
    expect(deviceOfRow('feeders', 'f-1')).toBe('f-1');
    expect(deviceOfRow('pv', null)).toBeUndefined();
  });

  it('number keys pick the tables in order', () => {
    expect(['1', '2', '3', '4', 'x'].map((k) => tabOfKey(k, TABS))).toEqual([
      'feeders',
      'pv',
      'connectors',
      'outages',
      undefined,
    ]);
  });

  it('`a` takes the selected active alarm, else the worst unacknowledged one of the selected device', () => {
    const list = [alarm('m', 'd1', 'major', 5), alarm('c', 'd1', 'critical', 1), alarm('x', 'd2', 'critical', 9)];
    const noAck = () => null;
    expect(alarmToAcknowledge(list, 'x', 'd1', noAck)?.id).toBe('x');
    expect(alarmToAcknowledge(list, null, 'd1', noAck)?.id).toBe('c');
    const acked = (a: Alarm) => (a.id === 'c' ? { alarmId: 'c', by: 'li', atMs: 2 } : null);
    expect(alarmToAcknowledge(list, 'c', 'd1', acked)?.id).toBe('m');
    expect(alarmToAcknowledge(list, null, 'd3', noAck)).toBeUndefined();
  });
});
