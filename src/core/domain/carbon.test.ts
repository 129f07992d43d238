import { describe, expect, it } from 'vitest';
import {
  carbonByScope,
  carbonFactorsFromConfig,
  cleanShareNow,
  cleanSharePct,
  co2AvoidedByPvKg,
  co2EmittedKg,
  coalSavedKg,
  DEFAULT_EV_ASSUMPTIONS,
  evSubstitution,
  gridCleanShare,
  localGreenSharePct,
} from './carbon';

const EF_SC = 0.1404;
const EF_CQ = 0.5227;
const EF_FOSSIL = 0.8325;

describe('co2EmittedKg / co2AvoidedByPvKg', () => {
  it('multiplies energy by the factor', () => {
    // 1000 kWh × 0.1404 = 140.4 kg
    expect(co2EmittedKg(1000, EF_SC)).toBeCloseTo(140.4, 9);
    // 500 kWh × 0.5227 = 261.35 kg
    expect(co2AvoidedByPvKg(500, EF_CQ)).toBeCloseTo(261.35, 9);
  });
  it('emits nothing under net export (the exported PV kWh are already credited as avoided)', () => {
    // max(0, −200) × 0.5227 = 0 kg
    expect(co2EmittedKg(-200, EF_CQ)).toBe(0);
  });
});

describe('gridCleanShare', () => {
  it('is 1 − EF / EF_fossil', () => {
    // 1 − 0.333 / 0.8325 = 1 − 0.4 = 0.6
    expect(gridCleanShare(0.333, EF_FOSSIL)).toBeCloseTo(0.6, 12);
    // Sichuan: 1 − 0.1404 / 0.8325 = 1 − 0.168649 = 0.831351
    expect(gridCleanShare(EF_SC, EF_FOSSIL)).toBeCloseTo(0.831351, 6);
  });
  it('is clamped to 0–1', () => {
    // 1 − 1.0 / 0.8325 = −0.2 → 0
    expect(gridCleanShare(1.0, EF_FOSSIL)).toBe(0);
  });
});

describe('cleanSharePct', () => {
  it('counts PV plus the clean part of the import', () => {
    // c = 0.6; (200 + 800 × 0.6) / (200 + 800) = (200 + 480) / 1000 = 68 %
    expect(cleanSharePct(200, 800, 0.333, EF_FOSSIL)).toBeCloseTo(68, 9);
    // Chongqing: c = 1 − 0.5227 / 0.8325 = 0.372132; (100 + 900 × 0.372132) / 1000 = 43.492 %
    expect(cleanSharePct(100, 900, EF_CQ, EF_FOSSIL)).toBeCloseTo(43.4919, 3);
  });
  it('is null with zero consumption, never NaN', () => {
    expect(cleanSharePct(0, 0, EF_SC, EF_FOSSIL)).toBeNull();
  });
  it('is 100 % under net export', () => {
    // PV 300, import −100 → consumption 200, all of it local PV → 200 / 200 = 100 %
    expect(cleanSharePct(300, -100, EF_CQ, EF_FOSSIL)).toBe(100);
  });
});

describe('localGreenSharePct', () => {
  it('is PV / consumption', () => {
    // 250 / 1000 = 25 %
    expect(localGreenSharePct(250, 1000)).toBe(25);
  });
  it('is capped at 100 % and null without consumption', () => {
    // PV 300 vs consumption 200 → min(300, 200) / 200 = 100 %
    expect(localGreenSharePct(300, 200)).toBe(100);
    expect(localGreenSharePct(10, 0)).toBeNull();
  });
});

describe('coalSavedKg', () => {
  it('converts gce to kg', () => {
    // 1000 kWh × 305.5 gce/kWh = 305 500 g = 305.5 kg
    expect(coalSavedKg(1000)).toBeCloseTo(305.5, 9);
    // 2000 kWh × 300 g = 600 kg
    expect(coalSavedKg(2000, 300)).toBeCloseTo(600, 9);
  });
});

