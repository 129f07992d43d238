/**
 * Alarms on the server, against the real embedded broker: the live service's engine raises an overload with no
 * browser open, escalates it from heavy load as one alarm, takes an acknowledgement through its HTTP API (attributed),
 * clears it, and publishes raised → escalated → acknowledged → cleared on the events topic; an acknowledgement of an
 * unknown or cleared alarm is refused; the public list carries no who, note or value; a silent stream or a clean
 * feeds stop (every device offline at once) gives one source alarm, not a flood of device alarms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AlarmEvent,
  alarmEventSchema,
  eventsOfActiveAlarm,
  type LiveAlarms,
  liveAlarmsSchema,
  liveTopics,
  type PublicAlarms,
  publicAlarmsSchema,
} from '../../src/core/contract/live-core';
import { deviceTopic } from '../../src/core/contract/topics';
import type { RunningBroker } from '../../src/services/broker/broker';
import type { RunningHistoryService } from '../../src/services/history/service';
import { createLiveHttpHandler } from '../../src/services/live/live-http';
import type { RunningLiveService } from '../../src/services/live/live-service';
import { publishAreaAtLoading } from '../support/area-at-loading';
import { readAreaConfig, withFastClocks } from '../support/area-config';
import { brokerTcpUrl, connectAs, startTestBroker } from '../support/broker-fixture';
import { startTestHistoryService } from '../support/history-fixture';
import { FAST_ALARM_TUNING, startTestLiveService } from '../support/live-fixture';
import { waitForValue } from '../support/wait-for';

const base = readAreaConfig();
// Fast clocks: stale after 1 s; the engine's minimum durations 1 s (the area's own are 5 s).
const config = withFastClocks(base);
const hot = config.feeders[0]!;

let broker: RunningBroker;
let live: RunningLiveService;
let history: RunningHistoryService;
let historyDir: string;
let http: Server;
let api: string;
let feeds: MqttClient;
let dash: MqttClient;
let wall: MqttClient;
const clients: MqttClient[] = [];
const events: AlarmEvent[] = [];
let dispatch: LiveAlarms | null = null;
let publicList: PublicAlarms | null = null;
let publicRaw = '';

beforeAll(async () => {
  broker = await startTestBroker();
  live = await startTestLiveService(broker, config, { alarmTuning: FAST_ALARM_TUNING });
  // The history service records the events: the alarm log must hold every step of an alarm's life.
  historyDir = mkdtempSync(join(tmpdir(), 'gaozhu-live-alarms-'));
  history = await startTestHistoryService(broker, config, {
    dbPath: join(historyDir, 'history.sqlite'),
    flushIntervalMs: 200,
  });
  http = createServer((req, res) => void createLiveHttpHandler(live)(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  feeds = await connectAs(brokerTcpUrl(broker), 'feeds');
  dash = await connectAs(brokerTcpUrl(broker), 'dashboard');
  wall = await connectAs(brokerTcpUrl(broker), 'wall');
  clients.push(feeds, dash, wall);
  dash.on('message', (topic, payload) => {
    if (topic === liveTopics.alarmEvents) events.push(alarmEventSchema.parse(JSON.parse(payload.toString())));
    if (topic === liveTopics.alarmsDispatch) dispatch = liveAlarmsSchema.parse(JSON.parse(payload.toString()));
  });
  wall.on('message', (topic, payload) => {
    if (topic !== liveTopics.alarmsPublic) return;
    publicRaw = payload.toString();
    publicList = publicAlarmsSchema.parse(JSON.parse(publicRaw));
  });
  await dash.subscribeAsync([liveTopics.alarmEvents, liveTopics.alarmsDispatch], { qos: 1 });
  await wall.subscribeAsync(liveTopics.alarmsPublic, { qos: 1 });
});
afterAll(async () => {
  for (const c of clients) c.end(true);
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await live.close();
  await history.close();
  await broker.close();
  rmSync(historyDir, { recursive: true, force: true });
});

/** Every feeder, PV site and station reports (the hot feeder at `hotPct`, the rest at 40 %), like the feeds would. */
const publishAll = (tsMs: number, hotPct: number) =>
  publishAreaAtLoading(feeds, config, tsMs, (f) => (f.id === hot.id ? hotPct : 40));

