import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../../core/config/area-schema';
import { budgetFootnote, factorNote, footnotes, methodNotes, rowFactor, shortSource } from './factor-notes';

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
    expect(budgetFootnote(area, 2029, 'en')).toMatch(/\(2029\).*\(Some years' targets are interpolated/);
    expect(budgetFootnote(area, 2040, 'en')).toBeNull();
  });
});

describe('method notes', () => {
  it('state how replayed PV is scaled to the basin yield, with its source marked as an unconfirmed assumption', () => {
    const note = methodNotes(area, 2026, 'en').find((n) => n.startsWith('When the demonstration data replay'));
    expect(note).toMatch(/scaled to 950 kWh per kWp a year \(.*; assumptions\*, 2026\).*1\.8 times/);
    const { pvReplayYield: _, ...noReplay } = area;
    expect(methodNotes(noReplay, 2026, 'en').some((n) => n.includes('kWh per kWp'))).toBe(false);
  });

  it('label Scope 2 as net import without the losses above the feeder heads, and tell coal saved from CO₂ avoided', () => {
    const [scope2, coal] = methodNotes(area, 2026, 'en');
    expect(scope2).toMatch(/^Scope 2 = net grid import × .*feeder heads.*leaves out the line and transformer losses/);
    expect(coal).toMatch(/305\.5 gce\/kWh \(2020\).*Sichuan, mostly hydro, 0\.1404 kg\/kWh; Chongqing 0\.5227 kg\/kWh/);
  });

  it('say that bus depots drive e-buses against diesel buses and the rest cars against petrol, as on the wall', () => {
    expect(methodNotes(area, 2026, 'en')[2]).toMatch(
      /^EV substitution by station type: the bus depots' own metered charging drives e-buses at 150 kWh\/100 km against diesel buses at 32\.6 L\/100 km/,
    );
    const noDepots = { ...area, chargingStations: area.chargingStations.map(({ vehicles: _, ...c }) => c) };
    expect(methodNotes(noDepots, 2026, 'en').some((n) => n.startsWith('EV substitution'))).toBe(false);
  });

  it('say the factors’ year when the data are of a later one, and not when they are of the same year', () => {
    expect(methodNotes(area, 2026, 'en')).toContain(
      'The emission factors are the latest published (2022), applied to 2026 data; they are updated in the configuration when newer ones are published.',
    );
    expect(methodNotes(area, 2022, 'en').some((n) => n.includes('latest published'))).toBe(false);
  });

  it('name the factors whose source is not yet confirmed (Chongqing, from secondary sources), and none when all are', () => {
    expect(methodNotes(area, 2026, 'en').at(-1)).toBe(
      '* marks a source not yet checked against the primary publication (Chongqing grid average, PV replay yield): verify before publishing.',
    );
    const confirmed = {
      ...area,
      emissionFactors: { ...area.emissionFactors, cq: { ...area.emissionFactors.cq, source: 'MEE notice, table 2' } },
      pvReplayYield: area.pvReplayYield && { ...area.pvReplayYield, source: 'Global Solar Atlas PVOUT, Guang’an' },
    };
    expect(methodNotes(confirmed, 2026, 'en').some((n) => n.startsWith('*'))).toBe(false);
  });
});
