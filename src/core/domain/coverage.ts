/**
 * How complete a figure is, from how the devices of each kind contributed to it (the contract's KindCoverage): the one
 * rule by which a province's figures, the area's, and the region roll-up's are called complete, held, partial or
 * without data.
 */
import type { FigureStatus, KindCoverage } from '../contract/live-core';

/** Coverage of the three kinds a figure is summed from. */
export type FigureCoverage = Record<'feeder' | 'pv' | 'charger', KindCoverage>;

export const emptyCoverage = (): KindCoverage => ({ configured: 0, live: 0, held: 0, missing: 0, heldSinceMs: null });

/** Counts added; held since the oldest held reading of any part. */
export function mergeCoverage(list: readonly KindCoverage[]): KindCoverage {
  const out = emptyCoverage();
  for (const c of list) {
    out.configured += c.configured;
    out.live += c.live;
    out.held += c.held;
    out.missing += c.missing;
    if (c.heldSinceMs !== null) out.heldSinceMs = Math.min(out.heldSinceMs ?? c.heldSinceMs, c.heldSinceMs);
  }
  return out;
}

/** The coverage of a sum over parts (provinces, shards), kind by kind. */
export function mergedFigureCoverage(parts: readonly { coverage: FigureCoverage }[]): FigureCoverage {
  return {
    feeder: mergeCoverage(parts.map((p) => p.coverage.feeder)),
    pv: mergeCoverage(parts.map((p) => p.coverage.pv)),
    charger: mergeCoverage(parts.map((p) => p.coverage.charger)),
  };
}

/**
 * no-data: no device of any kind gave a value; partial: some device gave none (the sum is short); held: all gave one,
 * some their last good one; complete: every device is live.
 */
export function figureStatusOf(coverage: FigureCoverage): FigureStatus {
  const all = Object.values(coverage);
  if (all.every((c) => c.live + c.held === 0)) return 'no-data';
  if (all.some((c) => c.missing > 0)) return 'partial';
  if (all.some((c) => c.held > 0)) return 'held';
  return 'complete';
}
