/**
 * The product on a 3-node cluster of Debian's nats-server (configured by src/services/broker/nats/config.ts): the
 * real feeds on node 1, the real live service (its main.ts, a child process) on node 2, the public wall's user on
 * node 3 over MQTT over WebSocket. The live core computed from the feeds crosses the cluster retained and right, Last
 * Wills cross nodes, the public user's allow list holds, and a node killed mid-stream leaves the others running while
 * its clients move to another node (MQTT_URL naming every node).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFeeds, startFeeds } from '../../mock-feeds/feeds/feeds';
import {
  LIVE_ROOT,
  type LiveFigures,
  type LiveStatus,
  liveFiguresSchema,
  liveStatusSchema,
  liveTopics,
} from '../../src/core/contract/live-core';
import { ALL_STATUS_FILTER, ALL_TELEMETRY_FILTER, deviceTopic } from '../../src/core/contract/topics';
import { freePort } from '../../src/services/launcher/net';
import { readAreaConfig, withFastClocks } from '../support/area-config';
import { connectAs, testUsers } from '../support/broker-fixture';
import { type RunningNatsCluster, startNatsCluster } from '../support/nats-cluster-fixture';
import { type Probe, waitForValue } from '../support/wait-for';

const config = withFastClocks(readAreaConfig());
const configured = {
  feeder: config.feeders.length,
  pv: config.pvSites.length,
  charger: config.chargingStations.length,
};

let cluster: RunningNatsCluster;
let feeds: RunningFeeds;
let liveProc: ChildProcess | null = null;
let liveOutput = '';
let wall: MqttClient;
let dash: MqttClient;
let workDir: string;
const clients: MqttClient[] = [];
const track = (c: MqttClient) => {
  clients.push(c);
  return c;
};

interface Seen<T> {
  at: number;
  value: T;
}
const figures: Seen<LiveFigures>[] = [];
const statuses: Seen<LiveStatus>[] = [];
/** The newest feeder reading each device sent, as a dispatcher on node 3 receives them. */
const feederKw = new Map<string, number>();
const deviceStatus: Seen<{ topic: string; state: string }>[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** waitForValue with the live service's last output in the error: what it logged says why a figure never came. */
const waitFor = <T>(what: string, fn: Probe<T>, timeoutMs = 20_000): Promise<T> =>
  waitForValue(what, fn, timeoutMs).catch((e: Error) => {
    throw new Error(`${e.message}\nlive service:\n${liveOutput.slice(-2000)}`);
  });

/** The live service's own main.ts, as `npm run live` runs it, pointed at the cluster by MQTT_URL. */
async function startLiveProcess(mqttUrl: string): Promise<ChildProcess> {
  const configFile = join(workDir, 'area.json');
  writeFileSync(configFile, JSON.stringify(config));
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/services/live/main.ts'], {
    env: {
      ...process.env,
      MQTT_URL: mqttUrl,
      AREA_CONFIG: configFile,
      LIVE_PORT: String(await freePort()),
      LIVE_PUBLISH_MS: '500',
      LIVE_STATE_FILE: join(workDir, `live-state-${Date.now()}.json`),
      LIVE_THRESHOLDS_FILE: join(workDir, 'live-thresholds.json'),
      // No history service here: the seeding finds nobody and today counts from the start.
      HISTORY_URL: `http://127.0.0.1:${await freePort()}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d) => (liveOutput += d));
  proc.stderr?.on('data', (d) => (liveOutput += d));
  return proc;
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'gaozhu-nats-test-'));
  cluster = await startNatsCluster(3);
  const [n1, n2, n3] = cluster.nodes as [
    (typeof cluster.nodes)[0],
    (typeof cluster.nodes)[0],
    (typeof cluster.nodes)[0],
  ];

  // The public wall's user, on node 3, over WebSocket as the browser connects.
  wall = track(await connectAs(n3.wsUrl, 'wall'));
  wall.on('message', (topic, payload) => {
    const at = Date.now();
    if (topic === liveTopics.status) statuses.push({ at, value: liveStatusSchema.parse(JSON.parse(`${payload}`)) });
    else if (topic === liveTopics.figures('area'))
      figures.push({ at, value: liveFiguresSchema.parse(JSON.parse(`${payload}`)) });
  });
  await wall.subscribeAsync([liveTopics.status, liveTopics.figures('area')], { qos: 0 });

  // A dispatcher on node 3 reads the raw stream (its user may): what the feeds sent, to check the figures against.
  dash = track(await connectAs(n3.mqttUrl, 'dashboard'));
  dash.on('message', (topic, payload) => {
    const parts = topic.split('/');
    if (parts[5] === 'status') {
      deviceStatus.push({ at: Date.now(), value: { topic, state: JSON.parse(`${payload}`).state } });
    } else if (parts[2] === 'feeder') feederKw.set(parts[4] as string, JSON.parse(`${payload}`).pKw);
  });
  await dash.subscribeAsync([ALL_TELEMETRY_FILTER, ALL_STATUS_FILTER], { qos: 0 });

  // Node 1 first: when it is lost the devices reconnect to node 2, then 3 (mqtt.js servers, see mqtt-client.ts).
  feeds = await startFeeds({
    mqttUrl: [n1, n2, n3].map((n) => n.mqttUrl).join(','),
    username: testUsers.feeds.username,
    password: testUsers.feeds.password,
    config,
    seed: 11,
    speed: 1,
    controlPort: 0,
    log: () => {},
  });
  liveProc = await startLiveProcess([n2, n3, n1].map((n) => n.mqttUrl).join(','));
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.end(true);
  if (liveProc && liveProc.exitCode === null) liveProc.kill('SIGKILL');
  await feeds?.close();
  await cluster?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const complete = (f: LiveFigures) =>
  f.status === 'complete' &&
  f.coverage.feeder.live === configured.feeder &&
  f.coverage.pv.live === configured.pv &&
  f.coverage.charger.live === configured.charger;

describe('the product on a 3-node NATS cluster', () => {
  it('brings the live core computed from the feeds (node 1 → live service on node 2) to the wall on node 3, retained and right', async () => {
    const first = await waitFor(
      'complete area figures on node 3',
      () => figures.find((f) => complete(f.value)),
      60_000,
    );
    const f = first.value;
    expect(f.coverage.feeder).toMatchObject({ configured: configured.feeder, held: 0, missing: 0 });
    expect(f.coverage.pv).toMatchObject({ configured: configured.pv, held: 0, missing: 0 });
    expect(f.coverage.charger).toMatchObject({ configured: configured.charger, held: 0, missing: 0 });
    expect(f.chargers.connectors).toBe(config.chargingStations.reduce((n, s) => n + s.connectors.length, 0));
    // Grid import is the sum of the feeder heads: within a few % of what the dispatcher on node 3 saw last
    // (readings move within the second between the live service's snapshot and now).
    const sumKw = [...feederKw.values()].reduce((a, b) => a + b, 0);
    expect(feederKw.size).toBe(configured.feeder);
    expect(Math.abs(f.power.gridImportKw - sumKw)).toBeLessThan(Math.abs(sumKw) * 0.05 + 50);

    // A screen opened now gets the figures at once from the retained copy, on any node.
    const late = track(await connectAs(cluster.nodes[0]!.wsUrl, 'wall'));
    const retained = new Promise<{ retain: boolean; body: LiveFigures }>((resolve) =>
      late.once('message', (_t, p, packet) =>
        resolve({ retain: packet.retain, body: liveFiguresSchema.parse(JSON.parse(`${p}`)) }),
      ),
    );
    await late.subscribeAsync(liveTopics.figures('area'), { qos: 0 });
    const got = await retained;
    expect(got.retain).toBe(true);
    expect(got.body.coverage.feeder.configured).toBe(configured.feeder);
  });

  it('holds the public user to its allow list: no raw telemetry, no wider filter, no publishing', async () => {
    const n3 = cluster.nodes[2]!;
    const probe = track(await connectAs(n3.wsUrl, 'wall'));
    const raw: string[] = [];
    probe.on('message', (t) => !t.startsWith(`${LIVE_ROOT}/`) && raw.push(t));
    const feederTopic = deviceTopic({
      kind: 'feeder',
      province: config.feeders[0]!.province,
      deviceId: config.feeders[0]!.id,
      channel: 'telemetry',
    });
    // The SUBACK's return codes (128: refused); mqtt.js rejects a refused subscription with the packet attached.
    const granted = (filter: string, qos: 0 | 1) =>
      probe.subscribeAsync(filter, { qos }).then(
        (g) => g.map((x) => x.qos as number),
        (e: { packet?: { granted?: number[] } }) => e.packet?.granted,
      );
    for (const filter of [ALL_TELEMETRY_FILTER, feederTopic, 'gaozhu/v1/#', '#'])
      expect(await granted(filter, 0), filter).toEqual([128]);
    // Allowed filters are granted, so the refusals above are the allow list, not a broken login.
    expect(await granted(liveTopics.figures('sc'), 0)).toEqual([0]);
    // QoS 1 would need the internal delivery subject, which only readers of the whole root get.
    expect(await granted(liveTopics.figures('cq'), 1)).toEqual([128]);
    // A forged figure from the wall's user never reaches the real subscribers.
    const forgedAt = Date.now();
    await probe.publishAsync(liveTopics.figures('area'), '{"forged":true}', { qos: 1 });
    await sleep(1_500);
    expect(raw).toEqual([]);
    expect(figures.filter((f) => f.at >= forgedAt).length).toBeGreaterThan(0);
    expect(cluster.log(2)).toMatch(/Subscription Violation - User "wall", Subject "gaozhu\.v1\.\*\.\*\.\*\.telemetry"/);
    expect(cluster.log(2)).toMatch(/Publish Violation - User "wall", Subject "gaozhu\.v1\.live\.figures\.area"/);
  });

  it('carries the largest live-core document across nodes, retained', async () => {
    const liveUser = track(await connectAs(cluster.nodes[1]!.mqttUrl, 'live'));
    const topic = `${LIVE_ROOT}/test-largest`;
    // The live core's limit less the JSON around it: what a 20,000-station province would be.
    const body = JSON.stringify({ fill: 'x'.repeat(4 * 1024 * 1024 - 64) });
    await liveUser.publishAsync(topic, body, { qos: 1, retain: true });
    // Node 3 serves retained messages from its own copy of the retained-messages stream, which catches up after the
    // PUBACK: for megabytes, a second or more under load. A subscription made before that gets nothing (the publish
    // is over), so a fresh subscriber tries again until node 3 has it.
    const deadline = Date.now() + 30_000;
    let got: { bytes: number; retain: boolean } | 'none' = 'none';
    while (got === 'none' && Date.now() < deadline) {
      const reader = await connectAs(cluster.nodes[2]!.mqttUrl, 'dashboard');
      const first = new Promise<{ bytes: number; retain: boolean } | 'none'>((resolve) => {
        reader.once('message', (_t, p, packet) => resolve({ bytes: p.length, retain: packet.retain }));
        setTimeout(() => resolve('none'), 3_000);
      });
      await reader.subscribeAsync(topic, { qos: 0 });
      got = await first;
      reader.end(true);
    }
    expect(got).toEqual({ bytes: body.length, retain: true });
    await liveUser.publishAsync(topic, '', { qos: 1, retain: true });
  });

  it('a device’s Last Will crosses nodes: a dispatcher on node 3 sees it offline, the wall’s figures count it out', async () => {
    const pv = config.pvSites[0]!;
    const statusTopic = deviceTopic({ kind: 'pv', province: pv.province, deviceId: pv.id, channel: 'status' });
    const from = Date.now();
    // The feeds drop the device's socket without DISCONNECT (as a cut cable would): node 1 publishes its Will.
    const res = await fetch(`http://127.0.0.1:${feeds.controlPort}/scenarios`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'offline', deviceId: pv.id }),
    });
    expect(res.status).toBe(201);
    await waitFor('the Will on node 3', () =>
      deviceStatus.find((s) => s.at >= from && s.value.topic === statusTopic && s.value.state === 'offline'),
    );
    // The live service on node 2 got it too: the wall's figures on node 3 no longer count the site live.
    const without = await waitFor('figures without the site', () =>
      figures.find((f) => f.at >= from && f.value.coverage.pv.live === configured.pv - 1),
    );
    expect(without.value.coverage.pv.held + without.value.coverage.pv.missing).toBe(1);
    expect(without.value.status).not.toBe('complete');

    await fetch(`http://127.0.0.1:${feeds.controlPort}/scenarios`, { method: 'DELETE' });
    const back = Date.now();
    await waitFor('online again', () =>
      deviceStatus.find((s) => s.at >= back && s.value.topic === statusTopic && s.value.state === 'online'),
    );
    await waitFor('complete again', () => figures.find((f) => f.at >= back && complete(f.value)));
  });

  it('the live service’s Last Will marks live/status offline on node 3; started again it is back online', async () => {
    await waitFor('live status online', () => statuses.find((s) => s.value.state === 'online'));
    const from = Date.now();
    const proc = liveProc as ChildProcess;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL'); // no clean "offline" of its own: only the broker's Will can say it
    await exited;
    const will = await waitFor('live Will on node 3', () =>
      statuses.find((s) => s.at >= from && s.value.state === 'offline'),
    );
    expect(will.value.source).toBe('broker-lost');

    const [n1, n2, n3] = cluster.nodes as [
      (typeof cluster.nodes)[0],
      (typeof cluster.nodes)[0],
      (typeof cluster.nodes)[0],
    ];
    const restarted = Date.now();
    liveProc = await startLiveProcess([n2, n3, n1].map((n) => n.mqttUrl).join(','));
    await waitFor('live online again', () => statuses.find((s) => s.at >= restarted && s.value.state === 'online'));
    await waitFor('complete figures again', () => figures.find((f) => f.at >= restarted && complete(f.value)), 30_000);
  }, 60_000);

  it('keeps a persistent session’s QoS 1 events while its client is away, and hands them over on another node', async () => {
    // What the history recorder's events connection relies on (src/services/history/recorder.ts: clean false, QoS 1).
    const session = { clientId: `gaozhu-history-events-nats-test-${process.pid}`, clean: false };
    const first = await connectAs(cluster.nodes[2]!.mqttUrl, 'recorder', session);
    await first.subscribeAsync(liveTopics.alarmEvents, { qos: 1 });
    await first.endAsync();

    const liveUser = track(await connectAs(cluster.nodes[0]!.mqttUrl, 'live'));
    const sent = [1, 2, 3, 4, 5].map((i) => JSON.stringify({ test: 'away', i, at: Date.now() }));
    for (const body of sent) await liveUser.publishAsync(liveTopics.alarmEvents, body, { qos: 1 });

    const got: string[] = [];
    // The kept messages follow the CONNACK at once, maybe in the same read: the handler must be there before it, as
    // the recorder's is (connectAs would attach it only after 'connect').
    const back = track(
      mqtt.connect(cluster.nodes[1]!.mqttUrl, {
        ...session,
        resubscribe: false,
        username: testUsers.recorder.username,
        password: testUsers.recorder.password,
        protocolVersion: 4,
        reconnectPeriod: 0,
      }),
    );
    back.on('message', (_t, p) => {
      if (`${p}`.includes('"away"')) got.push(`${p}`);
    });
    await waitFor('the events kept for the session', () => got.length >= sent.length, 15_000);
    expect(got).toEqual(sent);
  });

  it('node 1 killed mid-stream: the wall (node 3) and the live service (node 2) carry on, the feeds move to node 2', async () => {
    let wallClosed = 0;
    wall.on('close', () => wallClosed++);
    await waitFor('complete figures before the kill', () =>
      figures.find((f) => f.at >= Date.now() - 1_000 && complete(f.value)),
    );
    // A client with a Will on node 1 that does not come back: NATS keeps a Will with the connection, on its node only.
    const willTopic = deviceTopic({ kind: 'pv', province: 'sc', deviceId: 'will-probe', channel: 'status' });
    const probe = await connectAs(cluster.nodes[0]!.mqttUrl, 'feeds', {
      will: { topic: willTopic, payload: Buffer.from('{"state":"offline"}'), qos: 1, retain: false },
    });
    probe.on('error', () => {});
    // The dispatcher on node 3 reads every status (ALL_STATUS_FILTER): a Will published anywhere would reach it.
    const killedAt = Date.now();
    await cluster.kill(0);

    // The live service on node 2 keeps publishing while its devices are away: the figures keep coming, held.
    await waitFor('figures during the outage', () => figures.find((f) => f.at >= killedAt + 1_000));
    // Every device reconnects (to node 2) and the stream is whole again on the wall.
    const whole = await waitFor(
      'complete figures after the kill',
      () => figures.find((f) => f.at >= killedAt && f.value.ts > killedAt + 1_000 && complete(f.value)),
      60_000,
    );
    expect(whole.value.dataTimeMs).toBeGreaterThan(killedAt);
    expect(wallClosed).toBe(0);
    expect(wall.connected).toBe(true);
    expect(liveProc?.exitCode).toBeNull();
    expect(cluster.nodes[0]!.running()).toBe(false);
    // nats-server 2.9.10: the Will died with its node (none of the surviving nodes publishes it). The product does not
    // rely on it there: such a device's telemetry goes stale and the figures count it held, then missing.
    expect(deviceStatus.filter((s) => s.value.topic === willTopic)).toEqual([]);
    probe.end(true);
  }, 90_000);
});