describe('evSubstitution', () => {
  it('follows km → petrol → CO₂ minus the grid CO₂ of charging', () => {
    // 150 kWh / 15 kWh per 100 km = 1000 km; 1000 km × 7 L / 100 km = 70 L; 70 L × 2.3 kg/L = 161 kg;
    // grid 150 kWh × 0.1404 = 21.06 kg; net 161 − 21.06 = 139.94 kg
    const r = evSubstitution(150, DEFAULT_EV_ASSUMPTIONS, EF_SC);
    expect(r.km).toBeCloseTo(1000, 9);
    expect(r.petrolL).toBeCloseTo(70, 9);
    expect(r.petrolCo2Kg).toBeCloseTo(161, 9);
    expect(r.evGridCo2Kg).toBeCloseTo(21.06, 9);
    expect(r.netCo2AvoidedKg).toBeCloseTo(139.94, 9);
  });

  const BUS = { kwhPer100Km: 150, dieselLPer100Km: 32.6, dieselKgCo2PerL: 2.68 };

  it('drives the depots’ energy as e-buses against diesel buses, the rest as cars against petrol', () => {
    // 450 kWh in all, 300 of them at bus depots, Chongqing EF 0.5227:
    // cars 150 kWh → 1000 km → 70 L petrol → 161 kg; buses 300 kWh / 150 kWh per 100 km = 200 km → 65.2 L diesel
    // → 65.2 × 2.68 = 174.736 kg; grid 450 × 0.5227 = 235.215 kg; net 161 + 174.736 − 235.215 = 100.521 kg.
    const r = evSubstitution(450, { ...DEFAULT_EV_ASSUMPTIONS, bus: BUS }, EF_CQ, 300);
    expect(r.km).toBeCloseTo(1200, 9);
    expect(r.petrolL).toBeCloseTo(70, 9);
    expect(r.dieselL).toBeCloseTo(65.2, 9);
    expect(r.dieselCo2Kg).toBeCloseTo(174.736, 9);
    expect(r.evGridCo2Kg).toBeCloseTo(235.215, 9);
    expect(r.netCo2AvoidedKg).toBeCloseTo(100.521, 9);
    // The same 450 kWh all taken as cars would claim 3000 km and 483 kg of petrol: the passenger-car overstatement.
    const asCars = evSubstitution(450, DEFAULT_EV_ASSUMPTIONS, EF_CQ);
    expect(asCars.km).toBeCloseTo(3000, 9);
    expect(asCars.netCo2AvoidedKg).toBeCloseTo(483 - 235.215, 9);
  });

  it('counts depot energy as cars’ without bus assumptions, and never more bus energy than all the EV energy', () => {
    expect(evSubstitution(450, DEFAULT_EV_ASSUMPTIONS, EF_CQ, 300)).toEqual(
      evSubstitution(450, DEFAULT_EV_ASSUMPTIONS, EF_CQ),
    );
    const capped = evSubstitution(150, { ...DEFAULT_EV_ASSUMPTIONS, bus: BUS }, EF_SC, 999);
    // All 150 kWh are buses': 100 km, 32.6 L diesel, 87.368 kg; grid 21.06 kg.
    expect([capped.km, capped.petrolL]).toEqual([100, 0]);
    expect(capped.netCo2AvoidedKg).toBeCloseTo(87.368 - 21.06, 9);
  });
});

