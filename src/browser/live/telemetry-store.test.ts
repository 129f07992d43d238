import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../core/config/area-schema';
import { DataClock } from '../../core/contract/data-clock';
import { deviceTopic } from '../../core/contract/topics';
import { TelemetryIngest } from './ingest';
import { TelemetryStore } from './telemetry-store';

const config = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
/** Local day start in UTC+8 (fixed: China has no DST). */
const dayStartUtc8 = (ts: number) => Math.floor((ts + 8 * 3_600_000) / 86_400_000) * 86_400_000 - 8 * 3_600_000;

const feeder = config.feeders[0]!;
const feeder2 = config.feeders.find((f) => f.province !== feeder.province)!;
// Large enough for the 500 kW the tests publish (the edge refuses PV output far above a site's kWp).
const pv = config.pvSites.find((p) => p.kWp >= 500)!;
const T0 = Date.UTC(2026, 10, 26, 4, 0, 0); // 12:00 in Shanghai

function setup(startMs = T0) {
  let now = startMs;
  const clock = new DataClock(() => now);
  const store = new TelemetryStore(config, { dayStartMs: dayStartUtc8 });
  const ingest = new TelemetryIngest(store, clock);
  const send = (topic: string, body: unknown) => {
    ingest.handle(topic, new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)));
    ingest.flush();
  };
  const feederMsg = (_f: typeof feeder, ts: number, pKw: number, eImportKwh: number) => ({
    ts,
    pKw,
    qKvar: pKw * 0.3,
    // Consistent with S / (√3·U): the edge refuses a current that contradicts the power.
    iA: Math.hypot(pKw, pKw * 0.3) / (Math.sqrt(3) * 10.4),
    uKv: 10.4,
    eImportKwh,
    eExportKwh: 0,
  });
  return {
    store,
    send,
    feederMsg,
    setNow: (t: number) => {
      now = t;
      store.commit(clock.now());
    },
  };
}

const ft = (f: typeof feeder) =>
  deviceTopic({ kind: 'feeder', province: f.province, deviceId: f.id, channel: 'telemetry' });

