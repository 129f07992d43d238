/**
 * Thresholds changed by an administrator, end to end: the real live service on the real embedded broker, its HTTP
 * handler, and the production web server with sign-in (users in SQLite). An admin lowers the loading thresholds so a
 * feeder below the old ones is now over the overload limit: the live service raises the alarm and the feeder's live
 * state turns overload, with no restart; the version is listed with who and why; a revert to version 0 is a new version
 * and the alarm clears; every change is audited. Dispatchers get 403, the signed out 401, a change without the CSRF
 * token 403, an invalid value 400 naming the field. A restarted live service applies the newest version from its file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveStatus, liveStatusSchema, liveTopics } from '../../src/core/contract/live-core';
import {
  type ThresholdsList,
  thresholdsListSchema,
  thresholdsVersionSchema,
} from '../../src/core/contract/thresholds-api';
import type { RunningBroker } from '../../src/services/broker/broker';
import { createLiveHttpHandler } from '../../src/services/live/live-http';
import type { RunningLiveService } from '../../src/services/live/live-service';
import { publishAreaAtLoading } from '../support/area-at-loading';
import { readAreaConfig, withFastClocks } from '../support/area-config';
import { brokerTcpUrl, connectAs, startTestBroker } from '../support/broker-fixture';
import { FAST_ALARM_TUNING, startTestLiveService } from '../support/live-fixture';
import { waitForValue } from '../support/wait-for';
import {
  callAs,
  listenOnLoopback,
  type Session,
  signInTo,
  startTestWebServer,
  type TestWebServer,
} from '../support/web-server-fixture';

const base = readAreaConfig();
// Fast clocks, as in live-alarms.test.ts: stale after 1 s; the engine raises and clears after 1 s.
const config = withFastClocks(base);
const hot = config.feeders[0]!;
// Below area.json's heavy limit (and its hysteresis), above the lowered overload limit below.
const HOT_PCT = config.thresholds.heavyLoadingPct - 10;
const lowered = {
  ...config.thresholds,
  heavyLoadingPct: HOT_PCT - 20,
  overloadLoadingPct: HOT_PCT - 10,
  holdLastGoodS: 30,
};

let dir: string;
let broker: RunningBroker;
let live: RunningLiveService;
let liveHttp: Server;
let webServer: TestWebServer;
let web: string;
let feeds: MqttClient;
let wall: MqttClient;
/** The live service's retained status as the public wall receives it. */
let status: LiveStatus | null = null;
let streamTimer: NodeJS.Timeout | undefined;

const startLive = () =>
  startTestLiveService(broker, config, {
    thresholdsFile: join(dir, 'data', 'live-thresholds.json'),
    alarmTuning: FAST_ALARM_TUNING,
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gaozhu-thresholds-'));
  broker = await startTestBroker();
  live = await startLive();
  // A handler per request on whichever live service is running: the restart below keeps the same address.
  liveHttp = createServer((req, res) => void createLiveHttpHandler(live)(req, res));
  webServer = await startTestWebServer(
    [
      ['admin1', 'admin', 'admin pass'],
      ['dispatcher1', 'dispatcher', 'dispatcher pass'],
      ['manager1', 'manager', 'manager pass'],
    ],
    { liveUrl: await listenOnLoopback(liveHttp) },
  );
  web = webServer.base;
  feeds = await connectAs(brokerTcpUrl(broker), 'feeds');
  wall = await connectAs(brokerTcpUrl(broker), 'wall');
  wall.on('message', (topic, payload) => {
    if (topic === liveTopics.status) status = liveStatusSchema.parse(JSON.parse(payload.toString()));
  });
  await wall.subscribeAsync(liveTopics.status, { qos: 1 });
  // The whole area reports every 250 ms, the hot feeder at HOT_PCT, the rest at 40 %.
  publishAll(Date.now());
  streamTimer = setInterval(() => publishAll(Date.now()), 250);
});