describe('carbonByScope', () => {
  const factors = carbonFactorsFromConfig({
    emissionFactors: {
      sc: { kgCo2PerKwh: EF_SC, year: 2022, source: 'x', name: { zh: '川', en: 'sc' } },
      cq: { kgCo2PerKwh: EF_CQ, year: 2022, source: 'x', name: { zh: '渝', en: 'cq' } },
      national: { kgCo2PerKwh: 0.5366, year: 2022, source: 'x', name: { zh: '国', en: 'national' } },
      fossil: { kgCo2PerKwh: EF_FOSSIL, year: 2022, source: 'x', name: { zh: '化石', en: 'fossil' } },
    },
    coal: { gcePerKwh: 305.5, year: 2020, source: 'x' },
    evAssumptions: { ...DEFAULT_EV_ASSUMPTIONS, year: 2022, source: 'x' },
  });
  const r = carbonByScope(
    {
      sc: { eImportKwh: 1000, ePvKwh: 0, eEvKwh: 0 },
      cq: { eImportKwh: 1000, ePvKwh: 0, eEvKwh: 150 },
    },
    factors,
  );

  it('sums kg per province, each with its own factor, not with an averaged factor', () => {
    // sc 1000 × 0.1404 = 140.4 kg; cq 1000 × 0.5227 = 522.7 kg; area 140.4 + 522.7 = 663.1 kg
    expect(r.sc.co2EmittedKg).toBeCloseTo(140.4, 9);
    expect(r.cq.co2EmittedKg).toBeCloseTo(522.7, 9);
    expect(r.area.co2EmittedKg).toBeCloseTo(663.1, 9);
    expect(r.area.consumptionKwh).toBe(2000);
  });

  it('weights area shares by consumption', () => {
    // c_sc = 0.831351, c_cq = 0.372132; clean kWh 831.351 + 372.132 = 1203.483 of 2000 = 60.174 %
    expect(r.area.cleanSharePct).toBeCloseTo(60.1742, 3);
    expect(r.area.localGreenSharePct).toBe(0);
  });

  it('sums EV substitution with the province factor', () => {
    // cq: 161 kg petrol CO₂ − 150 × 0.5227 = 78.405 kg grid → 82.595 kg net; sc has no EV energy
    expect(r.area.ev.netCo2AvoidedKg).toBeCloseTo(82.595, 9);
  });

  it('takes each province’s depot energy with the bus assumptions and sums diesel over the area', () => {
    const bus = { kwhPer100Km: 150, dieselLPer100Km: 32.6, dieselKgCo2PerL: 2.68, year: 2016, source: 'x' };
    const f = { ...factors, ev: { ...factors.ev, bus } };
    const b = carbonByScope(
      {
        sc: { eImportKwh: 1000, ePvKwh: 0, eEvKwh: 300, eEvBusKwh: 300 },
        cq: { eImportKwh: 1000, ePvKwh: 0, eEvKwh: 150 },
      },
      f,
    );
    // sc: 200 bus km, 65.2 L diesel, 174.736 kg − 300 × 0.1404 = 42.12 kg → 132.616 kg; cq as above 82.595 kg.
    expect(b.sc.ev.dieselL).toBeCloseTo(65.2, 9);
    expect(b.area.ev.dieselL).toBeCloseTo(65.2, 9);
    expect(b.area.ev.km).toBeCloseTo(1200, 9);
    expect(b.area.eEvBusKwh).toBe(300);
    expect(b.area.ev.netCo2AvoidedKg).toBeCloseTo(132.616 + 82.595, 9);
  });

  it('gives null shares for a scope without consumption', () => {
    const z = carbonByScope(
      { sc: { eImportKwh: 0, ePvKwh: 0, eEvKwh: 0 }, cq: { eImportKwh: 0, ePvKwh: 0, eEvKwh: 0 } },
      factors,
    );
    expect(z.area.cleanSharePct).toBeNull();
    expect(z.sc.localGreenSharePct).toBeNull();
  });

  it('handles one province exporting while the other imports', () => {
    // sc: PV 300, import −100 → consumption 200, clean 200, local PV used 200, emitted 0, avoided 300 × 0.1404 = 42.12
    // cq: import 800 → clean 800 × 0.372132 = 297.706; area clean (200 + 297.706) / (200 + 800) = 49.77 %
    // area local green 200 / 1000 = 20 %
    const x = carbonByScope(
      { sc: { eImportKwh: -100, ePvKwh: 300, eEvKwh: 0 }, cq: { eImportKwh: 800, ePvKwh: 0, eEvKwh: 0 } },
      factors,
    );
    expect(x.sc.co2EmittedKg).toBe(0);
    expect(x.sc.co2AvoidedByPvKg).toBeCloseTo(42.12, 9);
    expect(x.area.cleanSharePct).toBeCloseTo(49.7706, 3);
    expect(x.area.localGreenSharePct).toBeCloseTo(20, 9);
  });
});

describe('cleanShareNow', () => {
  const factors = {
    efKgPerKwh: { sc: 0.1, cq: 0.8 },
    efFossilKgPerKwh: 0.8,
    gcePerKwh: 305.5,
    ev: DEFAULT_EV_ASSUMPTIONS,
  };

  it('takes shares of live powers, PV standby as no output', () => {
    // EF sc 0.1, cq 0.8, fossil 0.8 → grid clean share c_sc = 1 − 0.1/0.8 = 0.875, c_cq = 0.
    // sc: import 1000 kW, PV 500 kW → clean 500 + 1000 × 0.875 = 1375 of 1500 → 91.67 %; local green 500/1500 = 33.33 %
    // cq: import 1000 kW, PV −3 kW (standby → 0) → clean 0 of 1000 → 0 %; local green 0 %
    // area: clean 1375 of 2500 = 55 %; local green 500/2500 = 20 %
    const s = cleanShareNow({ sc: { gridImportKw: 1000, pvKw: 500 }, cq: { gridImportKw: 1000, pvKw: -3 } }, factors);
    expect(s.sc.cleanSharePct).toBeCloseTo((1375 / 1500) * 100, 9);
    expect(s.sc.localGreenSharePct).toBeCloseTo((500 / 1500) * 100, 9);
    expect(s.cq.cleanSharePct).toBe(0);
    expect(s.cq.localGreenSharePct).toBe(0);
    expect(s.area.cleanSharePct).toBeCloseTo(55, 9);
    expect(s.area.localGreenSharePct).toBeCloseTo(20, 9);
  });

  it('has no share without consumption', () => {
    const s = cleanShareNow({ sc: { gridImportKw: 0, pvKw: -2 }, cq: { gridImportKw: 0, pvKw: 0 } }, factors);
    expect(s.area.cleanSharePct).toBeNull();
  });
});
