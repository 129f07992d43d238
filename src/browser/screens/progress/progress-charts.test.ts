import { describe, expect, it } from 'vitest';
import { shanghaiWallToMs as sh } from '../../../core/time/shanghai';
import { TEST_PALETTE } from '../../ui/charts/chart-palette-test-fixture';
import {
  bucketLabel,
  buildCleanShareOption,
  buildCumulativeCo2Option,
  buildEnergyBarsOption,
  energyAxisUnit,
  LIGHT_PALETTE,
  massAxisUnit,
  screenPalette,
  withTitle,
} from './progress-charts';

type AnySeries = { name: string; data: unknown[]; stack?: string; lineStyle?: { type?: string; color?: string } };
const seriesOf = (o: unknown) => (o as { series: AnySeries[] }).series;
const months = [sh(2026, 1, 1), sh(2026, 2, 1), sh(2026, 3, 1)];

describe('progress chart options', () => {
  it('labels buckets in Shanghai time: hours, days, months (with the year when it changes)', () => {
    expect(bucketLabel(sh(2026, 3, 1, 7), '1h', 'zh')).toBe('07:00');
    expect(bucketLabel(sh(2026, 3, 1), '1d', 'en')).toBe('03-01');
    expect(bucketLabel(sh(2026, 3, 1), '1mo', 'zh')).toBe('3月');
    expect(bucketLabel(sh(2026, 3, 1), '1mo', 'en')).toBe('Mar');
    expect(bucketLabel(sh(2026, 3, 1), '1mo', 'en', true)).toBe('2026-03');
  });

  it('chooses the axis unit by magnitude', () => {
    expect(energyAxisUnit(44_000_000)).toEqual({ divisor: 1e6, unit: 'GWh' });
    expect(energyAxisUnit(900)).toEqual({ divisor: 1, unit: 'kWh' });
    expect(massAxisUnit(285_000_000, 'zh')).toEqual({ divisor: 1e7, unit: '万t' });
    expect(massAxisUnit(285_000_000, 'en')).toEqual({ divisor: 1e6, unit: 'kt' });
  });

  it('energy bars: consumption, import, PV in the scaled unit; gaps stay gaps', () => {
    const o = buildEnergyBarsOption({
      bucketStartsMs: months,
      step: '1mo',
      consumptionKwh: [45_000_000, null, 40_000_000],
      gridImportKwh: [44_000_000, null, 38_000_000],
      pvKwh: [1_000_000, null, 2_000_000],
      labels: { consumption: 'C', pv: 'P', gridImport: 'I' },
      lang: 'zh',
      palette: screenPalette(TEST_PALETTE),
    });
    expect((o.yAxis as { name: string }).name).toBe('GWh');
    expect((o.xAxis as { data: string[] }).data).toEqual(['1月', '2月', '3月']);
    expect(seriesOf(o).map((s) => s.name)).toEqual(['C', 'I', 'P']);
    expect(seriesOf(o)[0]?.data).toEqual([45, null, 40]);
    expect(o.animation).toBe(false);
  });

  it('clean share against a dashed target line, 0–100 %', () => {
    const o = buildCleanShareOption({
      bucketStartsMs: months,
      step: '1mo',
      sharePct: { area: [61.23, 62, null], sc: [83.6, 83.7, null], cq: [40.04, 41, null] },
      targetPct: [62, 62, 62],
      labels: { area: 'A', sc: 'S', cq: 'Q', target: 'T' },
      lang: 'en',
      palette: LIGHT_PALETTE,
    });
    const target = seriesOf(o).find((s) => s.name === 'T');
    expect(target?.lineStyle?.type).toBe('dashed');
    expect(target?.data).toEqual([62, 62, 62]);
    expect(seriesOf(o)[0]?.data).toEqual([61.2, 62, null]);
    expect((o.yAxis as { max: number }).max).toBe(100);
  });

  it('cumulative CO₂: Sichuan and Chongqing stacked against the budget path', () => {
    const o = buildCumulativeCo2Option({
      bucketStartsMs: months,
      step: '1mo',
      cumulativeKg: { sc: [5e6, 1e7, null], cq: [2e7, 4e7, null] },
      budgetPathKg: [2.6e7, 5.1e7, 7.7e7],
      labels: { sc: 'S', cq: 'Q', budget: 'B' },
      lang: 'en',
      palette: screenPalette(TEST_PALETTE),
    });
    expect((o.yAxis as { name: string }).name).toBe('kt');
    const [sc, cq, budget] = seriesOf(o);
    expect(sc?.stack).toBe('co2');
    expect(cq?.stack).toBe('co2');
    expect(budget?.stack).toBeUndefined();
    expect(budget?.data).toEqual([26, 51, 77]);
    expect(sc?.data).toEqual([5, 10, null]);
  });

  it('adds a title for PNG export without losing the series', () => {
    const base = buildCumulativeCo2Option({
      bucketStartsMs: months,
      step: '1mo',
      cumulativeKg: { sc: [1, 2, 3], cq: [1, 2, 3] },
      budgetPathKg: [1, 2, 3],
      labels: { sc: 'S', cq: 'Q', budget: 'B' },
      lang: 'zh',
      palette: LIGHT_PALETTE,
    });
    const titled = withTitle(base, '累计碳排放', '2026年', LIGHT_PALETTE);
    expect((titled.title as { text: string; subtext: string }).text).toBe('累计碳排放');
    expect(seriesOf(titled)).toHaveLength(3);
  });
});
