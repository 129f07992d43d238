/**
 * Faults, self-healing and planned outages in the world model: the events in order with their times, the loads moving
 * with the sections (compared with a twin world without the fault, same seed), the switch states and events passing
 * the edge judge, the scenario control's refusals, and the random outages deterministic under the seed.
 */
import { describe, expect, it } from 'vitest';
import { DataClock } from '../../src/core/contract/data-clock';
import { DeviceRegistry } from '../../src/core/contract/device-registry';
import { judgeFeederEvent, judgeMessage } from '../../src/core/contract/edge-judge';
import { feederEventsTopic } from '../../src/core/contract/feeder-events';
import { deviceTopic } from '../../src/core/contract/topics';
import { crossBorderFeeder, readAreaConfig } from '../../tests/support/area-config';
import { shanghaiToUtcMs } from './local-time';
import { scenarioStatus } from './scenario-status-fixture';
import { createWorld, type World } from './world';

const config = readAreaConfig();
// 03:00 local on a Wednesday: light load, so a tie can take the sections over.
const NIGHT = shanghaiToUtcMs(2026, 3, 4) + 3 * 3_600_000;
const byId = new Map(config.feeders.map((f) => [f.id, f]));
const S = 1000;

/** A feeder of ≥ 3 sections whose last section has a tie to a feeder of the other province. */
const cross = crossBorderFeeder(config);
const crossTie = byId.get(cross.sections!.at(-1)!.tie!.feederId)!;

const worlds = () => ({
  fault: createWorld(config, { seed: 3, startMs: NIGHT, warmUpH: 1, randomOutages: false }),
  twin: createWorld(config, { seed: 3, startMs: NIGHT, warmUpH: 1, randomOutages: false }),
});
const both = (w: { fault: World; twin: World }, t: number) => {
  w.fault.advanceTo(t);
  w.twin.advanceTo(t);
};
const share = (id: string, sections: number[]) =>
  sections.reduce((a, k) => a + byId.get(id)!.sections![k]!.loadSharePct / 100, 0);