describe('TelemetryStore via ingest', () => {
  it('sums feeder heads into grid import and adds PV for consumption, per province and area', () => {
    const { store, send, feederMsg } = setup();
    send(ft(feeder), feederMsg(feeder, T0, 3000, 100));
    send(ft(feeder2), feederMsg(feeder2, T0, 2000, 50));
    send(deviceTopic({ kind: 'pv', province: pv.province, deviceId: pv.id, channel: 'telemetry' }), {
      ts: T0,
      pKw: 500,
      eKwh: 10,
      state: 'producing',
    });
    const s = store.getSnapshot();
    // area: import 3000 + 2000 = 5000 kW; consumption = 5000 + 500 = 5500 kW
    expect(s.balance.area.gridImportKw).toBe(5000);
    expect(s.balance.area.pvKw).toBe(500);
    expect(s.balance.area.consumptionKw).toBe(5500);
    expect(s.balance[feeder.province].gridImportKw).toBe(3000);
    expect(s.balance[feeder2.province].gridImportKw).toBe(2000);
    expect(s.balance.area.coverage.feeders).toEqual({ reporting: 2, configured: config.feeders.length });
  });

  it('rejects malformed, wrong-unit and unknown-device messages by reason; they never reach the store', () => {
    const { store, send, feederMsg } = setup();
    send(ft(feeder), '{not json');
    send(ft(feeder), { ...feederMsg(feeder, T0, 3000, 1), uKv: 10400 }); // volts sent as kV
    send('gaozhu/v1/feeder/sc/no-such-feeder/telemetry', feederMsg(feeder, T0, 1, 1));
    send('other/topic', '{}');
    const s = store.getSnapshot();
    expect(s.diagnostics.rejected['not-json']).toBe(1);
    expect(s.diagnostics.rejected['out-of-range']).toBe(1);
    expect(s.diagnostics.rejected['unknown-device']).toBe(1);
    expect(s.diagnostics.rejected['bad-topic']).toBe(1);
    expect(s.diagnostics.rejectedTotal).toBe(4);
    expect(s.diagnostics.lastRejected?.topic).toBe('other/topic');
    expect(s.devices.get(feeder.id)?.latest).toBeNull();
    expect(s.balance.area.gridImportKw).toBe(0);
  });

  it('drops duplicates and out-of-order messages by device timestamp', () => {
    const { store, send, feederMsg } = setup();
    send(ft(feeder), feederMsg(feeder, T0 + 10_000, 3000, 100));
    send(ft(feeder), feederMsg(feeder, T0 + 10_000, 9999, 100));
    send(ft(feeder), feederMsg(feeder, T0 + 5_000, 8888, 99));
    const s = store.getSnapshot();
    expect(s.devices.get(feeder.id)?.latest?.pKw).toBe(3000);
    expect(s.diagnostics.duplicates).toBe(2);
    expect(store.getSnapshot().series.device(feeder.id)).toEqual([[T0 + 10_000, 3000]]);
  });

  it('marks a device stale after 3 missed intervals and offline on its Last Will', () => {
    const { store, send, feederMsg, setNow } = setup();
    send(ft(feeder), feederMsg(feeder, T0, 3000, 100));
    setNow(T0 + 14_000); // 14 s < 3 × 5 s
    expect(store.getSnapshot().devices.get(feeder.id)?.freshness).toBe('live');
    setNow(T0 + 16_000); // 16 s > 15 s
    expect(store.getSnapshot().devices.get(feeder.id)?.freshness).toBe('stale');
    expect(store.getSnapshot().balance.area.coverage.feeders.reporting).toBe(0);
    send(deviceTopic({ kind: 'feeder', province: feeder.province, deviceId: feeder.id, channel: 'status' }), {
      ts: T0 + 16_000,
      state: 'offline',
    });
    expect(store.getSnapshot().devices.get(feeder.id)?.freshness).toBe('offline');
  });

  it('allows for a stream arriving late as a whole (a backlog draining), but not for silence', () => {
    const { store, send, feederMsg, setNow } = setup();
    send(ft(feeder), feederMsg(feeder, T0, 3000, 100));
    send(ft(feeder2), feederMsg(feeder2, T0, 3000, 100));
    // 20 s on, readings are still arriving but 16 s late (a page opened on thousands of retained readings, or a link
    // catching up): the first feeder's next reading is somewhere in that queue, it is not silent.
    setNow(T0 + 20_000);
    send(ft(feeder2), feederMsg(feeder2, T0 + 4_000, 3000, 101));
    const lagging = store.getSnapshot();
    expect(lagging.diagnostics.streamLagMs).toBe(16_000);
    expect(lagging.devices.get(feeder.id)?.freshness).toBe('live');
    // Nothing arrives any more (feeds or broker gone): no allowance, both are stale at the next look.
    setNow(T0 + 21_000);
    const silent = store.getSnapshot();
    expect(silent.diagnostics.streamLagMs).toBe(0);
    expect(silent.devices.get(feeder.id)?.freshness).toBe('stale');
    expect(silent.devices.get(feeder2.id)?.freshness).toBe('stale');
  });

  it('goes offline on a Last Will stamped with its session start, and online again when it announces itself', () => {
    const { store, send, feederMsg } = setup();
    const statusTopic = deviceTopic({
      kind: 'feeder',
      province: feeder.province,
      deviceId: feeder.id,
      channel: 'status',
    });
    send(statusTopic, { ts: T0, state: 'online' });
    send(ft(feeder), feederMsg(feeder, T0 + 5_000, 3000, 100));
    // The Will was composed at connect time (T0 − 1 s), before the online status: it still wins, it came last.
    send(statusTopic, { ts: T0 - 1_000, state: 'offline' });
    expect(store.getSnapshot().devices.get(feeder.id)?.freshness).toBe('offline');
    send(statusTopic, { ts: T0 + 60_000, state: 'online' });
    send(ft(feeder), feederMsg(feeder, T0 + 61_000, 3000, 101));
    expect(store.getSnapshot().devices.get(feeder.id)?.freshness).toBe('live');
  });

  it("counts today's energy from counters, surviving a register reset", () => {
    const { store, send, feederMsg } = setup();
    send(ft(feeder), feederMsg(feeder, T0, 3000, 1000));
    send(ft(feeder), feederMsg(feeder, T0 + 60_000, 3000, 1050)); // +50
    send(ft(feeder), feederMsg(feeder, T0 + 120_000, 3000, 20)); // reset: count from 20
    send(ft(feeder), feederMsg(feeder, T0 + 180_000, 3000, 70)); // +50
    // 50 before the reset + 50 after = 100 kWh
    expect(store.getSnapshot().today.area.eImportKwh).toBe(100);
  });

  it('starts a new day at local midnight (Asia/Shanghai)', () => {
    const midnight = Date.UTC(2026, 10, 26, 16, 0, 0); // 2026-11-27 00:00 +08:00
    const { store, send, feederMsg, setNow } = setup(midnight - 60_000);
    send(ft(feeder), feederMsg(feeder, midnight - 60_000, 3000, 1000));
    send(ft(feeder), feederMsg(feeder, midnight - 5_000, 3000, 1040));
    expect(store.getSnapshot().today.area.eImportKwh).toBe(40);
    setNow(midnight + 10_000);
    send(ft(feeder), feederMsg(feeder, midnight + 10_000, 3000, 1050));
    // the new day counts from the last reading of the old one: 1050 − 1040 = 10 kWh
    expect(store.getSnapshot().today.area.eImportKwh).toBe(10);
  });
});

