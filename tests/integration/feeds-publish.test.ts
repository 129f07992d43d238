import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFeeds, startFeeds } from '../../mock-feeds/feeds/feeds';
import { simClockSchema } from '../../src/core/contract/payloads';
import { ALL_STATUS_FILTER, ALL_TELEMETRY_FILTER, deviceTopic, SIM_CLOCK_TOPIC } from '../../src/core/contract/topics';
import { validateMessage } from '../../src/core/contract/validate';
import type { RunningBroker } from '../../src/services/broker/broker';
import { readAreaConfig } from '../support/area-config';
import { brokerTcpUrl, connectAs, serviceLogin, startTestBroker } from '../support/broker-fixture';
import { waitForValue } from '../support/wait-for';

const config = readAreaConfig();
const SPEED = 60;

let broker: RunningBroker;
let feeds: RunningFeeds;
let dash: MqttClient;
let control: string;
interface Msg {
  topic: string;
  payload: string;
  retain: boolean;
  at: number;
}
const messages: Msg[] = [];

beforeAll(async () => {
  broker = await startTestBroker();
  feeds = await startFeeds({
    ...serviceLogin(broker, 'feeds'),
    config,
    seed: 5,
    speed: SPEED,
    controlPort: 0,
    log: () => {},
  });
  control = `http://127.0.0.1:${feeds.controlPort}`;
  dash = await connectAs(brokerTcpUrl(broker), 'dashboard');
  dash.on('message', (topic, payload, packet) =>
    messages.push({ topic, payload: payload.toString(), retain: packet.retain, at: Date.now() }),
  );
  await dash.subscribeAsync([ALL_TELEMETRY_FILTER, ALL_STATUS_FILTER, SIM_CLOCK_TOPIC]);
});

