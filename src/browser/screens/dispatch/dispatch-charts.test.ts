import { describe, expect, it } from 'vitest';
import { buildFeederCurvesOption } from './dispatch-charts';
import { DAY_MS, DRILL_RANGE } from './feeder-history';

const palette = { load: '#1', textMuted: '#2', grid: '#3', heavy: '#4', overload: '#5' };
const none = { pKw: [], iA: [], uKv: [] };
const NOW = 10 * DAY_MS * 5;
const option = (windowMs: number, previousDayPKw: [number, number | null][] = []) =>
  buildFeederCurvesOption({
    nowMs: NOW,
    windowMs,
    history: none,
    previousDay: { pKw: previousDayPKw, label: 'P day before' },
    live: { ...none, loadingPct: [] },
    rating: { ratedA: 400, ratedMva: 7, nominalKv: 10 },
    thresholds: { heavyLoadingPct: 80, overloadLoadingPct: 100, voltageDeviationPct: 7 },
    labels: { p: 'P', i: 'I', u: 'U', loading: 'L', history: '7d', live: 'live' },
    palette,
  }) as unknown as {
    xAxis: { min: number; max: number; axisLabel: { formatter: (v: number) => string } }[];
    legend?: { data: string[] };
    series: {
      name: string;
      xAxisIndex: number;
      data: [number, number | null][];
      lineStyle: { type?: string; color: string };
      markLine?: { label: { position: string; formatter: string }; data: { yAxis: number }[] };
    }[];
  };

describe('feeder curves', () => {
  it('threshold labels sit inside the grid above the line (never past its right edge, where they were cut)', () => {
    const o = option(DAY_MS);
    const loading = o.series[3]?.markLine;
    const voltage = o.series[2]?.markLine;
    expect(loading?.label.position).toBe('insideEndTop');
    expect(voltage?.label.position).toBe('insideEndTop');
    expect(loading?.data.map((d) => d.yAxis)).toEqual([80, 100]);
    expect(voltage?.data.map((d) => d.yAxis)).toEqual([9.3, 10.7]);
    expect(voltage?.label.formatter).toBe('{c} kV');
  });

  it('the time axis spans the range picked', () => {
    for (const { ms } of Object.values(DRILL_RANGE)) {
      const x = option(ms).xAxis[0];
      expect((x?.max ?? 0) - (x?.min ?? 0)).toBe(ms);
    }
  });

  it('each range asks for at most 1,440 points a curve', () => {
    const stepMs = { '1m': 60_000, '15m': 900_000, '1h': 3_600_000 } as Record<string, number>;
    for (const { ms, step } of Object.values(DRILL_RANGE)) expect(ms / (stepMs[step] ?? 1)).toBeLessThanOrEqual(1440);
  });
});

describe('feeder curves with the day before', () => {
  it('draws it dashed grey on the P panel, one day later, and names it in the legend', () => {
    const o = option(DAY_MS, [
      [NOW - DAY_MS - 3_600_000, 410],
      [NOW - DAY_MS, 420],
    ]);
    const before = o.series.find((s) => s.name === 'P day before');
    expect(before?.xAxisIndex).toBe(0);
    expect(before?.data).toEqual([
      [NOW - 3_600_000, 410],
      [NOW, 420],
    ]);
    expect(before?.lineStyle).toEqual(expect.objectContaining({ type: 'dashed', color: '#2' }));
    expect(o.series[0]?.lineStyle.color).toBe('#1');
    expect(o.legend?.data).toEqual(['P', 'P day before']);
  });

  it('without a recorded day before there is no extra series and no legend', () => {
    const o = option(DAY_MS, [[NOW - DAY_MS, null]]);
    expect(o.series).toHaveLength(4);
    expect(o.legend).toBeUndefined();
  });
});

describe('feeder curves time labels', () => {
  it('name the Beijing date over more than a day, the time over a day', () => {
    const t = Date.UTC(2026, 11, 1, 16, 0); // 2026-12-02 00:00 in Beijing
    expect(option(7 * DAY_MS).xAxis[3]?.axisLabel.formatter(t)).toBe('12-02');
    expect(option(7 * DAY_MS).xAxis[3]?.axisLabel.formatter(t + 8 * 3_600_000)).toBe('12-02 08:00');
    expect(option(DAY_MS).xAxis[3]?.axisLabel.formatter(t + 8 * 3_600_000)).toBe('08:00');
  });
});
