/**
 * The live service against the real embedded broker: a hand-made stream of every configured device goes in as the
 * feeds would publish it, and the retained live-core figures that come out must equal the hand-summed stream; devices
 * silenced are held, then missing with the counts; a silent stream says 'silent'; the wall's user reads the live core
 * and is refused the raw device topics.
 */
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LiveFigures,
  liveFiguresSchema,
  liveStatusSchema,
  liveTopics,
  stationsLiveSchema,
  substationLiveSchema,
} from '../../src/core/contract/live-core';
import { deviceTopic } from '../../src/core/contract/topics';
import type { RunningBroker } from '../../src/services/broker/broker';
import type { RunningLiveService } from '../../src/services/live/live-service';
import { readAreaConfig, withFastClocks } from '../support/area-config';
import { brokerTcpUrl, connectAs, startTestBroker } from '../support/broker-fixture';
import { startTestLiveService } from '../support/live-fixture';
import { oneCarConnectors } from '../support/telemetry-fixture';

const base = readAreaConfig();
// Fast clocks so staleness and the hold time pass within a test: stale after 1 s, held for 2.5 s more.
const config = withFastClocks(base);

let broker: RunningBroker;
let live: RunningLiveService;
let feeds: MqttClient;
const clients: MqttClient[] = [];

beforeAll(async () => {
  broker = await startTestBroker();
  live = await startTestLiveService(broker, config);
  feeds = await connectAs(brokerTcpUrl(broker), 'feeds');
  clients.push(feeds);
});
afterAll(async () => {
  for (const c of clients) c.end(true);
  await live.close();
  await broker.close();
});

/** A deterministic, physically plausible reading per device: feeders 1–5 MW, PV at a third of kWp, chargers. */
function publishAll(tsMs: number, skip: ReadonlySet<string> = new Set()) {
  const sums = { sc: { imp: 0, pv: 0, ev: 0 }, cq: { imp: 0, pv: 0, ev: 0 } };
  const pub = (kind: 'feeder' | 'pv' | 'charger', province: 'sc' | 'cq', id: string, body: object) =>
    feeds.publish(deviceTopic({ kind, province, deviceId: id, channel: 'telemetry' }), JSON.stringify(body), {
      retain: true,
    });
  config.feeders.forEach((f, i) => {
    const pKw = 1000 + ((i * 397) % 4000);
    if (!skip.has(f.id)) {
      const iA = pKw / (Math.sqrt(3) * 10.2);
      pub('feeder', f.province, f.id, {
        ts: tsMs,
        pKw,
        qKvar: pKw * 0.2,
        iA,
        uKv: 10.2,
        eImportKwh: 5000 + i,
        eExportKwh: 0,
      });
    }
    sums[f.province].imp += pKw;
  });
  for (const p of config.pvSites) {
    const pKw = Math.round(p.kWp / 3);
    if (!skip.has(p.id)) pub('pv', p.province, p.id, { ts: tsMs, pKw, eKwh: 100, state: 'producing' });
    sums[p.province].pv += pKw;
  }
  for (const c of config.chargingStations) {
    const connectors = oneCarConnectors(c);
    if (!skip.has(c.id))
      pub('charger', c.province, c.id, { ts: tsMs, pKw: 7, eKwh: 50, sessionsTotal: 10, connectors });
    sums[c.province].ev += 7;
  }
  return sums;
}

