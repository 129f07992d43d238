/**
 * Live power balance per province and for the area (DESIGN.md §4), from the latest value of each configured device.
 *
 * Feeder-head P is already net of the PV on that feeder, so Σ feeder P is what the area draws from the grid (negative
 * when PV pushes power back); consumption = grid import + PV. EV charging is inside consumption and shown on its own.
 *
 * Input is one plain row per *configured* device with its latest pKw (or null/undefined when it has not reported or its
 * value is stale), so the live store and the history service can both feed it. A device without a value is left out of
 * the sums and counted in `coverage`, so a screen can say a figure is partial instead of showing a silently low number.
 */
import { PROVINCES, type Province } from '../contract/topics';
import type { ByScope, Scope } from './scope';

export interface DevicePower {
  province: Province;
  /** Latest active power, kW; null/undefined/non-finite = no usable value. */
  pKw: number | null | undefined;
}

export interface PowerBalanceInput {
  feeders: readonly DevicePower[];
  pv: readonly DevicePower[];
  chargers: readonly DevicePower[];
}

export interface Coverage {
  reporting: number;
  configured: number;
}

export interface PowerBalance {
  /** Σ feeder-head P, kW; negative = net export (reverse flow). */
  gridImportKw: number;
  /** Σ PV output, kW. */
  pvKw: number;
  /** Σ charging power, kW (part of consumption). */
  evKw: number;
  /** gridImportKw + pvKw, kW. */
  consumptionKw: number;
  coverage: { feeders: Coverage; pv: Coverage; chargers: Coverage };
  /** True when any configured device of any kind in this scope has no value. */
  partial: boolean;
}

interface SumWithCoverage {
  sumKw: number;
  coverage: Coverage;
}

function sumByProvince(devices: readonly DevicePower[]): Record<Province, SumWithCoverage> {
  const out = {} as Record<Province, SumWithCoverage>;
  for (const p of PROVINCES) out[p] = { sumKw: 0, coverage: { reporting: 0, configured: 0 } };
  for (const d of devices) {
    const acc = out[d.province];
    acc.coverage.configured += 1;
    if (typeof d.pKw === 'number' && Number.isFinite(d.pKw)) {
      acc.sumKw += d.pKw;
      acc.coverage.reporting += 1;
    }
  }
  return out;
}

function balanceOf(feeders: SumWithCoverage, pv: SumWithCoverage, chargers: SumWithCoverage): PowerBalance {
  const coverage = { feeders: feeders.coverage, pv: pv.coverage, chargers: chargers.coverage };
  return {
    gridImportKw: feeders.sumKw,
    pvKw: pv.sumKw,
    evKw: chargers.sumKw,
    consumptionKw: feeders.sumKw + pv.sumKw,
    coverage,
    partial: Object.values(coverage).some((c) => c.reporting < c.configured),
  };
}

const addSums = (a: SumWithCoverage, b: SumWithCoverage): SumWithCoverage => ({
  sumKw: a.sumKw + b.sumKw,
  coverage: {
    reporting: a.coverage.reporting + b.coverage.reporting,
    configured: a.coverage.configured + b.coverage.configured,
  },
});

export function powerBalance(input: PowerBalanceInput): ByScope<PowerBalance> {
  const feeders = sumByProvince(input.feeders);
  const pv = sumByProvince(input.pv);
  const chargers = sumByProvince(input.chargers);
  const result = {} as Record<Scope, PowerBalance>;
  for (const p of PROVINCES) result[p] = balanceOf(feeders[p], pv[p], chargers[p]);
  result.area = balanceOf(addSums(feeders.sc, feeders.cq), addSums(pv.sc, pv.cq), addSums(chargers.sc, chargers.cq));
  return result;
}

/** reporting / configured in 0–1; null when nothing of that kind is configured (nothing to be partial about). */
export function coverageRatio(c: Coverage): number | null {
  return c.configured === 0 ? null : c.reporting / c.configured;
}
