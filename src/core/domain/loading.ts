/**
 * Feeder and grid operating state: apparent power, loading rate, voltage deviation and frequency, each classified
 * against the thresholds of the area configuration (DESIGN.md §4). Pure functions; a missing or non-finite input
 * gives `null` (unknown), never a misleading 0 or NaN, so a silent feeder is never shown as "normal".
 */
import type { AreaConfig } from '../config/area-schema';

export type LoadingState = 'normal' | 'heavy' | 'overload';
/** 'high' / 'low' name the side of the band, so a screen never has to show the state by colour alone. */
export type BandState = 'normal' | 'high' | 'low';

export type LoadingThresholds = Pick<AreaConfig['thresholds'], 'heavyLoadingPct' | 'overloadLoadingPct'>;
export type VoltageThresholds = Pick<AreaConfig['thresholds'], 'voltageDeviationPct'>;
export type FrequencyThresholds = Pick<AreaConfig['thresholds'], 'frequencyNominalHz' | 'frequencyTolerationHz'>;

/** Same defaults as public/config/area.json; used when a caller has no configuration at hand (tests, tools). */
export const DEFAULT_LOADING_THRESHOLDS: LoadingThresholds = { heavyLoadingPct: 80, overloadLoadingPct: 100 };
/** GB/T 12325: supply voltage deviation of 20 kV and below, three-phase, within ±7 % of nominal. */
export const DEFAULT_VOLTAGE_THRESHOLDS: VoltageThresholds = { voltageDeviationPct: 7 };
/** GB/T 15945: 50 Hz ± 0.2 Hz in normal operation. */
export const DEFAULT_FREQUENCY_THRESHOLDS: FrequencyThresholds = { frequencyNominalHz: 50, frequencyTolerationHz: 0.2 };

/**
 * Float slack when comparing with a limit: 10.7 kV against 10 kV nominal computes as 7.000000000000001 % in some
 * orderings, and a value exactly at the limit must not flap between states.
 */
const EPS = 1e-9;

type MaybeNumber = number | null | undefined;
const isNum = (x: MaybeNumber): x is number => typeof x === 'number' && Number.isFinite(x);

/** S = √(P² + Q²), kVA. Reverse flow (P < 0) loads the line just as much, hence the square. */
/** Rated current of a three-phase line, A: I = S / (√3 · U), rounded to the ampere (S in MVA, U line-to-line kV). */
export function ratedCurrentA(ratedMva: number, nominalKv: number): number {
  return Math.round((ratedMva * 1000) / (Math.sqrt(3) * nominalKv));
}

export function apparentPowerKva(pKw: number, qKvar: number): number {
  return Math.hypot(pKw, qKvar);
}

export interface LoadingInput {
  pKw?: MaybeNumber;
  qKvar?: MaybeNumber;
  iA?: MaybeNumber;
  ratedMva?: MaybeNumber;
  ratedA?: MaybeNumber;
}

export interface LoadingRate {
  /** The binding rate, % (the larger of the two below when both are known); null when neither can be computed. */
  pct: number | null;
  /** S / S_rated, % */
  powerPct: number | null;
  /** I / I_rated, % */
  currentPct: number | null;
  basis: 'power' | 'current' | null;
}

/**
 * Loading rate of a feeder or transformer from S / S_rated and/or I / I_rated.
 *
 * When both are known the larger one is used: the thermal limit of a conductor is a current, and S_rated is that
 * current at nominal voltage, so when the voltage sags the same S needs more current and I / I_rated is the one that
 * binds; when the current transformer reads low or is missing, S / S_rated still catches the overload. Taking the larger
 * never hides an overload that one of the two measurements shows.
 * A missing Q is taken as 0 only if P is known (S ≥ |P| still gives a lower bound of the loading).
 */
export function loadingRate(input: LoadingInput): LoadingRate {
  const { pKw, qKvar, iA, ratedMva, ratedA } = input;
  let powerPct: number | null = null;
  if (isNum(pKw) && isNum(ratedMva) && ratedMva > 0) {
    const sKva = apparentPowerKva(pKw, isNum(qKvar) ? qKvar : 0);
    powerPct = (sKva / (ratedMva * 1000)) * 100;
  }
  let currentPct: number | null = null;
  if (isNum(iA) && isNum(ratedA) && ratedA > 0) currentPct = (Math.abs(iA) / ratedA) * 100;

  if (powerPct === null && currentPct === null) return { pct: null, powerPct, currentPct, basis: null };
  if (currentPct === null || (powerPct !== null && powerPct >= currentPct))
    return { pct: powerPct, powerPct, currentPct, basis: 'power' };
  return { pct: currentPct, powerPct, currentPct, basis: 'current' };
}

/** Shorthand for `loadingRate(input).pct`. */
export function loadingRatePct(input: LoadingInput): number | null {
  return loadingRate(input).pct;
}

/** normal below heavy, heavy from heavy (inclusive), overload from overload (inclusive); null when unknown. */
export function loadingState(
  pct: MaybeNumber,
  thresholds: LoadingThresholds = DEFAULT_LOADING_THRESHOLDS,
): LoadingState | null {
  if (!isNum(pct)) return null;
  if (pct >= thresholds.overloadLoadingPct - EPS) return 'overload';
  if (pct >= thresholds.heavyLoadingPct - EPS) return 'heavy';
  return 'normal';
}

/** (U − U_n) / U_n × 100, %; positive above nominal. */
export function voltageDeviationPct(uKv: MaybeNumber, nominalKv: MaybeNumber): number | null {
  if (!isNum(uKv) || !isNum(nominalKv) || nominalKv <= 0) return null;
  return ((uKv - nominalKv) / nominalKv) * 100;
}

/** Exactly at the limit is still within it (GB/T 12325 allows "within ±7 %"). */
export function voltageState(
  deviationPct: MaybeNumber,
  thresholds: VoltageThresholds = DEFAULT_VOLTAGE_THRESHOLDS,
): BandState | null {
  if (!isNum(deviationPct)) return null;
  if (deviationPct > thresholds.voltageDeviationPct + EPS) return 'high';
  if (deviationPct < -thresholds.voltageDeviationPct - EPS) return 'low';
  return 'normal';
}

export function frequencyState(
  fHz: MaybeNumber,
  thresholds: FrequencyThresholds = DEFAULT_FREQUENCY_THRESHOLDS,
): BandState | null {
  if (!isNum(fHz)) return null;
  const deviationHz = fHz - thresholds.frequencyNominalHz;
  if (deviationHz > thresholds.frequencyTolerationHz + EPS) return 'high';
  if (deviationHz < -thresholds.frequencyTolerationHz - EPS) return 'low';
  return 'normal';
}