function nextMessage<T>(client: MqttClient, topic: string, parse: (v: unknown) => T, until: (v: T) => boolean) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching message on ${topic} within 8 s`)), 8_000);
    const onMessage = (t: string, payload: Buffer) => {
      if (t !== topic) return;
      const v = parse(JSON.parse(payload.toString()));
      if (!until(v)) return;
      clearTimeout(timer);
      client.off('message', onMessage);
      resolve(v);
    };
    client.on('message', onMessage);
  });
}
/** The next area figures `client` receives that pass `until`. */
const nextAreaFigures = (client: MqttClient, until: (f: LiveFigures) => boolean) =>
  nextMessage(client, liveTopics.figures('area'), liveFiguresSchema.parse, until);

describe('live service', () => {
  it('publishes figures equal to the hand-summed stream, with full coverage', async () => {
    const wall = await connectAs(brokerTcpUrl(broker), 'wall');
    clients.push(wall);
    await wall.subscribeAsync(liveTopics.figures('area'));
    await wall.subscribeAsync(liveTopics.figures('sc'));
    const ts = Date.now();
    const sums = publishAll(ts);
    const area = await nextAreaFigures(wall, (f) => f.dataTimeMs === ts);
    const expectImport = sums.sc.imp + sums.cq.imp;
    const expectPv = sums.sc.pv + sums.cq.pv;
    expect(area.status).toBe('complete');
    expect(area.power.gridImportKw).toBeCloseTo(expectImport, 6);
    expect(Math.abs(area.power.pvKw - expectPv) / expectPv).toBeLessThan(0.001);
    expect(area.power.consumptionKw).toBeCloseTo(expectImport + expectPv, 6);
    expect(area.power.evKw).toBe(7 * config.chargingStations.length);
    expect(area.coverage.feeder).toMatchObject({ configured: 40, live: 40, held: 0, missing: 0 });
    expect(area.chargers.charging).toBe(config.chargingStations.length);
    expect(area.chargers.connectors).toBe(config.chargingStations.reduce((n, c) => n + c.connectors.length, 0));
    const sc = await nextMessage(wall, liveTopics.figures('sc'), liveFiguresSchema.parse, (f) => f.dataTimeMs === ts);
    expect(sc.power.gridImportKw).toBeCloseTo(sums.sc.imp, 6);
  });

  it('holds silenced devices at their last good value, then says partial with the counts', async () => {
    const dash = await connectAs(brokerTcpUrl(broker), 'dashboard');
    clients.push(dash);
    await dash.subscribeAsync(liveTopics.figures('area'));
    const silenced = new Set(config.feeders.slice(0, 3).map((f) => f.id));
    const t0 = Date.now();
    const sums = publishAll(t0);
    // Everyone else keeps reporting every 300 ms; the three silenced feeders stop after t0.
    const keepAlive = setInterval(() => publishAll(Date.now(), silenced), 300);
    try {
      const held = await nextAreaFigures(dash, (f) => f.status === 'held');
      expect(held.coverage.feeder).toMatchObject({ live: 37, held: 3, missing: 0 });
      expect(held.coverage.feeder.heldSinceMs).toBe(t0);
      // Held values still count: the sum is the whole stream's.
      expect(held.power.gridImportKw).toBeCloseTo(sums.sc.imp + sums.cq.imp, 6);
      const partial = await nextAreaFigures(dash, (f) => f.status === 'partial');
      expect(partial.coverage.feeder).toMatchObject({ live: 37, held: 0, missing: 3 });
      expect(partial.status).toBe('partial');
      const missingKw = config.feeders
        .map((f, i) => (silenced.has(f.id) ? 1000 + ((i * 397) % 4000) : 0))
        .reduce((a, b) => a + b, 0);
      expect(partial.power.gridImportKw).toBeCloseTo(sums.sc.imp + sums.cq.imp - missingKw, 6);
    } finally {
      clearInterval(keepAlive);
    }
  });

  it("says the source is silent when the stream stops, and keeps the substations' and stations' state", async () => {
    const wall = await connectAs(brokerTcpUrl(broker), 'wall');
    clients.push(wall);
    await wall.subscribeAsync(liveTopics.status);
    await wall.subscribeAsync(liveTopics.substation(config.substations[2]!.id));
    await wall.subscribeAsync(liveTopics.stations('sc'));
    const status = await nextMessage(wall, liveTopics.status, liveStatusSchema.parse, (s) => s.source === 'silent');
    expect(status.state).toBe('online');
    const sub = await nextMessage(
      wall,
      liveTopics.substation(config.substations[2]!.id),
      substationLiveSchema.parse,
      () => true,
    );
    expect(sub.feeders.length).toBe(config.feeders.filter((f) => f.substationId === config.substations[2]!.id).length);
    const stations = await nextMessage(wall, liveTopics.stations('sc'), stationsLiveSchema.parse, () => true);
    expect(stations.stations.length).toBe(config.chargingStations.filter((c) => c.province === 'sc').length);
  });

  it("refuses the wall's user the raw device topics", async () => {
    const wall = await connectAs(brokerTcpUrl(broker), 'wall');
    clients.push(wall);
    await expect(wall.subscribeAsync('gaozhu/v1/feeder/sc/+/telemetry')).rejects.toThrow(/Subscribe error/);
    await expect(wall.subscribeAsync('gaozhu/v1/#')).rejects.toThrow(/Subscribe error/);
    await expect(wall.subscribeAsync(liveTopics.alarmsDispatch)).rejects.toThrow(/Subscribe error/);
    await expect(wall.subscribeAsync(liveTopics.alarmsPublic)).resolves.toBeTruthy();
  });

  it('refuses the feeds a publish into the live core (nobody impersonates the live service)', async () => {
    const listener = await connectAs(brokerTcpUrl(broker), 'dashboard');
    clients.push(listener);
    const forged = await connectAs(brokerTcpUrl(broker), 'feeds');
    const closed = new Promise<void>((resolve) => forged.once('close', () => resolve()));
    forged.publish(liveTopics.figures('area'), '{"forged":true}', { retain: true });
    await closed;
    expect(broker.stats.refusedPublishes).toBeGreaterThanOrEqual(1);
  });
});
