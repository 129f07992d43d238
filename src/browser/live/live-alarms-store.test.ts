import { describe, expect, it } from 'vitest';
import { liveTopics } from '../../core/contract/live-core';
import { LiveAlarmsStore } from './live-alarms-store';

const T0 = Date.UTC(2026, 0, 15, 4);
const enc = (x: unknown) => new TextEncoder().encode(typeof x === 'string' ? x : JSON.stringify(x));
const alarm = {
  id: `overload:gaotan-f01:${T0}`,
  rule: 'overload',
  severity: 'critical',
  deviceId: 'gaotan-f01',
  deviceKind: 'feeder',
  province: 'sc',
  feederId: 'gaotan-f01',
  startMs: T0,
  raisedMs: T0 + 5000,
  value: 120,
  threshold: 100,
  peakValue: 121,
  unit: '%',
  ack: null,
};

describe('live alarms store', () => {
  it('subscribes to the dispatch alarms topic and keeps the latest valid list', () => {
    const subs: string[] = [];
    let handler: ((t: string, p: Uint8Array) => void) | null = null;
    const store = new LiveAlarmsStore(() => 42);
    store.start({
      subscribe: (filter, h) => {
        subs.push(filter);
        handler = h;
        return () => {};
      },
    });
    expect(subs).toEqual([liveTopics.alarmsDispatch]);
    let notified = 0;
    store.subscribe(() => notified++);
    handler!(liveTopics.alarmsDispatch, enc({ ts: T0 + 7000, alarms: [alarm] }));
    expect(store.getSnapshot()).toMatchObject({
      latest: { ts: T0 + 7000, alarms: [alarm] },
      receivedAtMs: 42,
      rejected: 0,
    });
    expect(notified).toBe(1);
  });

  it('counts what is not a valid list and keeps the last good one', () => {
    const store = new LiveAlarmsStore();
    expect(store.handle(liveTopics.alarmsDispatch, enc({ ts: T0 + 1, alarms: [alarm] }))).toBe(true);
    expect(store.handle(liveTopics.alarmsDispatch, enc('{nope'))).toBe(false);
    expect(store.handle(liveTopics.alarmsDispatch, enc({ ts: T0 + 2, alarms: [{ ...alarm, severity: 'huge' }] }))).toBe(
      false,
    );
    expect(store.handle(liveTopics.alarmsDispatch, new Uint8Array())).toBe(false);
    expect(store.handle(liveTopics.alarmsPublic, enc({ ts: T0 + 3, alarms: [] }))).toBe(false);
    const s = store.getSnapshot();
    expect(s.latest?.ts).toBe(T0 + 1);
    expect(s.rejected).toBe(2);
    expect(s.lastRejected).toMatch(/^schema: alarms\.0\.severity/);
  });
});
