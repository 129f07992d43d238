import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../../core/config/area-schema';
import { budgetFootnote, factorNote, footnotes, rowFactor, shortSource } from './factor-notes';

const area = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');

describe('factor notes', () => {
  it('shortens citations to a known agency or their first clause, keeping an unverified mark', () => {
    expect(shortSource('Ministry of Ecology and Environment, 2022')).toBe('MEE');
    expect(shortSource('Some bureau, table 3 (to verify)')).toBe('Some bureau*');
  });

  it('names the factor of each figure; the table rows leave the provinces’ EF to the column heads', () => {
    expect(factorNote(area, 'coalSaved', 'area', 'en')).toBe('305.5 gce/kWh (2020, CEC)');
    expect(factorNote(area, 'co2Emitted', 'sc', 'en')).toBe('EF Sichuan 0.1404 kg/kWh (2022, MEE)');
    expect(rowFactor(area, 'co2Emitted', 'en')).toBe('EF');
    expect(rowFactor(area, 'cleanShare', 'en')).toBe('EF; c = 1 − EF/EF_fossil, EF_fossil 0.8325 kg/kWh (2022)');
    expect(rowFactor(area, 'evNetCo2Avoided', 'en')).toBe(
      'EF; 15 kWh/100 km, petrol 7 L/100 km, 2.3 kg CO₂/L (2022, assumptions)',
    );
    expect(rowFactor(area, 'pv', 'en')).toBe('Metered (cumulative registers)');
  });

  it('lists every factor with its full citation, and the year’s budget when there is one', () => {
    const notes = footnotes(area, 'en');
    expect(notes.map((n) => n.note)).toEqual([
      'EF Sichuan 0.1404 kg/kWh (2022, MEE)',
      'EF Chongqing 0.5227 kg/kWh (2022, MEE*)',
      'EF National fossil-only 0.8325 kg/kWh (2022, MEE)',
      '305.5 gce/kWh (2020, CEC)',
      '15 kWh/100 km, petrol 7 L/100 km, 2.3 kg CO₂/L (2022, assumptions)',
    ]);
    expect(notes[3]?.source).toBe(area.coal.source);
    expect(budgetFootnote(area, 2026, 'en')).toMatch(/^Annual CO₂ budget .+ \(2026\), spread evenly over the year$/);
    expect(budgetFootnote(area, 2029, 'en')).toMatch(/\(2029\).*\(Some years’ targets are interpolated/);
    expect(budgetFootnote(area, 2040, 'en')).toBeNull();
  });
});
