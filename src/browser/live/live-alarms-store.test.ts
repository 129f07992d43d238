import { describe, expect, it } from 'vitest';
import { liveTopics } from '../../core/contract/live-core';
import { ALARM_T0, overloadAlarm } from './live-alarm-fixture';
import { LiveAlarmsStore } from './live-alarms-store';
import { deliverPayload, recordingSource } from './live-source-fixture';

const T0 = ALARM_T0;
const enc = (x: unknown) => new TextEncoder().encode(typeof x === 'string' ? x : JSON.stringify(x));
const alarm = overloadAlarm({ peakValue: 121 });

describe('live alarms store', () => {
  it('subscribes to the dispatch alarms topic and keeps the latest valid list', () => {
    const store = new LiveAlarmsStore(() => 42);
    const src = recordingSource();
    store.start(src.source);
    expect(src.filters).toEqual([liveTopics.alarmsDispatch]);
    let notified = 0;
    store.subscribe(() => notified++);
    src.deliver(liveTopics.alarmsDispatch, enc({ ts: T0 + 7000, alarms: [alarm] }));
    expect(store.getSnapshot()).toMatchObject({
      latest: { ts: T0 + 7000, alarms: [alarm] },
      receivedAtMs: 42,
      rejected: 0,
    });
    expect(notified).toBe(1);
  });

  it('counts what is not a valid list and keeps the last good one', () => {
    const store = new LiveAlarmsStore();
    expect(deliverPayload(store.handle, liveTopics.alarmsDispatch, enc({ ts: T0 + 1, alarms: [alarm] }))).toBe(true);
    expect(deliverPayload(store.handle, liveTopics.alarmsDispatch, enc('{nope'))).toBe(false);
    expect(
      deliverPayload(
        store.handle,
        liveTopics.alarmsDispatch,
        enc({ ts: T0 + 2, alarms: [{ ...alarm, severity: 'huge' }] }),
      ),
    ).toBe(false);
    expect(deliverPayload(store.handle, liveTopics.alarmsDispatch, new Uint8Array())).toBe(false);
    expect(deliverPayload(store.handle, liveTopics.alarmsPublic, enc({ ts: T0 + 3, alarms: [] }))).toBe(false);
    const s = store.getSnapshot();
    expect(s.latest?.ts).toBe(T0 + 1);
    expect(s.rejected).toBe(2);
    expect(s.lastRejected).toMatch(/^schema: alarms\.0\.severity/);
  });
});
