import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../../core/config/area-schema';
import { carbonFactorsFromConfig } from '../../../core/domain/carbon';
import { shanghaiWallToMs as sh } from '../../../core/time/shanghai';
import { TEST_PALETTE } from '../../ui/charts/chart-palette-test-fixture';
import { LIGHT_PALETTE, screenPalette } from './progress-charts';
import { progressSeries } from './progress-figures';
import { reportCharts } from './report-charts';

const area = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');

describe('report chart specs', () => {
  it('has the four charts with their ids and titles, built for either palette', () => {
    const m = { eImportKwh: [1000, 2000], ePvKwh: [100, 200], eEvKwh: [10, 20] };
    const w = { bucketStartsMs: [sh(2026, 3, 1), sh(2026, 3, 2)], cutMs: sh(2026, 3, 3), byProvince: { sc: m, cq: m } };
    const series = progressSeries(w, carbonFactorsFromConfig(area), area.targets, sh(2026, 3, 3));
    const charts = reportCharts(series, '1d', 'en');
    expect(charts.map((c) => c.id)).toEqual(['energy-sc', 'energy-cq', 'clean-share', 'co2-cumulative']);
    expect(charts[0]?.title).toBe('Sichuan: consumption, grid import and PV');
    expect(reportCharts(series, '1d', 'zh')[3]?.title).toBe('累计碳排放与年度预算进度');
    for (const c of charts) {
      expect(c.build(screenPalette(TEST_PALETTE)).series).toBeDefined();
      expect(c.build(LIGHT_PALETTE)).not.toEqual(c.build(screenPalette(TEST_PALETTE)));
    }
  });
});
