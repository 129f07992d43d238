/**
 * Supply reliability end to end on the real embedded broker: the mock feeds (world at 60×, no random outages) and the
 * live service. A fault on section 1 of a Sichuan feeder whose far end ties to a Chongqing feeder (the 10 kV
 * interconnection), asked through the scenario control:
 * - its events arrive in order: tripped → isolated → restored upstream → restored across the tie → repaired;
 * - the feeder head's load drops to nothing, comes back by the head section's share, the Chongqing feeder takes the
 *   downstream share, and all returns after the repair;
 * - the live service keeps one outage record (customer-minutes = the faulted section's customers × its repair time,
 *   self-healed, across the provincial tie), updates the province's indicators, and raises a critical feeder-trip
 *   alarm cleared by the restoration;
 * - the history service stores the record, and a live service started afresh (no state file) takes the year's records
 *   from it: its indicators still count the fault;
 * - malformed, impossible and repeated events on the broker are rejected by the live service and counted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningFeeds } from '../../mock-feeds/feeds/feeds';
import { shanghaiToUtcMs } from '../../mock-feeds/world/local-time';
import { type AreaConfig, parseAreaConfig } from '../../src/core/config/area-schema';
import {
  FEEDER_EVENTS_FILTER,
  type FeederEvent,
  feederEventSchema,
  parseFeederEventsTopic,
} from '../../src/core/contract/feeder-events';
import { type AlarmEvent, alarmEventSchema, liveTopics } from '../../src/core/contract/live-core';
import { feederTelemetrySchema } from '../../src/core/contract/payloads';
import {
  type LiveReliability,
  liveReliabilitySchema,
  type OutageRecord,
  outageRecordSchema,
  reliabilityTopics,
} from '../../src/core/contract/reliability';
import { deviceTopic } from '../../src/core/contract/topics';
import type { RunningBroker } from '../../src/services/broker/broker';
import { type RunningHistoryService, startHistoryService } from '../../src/services/history/service';
import { type RunningLiveService, startLiveService } from '../../src/services/live/live-service';
import { readAreaConfig } from '../support/area-config';
import { brokerTcpUrl, connectAs, serviceLogin, startTestBroker } from '../support/broker-fixture';
import { startTestFeeds } from '../support/feeds-fixture';
import { type Probe, waitForValue } from '../support/wait-for';

const base = readAreaConfig();
const byId = new Map(base.feeders.map((f) => [f.id, f]));
const A = base.feeders.find(
  (f) =>
    f.province === 'sc' &&
    (f.sections?.length ?? 0) >= 3 &&
    f.sections?.at(-1)?.tie &&
    byId.get(f.sections.at(-1)!.tie!.feederId)!.province === 'cq',
)!;
const B = byId.get(A.sections!.at(-1)!.tie!.feederId)!;

/**
 * The two feeders of the tie and what feeds them, without PV or chargers: at 03:00 their heads then carry the base
 * load alone, so the shares can be read straight off the feeder-head P.
 */
function tieArea(): AreaConfig {
  const subs = new Set([A.substationId, B.substationId]);
  for (const s of base.substations) if (subs.has(s.id)) for (const p of s.parentIds) subs.add(p);
  return parseAreaConfig(
    {
      ...base,
      substations: base.substations.filter((s) => subs.has(s.id)),
      links: base.links.filter((l) => subs.has(l.from) && subs.has(l.to)),
      feeders: [A, B],
      pvSites: [],
      chargingStations: [],
      customers: undefined,
    },
    'the tie area',
  );
}

const config = tieArea();
const SPEED = 60;
const START = shanghaiToUtcMs(2026, 11, 11) + 3 * 3_600_000; // a Wednesday, 03:00
const REPAIR_S = 900;
const customers = A.sections!.map((s) => s.residential + s.enterprise);
const share = (k: number[]) => k.reduce((a, i) => a + A.sections![i]!.loadSharePct / 100, 0);
const n = A.sections!.length;

let broker: RunningBroker;
let feeds: RunningFeeds;
let live: RunningLiveService;
let history: RunningHistoryService;
let historyDir: string;
let dash: MqttClient;
let forging = false;
const events: FeederEvent[] = [];
const records: OutageRecord[] = [];
const alarmEvents: AlarmEvent[] = [];
const indicators: Partial<Record<string, LiveReliability>> = {};
/** Feeder-head P by feeder, in arrival order, with the device time. */
const headP = new Map<string, { ts: number; pKw: number; energised: boolean[] }[]>([
  [A.id, []],
  [B.id, []],
]);

/** Waits here default to 30 s: outages, repairs and their records play out on the simulation's clock. */
const until = <T>(what: string, probe: Probe<T>, timeoutMs = 30_000) => waitForValue(what, probe, timeoutMs);

