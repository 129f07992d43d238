import { describe, expect, it } from 'vitest';
import { type AlarmEvent, eventsOfActiveAlarm, type LiveAlarm, liveTopics } from '../../core/contract/live-core';
import { LiveCoreRecorder } from './live-recorder';
import { openSqliteStorage } from './storage/sqlite/sqlite-storage';

const T0 = Date.UTC(2026, 11, 4, 2, 38, 1);

/** A charger fault the dispatchers' list shows, taken by Li 90 s after it was raised. */
const fault: LiveAlarm = {
  id: `charger-fault:ev-03:${T0 - 5_000}`,
  rule: 'charger-fault',
  severity: 'major',
  deviceId: 'ev-03',
  deviceKind: 'charger',
  province: 'cq',
  feederId: 'f-02',
  startMs: T0 - 5_000,
  raisedMs: T0,
  value: null,
  threshold: null,
  peakValue: null,
  unit: '',
  ack: { by: 'Li', note: 'crew sent', atMs: T0 + 90_000 },
};
const overload: LiveAlarm = {
  ...fault,
  id: `overload:f-02:${T0}`,
  rule: 'overload',
  deviceId: 'f-02',
  deviceKind: 'feeder',
  raisedMs: T0 + 10_000,
  value: 104,
  threshold: 100,
  peakValue: 106,
  unit: '%',
  ack: null,
};
const list = (alarms: LiveAlarm[]) => Buffer.from(JSON.stringify({ ts: T0 + 120_000, alarms }));

async function recorded() {
  const storage = openSqliteStorage(':memory:');
  const live = new LiveCoreRecorder(storage);
  const log = async () =>
    (await storage.alarmLogEvents({ limit: 100 })).map((e) => `${e.alarmId} ${e.type} ${e.ts} ${e.by ?? ''}`);
  return { storage, live, log, flush: () => live.write(live.drain()) };
}

describe('LiveCoreRecorder and the retained list of active alarms', () => {
  it('records the alarms of a list delivered on subscription, raised and acknowledged at their own times', async () => {
    const { live, log, flush } = await recorded();
    live.onMessage(liveTopics.alarmsDispatch, list([fault, overload]), true);
    await flush();
    expect(await log()).toEqual([
      `${fault.id} raised ${T0} `,
      `${overload.id} raised ${T0 + 10_000} `,
      `${fault.id} acknowledged ${T0 + 90_000} Li`,
    ]);
    expect(live.counts).toMatchObject({ alarmListsRead: 1, alarmEventsFromList: 3, rejected: 0 });
  });

  it('stores nothing twice: the events stream already brought these, or the list came again on a reconnect', async () => {
    const { storage, live, log, flush } = await recorded();
    const streamed: AlarmEvent[] = eventsOfActiveAlarm(fault);
    for (const e of streamed) live.onMessage(liveTopics.alarmEvents, Buffer.from(JSON.stringify(e)));
    live.onMessage(liveTopics.alarmsDispatch, list([fault]), true);
    await flush();
    live.onMessage(liveTopics.alarmsDispatch, list([fault]), true);
    await flush();
    expect(await log()).toHaveLength(2);
    expect(live.counts).toMatchObject({ alarmEvents: 2, alarmListsRead: 2, alarmEventsFromList: 0 });
    expect((await storage.alarmLogEvents({ limit: 10, state: 'acknowledged' })).length).toBe(2);
  });

  it('ignores the list as it is republished live (the events stream brings those changes)', async () => {
    const { live, log, flush } = await recorded();
    live.onMessage(liveTopics.alarmsDispatch, list([fault]), false);
    await flush();
    expect(await log()).toEqual([]);
    expect(live.counts).toMatchObject({ alarmListsRead: 0, rejected: 0 });
  });

  it('counts a malformed or impossible list as rejected and records nothing of it', async () => {
    const { live, log, flush } = await recorded();
    live.onMessage(liveTopics.alarmsDispatch, Buffer.from('{"ts":1,"alarms":[{"id":'), true);
    live.onMessage(liveTopics.alarmsDispatch, list([{ ...fault, raisedMs: -5 }]), true);
    await flush();
    expect(await log()).toEqual([]);
    expect(live.counts).toMatchObject({ alarmListsRead: 0, rejected: 2 });
  });
});
