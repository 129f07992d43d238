import { describe, expect, it } from 'vitest';
import { shanghaiWallToMs as sh } from '../../../core/time/shanghai';
import { budgetPathKg, targetForYear } from './progress-targets';

describe('targets from the configuration', () => {
  it('uses the configured year, interpolates between configured years, nothing outside them', () => {
    const byYear = { '2028': 70, '2030': 78 };
    expect(targetForYear(byYear, 2028)).toEqual({ value: 70, interpolated: false });
    expect(targetForYear(byYear, 2029)).toEqual({ value: 74, interpolated: true });
    expect(targetForYear(byYear, 2031)).toBeNull();
  });

  it('spreads each year’s CO₂ budget evenly over that year, across a year boundary', () => {
    expect(budgetPathKg({ '2026': 365 }, sh(2026, 1, 1), sh(2026, 1, 2))).toBeCloseTo(1000, 6);
    expect(budgetPathKg({ '2025': 365, '2026': 730 }, sh(2025, 12, 31), sh(2026, 1, 2))).toBeCloseTo(1000 + 2000, 6);
    expect(budgetPathKg({ '2026': 365 }, sh(2025, 12, 31), sh(2026, 1, 2))).toBeNull();
  });
});
