/**
 * Carbon indicators (DESIGN.md §4): scope-2 CO₂ emitted, CO₂ avoided by local PV, clean-energy share, local green share,
 * standard coal saved and EV electric substitution. Inputs are energies (kWh) over a window; factors come from the
 * area configuration, each with its year and source, which the screens show beside the figures.
 *
 * Net export (grid import < 0, PV pushing power back to the grid) is handled so that no figure double-counts it:
 * - emitted CO₂ is never negative: the exported kWh are PV kWh, already credited once in "CO₂ avoided by PV";
 * - clean and local green shares are capped at 100 %: when PV covers all consumption, all consumption is clean, and
 *   the surplus is export, not "more than all" of the area's own use.
 *
 * The area is never computed with an averaged factor: each province is computed with its own factor and the kg (and
 * kWh) are summed, because Sichuan's grid (hydro) and Chongqing's (coal) differ almost fourfold.
 */
import type { AreaConfig } from '../config/area-schema';
import { PROVINCES, type Province } from '../contract/topics';
import type { ByProvince, ByScope, Scope } from './scope';

/** Passenger-car assumptions, and optionally the buses' (absent: bus depot energy counted as cars', as before). */
export type EvAssumptions = Pick<AreaConfig['evAssumptions'], 'kwhPer100Km' | 'petrolLPer100Km' | 'petrolKgCo2PerL'> & {
  bus?: BusAssumptions | undefined;
};
export type BusAssumptions = Pick<
  NonNullable<AreaConfig['evAssumptions']['bus']>,
  'kwhPer100Km' | 'dieselLPer100Km' | 'dieselKgCo2PerL'
>;

/** Same as public/config/area.json: typical passenger cars. */
export const DEFAULT_EV_ASSUMPTIONS = {
  kwhPer100Km: 15,
  petrolLPer100Km: 7,
  petrolKgCo2PerL: 2.3,
} satisfies EvAssumptions;
/** National average coal consumption per kWh supplied, 2020 (CEC), gce/kWh. */
export const DEFAULT_GCE_PER_KWH = 305.5;

/** Scope 2: grid import × EF. Net export (negative import) emits nothing; see the module note. */
export function co2EmittedKg(eImportKwh: number, efKgPerKwh: number): number {
  return Math.max(0, eImportKwh) * efKgPerKwh;
}

/** Each local PV kWh displaces a grid kWh at the province's average factor. */
export function co2AvoidedByPvKg(ePvKwh: number, efKgPerKwh: number): number {
  return ePvKwh * efKgPerKwh;
}

/**
 * Implied non-fossil share of the grid mix, c_p = 1 − EF_p / EF_fossil, in 0–1. Clamped, so a grid dirtier than the
 * fossil reference reads 0 rather than a negative share.
 */
export function gridCleanShare(efKgPerKwh: number, efFossilKgPerKwh: number): number {
  if (!(efFossilKgPerKwh > 0)) return 0;
  return Math.min(1, Math.max(0, 1 - efKgPerKwh / efFossilKgPerKwh));
}

/** Clean kWh in consumption: local PV actually used locally plus the grid's non-fossil part of the import. */
export function cleanEnergyKwh(
  ePvKwh: number,
  eImportKwh: number,
  efKgPerKwh: number,
  efFossilKgPerKwh: number,
): number {
  const consumptionKwh = ePvKwh + eImportKwh;
  if (!(consumptionKwh > 0)) return 0;
  const pvUsedLocallyKwh = Math.min(Math.max(0, ePvKwh), consumptionKwh);
  return pvUsedLocallyKwh + Math.max(0, eImportKwh) * gridCleanShare(efKgPerKwh, efFossilKgPerKwh);
}

/**
 * Clean-energy share of consumption, % = (E_pv + E_import × c_p) / (E_pv + E_import) × 100.
 * null when consumption is zero or negative (nothing to take a share of; never NaN); 100 % under net export.
 */
export function cleanSharePct(
  ePvKwh: number,
  eImportKwh: number,
  efKgPerKwh: number,
  efFossilKgPerKwh: number,
): number | null {
  const consumptionKwh = ePvKwh + eImportKwh;
  if (!Number.isFinite(consumptionKwh) || consumptionKwh <= 0) return null;
  return (cleanEnergyKwh(ePvKwh, eImportKwh, efKgPerKwh, efFossilKgPerKwh) / consumptionKwh) * 100;
}

/** Local green share, % = E_pv / consumption × 100, capped at 100 (surplus is export); null without consumption. */
export function localGreenSharePct(ePvKwh: number, consumptionKwh: number): number | null {
  if (!Number.isFinite(consumptionKwh) || consumptionKwh <= 0 || !Number.isFinite(ePvKwh)) return null;
  return (Math.min(Math.max(0, ePvKwh), consumptionKwh) / consumptionKwh) * 100;
}

