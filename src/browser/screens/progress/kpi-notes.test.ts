import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../../core/config/area-schema';
import { carbonFactorsFromConfig } from '../../../core/domain/carbon';
import { shanghaiWallToMs as sh } from '../../../core/time/shanghai';
import { kpiNotes } from './kpi-notes';
import { periodContaining } from './period';
import { progressFigures, type WindowEnergies } from './progress-figures';

const area = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');

function oneDay(fromMs: number): WindowEnergies {
  const m = { eImportKwh: [1_000_000], ePvKwh: [0], eEvKwh: [15_000] };
  return { bucketStartsMs: [fromMs], cutMs: fromMs + 86_400_000, byProvince: { sc: m, cq: m } };
}

describe('KPI notes', () => {
  it('gives the year’s clean-share target, the budget to date and the EV distance', () => {
    const day = periodContaining('day', sh(2026, 3, 1));
    const figures = progressFigures(oneDay(day.fromMs), oneDay(sh(2025, 3, 1)), carbonFactorsFromConfig(area));
    const notes = kpiNotes(figures, day, day.toMs, area, 'en');
    expect(notes.cleanShare).toBe('Target 62.0%');
    // 310 000 t a year: 849.3 t a day; emitted 1 GWh × (0.1404 + 0.5227) = 663.1 t, 78 % of it.
    expect(notes.co2Emitted).toMatch(/^Budget to date 849 t; actual is 78\.\d% of it$/);
    // 30 000 kWh at 15 kWh/100 km = 200 000 km, 7 L/100 km = 14 000 L.
    expect(notes.evNetCo2Avoided).toBe('≈ 200,000 km · 14,000 L petrol replaced');
    expect(notes.pv).toBeUndefined();
  });
});
