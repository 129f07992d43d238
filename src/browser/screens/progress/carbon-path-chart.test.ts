import { describe, expect, it } from 'vitest';
import { carbonPath, type YearMeasured } from './carbon-path';
import { buildCarbonPathOption } from './carbon-path-chart';
import { LIGHT_PALETTE } from './progress-charts';

const targets = {
  cleanSharePctByYear: { 2024: 55, 2026: 62, 2035: 100 },
  co2BudgetTByYear: { 2025: 330000, 2030: 215000 },
  zeroCarbonYear: 2035,
} as unknown as Parameters<typeof carbonPath>[0];
const m2026: YearMeasured = {
  cleanSharePct: 57.25,
  co2EmittedT: 120_000,
  coverage: 0.5,
  complete: false,
  budgetToDateT: 111_111,
  budgetUsedPct: 108,
};

describe('dual-carbon path chart', () => {
  const option = buildCarbonPathOption(
    carbonPath(targets, new Map([[2026, m2026]])),
    'zh',
    LIGHT_PALETTE,
  ) as unknown as {
    xAxis: { data: string[] };
    yAxis: { name: string }[];
    series: { name: string; data: (number | null)[]; markLine?: { data: { xAxis: string }[] } }[];
  };

  it('spans every year to the zero-carbon year and marks it', () => {
    expect(option.xAxis.data[0]).toBe('2024');
    expect(option.xAxis.data.at(-1)).toBe('2035');
    expect(option.series[1]?.markLine?.data).toEqual([{ xAxis: '2035' }]);
  });

  it('draws the measured year beside the targets, the rest of the years without a measured value', () => {
    const [clean, cleanTarget, co2, budget] = option.series;
    expect(clean?.data[2]).toBe(57.3);
    expect(clean?.data.filter((v) => v !== null)).toHaveLength(1);
    expect(cleanTarget?.data[2]).toBe(62);
    expect(cleanTarget?.data[11]).toBe(100);
    // 万t on the zh axis: 120,000 t = 12 万t; the 2024 budget is not configured.
    expect(option.yAxis[1]?.name).toBe('CO₂ 万t');
    expect(co2?.data[2]).toBe(12);
    expect(budget?.data[0]).toBeNull();
    expect(budget?.data[1]).toBe(33);
  });
});
