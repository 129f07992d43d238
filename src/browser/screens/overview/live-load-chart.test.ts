import { describe, expect, it } from 'vitest';
import { buildLiveLoadOption } from './live-load-chart';

describe('buildLiveLoadOption', () => {
  it('converts kW to MW and windows the time axis on now', () => {
    const opt = buildLiveLoadOption({
      nowMs: 600_000,
      windowMs: 300_000,
      series: { consumption: [[500_000, 150_000]], gridImport: [[500_000, 120_000]], pv: [[500_000, 30_000]], ev: [] },
      labels: { consumption: 'C', gridImport: 'G', pv: 'P', ev: 'E', unitMw: 'MW' },
      palette: { load: '#1', pv: '#2', ev: '#3', textMuted: '#4', grid: '#5' },
    });
    const series = opt.series as { name: string; data: [number, number][] }[];
    expect(series.map((s) => s.name)).toEqual(['C', 'G', 'P', 'E']);
    // 150 000 kW = 150 MW
    expect(series[0]?.data).toEqual([[500_000, 150]]);
    expect((opt.xAxis as { min: number; max: number }).min).toBe(300_000);
  });
});