describe('a fault and its self-healing', () => {
  it('trips, isolates, restores upstream in seconds and across the provincial tie within 2 min, repairs in hours', () => {
    const w = worlds();
    const n = cross.sections!.length;
    const sc = w.fault.applyScenario({ type: 'fault', deviceId: cross.id, section: 1, durationS: 3 * 3600 });
    expect(sc).toMatchObject({ type: 'fault', section: 1, untilMs: NIGHT + 3 * 3_600_000 });
    // Tripped: the whole feeder is out, its head carries nothing.
    expect(w.fault.feeder(cross.id)).toMatchObject({ pKw: 0, iA: 0, switching: { breakerClosed: false } });
    expect(w.fault.feeder(cross.id).switching?.energised).toEqual(Array(n).fill(false));

    both(w, NIGHT + 20 * S);
    // Upstream of the fault (section 0) is back on the feeder's own head: its base load is section 0's share.
    const own = w.fault.feederParts(cross.id).baseKw / w.twin.feederParts(cross.id).baseKw;
    expect(own).toBeCloseTo(share(cross.id, [0]), 3);
    expect(w.fault.feeder(cross.id).switching?.energised).toEqual([true, ...Array(n - 1).fill(false)]);

    both(w, NIGHT + 140 * S);
    // Downstream (2…n−1) across the tie: the other province's feeder carries their share of this feeder's load.
    const downstream = Array.from({ length: n - 2 }, (_, k) => k + 2);
    const moved = w.twin.feederParts(cross.id).baseKw * share(cross.id, downstream);
    expect(w.fault.feederParts(crossTie.id).baseKw).toBeCloseTo(w.twin.feederParts(crossTie.id).baseKw + moved, 1);
    expect(w.fault.feeder(cross.id).switching?.energised).toEqual([true, false, ...Array(n - 2).fill(true)]);
    expect(w.fault.feeder(crossTie.id).switching?.tiesClosed.at(-1)).toBe(true);
    // P at the head is still base + EV − PV + losses.
    const p = w.fault.feederParts(crossTie.id);
    expect(p.pKw).toBeCloseTo(p.baseKw + p.evKw - p.pvKw + p.lossKw, 6);

    both(w, NIGHT + 3 * 3_600_000 + S);
    expect(w.fault.feederParts(cross.id).baseKw).toBeCloseTo(w.twin.feederParts(cross.id).baseKw, 6);
    expect(w.fault.feederParts(crossTie.id).baseKw).toBeCloseTo(w.twin.feederParts(crossTie.id).baseKw, 6);
    expect(w.fault.listScenarios()).toEqual([]);

    const events = w.fault.drainFeederEvents().map((e) => ({ id: e.feederId, ...e.event }));
    expect(events.map((e) => [e.type, e.via])).toEqual([
      ['tripped', null],
      ['isolated', null],
      ['restored', 'upstream'],
      ['restored', 'tie'],
      ['repaired', 'repair'],
    ]);
    const [trip, iso, up, tie, rep] = events as [(typeof events)[0], ...typeof events];
    expect(events.every((e) => e.id === cross.id && e.outageStartMs === trip.ts && e.cause === 'fault')).toBe(true);
    expect(iso!.ts - trip.ts).toBeGreaterThanOrEqual(3 * S);
    expect(iso!.ts - trip.ts).toBeLessThanOrEqual(8 * S);
    expect(up!.ts - iso!.ts).toBe(2 * S);
    expect(up!.sections).toEqual([0]);
    expect(tie!.ts - iso!.ts).toBeGreaterThanOrEqual(30 * S);
    expect(tie!.ts - iso!.ts).toBeLessThanOrEqual(120 * S);
    expect(tie).toMatchObject({ sections: downstream, tieFeederId: crossTie.id });
    expect(rep).toMatchObject({ ts: NIGHT + 3 * 3_600_000, sections: [1] });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('every reading and event the world sends passes the edge judge', () => {
    const w = createWorld(config, { seed: 4, startMs: NIGHT, warmUpH: 1, randomOutages: false });
    const registry = new DeviceRegistry(config);
    const clock = new DataClock(() => w.nowMs);
    const enc = (x: unknown) => new TextEncoder().encode(JSON.stringify(x));
    const judged: string[] = [];
    w.applyScenario({ type: 'fault', deviceId: cross.id, section: 0, durationS: 600 });
    w.applyScenario({ type: 'planned', deviceId: crossTie.id, section: 0, durationS: 900 });
    for (let t = NIGHT; t <= NIGHT + 1_200 * S; t += 5 * S) {
      w.advanceTo(t);
      for (const e of w.drainFeederEvents()) {
        const j = judgeFeederEvent(feederEventsTopic(e.province, e.feederId), enc(e.event), t, clock, registry);
        judged.push(j.type === 'event' ? `${e.feederId}:${e.event.type}` : `rejected ${j.reason}: ${j.detail}`);
      }
      for (const f of [cross, crossTie]) {
        const topic = deviceTopic({ kind: 'feeder', province: f.province, deviceId: f.id, channel: 'telemetry' });
        const j = judgeMessage(topic, enc(w.feeder(f.id)), t, clock, registry);
        if (j.type === 'rejected') judged.push(`rejected ${j.reason}: ${j.detail}`);
      }
    }
    expect(judged.filter((x) => x.startsWith('rejected'))).toEqual([]);
    expect(judged).toContain(`${cross.id}:repaired`);
    expect(judged).toContain(`${crossTie.id}:repaired`);
  });

  it('a fault on the head section leaves the feeder out until the repair; downstream goes across a tie', () => {
    const w = createWorld(config, { seed: 3, startMs: NIGHT, warmUpH: 1, randomOutages: false });
    w.applyScenario({ type: 'fault', deviceId: cross.id, section: 0, durationS: 7200 });
    w.advanceTo(NIGHT + 200 * S);
    const sw = w.feeder(cross.id).switching!;
    expect(sw.breakerClosed).toBe(false);
    expect(sw.energised).toEqual([false, ...Array(cross.sections!.length - 1).fill(true)]);
    expect(w.feeder(cross.id).pKw).toBe(0);
    expect(w.drainFeederEvents().map((e) => e.event.type)).toEqual(['tripped', 'isolated', 'restored']);
  });
});

describe('planned outages', () => {
  it('moves the downstream sections onto the tie first: only the worked-on section is out', () => {
    const w = createWorld(config, { seed: 3, startMs: NIGHT, warmUpH: 1, randomOutages: false });
    w.applyScenario({ type: 'planned', deviceId: cross.id, section: 1, durationS: 4 * 3600 });
    const events = w.drainFeederEvents();
    expect(events.map((e) => e.event)).toEqual([
      expect.objectContaining({ type: 'isolated', cause: 'planned', section: 1, sections: [1] }),
    ]);
    w.advanceTo(NIGHT + 4 * 3_600_000 + S);
    expect(w.drainFeederEvents().map((e) => [e.event.type, e.event.sections])).toEqual([['repaired', [1]]]);
  });
});

describe('the scenario control', () => {
  const w = createWorld(config, { seed: 3, startMs: NIGHT, warmUpH: 1, randomOutages: false });
  const status = (body: unknown) => scenarioStatus(w, body, 201);
  it('refuses a section out of range, a non-feeder, a feeder already out, and a section on other scenarios', () => {
    expect(status({ type: 'fault', deviceId: cross.id, section: 7 })).toBe(400);
    expect(status({ type: 'fault', deviceId: 'pv-001', section: 0 })).toBe(400);
    expect(status({ type: 'fault', deviceId: 'nowhere', section: 0 })).toBe(404);
    expect(status({ type: 'overload', deviceId: cross.id, section: 1 })).toBe(400);
    expect(status({ type: 'fault', deviceId: cross.id, section: 1 })).toBe(201);
    expect(status({ type: 'fault', deviceId: cross.id, section: 0 })).toBe(409);
    // The feeder across the tie is feeding the downstream sections once the tie closed: no new outage on it either.
    w.advanceTo(NIGHT + 200 * S);
    expect(status({ type: 'planned', deviceId: crossTie.id, section: 0 })).toBe(409);
  });
  it('clearing the scenario repairs at once', () => {
    expect(w.clearScenarios()).toBe(1);
    expect(w.feeder(cross.id).switching?.energised.every(Boolean)).toBe(true);
    expect(w.drainFeederEvents().at(-1)?.event.type).toBe('repaired');
  });
});

describe('random outages', () => {
  it('follow the rate and are the same under the same seed', () => {
    const days = 30;
    const rate = 20; // per feeder-year, raised so a month has enough
    const run = (seed: number) => {
      const w = createWorld(config, { seed, startMs: NIGHT, warmUpH: 0, reliability: { faultsPerFeederYear: rate } });
      const out: string[] = [];
      for (let h = 1; h <= days * 24; h++) {
        w.advanceTo(NIGHT + h * 3_600_000);
        for (const e of w.drainFeederEvents()) out.push(`${e.feederId}:${e.event.type}:${e.event.ts}:${e.event.cause}`);
      }
      return out;
    };
    const a = run(11);
    expect(run(11)).toEqual(a);
    expect(run(12)).not.toEqual(a);
    const trips = a.filter((x) => x.includes(':tripped:')).length;
    const expected = (config.feeders.length * rate * days) / 365;
    // Fewer than the rate × feeders: a feeder already out (or switched across a tie) draws none.
    expect(trips).toBeGreaterThan(expected * 0.6);
    expect(trips).toBeLessThan(expected * 1.3);
    expect(a.some((x) => x.endsWith(':planned'))).toBe(true);
  }, 60_000);
});

describe('charging stations without supply', () => {
  it('report their connectors unavailable (not charging at 0 kW) while the section is out, and charge again after', () => {
    // A weekday evening, when stations are busy; the station with the most connectors charging.
    const t0 = shanghaiToUtcMs(2026, 3, 4, 18);
    const w = createWorld(config, { seed: 3, startMs: t0, warmUpH: 6, randomOutages: false });
    const charging = (id: string) => w.charger(id).connectors.filter((c) => c.state === 'charging');
    const station = [...config.chargingStations].sort((a, b) => charging(b.id).length - charging(a.id).length)[0]!;
    const before = charging(station.id).map((c) => c.id);
    expect(before.length).toBeGreaterThan(0);

    // A fault in the head section trips the whole feeder: the station is out at once.
    w.applyScenario({ type: 'fault', deviceId: station.feederId, section: 0, durationS: 1800 });
    w.advanceTo(t0 + 5 * S);
    const out = w.charger(station.id);
    expect(out.pKw).toBe(0);
    expect(out.connectors.filter((c) => c.state === 'charging')).toEqual([]);
    for (const id of before) expect(out.connectors.find((c) => c.id === id)?.state).toBe('unavailable');
    expect(out.connectors.every((c) => c.state === 'unavailable' || c.state === 'faulted')).toBe(true);

    // Repaired and re-energised: no connector is unavailable any more, plugged-in vehicles draw power again.
    w.advanceTo(t0 + 2400 * S);
    const back = w.charger(station.id);
    expect(back.connectors.some((c) => c.state === 'unavailable')).toBe(false);
    expect(back.connectors.some((c) => c.state === 'charging' && c.pKw > 0)).toBe(true);
    expect(back.pKw).toBeGreaterThan(0);
  });
});
