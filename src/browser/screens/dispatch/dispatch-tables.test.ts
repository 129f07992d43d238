import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../../core/config/area-schema';
import { areaChartWindowMs } from './dispatch-charts';
import { CONNECTOR_TABLE, FEEDER_TABLE, PV_TABLE, selectFilters } from './dispatch-tables';

const area = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'area.json');

describe('selectFilters', () => {
  it('feeders filter by province, substation and state; PV and connectors by province and state', () => {
    expect(selectFilters(FEEDER_TABLE, area, 'zh').map((f) => f.columnId)).toEqual(['province', 'substation', 'state']);
    expect(selectFilters(PV_TABLE, area, 'zh').map((f) => f.columnId)).toEqual(['province', 'state']);
    expect(selectFilters(CONNECTOR_TABLE, area, 'en').map((f) => f.columnId)).toEqual(['province', 'state']);
  });

  it('offers only substations with feeders, and states in words of the language', () => {
    const [, substation, state] = selectFilters(FEEDER_TABLE, area, 'en');
    const withFeeders = new Set(area.feeders.map((f) => f.substationId));
    expect(substation?.options.every((o) => withFeeders.has(o.value))).toBe(true);
    expect(state?.options.find((o) => o.value === 'overload')?.label).toBe('Overload');
    expect(selectFilters(FEEDER_TABLE, area, 'zh')[2]?.options.find((o) => o.value === 'stale')?.label).toBe(
      '数据中断',
    );
  });
});

describe('areaChartWindowMs', () => {
  const H = 3_600_000;
  it('live only: the last hour; with history: since midnight, at least three hours', () => {
    expect(areaChartWindowMs(10 * H, 0, false)).toBe(H);
    expect(areaChartWindowMs(10 * H, 0, true)).toBe(10 * H);
    expect(areaChartWindowMs(10 * H, 9 * H, true)).toBe(3 * H);
  });
});