beforeAll(async () => {
  broker = await startTestBroker();
  live = await startLiveService({ ...serviceLogin(broker, 'live'), config, publishIntervalMs: 200 });
  historyDir = mkdtempSync(join(tmpdir(), 'gaozhu-reliability-'));
  history = await startHistoryService({
    ...serviceLogin(broker, 'recorder'),
    config,
    dbPath: join(historyDir, 'history.sqlite'),
    port: 0,
    flushIntervalMs: 200,
  });
  dash = await connectAs(brokerTcpUrl(broker), 'dashboard');
  dash.on('message', (topic, payload) => {
    const json = JSON.parse(payload.toString());
    if (topic === liveTopics.alarmEvents) alarmEvents.push(alarmEventSchema.parse(json));
    else if (parseFeederEventsTopic(topic)) {
      // The last case forges bad events on purpose: only the feeds' own (valid) ones are the sequence under test.
      const e = feederEventSchema.safeParse(json);
      if (e.success && !forging) events.push(e.data);
    } else if (topic === reliabilityTopics.records) records.push(outageRecordSchema.parse(json));
    else if (topic.startsWith(`${reliabilityTopics.indicators('area').replace(/area$/, '')}`)) {
      const r = liveReliabilitySchema.parse(json);
      indicators[r.scope] = r;
    } else {
      const t = feederTelemetrySchema.parse(json);
      const id = topic.split('/')[4] as string;
      headP.get(id)?.push({ ts: t.ts, pKw: t.pKw, energised: t.switching?.energised ?? [] });
    }
  });
  await dash.subscribeAsync(
    [
      FEEDER_EVENTS_FILTER,
      reliabilityTopics.records,
      `${reliabilityTopics.indicators('area').replace(/area$/, '')}+`,
      liveTopics.alarmEvents,
      ...[A, B].map((f) => deviceTopic({ kind: 'feeder', province: f.province, deviceId: f.id, channel: 'telemetry' })),
    ],
    { qos: 1 },
  );
  feeds = await startTestFeeds(broker, config, { seed: 7, speed: SPEED, startMs: START, controlPort: 0 });
  // The live service has both feeders' readings before the fault.
  await until('both feeders live at the live service', () =>
    [A, B].every((f) => (headP.get(f.id)?.length ?? 0) >= 3 && live.counts.accepted > 10),
  );
}, 60_000);

afterAll(async () => {
  await feeds?.close();
  await live?.close();
  await history?.close();
  dash?.end(true);
  await broker?.close();
  if (historyDir) rmSync(historyDir, { recursive: true, force: true });
});

