/**
 * Outage records for tests: a section builder, and the hand-worked example of indicators.test.ts as records, for the
 * tests that carry it through the history and the screens (tests/integration/history-reliability.test.ts, the progress screen's fixture): Sichuan 1000
 * customers and Chongqing 500, one feeder each, November 2026.
 *   A — Sichuan fault on 10 Nov 08:00: section 0 (100 customers) back from upstream after 40 s, section 1 (200
 *       customers) out 90 min until repaired; self-healed.
 *   B — Chongqing planned outage on 20 Nov 09:00: section 0 (50 customers) out 120 min.
 */
import { type OutageRecord, type OutageSection, outageId } from '../../contract/reliability';
import { shanghaiWallToMs } from '../../time/shanghai';

const MIN = 60_000;
export const NOVEMBER_A_START_MS = shanghaiWallToMs(2026, 11, 10, 8);
export const NOVEMBER_B_START_MS = shanghaiWallToMs(2026, 11, 20, 9);

/** A section of `customers` out from outAtMs; `back` says when and how it came back (null: still out). */
export function outageSection(
  section: number,
  customers: number,
  outAtMs: number,
  back: { atMs: number; via: NonNullable<OutageSection['restoredVia']>; tieFeederId?: string } | null,
): OutageSection {
  return {
    section,
    customers,
    outAtMs,
    restoredAtMs: back?.atMs ?? null,
    restoredVia: back?.via ?? null,
    tieFeederId: back?.tieFeederId ?? null,
  };
}

/** The feeder an outage is on. */
export interface ExampleFeeder {
  id: string;
  substationId: string;
}

/** Outage A as published at each state it passes through (tripped → isolated → restored → repaired). */
export function novemberFaultA(
  state: OutageRecord['state'],
  feeder: ExampleFeeder = { id: 'f-sc-1', substationId: 's-sc-1' },
): OutageRecord {
  const start = NOVEMBER_A_START_MS;
  const done = state === 'repaired';
  const healed = state !== 'tripped' && state !== 'isolated';
  return {
    id: outageId(feeder.id, start),
    feederId: feeder.id,
    substationId: feeder.substationId,
    province: 'sc',
    cause: 'fault',
    faultSection: state === 'tripped' ? null : 1,
    state,
    startMs: start,
    isolatedAtMs: state === 'tripped' ? null : start + 20_000,
    restoredAtMs: healed ? start + 40_000 : null,
    repairedAtMs: done ? start + 90 * MIN : null,
    sections: [
      outageSection(0, 100, start, healed ? { atMs: start + 40_000, via: 'upstream' } : null),
      outageSection(1, 200, start, done ? { atMs: start + 90 * MIN, via: 'repair' } : null),
    ],
    customersAffected: 300,
    customerMinutes: done ? 18_000 : 0,
    selfHealed: healed,
    crossProvinceTie: false,
  };
}

/** Outage B, repaired. */
export function novemberPlannedB(feeder: ExampleFeeder = { id: 'f-cq-1', substationId: 's-cq-1' }): OutageRecord {
  const start = NOVEMBER_B_START_MS;
  return {
    id: outageId(feeder.id, start),
    feederId: feeder.id,
    substationId: feeder.substationId,
    province: 'cq',
    cause: 'planned',
    faultSection: 0,
    state: 'repaired',
    startMs: start,
    isolatedAtMs: start,
    restoredAtMs: null,
    repairedAtMs: start + 120 * MIN,
    sections: [outageSection(0, 50, start, { atMs: start + 120 * MIN, via: 'repair' })],
    customersAffected: 50,
    customerMinutes: 6_000,
    selfHealed: false,
    crossProvinceTie: false,
  };
}
