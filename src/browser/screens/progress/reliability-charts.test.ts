import { describe, expect, it } from 'vitest';
import { shanghaiWallToMs } from '../../../core/time/shanghai';
import { LIGHT_PALETTE } from './progress-charts';
import { buildRs1MonthsOption, buildSaidiMonthsOption } from './reliability-charts';

const months = [10, 11, 12].map((m) => shanghaiWallToMs(2026, m, 1));
const input = {
  bucketStartsMs: months,
  step: '1mo' as const,
  lang: 'en' as const,
  palette: LIGHT_PALETTE,
  labels: { area: 'Area', sc: 'Sichuan', cq: 'Chongqing', target: 'Target' },
};
type Series = { name: string; type: string; data: (number | null)[] };

describe('reliability charts', () => {
  it('SAIDI bars per month; a month not recorded is a gap, not a zero bar; the target share dashed', () => {
    const o = buildSaidiMonthsOption({
      ...input,
      byScope: { area: [null, 16, 3.391], sc: [null, 18, 6.4], cq: [null, 12, 0.16] },
      target: [11.13, 10.77, 11.13],
    });
    const series = o.series as Series[];
    expect(series.map((s) => `${s.type}:${s.name}`)).toEqual([
      'bar:Area',
      'bar:Sichuan',
      'bar:Chongqing',
      'line:Target',
    ]);
    expect(series[0]?.data).toEqual([null, 16, 3.39]);
    expect(series[3]?.data).toEqual([11.13, 10.77, 11.13]);
    expect((o.xAxis as { data: string[] }).data).toHaveLength(3);
  });

  it('RS-1 lines against the target on an axis that starts near the lowest value, values cut (never up to 100)', () => {
    const o = buildRs1MonthsOption({
      ...input,
      byScope: { area: [null, 99.962963, 99.99999], sc: [null, 99.958333, 99.9999], cq: [null, 99.972222, 100] },
      target: [99.975, 99.975, 99.975],
    });
    const y = o.yAxis as { min: number; max: number };
    // Lowest 99.958333 − 0.005 = 99.953, floored to the hundredth: 99.95.
    expect(y.min).toBe(99.95);
    expect(y.max).toBe(100);
    const series = o.series as Series[];
    expect(series[0]?.data).toEqual([null, 99.9629, 99.9999]);
  });
});
