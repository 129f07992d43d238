import { describe, expect, it } from 'vitest';
import { emptyCoverage, figureStatusOf, mergeCoverage, mergedFigureCoverage } from './coverage';

const kind = (live: number, held: number, missing: number, heldSinceMs: number | null = null) => ({
  configured: live + held + missing,
  live,
  held,
  missing,
  heldSinceMs,
});

describe('coverage', () => {
  it('adds the parts’ counts and keeps the oldest held reading', () => {
    expect(mergeCoverage([kind(3, 1, 0, 5_000), kind(2, 1, 1, 2_000), kind(4, 0, 0)])).toEqual({
      configured: 12,
      live: 9,
      held: 2,
      missing: 1,
      heldSinceMs: 2_000,
    });
    expect(mergeCoverage([])).toEqual(emptyCoverage());
  });

  it('calls a figure complete, held, partial or without data from its worst kind', () => {
    const of = (feeder: ReturnType<typeof kind>) =>
      figureStatusOf({ feeder, pv: kind(2, 0, 0), charger: kind(1, 0, 0) });
    expect(of(kind(5, 0, 0))).toBe('complete');
    expect(of(kind(4, 1, 0, 1))).toBe('held');
    expect(of(kind(4, 1, 1, 1))).toBe('partial');
    expect(figureStatusOf({ feeder: kind(0, 0, 3), pv: kind(0, 0, 1), charger: emptyCoverage() })).toBe('no-data');
  });

  it('merges a sum’s parts kind by kind', () => {
    const part = { coverage: { feeder: kind(1, 0, 0), pv: kind(0, 1, 0, 7), charger: kind(0, 0, 2) } };
    expect(mergedFigureCoverage([part, part])).toEqual({
      feeder: kind(2, 0, 0),
      pv: kind(0, 2, 0, 7),
      charger: kind(0, 0, 4),
    });
  });
});