afterAll(async () => {
  clearInterval(streamTimer);
  feeds?.end(true);
  wall?.end(true);
  await webServer?.close();
  await new Promise((r) => liveHttp?.close(r));
  await live?.close();
  await broker?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every feeder, PV site and station reports (the hot feeder at HOT_PCT, the rest at 40 %), like the feeds would. */
const publishAll = (tsMs: number) => publishAreaAtLoading(feeds, config, tsMs, (f) => (f.id === hot.id ? HOT_PCT : 40));

const signIn = (name: string, password: string) => signInTo(web, name, password);
const call = (method: string, path: string, s: Session | null, body?: unknown, csrf = true) =>
  callAs(web, method, path, s, body, csrf);

const hotAlarm = () => live.alarms.list().alarms.find((a) => a.deviceId === hot.id);
const hotState = () =>
  live
    .lastSnapshot()
    ?.substations.find((s) => s.substationId === hot.substationId)
    ?.feeders.find((f) => f.id === hot.id)?.state;

describe('thresholds changed from the admin screen', () => {
  it('applies a change live, lists and audits it, reverts, and refuses other roles and bad input', async () => {
    const admin = await signIn('admin1', 'admin pass');
    const dispatcher = await signIn('dispatcher1', 'dispatcher pass');
    const manager = await signIn('manager1', 'manager pass');

    // With area.json's thresholds the hot feeder is below heavy load: no alarm, state normal.
    await waitForValue('the hot feeder live', () => hotState() === 'normal');
    const first = await call('GET', '/api/thresholds', admin);
    expect(first.status).toBe(200);
    const list0 = thresholdsListSchema.parse(await first.json());
    expect(list0.current).toMatchObject({ version: 0, thresholds: config.thresholds });
    expect(hotAlarm()).toBeUndefined();

    // Other roles, the signed out, a missing CSRF token: refused before the live service.
    expect((await call('GET', '/api/thresholds', dispatcher)).status).toBe(403);
    expect((await call('GET', '/api/thresholds', manager)).status).toBe(403);
    expect((await call('GET', '/api/thresholds', null)).status).toBe(401);
    expect((await call('PUT', '/api/thresholds', dispatcher, { thresholds: lowered, note: 'x' })).status).toBe(403);
    expect((await call('PUT', '/api/thresholds', null, { thresholds: lowered, note: 'x' })).status).toBe(401);
    expect((await call('PUT', '/api/thresholds', admin, { thresholds: lowered, note: 'x' }, false)).status).toBe(403);
    expect((await call('POST', '/api/thresholds/revert', dispatcher, { version: 0 })).status).toBe(403);

    // Invalid values: 400 naming the field, nothing applied.
    const inverted = await call('PUT', '/api/thresholds', admin, {
      thresholds: { ...lowered, overloadLoadingPct: lowered.heavyLoadingPct },
      note: '',
    });
    expect(inverted.status).toBe(400);
    expect(await inverted.json()).toMatchObject({
      field: 'thresholds.overloadLoadingPct',
      problem: 'must be above heavyLoadingPct',
    });
    const negative = await call('PUT', '/api/thresholds', admin, {
      thresholds: { ...lowered, voltageDeviationPct: -1 },
    });
    expect(negative.status).toBe(400);
    expect(((await negative.json()) as { field: string }).field).toBe('thresholds.voltageDeviationPct');
    expect((await call('PUT', '/api/thresholds', admin, { thresholds: { heavyLoadingPct: 50 } })).status).toBe(400);
    expect(live.thresholds.list().current.version).toBe(0);

    // The change: version 1 by the session's user (the body's `by` is ignored), applied at once.
    const put = await call('PUT', '/api/thresholds', admin, { thresholds: lowered, note: '迎峰度夏', by: 'mallory' });
    expect(put.status).toBe(201);
    const v1 = thresholdsVersionSchema.parse(await put.json());
    expect(v1).toMatchObject({ version: 1, thresholds: lowered, by: 'admin1', note: '迎峰度夏' });
    expect(hotState()).toBe('overload');
    const alarm = await waitForValue('the overload alarm under the new threshold', () =>
      hotAlarm()?.rule === 'overload' ? hotAlarm() : null,
    );
    expect(alarm).toMatchObject({ severity: 'critical', threshold: lowered.overloadLoadingPct });
    // Screens learn the applied thresholds from the live core's status.
    const published = await waitForValue('the status with version 1', () =>
      status?.thresholds?.version === 1 ? status : null,
    );
    expect(published.thresholds).toEqual({
      version: 1,
      heavyLoadingPct: lowered.heavyLoadingPct,
      overloadLoadingPct: lowered.overloadLoadingPct,
      voltageDeviationPct: lowered.voltageDeviationPct,
    });
    const list1 = thresholdsListSchema.parse(await (await call('GET', '/api/thresholds', admin)).json());
    expect(list1.current.version).toBe(1);
    expect(list1.versions.map((v) => [v.version, v.by, v.note])).toEqual([
      [1, 'admin1', '迎峰度夏'],
      [0, 'area.json', ''],
    ]);

    // Revert to version 0: a new version 2 equal to it; the alarm clears, the feeder is normal again.
    const rev = await call('POST', '/api/thresholds/revert', admin, { version: 0, note: '恢复' });
    expect(rev.status).toBe(201);
    expect(thresholdsVersionSchema.parse(await rev.json())).toMatchObject({
      version: 2,
      thresholds: config.thresholds,
      by: 'admin1',
      revertedFrom: 0,
    });
    expect(hotState()).toBe('normal');
    await waitForValue('the alarm cleared after the revert', () => !hotAlarm());
    expect((await call('POST', '/api/thresholds/revert', admin, { version: 99 })).status).toBe(404);

    // Audited: who, what, the answer.
    const audit = (await (await call('GET', '/api/audit', admin)).json()) as {
      action: string;
      actor: string;
      target: string;
      detail: string;
    }[];
    const change = audit.find((e) => e.action === 'thresholds-change' && e.detail.startsWith('201'));
    expect(change).toMatchObject({ actor: 'admin1', detail: '201 · v1 · 迎峰度夏' });
    expect(change?.target).toContain(`overloadLoadingPct=${lowered.overloadLoadingPct}`);
    expect(audit.find((e) => e.action === 'thresholds-change' && e.detail.startsWith('400'))?.detail).toContain(
      'thresholds.overloadLoadingPct',
    );
    expect(audit.find((e) => e.action === 'thresholds-revert' && e.detail.startsWith('201'))).toMatchObject({
      actor: 'admin1',
      target: 'v0',
      detail: '201 · v2 · 恢复',
    });
  });

  it('survives a restart of the live service: the newest version applies from the start', async () => {
    const admin = await signIn('admin1', 'admin pass');
    const put = await call('PUT', '/api/thresholds', admin, { thresholds: lowered, note: 'again' });
    expect(put.status).toBe(201);
    const made = thresholdsVersionSchema.parse(await put.json());
    await waitForValue('the overload alarm', () => hotAlarm()?.rule === 'overload');

    await live.close();
    const restartedAtMs = Date.now();
    live = await startLive(); // no state file: the alarms start afresh, the thresholds come from their file
    const list = thresholdsListSchema.parse(
      await (await call('GET', '/api/thresholds', admin)).json(),
    ) as ThresholdsList;
    expect(list.current).toEqual(made);
    expect(list.versions.map((v) => v.version)).toEqual([made.version, 2, 1, 0]);
    await waitForValue(
      'the restarted service publishing the newest version',
      () => status !== null && status.ts >= restartedAtMs && status.thresholds?.version === made.version,
    );
    await waitForValue(
      'the restarted service judging the feeder by the newest version',
      () => hotState() === 'overload',
    );
    await waitForValue('the overload alarm raised again after the restart', () => hotAlarm()?.rule === 'overload');
  });
});
