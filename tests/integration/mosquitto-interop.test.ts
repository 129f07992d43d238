/**
 * The system against a real Mosquitto instead of the embedded Aedes: the generated config must give the same
 * authentication and ACL, the browser's path (MQTT over WebSocket) must work, and an independent client
 * (mosquitto_sub) must read the documented topics.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFeeds, startFeeds } from '../../mock-feeds/feeds/feeds';
import { parseAreaConfig } from '../../src/core/config/area-schema';
import { ALL_STATUS_FILTER, ALL_TELEMETRY_FILTER, deviceTopic } from '../../src/core/contract/topics';
import { type RejectedMessage, validateMessage } from '../../src/core/contract/validate';
import {
  brokerTcpUrl,
  brokerWsUrl,
  clientTracker,
  connectAs,
  serviceLogin,
  testUsers,
} from '../support/broker-fixture';
import { findMosquittoProgram, type RunningMosquitto, startMosquitto } from '../support/mosquitto-fixture';

const areaFile = new URL('../../public/config/area.json', import.meta.url);
const area = parseAreaConfig(readFileSync(areaFile, 'utf8'), areaFile.pathname);
const feeder = area.feeders.find((f) => f.province === 'sc') ?? area.feeders[0]!;
const feederTopic = deviceTopic({
  kind: 'feeder',
  province: feeder.province,
  deviceId: feeder.id,
  channel: 'telemetry',
});

let mosq: RunningMosquitto;
const { track, endAll } = clientTracker();

beforeAll(async () => {
  mosq = await startMosquitto();
});
afterAll(async () => {
  endAll();
  await mosq?.close();
});

function feederPayload(ts: number) {
  return JSON.stringify({
    ts,
    pKw: 3120.5,
    qKvar: 640.2,
    iA: 184.3,
    uKv: 10.21,
    eImportKwh: 1_234_567.8,
    eExportKwh: 12.5,
  });
}

describe('Mosquitto with the generated config', () => {
  it('delivers the feeds’ retained telemetry to a dashboard client over WebSocket, valid against the contract', async () => {
    const feeds = track(await connectAs(brokerTcpUrl(mosq), 'feeds'));
    const ts = Date.now();
    await feeds.publishAsync(feederTopic, feederPayload(ts), { qos: 1, retain: true });

    // Subscribing after the publish: only the retained copy can arrive.
    const dash = track(await connectAs(brokerWsUrl(mosq), 'dashboard'));
    const got = new Promise<{ topic: string; payload: Buffer; retain: boolean }>((resolve) =>
      dash.on('message', (topic, payload, packet) => resolve({ topic, payload, retain: packet.retain })),
    );
    await dash.subscribeAsync('gaozhu/v1/+/+/+/telemetry');
    const msg = await got;
    expect(msg.topic).toBe(feederTopic);
    expect(msg.retain).toBe(true);
    const result = validateMessage(msg.topic, msg.payload, Date.now());
    expect(result).toMatchObject({ ok: true, kind: 'feeder', deviceId: feeder.id, data: { ts } });
  });

  it('refuses anonymous and wrong-password logins, over TCP and WebSocket', async () => {
    await expect(connectAs(brokerTcpUrl(mosq), {})).rejects.toThrow(/Not authorized/i);
    await expect(connectAs(brokerTcpUrl(mosq), { username: 'dashboard', password: 'nope' })).rejects.toThrow(
      /Not authorized|Bad username/i,
    );
    await expect(connectAs(brokerWsUrl(mosq), {})).rejects.toThrow(/Not authorized/i);
    await expect(
      connectAs(brokerWsUrl(mosq), { username: testUsers.feeds.username, password: `${testUsers.feeds.password}x` }),
    ).rejects.toThrow(/Not authorized|Bad username/i);
  });

  it('drops a publish made with the dashboard credentials: it never reaches a subscriber', async () => {
    const topic = deviceTopic({ kind: 'feeder', province: 'cq', deviceId: 'forged-feeder', channel: 'telemetry' });
    const listener = track(await connectAs(brokerTcpUrl(mosq), 'recorder'));
    const received: string[] = [];
    listener.on('message', (_t, p) => received.push(p.toString()));
    await listener.subscribeAsync(topic, { qos: 1 });

    const dash = track(await connectAs(brokerWsUrl(mosq), 'dashboard'));
    // QoS 1: Mosquitto has made its ACL decision (and would have forwarded) by the time it sends PUBACK.
    await dash.publishAsync(topic, '{"forged":true}', { qos: 1, retain: true });
    // MQTT 3.1.1 has no way to report the refusal: Mosquitto acknowledges, drops it and keeps the connection.
    expect(dash.connected).toBe(true);

    // A feeds publish sent afterwards arrives; the forged one, which would have been queued before it, never does.
    const sentinel = new Promise<void>((resolve) =>
      listener.on('message', (_t, p) => p.toString() === 'sentinel' && resolve()),
    );
    const feeds = track(await connectAs(brokerTcpUrl(mosq), 'feeds'));
    await feeds.publishAsync(topic, 'sentinel', { qos: 1 });
    await sentinel;
    expect(received).toEqual(['sentinel']);
    // And nothing was retained under the forged topic.
    await feeds.publishAsync(topic, '', { qos: 1, retain: true });
  });

  it('keeps everyone inside the contract root: nothing is published or delivered outside it', async () => {
    const feeds = track(await connectAs(brokerTcpUrl(mosq), 'feeds'));
    // Not allowed for feeds either: the publish is dropped, so even a wildcard subscriber sees nothing.
    await feeds.publishAsync('elsewhere/x', 'outside', { qos: 1, retain: true });
    const dash = track(await connectAs(brokerTcpUrl(mosq), 'dashboard'));
    const outside: string[] = [];
    dash.on('message', (t) => !t.startsWith('gaozhu/v1/') && outside.push(t));
    await dash.subscribeAsync('#', { qos: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(outside).toEqual([]);
  });

  it('lets an independent client (mosquitto_sub) read a documented topic', async () => {
    const feeds = track(await connectAs(brokerTcpUrl(mosq), 'feeds'));
    const ts = Date.now();
    await feeds.publishAsync(feederTopic, feederPayload(ts), { qos: 1, retain: true });
    const { stdout } = await promisify(execFile)(
      findMosquittoProgram('mosquitto_sub'),
      [
        ...['-h', mosq.host, '-p', String(mosq.tcpPort), '-V', 'mqttv311'],
        ...['-u', testUsers.recorder.username, '-P', testUsers.recorder.password],
        ...['-t', feederTopic, '-C', '1', '-W', '10', '-v'],
      ],
      { timeout: 15_000 },
    );
    const line = stdout.trim();
    expect(line.startsWith(`${feederTopic} `)).toBe(true);
    const payload = line.slice(feederTopic.length + 1);
    expect(validateMessage(feederTopic, payload, Date.now())).toMatchObject({ ok: true, data: { ts } });
  });

  it('carries the real feeds: every device’s telemetry and status arrive over WebSocket and validate', async () => {
    const dash = track(await connectAs(brokerWsUrl(mosq), 'dashboard'));
    const telemetry = new Set<string>();
    const online = new Set<string>();
    const rejected: string[] = [];
    dash.on('message', (topic, payload) => {
      const result = validateMessage(topic, payload, Date.now());
      if (!result.ok) {
        rejected.push(`${topic}: ${(result as RejectedMessage).reason} ${(result as RejectedMessage).detail}`);
        return;
      }
      const key = `${result.kind}/${result.province}/${result.deviceId}`;
      if (result.channel === 'telemetry') telemetry.add(key);
      else if (result.data.state === 'online') online.add(key);
    });
    await dash.subscribeAsync([ALL_TELEMETRY_FILTER, ALL_STATUS_FILTER]);

    let feeds: RunningFeeds | undefined;
    try {
      feeds = await startFeeds({
        ...serviceLogin(mosq, 'feeds'),
        config: area,
        seed: 7,
        // Real time (device clocks stay within the receiver's skew limit) but every device due within a second.
        speed: 1,
        intervalsS: { substation: 1, feeder: 1, pv: 1, charger: 1 },
        controlPort: null,
        log: () => {},
      });
      const expected = feeds.world.devices().map((d) => `${d.kind}/${d.province}/${d.id}`);
      expect(expected.length).toBe(
        area.substations.length + area.feeders.length + area.pvSites.length + area.chargingStations.length,
      );
      const deadline = Date.now() + 20_000;
      while (expected.some((k) => !telemetry.has(k) || !online.has(k)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(expected.filter((k) => !telemetry.has(k))).toEqual([]);
      expect(expected.filter((k) => !online.has(k))).toEqual([]);
      expect(rejected).toEqual([]);
    } finally {
      await feeds?.close();
    }
  });
});
