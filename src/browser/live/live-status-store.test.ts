import { describe, expect, it } from 'vitest';
import { LIVE_SILENT_AFTER_INTERVALS, type LiveStatus, liveTopics } from '../../core/contract/live-core';
import { recordingSource } from './live-source-fixture';
import { LiveStatusStore, liveServicePresence, MAX_STATUS_PAYLOAD_BYTES } from './live-status-store';

const T0 = Date.UTC(2026, 0, 15, 4);
const enc = (x: unknown) => new TextEncoder().encode(typeof x === 'string' ? x : JSON.stringify(x));
const status = (over: Partial<LiveStatus> = {}): LiveStatus => ({
  ts: T0,
  state: 'online',
  source: 'ok',
  lastDeviceMessageMs: T0,
  publishIntervalMs: 1_000,
  ...over,
});

function storeAt(wall: { ms: number }) {
  const store = new LiveStatusStore(() => wall.ms);
  const src = recordingSource();
  store.start(src.source);
  return { store, src, presence: () => liveServicePresence(store.getSnapshot(), wall.ms) };
}

describe('live status store', () => {
  it('reads the status topic and counts what it refuses, keeping the last good status', () => {
    const wall = { ms: T0 };
    const { store, src } = storeAt(wall);
    expect(src.filters).toEqual([liveTopics.status]);
    let notified = 0;
    store.subscribe(() => notified++);

    src.deliver(liveTopics.status, enc(status()));
    expect(store.getSnapshot()).toMatchObject({ latest: status(), receivedAtMs: T0, rejected: 0 });
    const good = store.getSnapshot().latest;

    src.deliver(liveTopics.status, enc('{not json'));
    src.deliver(liveTopics.status, enc({ ...status(), state: 'asleep' }));
    src.deliver(liveTopics.status, new Uint8Array(MAX_STATUS_PAYLOAD_BYTES + 1));
    expect(store.getSnapshot().rejected).toBe(3);
    expect(store.getSnapshot().lastRejected).toMatch(/^too large/);
    expect(store.getSnapshot().latest).toBe(good);
    expect(notified).toBe(4);

    // An empty retained message clears the topic: nothing new is known.
    src.deliver(liveTopics.status, new Uint8Array(0));
    expect(store.getSnapshot().latest).toBe(good);
    expect(store.getSnapshot().rejected).toBe(3);
  });
});

describe('live service presence (is the alarm list current?)', () => {
  it('is waiting before any status, live while statuses arrive', () => {
    const wall = { ms: T0 };
    const { src, presence } = storeAt(wall);
    expect(presence()).toEqual({ state: 'waiting', lastOnlineTs: null });
    src.deliver(liveTopics.status, enc(status()));
    wall.ms += 2_000;
    expect(presence()).toEqual({ state: 'live', lastOnlineTs: T0 });
  });

  it(`is silent after ${LIVE_SILENT_AFTER_INTERVALS} publish intervals without a status, live again on the next`, () => {
    const wall = { ms: T0 };
    const { src, presence } = storeAt(wall);
    src.deliver(liveTopics.status, enc(status({ publishIntervalMs: 2_000 })));
    wall.ms = T0 + LIVE_SILENT_AFTER_INTERVALS * 2_000;
    expect(presence().state).toBe('live');
    wall.ms += 1;
    // Silent since the data time of the last status it heard, not since the wall time of the check.
    expect(presence()).toEqual({ state: 'silent', lastOnlineTs: T0 });
    src.deliver(liveTopics.status, enc(status({ ts: T0 + 9_000, publishIntervalMs: 2_000 })));
    expect(presence()).toEqual({ state: 'live', lastOnlineTs: T0 + 9_000 });
  });

  it('is offline on the Last Will, as of the last online status (the Will carries its connect time)', () => {
    const wall = { ms: T0 };
    const { src, presence } = storeAt(wall);
    src.deliver(liveTopics.status, enc(status({ ts: T0 + 5_000 })));
    wall.ms += 10_000;
    src.deliver(liveTopics.status, enc(status({ ts: T0 - 3_600_000, state: 'offline', source: 'broker-lost' })));
    expect(presence()).toEqual({ state: 'offline', lastOnlineTs: T0 + 5_000 });
  });

  it('is offline with no time when the page only ever saw the retained Last Will', () => {
    const wall = { ms: T0 };
    const { src, presence } = storeAt(wall);
    src.deliver(liveTopics.status, enc(status({ state: 'offline', source: 'broker-lost' })));
    expect(presence()).toEqual({ state: 'offline', lastOnlineTs: null });
  });
});