/** Standard coal equivalent saved by PV, kg (gce/kWh × kWh / 1000). */
export function coalSavedKg(ePvKwh: number, gcePerKwh: number = DEFAULT_GCE_PER_KWH): number {
  return (ePvKwh * gcePerKwh) / 1000;
}

export interface EvSubstitution {
  /** Distance the EV energy drives, km (cars and buses). */
  km: number;
  /** Petrol the combustion cars would have burnt for the cars' distance, L. */
  petrolL: number;
  petrolCo2Kg: number;
  /** Diesel the diesel buses would have burnt for the e-buses' distance, L (0 without bus assumptions). */
  dieselL: number;
  dieselCo2Kg: number;
  /** CO₂ of the grid electricity the EVs charged, kg. */
  evGridCo2Kg: number;
  /** petrolCo2Kg + dieselCo2Kg − evGridCo2Kg. */
  netCo2AvoidedKg: number;
}

/**
 * EV electric substitution (DESIGN.md §4): the energy charged → km → fuel a combustion vehicle would have burnt → its
 * CO₂, minus the grid CO₂ of the charging. `eEvBusKwh` is the part of `eEvKwh` charged at bus depots: with bus
 * assumptions it drives e-buses against diesel buses (a bus uses about ten times a car's kWh per km and burns diesel,
 * so car figures would credit a depot's kWh with ten times the km and the wrong fuel); without them it counts as cars'.
 */
export function evSubstitution(
  eEvKwh: number,
  assumptions: EvAssumptions,
  efKgPerKwh: number,
  eEvBusKwh = 0,
): EvSubstitution {
  const bus = assumptions.bus;
  const busKwh = bus ? Math.min(Math.max(0, eEvBusKwh), Math.max(0, eEvKwh)) : 0;
  const carKwh = eEvKwh - busKwh;
  const carKm = assumptions.kwhPer100Km > 0 ? (carKwh / assumptions.kwhPer100Km) * 100 : 0;
  const busKm = bus && bus.kwhPer100Km > 0 ? (busKwh / bus.kwhPer100Km) * 100 : 0;
  const petrolL = (carKm / 100) * assumptions.petrolLPer100Km;
  const petrolCo2Kg = petrolL * assumptions.petrolKgCo2PerL;
  const dieselL = bus ? (busKm / 100) * bus.dieselLPer100Km : 0;
  const dieselCo2Kg = bus ? dieselL * bus.dieselKgCo2PerL : 0;
  const evGridCo2Kg = eEvKwh * efKgPerKwh;
  return {
    km: carKm + busKm,
    petrolL,
    petrolCo2Kg,
    dieselL,
    dieselCo2Kg,
    evGridCo2Kg,
    netCo2AvoidedKg: petrolCo2Kg + dieselCo2Kg - evGridCo2Kg,
  };
}

export interface CarbonFactors {
  efKgPerKwh: ByProvince<number>;
  efFossilKgPerKwh: number;
  gcePerKwh: number;
  ev: EvAssumptions;
}

export function carbonFactorsFromConfig(
  cfg: Pick<AreaConfig, 'emissionFactors' | 'coal' | 'evAssumptions'>,
): CarbonFactors {
  return {
    efKgPerKwh: { sc: cfg.emissionFactors.sc.kgCo2PerKwh, cq: cfg.emissionFactors.cq.kgCo2PerKwh },
    efFossilKgPerKwh: cfg.emissionFactors.fossil.kgCo2PerKwh,
    gcePerKwh: cfg.coal.gcePerKwh,
    ev: cfg.evAssumptions,
  };
}

export interface ProvinceEnergy {
  eImportKwh: number;
  ePvKwh: number;
  eEvKwh: number;
  /** Of eEvKwh, the energy charged at bus depots (absent: none known; all counted as cars'). */
  eEvBusKwh?: number;
}

export interface CarbonSummary extends ProvinceEnergy {
  consumptionKwh: number;
  cleanKwh: number;
  co2EmittedKg: number;
  co2AvoidedByPvKg: number;
  coalSavedKg: number;
  /** null without consumption. */
  cleanSharePct: number | null;
  /** null without consumption. */
  localGreenSharePct: number | null;
  ev: EvSubstitution;
}