describe('seeding from the live service’s substation snapshot', () => {
  const sub = feeder.substationId;
  const others = config.feeders.filter((f) => f.substationId === sub && f.id !== feeder.id);
  const snapshot = (lastTs: number, pKw: number) => ({
    ts: lastTs + 500,
    substationId: sub,
    feeders: [
      { id: feeder.id, pKw, loadingPct: 42.5, state: 'normal' as const, lastTs },
      // A missing feeder (no value) is not seeded.
      ...others.map((f) => ({ id: f.id, pKw: null, loadingPct: null, state: 'missing' as const, lastTs: null })),
    ],
  });

  it('fills a feeder with no reading yet: P, loading and its time, live and in the balance', () => {
    const { store, setNow } = setup();
    expect(store.seedFromSubstation(snapshot(T0 - 1_000, 1234))).toBe(1);
    setNow(T0);
    const v = store.getSnapshot().devices.get(feeder.id)!;
    expect(v.seeded).toEqual({ pKw: 1234, loadingPct: 42.5, lastTs: T0 - 1_000 });
    expect(v.lastTs).toBe(T0 - 1_000);
    expect(v.freshness).toBe('live');
    expect(v.latest).toBeNull();
    expect(store.getSnapshot().balance.area.gridImportKw).toBe(1234);
    for (const f of others) expect(store.getSnapshot().devices.get(f.id)!.freshness).toBe('no-data');
  });

  it('a later raw reading wins over the seed; an older snapshot never overrides a newer reading', () => {
    const { store, send, feederMsg, setNow } = setup();
    store.seedFromSubstation(snapshot(T0 - 1_000, 1234));
    send(ft(feeder), feederMsg(feeder, T0, 2000, 100));
    setNow(T0 + 100);
    let v = store.getSnapshot().devices.get(feeder.id)!;
    expect(v.seeded).toBeNull();
    expect(v.lastTs).toBe(T0);
    expect((v.latest as { pKw: number }).pKw).toBe(2000);
    // The snapshot of an older (or the same) reading arriving late changes nothing.
    expect(store.seedFromSubstation(snapshot(T0, 999))).toBe(0);
    setNow(T0 + 200);
    v = store.getSnapshot().devices.get(feeder.id)!;
    expect(v.seeded).toBeNull();
    expect(store.getSnapshot().balance.area.gridImportKw).toBe(2000);
  });

  it('a raw reading older than the seed does not replace it, and a seeded feeder goes stale on its time', () => {
    const { store, send, feederMsg, setNow } = setup();
    store.seedFromSubstation(snapshot(T0, 1234));
    send(ft(feeder), feederMsg(feeder, T0 - 5_000, 2000, 100));
    setNow(T0 + 100);
    expect(store.getSnapshot().devices.get(feeder.id)!.seeded?.pKw).toBe(1234);
    const staleAfterMs = config.feedIntervalsS.feeder * 1000 * config.thresholds.staleAfterMissedIntervals;
    setNow(T0 + staleAfterMs + 1_000);
    expect(store.getSnapshot().devices.get(feeder.id)!.freshness).toBe('stale');
  });

  it('refuses a feeder listed under another substation than its own', () => {
    const { store } = setup();
    expect(store.seedFromSubstation({ ...snapshot(T0, 1), substationId: 'not-its-substation' })).toBe(0);
  });
});
