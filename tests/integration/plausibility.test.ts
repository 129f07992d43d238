/**
 * Plausibility at the edge, end to end: the issue's impossible readings, published as the feeds user to the real
 * broker, are counted by the live service as 'implausible' and leave its published figures as the good stream made
 * them. And the other side of the thresholds: a simulated day of the feeds' world, with their harshest scenarios, is
 * never refused.
 */
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiToUtcMs } from '../../mock-feeds/world/local-time';
import { createWorld } from '../../mock-feeds/world/world';
import { DataClock } from '../../src/core/contract/data-clock';
import { DeviceRegistry } from '../../src/core/contract/device-registry';
import { judgeMessage } from '../../src/core/contract/edge-judge';
import { liveFiguresSchema, liveTopics } from '../../src/core/contract/live-core';
import { type DeviceKind, deviceTopic, type Province } from '../../src/core/contract/topics';
import type { RunningBroker } from '../../src/services/broker/broker';
import type { RunningLiveService } from '../../src/services/live/live-service';
import { readAreaConfig } from '../support/area-config';
import { brokerTcpUrl, connectAs, startTestBroker } from '../support/broker-fixture';
import { startTestLiveService } from '../support/live-fixture';

const config = readAreaConfig();

let broker: RunningBroker;
let live: RunningLiveService;
let feeds: MqttClient;
let wall: MqttClient;

beforeAll(async () => {
  broker = await startTestBroker();
  live = await startTestLiveService(broker, config);
  feeds = await connectAs(brokerTcpUrl(broker), 'feeds');
  wall = await connectAs(brokerTcpUrl(broker), 'wall');
});
afterAll(async () => {
  feeds?.end(true);
  wall?.end(true);
  await live?.close();
  await broker?.close();
});

const publish = (kind: DeviceKind, province: Province, deviceId: string, body: object) =>
  feeds.publishAsync(deviceTopic({ kind, province, deviceId, channel: 'telemetry' }), JSON.stringify(body), {
    retain: true,
  });

/** A possible reading for every feeder and PV site; returns the area's grid import and PV, kW. */
async function publishGood(ts: number) {
  let importKw = 0;
  let pvKw = 0;
  for (const [i, f] of config.feeders.entries()) {
    const pKw = 1000 + ((i * 397) % 4000);
    const qKvar = pKw * 0.2;
    const uKv = 10.2;
    const iA = Math.hypot(pKw, qKvar) / (Math.sqrt(3) * uKv);
    await publish('feeder', f.province, f.id, { ts, pKw, qKvar, iA, uKv, eImportKwh: 5000 + i, eExportKwh: 0 });
    importKw += pKw;
  }
  for (const p of config.pvSites) {
    const pKw = Math.round(p.kWp / 3);
    await publish('pv', p.province, p.id, { ts, pKw, eKwh: 100, state: 'producing' });
    pvKw += pKw;
  }
  return { importKw, pvKw };
}

function nextFigures(until: (f: ReturnType<typeof liveFiguresSchema.parse>) => boolean) {
  return new Promise<ReturnType<typeof liveFiguresSchema.parse>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching area figures within 8 s')), 8_000);
    const onMessage = (t: string, payload: Buffer) => {
      if (t !== liveTopics.figures('area')) return;
      const f = liveFiguresSchema.parse(JSON.parse(payload.toString()));
      if (!until(f)) return;
      clearTimeout(timer);
      wall.off('message', onMessage);
      resolve(f);
    };
    wall.on('message', onMessage);
  });
}