function provinceSummary(e: ProvinceEnergy, efKgPerKwh: number, f: CarbonFactors): CarbonSummary {
  const consumptionKwh = e.eImportKwh + e.ePvKwh;
  return {
    ...e,
    consumptionKwh,
    cleanKwh: cleanEnergyKwh(e.ePvKwh, e.eImportKwh, efKgPerKwh, f.efFossilKgPerKwh),
    co2EmittedKg: co2EmittedKg(e.eImportKwh, efKgPerKwh),
    co2AvoidedByPvKg: co2AvoidedByPvKg(e.ePvKwh, efKgPerKwh),
    coalSavedKg: coalSavedKg(e.ePvKwh, f.gcePerKwh),
    cleanSharePct: cleanSharePct(e.ePvKwh, e.eImportKwh, efKgPerKwh, f.efFossilKgPerKwh),
    localGreenSharePct: localGreenSharePct(e.ePvKwh, consumptionKwh),
    ev: evSubstitution(e.eEvKwh, f.ev, efKgPerKwh, e.eEvBusKwh),
  };
}

/**
 * Carbon summary per province and for the area. Area kg and kWh are sums of the provinces' (each computed with its
 * own factor); area shares are Σ clean kWh / Σ consumption, i.e. consumption-weighted, not averaged percentages.
 */
export function carbonByScope(energy: ByProvince<ProvinceEnergy>, factors: CarbonFactors): ByScope<CarbonSummary> {
  const out = {} as Record<Scope, CarbonSummary>;
  for (const p of PROVINCES) out[p] = provinceSummary(energy[p], factors.efKgPerKwh[p], factors);
  const sum = (pick: (s: CarbonSummary) => number) => PROVINCES.reduce((acc, p: Province) => acc + pick(out[p]), 0);
  const consumptionKwh = sum((s) => s.consumptionKwh);
  const cleanKwh = sum((s) => s.cleanKwh);
  const ePvKwh = sum((s) => s.ePvKwh);
  const pvUsedLocallyKwh = sum((s) => (s.localGreenSharePct ?? 0) * s.consumptionKwh) / 100;
  const ev = {
    km: sum((s) => s.ev.km),
    petrolL: sum((s) => s.ev.petrolL),
    petrolCo2Kg: sum((s) => s.ev.petrolCo2Kg),
    dieselL: sum((s) => s.ev.dieselL),
    dieselCo2Kg: sum((s) => s.ev.dieselCo2Kg),
    evGridCo2Kg: sum((s) => s.ev.evGridCo2Kg),
    netCo2AvoidedKg: sum((s) => s.ev.netCo2AvoidedKg),
  };
  const hasConsumption = Number.isFinite(consumptionKwh) && consumptionKwh > 0;
  out.area = {
    eImportKwh: sum((s) => s.eImportKwh),
    ePvKwh,
    eEvKwh: sum((s) => s.eEvKwh),
    eEvBusKwh: sum((s) => s.eEvBusKwh ?? 0),
    consumptionKwh,
    cleanKwh,
    co2EmittedKg: sum((s) => s.co2EmittedKg),
    co2AvoidedByPvKg: sum((s) => s.co2AvoidedByPvKg),
    coalSavedKg: sum((s) => s.coalSavedKg),
    cleanSharePct: hasConsumption ? (cleanKwh / consumptionKwh) * 100 : null,
    localGreenSharePct: hasConsumption ? (pvUsedLocallyKwh / consumptionKwh) * 100 : null,
    ev,
  };
  return out;
}

/**
 * PV standby: at night inverters draw a few kW (payloads.ts allows down to −5 kW per site). That is no output, not a
 * negative one: PV enters clean and local green shares as max(0, P). (The draw itself is already in the feeder-head P,
 * i.e. in grid import.)
 */
export function pvOutputKw(pvKw: number): number {
  return Math.max(0, pvKw);
}

export interface PowerNow {
  /** Σ feeder-head P, kW; negative = net export. */
  gridImportKw: number;
  /** Σ PV site P, kW; may be slightly negative at night (standby, see pvOutputKw). */
  pvKw: number;
}

export interface CleanShareNow {
  /** null without consumption. */
  cleanSharePct: number | null;
  /** null without consumption. */
  localGreenSharePct: number | null;
}

/**
 * Clean and local green share of what is consumed now, from live powers. The shares are ratios, so the energy formulas
 * apply to powers (kW held for one hour is that many kWh): per province with its own factor, area consumption-weighted.
 */
export function cleanShareNow(power: ByProvince<PowerNow>, factors: CarbonFactors): ByScope<CleanShareNow> {
  const asHourKwh = (p: PowerNow): ProvinceEnergy => ({
    eImportKwh: p.gridImportKw,
    ePvKwh: pvOutputKw(p.pvKw),
    eEvKwh: 0,
  });
  const s = carbonByScope({ sc: asHourKwh(power.sc), cq: asHourKwh(power.cq) }, factors);
  const pick = (c: CarbonSummary): CleanShareNow => ({
    cleanSharePct: c.cleanSharePct,
    localGreenSharePct: c.localGreenSharePct,
  });
  return { sc: pick(s.sc), cq: pick(s.cq), area: pick(s.area) };
}
