import { describe, expect, it } from 'vitest';
import type { LiveAlarm, LiveAlarms } from '../../../core/contract/live-core';
import { ALARM_T0, overloadAlarm } from '../../live/live-alarm-fixture';
import {
  ackToShow,
  EMPTY_SERVER_ALARMS,
  type LocalAck,
  nextServerAlarms,
  type ServerAlarmsView,
} from './server-alarms';

const T0 = ALARM_T0;

function alarm(o: Partial<LiveAlarm> & { id: string }): LiveAlarm {
  return overloadAlarm(o);
}
const list = (ts: number, ...alarms: LiveAlarm[]): LiveAlarms => ({ ts, alarms });
const run = (...lists: LiveAlarms[]): ServerAlarmsView =>
  lists.reduce((v, l) => nextServerAlarms(v, l), EMPTY_SERVER_ALARMS);

describe('server alarms on the dispatcher', () => {
  it('shows the server list as it is: its ids and start times, sorted by severity then newest start', () => {
    const v = run(
      list(
        T0 + 60_000,
        alarm({ id: 'stale:a:1', rule: 'stale', severity: 'major', startMs: T0 + 30_000 }),
        alarm({ id: 'overload:b:1', startMs: T0 }),
        alarm({ id: 'voltage:c:1', rule: 'voltage', severity: 'major', startMs: T0 + 40_000 }),
      ),
    );
    expect(v.active.map((a) => [a.id, a.startMs, a.status])).toEqual([
      ['overload:b:1', T0, 'active'],
      ['voltage:c:1', T0 + 40_000, 'active'],
      ['stale:a:1', T0 + 30_000, 'active'],
    ]);
  });

  it("the page's first list is what was already on: no attention, whether acknowledged or not (a reload)", () => {
    const v = run(
      list(
        T0 + 10_000,
        alarm({ id: 'overload:a:1' }),
        alarm({ id: 'overload:b:1', ack: { by: '李', note: '', atMs: T0 } }),
      ),
    );
    expect(v.attention).toEqual([]);
    // The same list again a second later: still nothing new.
    expect(nextServerAlarms(v, list(T0 + 11_000, ...v.active.map((a) => alarm({ id: a.id })))).attention).toEqual([]);
  });

  it('a critical alarm raised after the page opened, or escalated to critical while it watched, calls for attention', () => {
    const first = run(list(T0, alarm({ id: 'heavy:a', rule: 'heavy-load', severity: 'major' })));
    const next = nextServerAlarms(
      first,
      list(
        T0 + 10_000,
        alarm({ id: 'heavy:a', severity: 'critical' }), // escalated in place: same id
        alarm({ id: 'overload:b:1', raisedMs: T0 + 8_000 }),
        alarm({ id: 'overload:c:1', raisedMs: T0 - 3_600_000 }), // first seen, but on long before the page opened
        alarm({ id: 'overload:d:1', raisedMs: T0 + 9_000, ack: { by: '王', note: '', atMs: T0 + 9_500 } }),
        alarm({ id: 'voltage:e:1', rule: 'voltage', severity: 'major', raisedMs: T0 + 9_000 }),
      ),
    );
    expect(next.attention.map((a) => a.id).sort()).toEqual(['heavy:a', 'overload:b:1']);
  });

  it('an alarm that leaves the list has cleared, at the time of the first list without it, newest first', () => {
    const v = run(
      list(T0, alarm({ id: 'overload:a:1', startMs: T0 - 10_000 }), alarm({ id: 'overload:b:1', startMs: T0 - 5_000 })),
      list(T0 + 1_000, alarm({ id: 'overload:a:1', startMs: T0 - 10_000 })),
      list(T0 + 2_000),
    );
    expect(v.active).toEqual([]);
    expect(v.cleared.map((a) => [a.id, a.status, a.clearedMs])).toEqual([
      ['overload:a:1', 'cleared', T0 + 2_000],
      ['overload:b:1', 'cleared', T0 + 1_000],
    ]);
    expect(run(list(T0, alarm({ id: 'a:x:1' }), alarm({ id: 'a:y:1' })), list(T0 + 1)).cleared).toHaveLength(2);
    expect(nextServerAlarms(run(list(T0, alarm({ id: 'a:x:1' }))), list(T0 + 1), 0).cleared).toHaveLength(0);
  });

  it('leaves out, and counts, alarms of a rule this build has no words for', () => {
    const v = run(list(T0, alarm({ id: 'frequency:a:1', rule: 'frequency' }), alarm({ id: 'overload:a:1' })));
    expect(v.active.map((a) => a.id)).toEqual(['overload:a:1']);
    expect(v.unknownRules).toBe(1);
  });

  it("shows the server's acknowledgement first, then this screen's answered one, then a pending one", () => {
    const [withAck] = run(list(T0, alarm({ id: 'x:a:1', ack: { by: '李', note: 'n', atMs: 7 } }))).active;
    const [without] = run(list(T0, alarm({ id: 'x:b:1' }))).active;
    const pending: LocalAck = { alarmId: 'x:b:1', by: '王', atMs: 9, shared: false };
    expect(ackToShow(withAck!, new Map(), new Map([['x:a:1', pending]]))).toEqual({
      alarmId: 'x:a:1',
      by: '李',
      note: 'n',
      atMs: 7,
      shared: true,
    });
    expect(ackToShow(without!, new Map(), new Map([['x:b:1', pending]]))).toBe(pending);
    const answered = { ...pending, shared: true };
    expect(ackToShow(without!, new Map([['x:b:1', answered]]), new Map([['x:b:1', pending]]))).toBe(answered);
    expect(ackToShow(without!, new Map(), new Map())).toBeNull();
  });
});
