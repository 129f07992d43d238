import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../../core/config/area-schema';
import { carbonByScope, carbonFactorsFromConfig } from '../../../core/domain/carbon';
import { shanghaiWallToMs } from '../../../core/time/shanghai';
import { carbonPath, measureYear, pathYears, type YearMeasured } from './carbon-path';
import { bucketStarts } from './period';
import type { WindowEnergies } from './progress-figures';

const targets = {
  cleanSharePctByYear: { 2024: 55, 2025: 58, 2026: 62, 2028: 70, 2035: 100 },
  co2BudgetTByYear: { 2025: 330000, 2026: 310000, 2030: 215000 },
  zeroCarbonYear: 2035,
} as unknown as Parameters<typeof carbonPath>[0];

const area = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
const factors = carbonFactorsFromConfig(area);
const ef = factors.efKgPerKwh.sc;

function year2026(
  daysWithData: number,
  importKwhPerDay: number,
  pvKwhPerDay: number,
  cutDay = 365,
  importIn: 'sc' | 'cq' = 'sc',
): WindowEnergies {
  const fromMs = shanghaiWallToMs(2026, 1, 1);
  const starts = bucketStarts(fromMs, shanghaiWallToMs(2027, 1, 1), '1d');
  const v = (x: number) => starts.map((_, i) => (i < daysWithData ? x : null));
  return {
    bucketStartsMs: starts,
    cutMs: fromMs + cutDay * 86_400_000,
    byProvince: {
      // All import in one province, so the CO₂ is import × that province's factor; PV split evenly.
      sc: { eImportKwh: v(importIn === 'sc' ? importKwhPerDay : 0), ePvKwh: v(pvKwhPerDay / 2), eEvKwh: v(0) },
      cq: { eImportKwh: v(importIn === 'cq' ? importKwhPerDay : 0), ePvKwh: v(pvKwhPerDay / 2), eEvKwh: v(0) },
    },
  };
}

const yearEnd = shanghaiWallToMs(2027, 1, 1);

describe('the dual-carbon path', () => {
  it('spans the first target year to the zero-carbon year', () => {
    expect(pathYears(targets)).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035]);
  });

  it('a year in progress compares the CO₂ used to date with the budget over the same days: 108 % is over', () => {
    // Budget 310,000 t a year → 849.3 t a day; 108 % of it as import at Sichuan's factor, for 100 days of 200
    // elapsed whose first 100 have data.
    const perDayT = (310_000 * 1.08) / 365;
    const m = measureYear(year2026(100, (perDayT * 1000) / ef, 0, 200), factors, targets.co2BudgetTByYear, yearEnd);
    expect(m?.coverage).toBeCloseTo(0.5, 5);
    expect(m?.complete).toBe(false);
    expect(m?.budgetToDateT).toBeCloseTo((310_000 * 100) / 365, 3);
    expect(m?.budgetUsedPct).toBeCloseTo(108, 6);
    const path = carbonPath(targets, new Map([[2026, m as YearMeasured]]));
    const y2026 = path.find((y) => y.year === 2026);
    expect(y2026?.budgetStatus).toBe('over');
  });

  it('marks a clean share below the year’s target with its gap, and a met one', () => {
    const below = measureYear(
      year2026(365, 950, 50, 365, 'cq'),
      factors,
      targets.co2BudgetTByYear,
      yearEnd,
    ) as YearMeasured;
    // The domain's clean share of the year's totals (carbon.ts), not a figure of this test's own.
    const want = carbonByScope(
      {
        sc: { eImportKwh: 0, ePvKwh: 25 * 365, eEvKwh: 0 },
        cq: { eImportKwh: 950 * 365, ePvKwh: 25 * 365, eEvKwh: 0 },
      },
      factors,
    ).area.cleanSharePct as number;
    expect(want).toBeLessThan(62);
    expect(below.cleanSharePct).toBeCloseTo(want, 6);
    expect(below.complete).toBe(true);
    const path = carbonPath(targets, new Map([[2026, below]]));
    expect(path.find((y) => y.year === 2026)).toMatchObject({
      cleanStatus: 'below',
      cleanGapPts: Math.round((want - 62) * 10) / 10,
    });
    const met = measureYear(year2026(365, 100, 900), factors, targets.co2BudgetTByYear, yearEnd) as YearMeasured;
    expect(carbonPath(targets, new Map([[2026, met]])).find((y) => y.year === 2026)?.cleanStatus).toBe('met');
  });

  it('years without data have targets and no status; interpolated targets say so; the zero-carbon year is marked', () => {
    const path = carbonPath(targets, new Map());
    const y2027 = path.find((y) => y.year === 2027);
    expect(y2027).toMatchObject({ measured: null, cleanStatus: null, budgetStatus: null });
    expect(y2027?.cleanTarget).toEqual({ value: 66, interpolated: true });
    expect(path.find((y) => y.year === 2024)?.budgetT).toBeNull();
    expect(path.filter((y) => y.zeroCarbon).map((y) => y.year)).toEqual([2035]);
  });

  it('a year with no day of data from both provinces is not measured', () => {
    const w = year2026(0, 1, 1);
    expect(measureYear(w, factors, targets.co2BudgetTByYear, yearEnd)).toBeNull();
  });
});