async function until(cond: () => boolean, what: string) {
  const deadline = Date.now() + 8_000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('plausibility at the edge (live service, real broker)', () => {
  it("counts the issue's impossible readings as 'implausible' and keeps them out of the figures", async () => {
    await wall.subscribeAsync(liveTopics.figures('area'));
    const t0 = Date.now();
    const good = await publishGood(t0);
    const before = await nextFigures((f) => f.dataTimeMs === t0);
    expect(before.power.gridImportKw).toBeCloseTo(good.importKw, 6);

    const f7 = config.feeders.find((f) => f.ratedMva === 7);
    const otherFeeder = config.feeders.find((f) => f !== f7);
    const pv13 = config.pvSites.find((p) => p.kWp === 13);
    const sub220 = config.substations.find((s) => s.voltageKv === 220);
    const station = config.chargingStations.find((c) => c.connectors.length < 64);
    if (!f7 || !otherFeeder || !pv13 || !sub220 || !station) throw new Error('area.json lacks an example device');
    const t1 = t0 + 1_000;
    const i7 = config.feeders.indexOf(f7);
    const impossible: [DeviceKind, Province, string, object][] = [
      // A 7 MVA feeder at 20 MW with 0 A at 5 kV.
      ['feeder', f7.province, f7.id, { ts: t1, pKw: 19_999, qKvar: 0, iA: 0, uKv: 5, eImportKwh: 5000, eExportKwh: 0 }],
      // Megawatts sent as kilowatts: 5 "kW" with 300 A.
      [
        'feeder',
        otherFeeder.province,
        otherFeeder.id,
        { ts: t1, pKw: 5, qKvar: 1, iA: 300, uKv: 10.2, eImportKwh: 6000, eExportKwh: 0 },
      ],
      // 10 MW from a 13 kWp PV site.
      ['pv', pv13.province, pv13.id, { ts: t1, pKw: 10_000, eKwh: 100, state: 'producing' }],
      // 10.4 kV from a 220 kV substation.
      ['substation', sub220.province, sub220.id, { ts: t1, pKw: 100_000, qKvar: 0, uKv: 10.4, fHz: 50 }],
      // 64 connectors a station does not have.
      [
        'charger',
        station.province,
        station.id,
        {
          ts: t1,
          pKw: 0,
          eKwh: 50,
          sessionsTotal: 10,
          connectors: Array.from({ length: 64 }, (_, j) => ({
            id: `x${j}`,
            state: 'available',
            pKw: 0,
            sessionKwh: 0,
          })),
        },
      ],
      // A register a year ahead one second later, on an otherwise ordinary reading.
      [
        'feeder',
        f7.province,
        f7.id,
        {
          ts: t1 + 1,
          pKw: 1000 + ((i7 * 397) % 4000),
          qKvar: 0,
          iA: (1000 + ((i7 * 397) % 4000)) / (Math.sqrt(3) * 10.2),
          uKv: 10.2,
          eImportKwh: 5000 + i7 + 1_000_000,
          eExportKwh: 0,
        },
      ],
    ];
    const implausibleBefore = live.counts.rejected.implausible;
    const acceptedBefore = live.counts.accepted;
    for (const [kind, province, id, body] of impossible) await publish(kind, province, id, body);
    await until(() => live.counts.rejected.implausible - implausibleBefore >= impossible.length, 'the rejections');
    expect(live.counts.rejected.implausible - implausibleBefore).toBe(impossible.length);
    expect(live.counts.accepted).toBe(acceptedBefore);

    // The next publish still shows the good stream: same import, same PV, same data time.
    const countedAt = live.counts.published;
    const after = await nextFigures(() => live.counts.published > countedAt + 1);
    expect(after.dataTimeMs).toBe(t0);
    expect(after.power.gridImportKw).toBeCloseTo(good.importKw, 6);
    expect(Math.abs(after.power.pvKw - good.pvKw) / good.pvKw).toBeLessThan(0.001);
    expect(after.coverage.feeder).toMatchObject({ configured: config.feeders.length, live: config.feeders.length });
  });
});

describe("the feeds' world is never refused", () => {
  it('a summer day in 30 s steps, with a 300 % overload, a PV trip, a charger fault and clouds', () => {
    const startMs = shanghaiToUtcMs(2025, 7, 23);
    const world = createWorld(config, { seed: 3, startMs, warmUpH: 2 });
    const registry = new DeviceRegistry(config);
    const clock = new DataClock(() => world.nowMs);
    const smallest = [...config.feeders].sort((a, b) => a.ratedMva - b.ratedMva)[0];
    if (!smallest) throw new Error('no feeder');
    const encoder = new TextEncoder();
    const refused: string[] = [];
    let judged = 0;
    let peakLoading = 0;
    for (let t = startMs; t <= startMs + 24 * 3_600_000; t += 30_000) {
      if (t === startMs + 11 * 3_600_000) {
        world.applyScenario({ type: 'overload', deviceId: smallest.id, loadingPct: 300, durationS: 3_600 });
        world.applyScenario({ type: 'pv-trip', deviceId: config.pvSites[0]?.id, durationS: 1_800 });
        world.applyScenario({ type: 'charger-fault', deviceId: config.chargingStations[0]?.id, durationS: 1_800 });
        world.applyScenario({ type: 'cloud', factor: 0.2, durationS: 1_800 });
      }
      world.advanceTo(t);
      for (const d of world.devices()) {
        const data = world[d.kind](d.id);
        if (d.id === smallest.id && 'qKvar' in data)
          peakLoading = Math.max(peakLoading, Math.hypot(data.pKw, data.qKvar) / (smallest.ratedMva * 1000));
        const topic = deviceTopic({ kind: d.kind, province: d.province, deviceId: d.id, channel: 'telemetry' });
        const j = judgeMessage(topic, encoder.encode(JSON.stringify(data)), t, clock, registry);
        judged++;
        if (j.type === 'rejected' && j.reason === 'implausible') refused.push(`${d.id}: ${j.detail}`);
      }
    }
    expect(judged).toBeGreaterThan(2880 * config.feeders.length);
    // The overload did happen: the rule's margin was exercised, not skipped.
    expect(peakLoading).toBeGreaterThan(2.8);
    expect(refused.slice(0, 5)).toEqual([]);
    expect(registry.suspect).toEqual({ 'counter-backwards': 0, 'counter-rebased': 0 });
  });
});