const postAck = (id: string, body: unknown) =>
  fetch(`${api}/api/alarms/${encodeURIComponent(id)}/ack`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Keeps the whole stream reporting every 250 ms, the hot feeder at whatever `level.pct` says. */
function stream(level: { pct: number }) {
  publishAll(Date.now(), level.pct);
  const timer = setInterval(() => publishAll(Date.now(), level.pct), 250);
  return () => clearInterval(timer);
}

describe('alarms on the server', () => {
  it('raises with no browser open, escalates heavy → overload as one alarm, is acknowledged, clears', async () => {
    const level = { pct: 90 };
    const stop = stream(level);
    try {
      const heavy = await waitForValue('the heavy-load alarm', () =>
        dispatch?.alarms.find((a) => a.deviceId === hot.id && a.rule === 'heavy-load'),
      );
      expect(heavy).toMatchObject({ severity: 'minor', ack: null, deviceKind: 'feeder' });
      level.pct = 110;
      const over = await waitForValue('the escalation', () =>
        dispatch?.alarms.find((a) => a.id === heavy.id && a.rule === 'overload'),
      );
      expect(over).toMatchObject({ severity: 'critical', startMs: heavy.startMs });
      expect(dispatch?.alarms.filter((a) => a.deviceId === hot.id)).toHaveLength(1);

      // An acknowledgement made in advance (no such alarm yet) is refused; bad input too.
      expect((await postAck(`stale:${hot.id}:${Date.now()}`, { by: '张工' })).status).toBe(404);
      expect((await postAck(heavy.id, { by: '' })).status).toBe(400);
      expect((await postAck(heavy.id, { by: '张工', note: 'x'.repeat(501) })).status).toBe(400);
      const res = await postAck(heavy.id, { by: '张工', note: '已通知运维' });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ id: heavy.id, ack: { by: '张工', note: '已通知运维' } });
      const acked = await waitForValue('the acknowledged alarm, republished', () =>
        dispatch?.alarms.find((a) => a.id === heavy.id && a.ack !== null),
      );
      expect(acked.ack?.by).toBe('张工');
      // The list's alarm stands for the very events the stream brought (same alarm, type and time): the history,
      // which records both, keeps one row of each.
      await waitForValue('the acknowledged event', () =>
        events.find((e) => e.alarmId === heavy.id && e.type === 'acknowledged'),
      );
      const key = (e: AlarmEvent) => `${e.alarmId} ${e.type} ${e.ts}`;
      expect(eventsOfActiveAlarm(acked).map(key)).toEqual(
        events.filter((e) => e.alarmId === heavy.id && e.type !== 'escalated').map(key),
      );
      const listed = (await (await fetch(`${api}/api/alarms`)).json()) as LiveAlarms;
      expect(listed.alarms.find((a) => a.id === heavy.id)?.ack?.note).toBe('已通知运维');

      // The public wall: the alarm and whether it is taken, nothing of who, why or how much.
      const pub = await waitForValue('the masked alarm', () => publicList?.alarms.find((a) => a.id === heavy.id));
      expect(pub).toEqual({
        id: heavy.id,
        rule: 'overload',
        severity: 'critical',
        deviceId: hot.id,
        startMs: heavy.startMs,
        acknowledged: true,
      });
      expect(publicRaw).not.toMatch(/张工|已通知运维|"by"|"note"|"value"|"peakValue"/);

      level.pct = 40;
      await waitForValue('the clearing', () => events.find((e) => e.alarmId === heavy.id && e.type === 'cleared'));
      expect(events.filter((e) => e.alarmId === heavy.id).map((e) => e.type)).toEqual([
        'raised',
        'escalated',
        'acknowledged',
        'cleared',
      ]);
      expect(events.find((e) => e.alarmId === heavy.id && e.type === 'acknowledged')).toMatchObject({
        by: '张工',
        note: '已通知运维',
      });
      expect((await postAck(heavy.id, { by: '张工' })).status).toBe(409);
      expect(dispatch?.alarms.some((a) => a.id === heavy.id)).toBe(false);

      // The history's alarm log holds the four events of its life, attributed, and exports them.
      const logUrl = `http://127.0.0.1:${history.port}/api/alarm-log?deviceId=${hot.id}`;
      const row = await waitForValue(
        'the alarm in the history log',
        async () => {
          const log = (await (await fetch(logUrl)).json()) as {
            alarms: { alarmId: string; events: { type: string }[] }[];
          };
          const r = log.alarms.find((a) => a.alarmId === heavy.id);
          return r && r.events.length === 4 ? r : null;
        },
        10_000,
        // An HTTP read of the log per poll: every 200 ms is enough.
        200,
      );
      expect(row.events.map((e) => e.type)).toEqual(['raised', 'escalated', 'acknowledged', 'cleared']);
      const csv = await (await fetch(`http://127.0.0.1:${history.port}/api/alarm-log.csv?deviceId=${hot.id}`)).text();
      expect(csv).toContain(heavy.id);
      expect(csv).toContain('张工');
    } finally {
      stop();
    }
  });

  it('a silent stream is one source alarm, with no device stale or offline alarms', async () => {
    const stop = stream({ pct: 40 });
    await new Promise((r) => setTimeout(r, 1_000));
    stop();
    const source = await waitForValue('the source alarm', () => dispatch?.alarms.find((a) => a.rule === 'source-down'));
    expect(source).toMatchObject({ severity: 'critical', deviceKind: 'source', province: null });
    // Well past the devices' stale time and the presence grace: still no per-device alarm.
    await new Promise((r) => setTimeout(r, 4_000));
    expect(dispatch?.alarms.filter((a) => a.rule === 'stale' || a.rule === 'offline')).toEqual([]);
    expect(dispatch?.alarms.filter((a) => a.rule === 'source-down')).toHaveLength(1);
    // The stream is back: the source alarm clears.
    const back = stream({ pct: 40 });
    try {
      await waitForValue('the source alarm to clear', () => !dispatch?.alarms.some((a) => a.rule === 'source-down'));
    } finally {
      back();
    }
  });

  it('a clean feeds stop (every device offline at once) gives no device-offline flood', async () => {
    const level = { pct: 40 };
    const stop = stream(level);
    await new Promise((r) => setTimeout(r, 1_500));
    stop();
    // As the feeds' clean stop says it: an offline status for every device, within a second or so.
    const all = [
      ...config.substations.map((d) => ['substation', d.province, d.id] as const),
      ...config.feeders.map((d) => ['feeder', d.province, d.id] as const),
      ...config.pvSites.map((d) => ['pv', d.province, d.id] as const),
      ...config.chargingStations.map((d) => ['charger', d.province, d.id] as const),
    ];
    for (const [i, [kind, province, id]] of all.entries()) {
      feeds.publish(
        deviceTopic({ kind, province, deviceId: id, channel: 'status' }),
        JSON.stringify({ ts: Date.now(), state: 'offline' }),
        { retain: true },
      );
      if (i % 40 === 39) await new Promise((r) => setTimeout(r, 250));
    }
    await waitForValue('the source alarm', () => dispatch?.alarms.find((a) => a.rule === 'source-down'));
    await new Promise((r) => setTimeout(r, 4_000));
    expect(dispatch?.alarms.filter((a) => a.rule === 'offline' || a.rule === 'stale')).toEqual([]);
    expect(events.filter((e) => e.rule === 'offline' || e.rule === 'stale')).toEqual([]);
  });
});
