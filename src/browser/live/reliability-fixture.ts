/**
 * Supply-reliability payloads for tests and screenshots (the screens' unit tests, the Chromium test publishing as the
 * live service): valid by the contract's schemas (src/core/contract/reliability.ts), every field overridable.
 *
 * The default outage is a fault on section 1 of a four-section feeder: the head trips, section 1 is isolated, section 0
 * comes back from upstream 40 s after the trip and sections 2–3 across the tie from `tieFeederId` after 70 s; the
 * faulted section stays out for repair.
 */
import type { LiveScope } from '../../core/contract/live-core';
import type {
  IndicatorSet,
  LiveOutages,
  LiveReliability,
  OutageRecord,
  OutageSection,
} from '../../core/contract/reliability';
import { outageId } from '../../core/contract/reliability';
import { outageSection } from '../../core/domain/reliability/example-outages';

export const T0_MS = Date.UTC(2026, 11, 2, 2, 0, 0); // 10:00:00 Beijing time

export interface OutageOverrides extends Partial<Omit<OutageRecord, 'sections'>> {
  sections?: OutageSection[];
  /** Feeder the far sections are restored from (default: none given → 'tie-feeder'). */
  tieFeederId?: string;
}

export function outageSections(
  startMs: number,
  tieFeederId: string,
  o: { restored?: boolean; repairedAtMs?: number | null } = {},
): OutageSection[] {
  const restored = o.restored ?? true;
  const repaired = o.repairedAtMs ?? null;
  return [
    outageSection(0, 120, startMs, restored ? { atMs: startMs + 40_000, via: 'upstream' } : null),
    outageSection(1, 80, startMs, repaired === null ? null : { atMs: repaired, via: 'repair' }),
    ...[2, 3].map((section) =>
      outageSection(section, 100, startMs, restored ? { atMs: startMs + 70_000, via: 'tie', tieFeederId } : null),
    ),
  ];
}

export function outageRecord(o: OutageOverrides = {}): OutageRecord {
  const feederId = o.feederId ?? 'feeder-a';
  const startMs = o.startMs ?? T0_MS;
  const state = o.state ?? 'restored';
  const restored = state === 'restored' || state === 'repaired';
  const repairedAtMs = o.repairedAtMs ?? (state === 'repaired' ? startMs + 3 * 3600_000 : null);
  const sections =
    o.sections ?? outageSections(startMs, o.tieFeederId ?? 'tie-feeder', { restored, repairedAtMs: repairedAtMs });
  const { tieFeederId: _tie, sections: _sections, ...rest } = o;
  return {
    id: outageId(feederId, startMs),
    feederId,
    substationId: 'sub-a',
    province: 'sc',
    cause: 'fault',
    faultSection: state === 'tripped' ? null : 1,
    state,
    startMs,
    isolatedAtMs: state === 'tripped' ? null : startMs + 30_000,
    restoredAtMs: restored ? startMs + 70_000 : null,
    repairedAtMs,
    sections,
    customersAffected: sections.reduce((a, s) => a + s.customers, 0),
    customerMinutes: 80 * 60,
    selfHealed: restored,
    crossProvinceTie: false,
    ...rest,
  };
}

export function liveOutages(outages: OutageRecord[], ts = T0_MS + 120_000): LiveOutages {
  return { ts, outages };
}

export function indicatorSet(o: Partial<IndicatorSet> = {}): IndicatorSet {
  return {
    customersServed: 31_283,
    interruptions: 400,
    customerMinutes: 4_800,
    saidiMin: 0.153,
    saifi: 0.0128,
    caidiMin: 12,
    rs1Pct: 99.9997,
    momentaryInterruptions: 320,
    ...o,
  };
}

export interface ReliabilityOverrides {
  ts?: number;
  scope?: LiveScope;
  yearToDate?: Partial<LiveReliability['yearToDate']>;
  month?: Partial<LiveReliability['month']>;
}

export function liveReliability(o: ReliabilityOverrides = {}): LiveReliability {
  const ts = o.ts ?? T0_MS + 120_000;
  const period = (fromMs: number) => ({
    fromMs,
    toMs: ts,
    all: indicatorSet(),
    unplanned: indicatorSet(),
    faults: 3,
    selfHealedFaults: 2,
    meanSelfHealingS: 65,
  });
  return {
    ts,
    scope: o.scope ?? 'area',
    month: { ...period(Date.UTC(2026, 10, 30, 16)), ...o.month },
    yearToDate: { ...period(Date.UTC(2025, 11, 31, 16)), ...o.yearToDate },
  };
}

export const encodeJson = (x: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(x));