describe('a fault self-healed across the Sichuan–Chongqing tie', () => {
  it('trips, isolates, restores upstream and across the tie, repairs; loads move by the sections; one record', async () => {
    const lastReading = (id: string) => headP.get(id)!.at(-1)!;
    const aBefore = lastReading(A.id);
    const bBefore = lastReading(B.id);
    expect(aBefore.pKw).toBeGreaterThan(500);
    const res = await fetch(`http://127.0.0.1:${feeds.controlPort}/scenarios`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'fault', deviceId: A.id, section: 1, durationS: REPAIR_S }),
    });
    expect(res.status).toBe(201);

    await until('the repair', () => events.find((e) => e.type === 'repaired'), (REPAIR_S / SPEED) * 1000 + 20_000);
    expect(events.map((e) => [e.type, e.via, e.tieFeederId])).toEqual([
      ['tripped', null, null],
      ['isolated', null, null],
      ['restored', 'upstream', null],
      ['restored', 'tie', B.id],
      ['repaired', 'repair', null],
    ]);
    const [trip, , up, tie, repaired] = events as [FeederEvent, FeederEvent, FeederEvent, FeederEvent, FeederEvent];
    expect(events.map((e) => e.ts)).toEqual([...events.map((e) => e.ts)].sort((x, y) => x - y));
    expect(tie.ts - trip.ts).toBeLessThanOrEqual(130_000); // self-healed within ~2 min of device time
    expect(repaired.ts - trip.ts).toBe(REPAIR_S * 1000);

    // The feeder head, phase by phase (readings of device time inside each phase).
    const within = (id: string, from: number, to: number) => headP.get(id)!.filter((r) => r.ts >= from && r.ts < to);
    // After the trip's millisecond: a reading sent in the same tick just before the scenario has its timestamp too.
    const tripped = within(A.id, trip.ts + 1, up.ts);
    expect(tripped.length).toBeGreaterThan(0);
    expect(tripped.every((r) => r.pKw === 0 && r.energised.every((x) => !x))).toBe(true);
    const upstreamOnly = within(A.id, up.ts, tie.ts);
    expect(upstreamOnly.length).toBeGreaterThan(0);
    for (const r of upstreamOnly) expect(r.pKw / aBefore.pKw).toBeCloseTo(share([0]), 1);
    const downstream = Array.from({ length: n - 2 }, (_, k) => k + 2);
    const acrossTie = within(B.id, tie.ts, repaired.ts);
    expect(acrossTie.length).toBeGreaterThan(0);
    const taken = acrossTie.at(-1)!.pKw - bBefore.pKw;
    // What the Chongqing feeder took is the downstream share of the Sichuan feeder's load (±10 %: minutes of load drift).
    expect(taken / (aBefore.pKw * share(downstream))).toBeGreaterThan(0.9);
    expect(taken / (aBefore.pKw * share(downstream))).toBeLessThan(1.1);
    const after = await until('a reading after the repair', () =>
      headP.get(A.id)!.find((r) => r.ts > repaired.ts + 5_000),
    );
    expect(after.pKw / aBefore.pKw).toBeGreaterThan(0.9);
    expect(after.pKw / aBefore.pKw).toBeLessThan(1.1);
    expect(after.energised.every(Boolean)).toBe(true);

    // One outage record, its last version repaired, with its customer-minutes.
    const last = await until('the repaired record', () => records.findLast((r) => r.state === 'repaired'));
    expect(new Set(records.map((r) => r.id))).toEqual(new Set([`${A.id}-${trip.ts}`]));
    expect(last).toMatchObject({
      feederId: A.id,
      province: 'sc',
      cause: 'fault',
      faultSection: 1,
      startMs: trip.ts,
      restoredAtMs: tie.ts,
      repairedAtMs: repaired.ts,
      selfHealed: true,
      crossProvinceTie: true,
      customersAffected: customers.reduce((a, b) => a + b, 0),
    });
    expect(last.customerMinutes).toBeCloseTo((customers[1] as number) * (REPAIR_S / 60), 6);
    expect(last.sections.find((s) => s.section === n - 1)).toMatchObject({ restoredVia: 'tie', tieFeederId: B.id });

    // The province's indicators count it: the faulted section's customers sustained, the rest momentary.
    const sc = await until('the indicators after the repair', () => {
      const r = indicators.sc;
      return r && r.yearToDate.faults === 1 && r.yearToDate.all.customerMinutes > 0 ? r : null;
    });
    expect(sc.month.all.interruptions).toBe(customers[1]);
    expect(sc.month.all.customerMinutes).toBeCloseTo(last.customerMinutes, 6);
    expect(sc.month.all.momentaryInterruptions).toBe(customers.reduce((a, b) => a + b, 0) - (customers[1] as number));
    expect(sc.yearToDate).toMatchObject({ selfHealedFaults: 1 });
    expect(sc.yearToDate.meanSelfHealingS).toBeCloseTo((tie.ts - trip.ts) / 1000, 3);
    expect(indicators.cq?.yearToDate.faults).toBe(0);

    // A critical alarm for the trip, cleared by the restoration (before the repair).
    const trips = alarmEvents.filter((e) => e.rule === 'feeder-trip' && e.deviceId === A.id);
    expect(trips.map((e) => e.type)).toEqual(['raised', 'cleared']);
    expect(trips[0]?.severity).toBe('critical');
    expect(trips[1]!.ts).toBeGreaterThanOrEqual(tie.ts);
    expect(trips[1]!.ts).toBeLessThan(repaired.ts);
    expect(live.counts.rejected['out-of-order']).toBe(0);
    expect(live.counts.rejected.implausible).toBe(0);
  }, 60_000);

  it('a live service started afresh takes the year from the history service: the fault still counts', async () => {
    const api = `http://127.0.0.1:${history.port}`;
    const stored = await until(
      'the record in the history',
      async () => {
        const r = await fetch(`${api}/api/reliability/outages?from=${START - 3_600_000}&to=${START + 86_400_000}`);
        const body = (await r.json()) as { outages: OutageRecord[] };
        return body.outages.find((o) => o.feederId === A.id && o.state === 'repaired');
      },
      20_000,
    );
    expect(stored.customerMinutes).toBeCloseTo((customers[1] as number) * (REPAIR_S / 60), 6);
    const fresh = await startLiveService({
      ...serviceLogin(broker, 'live'),
      config,
      publishIntervalMs: 200,
      historyUrl: api,
    });
    try {
      await until('the seeded records', () => fresh.reliability.size === 1, 20_000);
      const sc = fresh.reliability.indicators(feeds.worldNowMs()).sc;
      expect(sc.yearToDate).toMatchObject({ faults: 1, selfHealedFaults: 1 });
      expect(sc.yearToDate.all.customerMinutes).toBeCloseTo(stored.customerMinutes, 6);
    } finally {
      await fresh.close();
    }
  }, 60_000);

  it('rejects and counts malformed, impossible and repeated events', async () => {
    const forger = await connectAs(brokerTcpUrl(broker), 'feeds');
    try {
      const topic = `gaozhu/v1/feeder/${A.province}/${A.id}/events`;
      const repeated = events.at(-1)!;
      const impossible = { ...repeated, seq: repeated.seq + 10, ts: repeated.ts + 1, sections: [7] };
      const before = { ...live.counts.rejected };
      forging = true;
      await forger.publishAsync(topic, '{"not":"an event"}', { qos: 1 });
      await forger.publishAsync(topic, JSON.stringify(repeated), { qos: 1 });
      await forger.publishAsync(topic, JSON.stringify(impossible), { qos: 1 });
      await until('the three rejections counted', () => {
        const r = live.counts.rejected;
        return (
          r.schema === before.schema + 1 &&
          r['out-of-order'] === before['out-of-order'] + 1 &&
          r.implausible === before.implausible + 1
        );
      });
      expect(live.reliability.size).toBe(1);
    } finally {
      forger.end(true);
    }
  });
});
