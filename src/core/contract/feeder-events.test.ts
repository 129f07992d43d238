/**
 * The feeder events channel and the switch states in feeder telemetry, judged at the edge against the real area
 * configuration: a plausible sequence passes; malformed, impossible and out-of-order events are rejected with their
 * reason; switch states that contradict the configured sections are implausible.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../config/area-schema';
import { DataClock } from './data-clock';
import { DeviceRegistry } from './device-registry';
import { judgeFeederEvent, judgeMessage } from './edge-judge';
import { type FeederEvent, feederEventsTopic } from './feeder-events';
import { deviceTopic } from './topics';

const config = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
const T0 = Date.UTC(2026, 11, 2, 2, 0, 0);
const enc = (x: unknown) => new TextEncoder().encode(typeof x === 'string' ? x : JSON.stringify(x));

// A feeder with a tie on its last section, and the feeder across it.
const tied = config.feeders.find((f) => f.sections && f.sections.length >= 3 && f.sections.at(-1)?.tie)!;
const last = tied.sections!.length - 1;
const tieFeederId = tied.sections![last]!.tie!.feederId;

function setup() {
  const registry = new DeviceRegistry(config);
  const clock = new DataClock(() => T0 + 4 * 3_600_000);
  const send = (e: Partial<FeederEvent> | string, feeder = tied) =>
    judgeFeederEvent(
      feederEventsTopic(feeder.province, feeder.id),
      enc(typeof e === 'string' ? e : { ...base, ...e }),
      T0,
      clock,
      registry,
    );
  return { registry, clock, send };
}

const base: FeederEvent = {
  ts: T0,
  seq: 1,
  type: 'tripped',
  cause: 'fault',
  outageStartMs: T0,
  section: null,
  sections: tied.sections!.map((_, k) => k),
  via: null,
  tieFeederId: null,
};

describe('feeder events at the edge', () => {
  it('accepts a fault from trip to repair, in order', () => {
    const { send } = setup();
    const steps: Partial<FeederEvent>[] = [
      {},
      { ts: T0 + 5_000, seq: 2, type: 'isolated', section: 1, sections: tied.sections!.map((_, k) => k).slice(1) },
      { ts: T0 + 7_000, seq: 3, type: 'restored', section: 1, sections: [0], via: 'upstream' },
      { ts: T0 + 60_000, seq: 4, type: 'restored', section: 1, sections: [last], via: 'tie', tieFeederId },
      { ts: T0 + 3 * 3_600_000, seq: 5, type: 'repaired', section: 1, sections: [1], via: 'repair' },
    ];
    for (const s of steps) expect(send(s)).toMatchObject({ type: 'event', feederId: tied.id });
  });

  it('rejects out of order and a redelivered duplicate as out-of-order, and counts nothing as accepted', () => {
    const { send } = setup();
    expect(send({}).type).toBe('event');
    expect(send({})).toMatchObject({ type: 'rejected', reason: 'out-of-order' });
    expect(send({ ts: T0 - 1_000, outageStartMs: T0 - 1_000, seq: 9 })).toMatchObject({ reason: 'out-of-order' });
    // Same millisecond, higher seq: in order.
    expect(send({ seq: 2, type: 'isolated', section: 0, sections: [0] }).type).toBe('event');
  });

  it('rejects what the feeder cannot do: a section it lacks, a tie it has not, a trip that restores', () => {
    const { send } = setup();
    expect(send({ sections: [7] })).toMatchObject({ reason: 'implausible' });
    expect(
      send({ type: 'restored', section: 0, sections: [last], via: 'tie', tieFeederId: tied.id, seq: 2 }),
    ).toMatchObject({
      reason: 'implausible',
      detail: expect.stringContaining('not a tie of sections'),
    });
    expect(send({ via: 'upstream' })).toMatchObject({ reason: 'implausible', detail: 'a trip restores nothing' });
    expect(send({ type: 'restored', section: 1, sections: [1], via: 'upstream', seq: 3 })).toMatchObject({
      reason: 'implausible',
    });
  });

  it('rejects malformed messages with the same reasons as telemetry', () => {
    const { send, registry, clock } = setup();
    expect(send('{nope')).toMatchObject({ reason: 'not-json' });
    expect(send({ type: 'exploded' as never })).toMatchObject({ reason: 'schema' });
    expect(send({ seq: -1 })).toMatchObject({ reason: 'out-of-range' });
    expect(send({ ts: T0 + 5 * 3_600_000, outageStartMs: T0 + 5 * 3_600_000 })).toMatchObject({
      reason: 'future-timestamp',
    });
    const wrongProvince = judgeFeederEvent(
      feederEventsTopic(tied.province === 'sc' ? 'cq' : 'sc', tied.id),
      enc(base),
      T0,
      clock,
      registry,
    );
    expect(wrongProvince).toMatchObject({ reason: 'unknown-device' });
    expect(judgeFeederEvent(`gaozhu/v1/pv/sc/${tied.id}/events`, enc(base), T0, clock, registry)).toMatchObject({
      reason: 'bad-topic',
    });
  });
});

describe('switch states in feeder telemetry', () => {
  const n = tied.sections!.length;
  const reading = (switching: object) => ({
    ts: T0,
    pKw: 0,
    qKvar: 0,
    iA: 0,
    uKv: 10.4,
    eImportKwh: 1000,
    eExportKwh: 0,
    switching,
  });
  const normal = {
    breakerClosed: true,
    sectionalisersClosed: Array(n - 1).fill(true),
    tiesClosed: tied.sections!.map((s) => (s.tie ? false : null)),
    energised: Array(n).fill(true),
  };
  const judge = (switching: object, pKw = 0) => {
    const registry = new DeviceRegistry(config);
    const clock = new DataClock(() => T0);
    const body = { ...reading(switching), pKw, iA: Math.abs(pKw) / (Math.sqrt(3) * 10.4) };
    return judgeMessage(
      deviceTopic({ kind: 'feeder', province: tied.province, deviceId: tied.id, channel: 'telemetry' }),
      enc(body),
      T0,
      clock,
      registry,
    );
  };

  it('accepts a normal feeder and one tripped (all dead, no flow)', () => {
    expect(judge(normal, 2_000).type).toBe('telemetry');
    expect(judge({ ...normal, breakerClosed: false, energised: Array(n).fill(false) }).type).toBe('telemetry');
  });

  it('accepts the downstream sections fed across the closed tie after isolation', () => {
    const sw = {
      ...normal,
      sectionalisersClosed: normal.sectionalisersClosed.map((_, k) => k !== 0 && k !== 1),
      tiesClosed: normal.tiesClosed.map((t) => (t === null ? null : true)),
      energised: normal.energised.map((_, k) => k !== 1),
    };
    expect(judge(sw, 1_000).type).toBe('telemetry');
  });

  it('refuses contradictions: wrong section count, a dead section on the closed head, flow through an open breaker', () => {
    expect(judge({ ...normal, energised: [true] })).toMatchObject({ reason: 'implausible' });
    expect(judge({ ...normal, energised: normal.energised.map((_, k) => k !== 0) })).toMatchObject({
      reason: 'implausible',
      detail: expect.stringContaining('reported dead'),
    });
    expect(judge({ ...normal, breakerClosed: false, energised: Array(n).fill(false) }, 3_000)).toMatchObject({
      reason: 'implausible',
      detail: expect.stringContaining('open head breaker'),
    });
    expect(
      judge({ ...normal, breakerClosed: false, energised: normal.energised.map((_, k) => k === 0) }),
    ).toMatchObject({ reason: 'implausible', detail: expect.stringContaining('no closed path') });
  });
});

describe('sections, customers and ties in the area schema', () => {
  const raw = JSON.parse(readFileSync('public/config/area.json', 'utf8'));
  const fail = (mutate: (c: typeof raw) => void) => {
    const c = structuredClone(raw);
    mutate(c);
    return () => parseAreaConfig(c, 'test');
  };

  it('the shipped area: 2–4 sections a feeder, the 2022 customers in sum, ties both ways, some across the border', () => {
    const feeders = config.feeders;
    expect(feeders.every((f) => f.sections && f.sections.length >= 2 && f.sections.length <= 4)).toBe(true);
    const res = feeders.flatMap((f) => f.sections!).reduce((a, s) => a + s.residential, 0);
    const ent = feeders.flatMap((f) => f.sections!).reduce((a, s) => a + s.enterprise, 0);
    expect([res, ent]).toEqual([31_190, 93]);
    const byId = new Map(feeders.map((f) => [f.id, f]));
    const cross = feeders.filter((f) =>
      f.sections!.some((s) => s.tie && byId.get(s.tie.feederId)!.province !== f.province),
    );
    expect(cross.length).toBeGreaterThanOrEqual(2);
    expect(config.targets.rs1PctByYear?.['2026']).toBeGreaterThan(99.9);
  });

  it('refuses a tie to an unknown feeder, a section out of range, a one-way tie and customer sums that do not match', () => {
    const i = raw.feeders.findIndex((f: { id: string }) => f.id === tied.id);
    expect(fail((c) => (c.feeders[i].sections[last].tie.feederId = 'nowhere-f01'))).toThrow(/unknown feeder/);
    expect(fail((c) => (c.feeders[i].sections[last].tie.section = 9))).toThrow(/out of range/);
    expect(fail((c) => (c.feeders[i].sections[last].tie.id = 'tie-other'))).toThrow(/not listed back/);
    expect(fail((c) => (c.feeders[i].sections[0].residential += 1))).toThrow(/customers/);
    expect(fail((c) => (c.feeders[i].sections[0].loadSharePct += 5))).toThrow(/load shares/);
  });
});