afterAll(async () => {
  dash?.end(true);
  await feeds?.close();
  await broker?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const topicOf = (kind: 'feeder' | 'substation' | 'pv' | 'charger', id: string, channel: 'telemetry' | 'status') => {
  const province = [...config.feeders, ...config.substations, ...config.pvSites, ...config.chargingStations].find(
    (d) => d.id === id,
  )?.province;
  return deviceTopic({ kind, province: province ?? 'sc', deviceId: id, channel });
};
async function post(body: unknown): Promise<Response> {
  return fetch(`${control}/scenarios`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('mock feeds over MQTT', () => {
  it('every device in area.json publishes telemetry that passes validateMessage, and status online retained', async () => {
    const expected = [
      ...config.substations.map((d) =>
        deviceTopic({ kind: 'substation', province: d.province, deviceId: d.id, channel: 'telemetry' }),
      ),
      ...config.feeders.map((d) =>
        deviceTopic({ kind: 'feeder', province: d.province, deviceId: d.id, channel: 'telemetry' }),
      ),
      ...config.pvSites.map((d) =>
        deviceTopic({ kind: 'pv', province: d.province, deviceId: d.id, channel: 'telemetry' }),
      ),
      ...config.chargingStations.map((d) =>
        deviceTopic({ kind: 'charger', province: d.province, deviceId: d.id, channel: 'telemetry' }),
      ),
    ];
    expect(expected.length).toBe(178);
    await waitForValue('a telemetry message from every device', () => {
      const seen = new Set(messages.map((m) => m.topic));
      return expected.every((t) => seen.has(t));
    });
    await sleep(1500);
    // Judge against the simulation clock, as the dashboard does: device time runs SPEED× ahead of the wall.
    const rejected = messages
      .filter((m) => m.topic !== SIM_CLOCK_TOPIC)
      .map((m) => ({ m, r: validateMessage(m.topic, m.payload, feeds.worldNowMs()) }))
      .filter((x) => !x.r.ok);
    expect(rejected.map((x) => `${x.m.topic}: ${JSON.stringify(x.r)}`)).toEqual([]);
    expect(messages.length).toBeGreaterThan(500);

    const clock = messages.filter((m) => m.topic === SIM_CLOCK_TOPIC).at(-1);
    expect(clock).toBeDefined();
    const parsed = simClockSchema.parse(JSON.parse(clock?.payload ?? '{}'));
    expect(parsed.speed).toBe(SPEED);

    // A fresh subscriber gets the retained status (online) and telemetry of every device at once.
    const late = await connectAs(brokerTcpUrl(broker), 'recorder');
    const retained = new Map<string, string>();
    late.on('message', (t, p, packet) => {
      if (packet.retain) retained.set(t, p.toString());
    });
    await late.subscribeAsync([ALL_STATUS_FILTER, ALL_TELEMETRY_FILTER]);
    await waitForValue('retained messages', () => retained.size >= 2 * 178, 5_000);
    const status = retained.get(topicOf('feeder', 'gaotan-f01', 'status'));
    expect(JSON.parse(status ?? '{}').state).toBe('online');
    late.end(true);
  });

  it('publishes feeders every 5 world seconds: about SPEED/5 per wall second, floored by the 100 ms gap', async () => {
    const topic = topicOf('feeder', 'dawan-f03', 'telemetry');
    const from = Date.now();
    await sleep(2000);
    const got = messages.filter((m) => m.topic === topic && m.at >= from);
    // 60× → every 83 ms of wall time, floored at 100 ms: 10 per second, so 16–22 in 2 s.
    expect(got.length).toBeGreaterThanOrEqual(14);
    expect(got.length).toBeLessThanOrEqual(22);
    const ts = got.map((m) => JSON.parse(m.payload).ts as number);
    expect(ts.every((t, i) => i === 0 || t > (ts[i - 1] as number))).toBe(true);
  });

  it('offline: the broker delivers the Last Will; clearing brings the device back online', async () => {
    const statusTopic = topicOf('pv', 'pv-010', 'status');
    const from = Date.now();
    const res = await post({ type: 'offline', deviceId: 'pv-010' });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const will = await waitForValue('Last Will offline', () =>
      messages.find((m) => m.topic === statusTopic && m.at >= from && JSON.parse(m.payload).state === 'offline'),
    );
    expect(validateMessage(will.topic, will.payload, feeds.worldNowMs()).ok).toBe(true);
    const del = await fetch(`${control}/scenarios/${id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    const back = Date.now();
    await waitForValue('online again', () =>
      messages.find((m) => m.topic === statusTopic && m.at >= back && JSON.parse(m.payload).state === 'online'),
    );
  });

  it('silent: the device stops publishing but stays connected (status stays online)', async () => {
    const topic = topicOf('feeder', 'cizhu-f01', 'telemetry');
    const statusTopic = topicOf('feeder', 'cizhu-f01', 'status');
    const res = await post({ type: 'silent', deviceId: 'cizhu-f01' });
    expect(res.status).toBe(201);
    await sleep(200);
    const from = Date.now();
    await sleep(1500);
    expect(messages.filter((m) => m.topic === topic && m.at >= from)).toHaveLength(0);
    expect(messages.filter((m) => m.topic === statusTopic && m.at >= from)).toHaveLength(0);
    const other = topicOf('feeder', 'cizhu-f02', 'telemetry');
    expect(messages.filter((m) => m.topic === other && m.at >= from).length).toBeGreaterThan(5);
    await fetch(`${control}/scenarios`, { method: 'DELETE' });
    const after = Date.now();
    await waitForValue('telemetry again', () => messages.find((m) => m.topic === topic && m.at >= after));
  });

  it('pv-trip: the site reports state tripped at 0 kW', async () => {
    const topic = topicOf('pv', 'pv-002', 'telemetry');
    const res = await post({ type: 'pv-trip', deviceId: 'pv-002', durationS: 3600 });
    expect(res.status).toBe(201);
    const from = Date.now();
    const m = await waitForValue('tripped', () =>
      messages.find((x) => x.topic === topic && x.at >= from && JSON.parse(x.payload).state === 'tripped'),
    );
    expect(JSON.parse(m.payload).pKw).toBe(0);
    const list = (await (await fetch(`${control}/scenarios`)).json()) as { scenarios: { type: string }[] };
    expect(list.scenarios.map((s) => s.type)).toContain('pv-trip');
    await fetch(`${control}/scenarios`, { method: 'DELETE' });
  });

  it('rejects bad scenario bodies with 400 and unknown devices with 404', async () => {
    for (const body of [
      '{not json',
      { type: 'meltdown' },
      { type: 'overload' },
      { type: 'pv-trip', deviceId: 'gaotan-f01' },
    ]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/\w/);
    }
    expect((await post({ type: 'silent', deviceId: 'no-such-device' })).status).toBe(404);
    expect((await fetch(`${control}/scenarios/sc-999`, { method: 'DELETE' })).status).toBe(404);
    const health = (await (await fetch(`${control}/health`)).json()) as { ok: boolean; connected: number };
    expect(health).toMatchObject({ ok: true, connected: 178 });
  });
});
