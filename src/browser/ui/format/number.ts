/**
 * Number formatting for the screens: a value and its unit as separate strings (the wall sets them in different sizes),
 * plus a one-string `text`. The unit is chosen by magnitude (kW → MW, kWh → MWh → GWh, kg → t → 万t/kt), grouping
 * follows the language's locale, and a missing or non-finite value is a dash, never 'NaN' or 'Infinity'.
 * Tabular figures and fixed widths are CSS's job.
 */
import { type Lang, LOCALE_BY_LANG } from '../../../core/lang';

export const DASH = '—';

export interface FormattedValue {
  value: string;
  unit: string;
  /** value and unit in one string, e.g. '1,234 kW', '62.3%'; just the dash when there is no value. */
  text: string;
}

export interface FormatOptions {
  /** Fixed decimals; by default 2 below 10, 1 below 100, else 0 (three significant digits or more). */
  decimals?: number;
  /** Show '+' on positive values (e.g. net flow). */
  signed?: boolean;
}

type MaybeNumber = number | null | undefined;

interface UnitStep {
  /** Size of one of this unit in the base unit. */
  factor: number;
  unit: string;
}

const formatterCache = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, decimals: number, signed: boolean): Intl.NumberFormat {
  const key = `${lang}|${decimals}|${signed}`;
  let f = formatterCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE_BY_LANG[lang], {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: true,
      signDisplay: signed ? 'exceptZero' : 'auto',
    });
    formatterCache.set(key, f);
  }
  return f;
}

function autoDecimals(abs: number): number {
  if (abs < 10) return 2;
  if (abs < 100) return 1;
  return 0;
}

function roundTo(x: number, decimals: number): number {
  const m = 10 ** decimals;
  const r = Math.round(x * m) / m;
  // −0.004 rounds to −0: show '0', not '-0'.
  return r === 0 ? 0 : r;
}

const isFiniteNumber = (x: MaybeNumber): x is number => typeof x === 'number' && Number.isFinite(x);

function joinText(value: string, unit: string): string {
  if (unit === '') return value;
  return unit === '%' ? `${value}%` : `${value} ${unit}`;
}

function dash(unit: string): FormattedValue {
  return { value: DASH, unit, text: DASH };
}

/** A plain number in the language's locale; the dash for no value. */
export function formatNumber(x: MaybeNumber, lang: Lang, opts: FormatOptions = {}): string {
  if (!isFiniteNumber(x)) return DASH;
  const decimals = opts.decimals ?? autoDecimals(Math.abs(x));
  return numberFormat(lang, decimals, opts.signed ?? false).format(roundTo(x, decimals));
}

/** A value in a fixed unit (kV, Hz, A, km, L …). */
export function formatQuantity(x: MaybeNumber, unit: string, lang: Lang, opts: FormatOptions = {}): FormattedValue {
  if (!isFiniteNumber(x)) return dash(unit);
  const value = formatNumber(x, lang, opts);
  return { value, unit, text: joinText(value, unit) };
}

/** Picks the largest unit the value reaches, moving up once more if rounding carries it over (999.7 kW → 1.00 MW). */
function pickStep(abs: number, steps: readonly UnitStep[], opts: FormatOptions): UnitStep {
  let i = 0;
  while (i + 1 < steps.length && abs >= (steps[i + 1] as UnitStep).factor) i += 1;
  const roundedAbs = (step: UnitStep) => {
    const scaled = abs / step.factor;
    return Math.abs(roundTo(scaled, opts.decimals ?? autoDecimals(scaled)));
  };
  const next = steps[i + 1];
  if (next && roundedAbs(steps[i] as UnitStep) * (steps[i] as UnitStep).factor >= next.factor) i += 1;
  return steps[i] as UnitStep;
}

function formatScaled(x: MaybeNumber, steps: readonly UnitStep[], lang: Lang, opts: FormatOptions): FormattedValue {
  if (!isFiniteNumber(x)) return dash((steps[0] as UnitStep).unit);
  const step = pickStep(Math.abs(x), steps, opts);
  const value = formatNumber(x / step.factor, lang, opts);
  return { value, unit: step.unit, text: joinText(value, step.unit) };
}

/**
 * A number in the unit the formatter would pick, left numeric: for figures that tween between values, so the unit is
 * chosen once per value and never switches half-way through an animation.
 */
export interface ScaledValue {
  /** The value in `unit`; null when there is no value. */
  value: number | null;
  unit: string;
}

function scaleTo(x: MaybeNumber, steps: readonly UnitStep[]): ScaledValue {
  if (!isFiniteNumber(x)) return { value: null, unit: (steps[0] as UnitStep).unit };
  const step = pickStep(Math.abs(x), steps, {});
  return { value: x / step.factor, unit: step.unit };
}

const POWER_STEPS: readonly UnitStep[] = [
  { factor: 1, unit: 'kW' },
  { factor: 1e3, unit: 'MW' },
];
const ENERGY_STEPS: readonly UnitStep[] = [
  { factor: 1, unit: 'kWh' },
  { factor: 1e3, unit: 'MWh' },
  { factor: 1e6, unit: 'GWh' },
];
// Chinese reports count large masses in 万吨 (10⁴ t); English has no such unit and uses kt.
const MASS_STEPS: Record<Lang, readonly UnitStep[]> = {
  zh: [
    { factor: 1, unit: 'kg' },
    { factor: 1e3, unit: 't' },
    { factor: 1e7, unit: '万t' },
  ],
  en: [
    { factor: 1, unit: 'kg' },
    { factor: 1e3, unit: 't' },
    { factor: 1e6, unit: 'kt' },
  ],
};

/** Power given in kW, shown in kW or MW. Negative (reverse flow) keeps its sign. */
export function formatPower(kW: MaybeNumber, lang: Lang, opts: FormatOptions = {}): FormattedValue {
  return formatScaled(kW, POWER_STEPS, lang, opts);
}

/** Energy given in kWh, shown in kWh, MWh or GWh. */
export function formatEnergy(kWh: MaybeNumber, lang: Lang, opts: FormatOptions = {}): FormattedValue {
  return formatScaled(kWh, ENERGY_STEPS, lang, opts);
}

/** Mass given in kg (CO₂, coal), shown in kg, t, and 万t (zh) or kt (en). */
export function formatMass(kg: MaybeNumber, lang: Lang, opts: FormatOptions = {}): FormattedValue {
  return formatScaled(kg, MASS_STEPS[lang], lang, opts);
}

/** A percentage given in % (62.3, not 0.623); one decimal by default. */
export function formatPct(pct: MaybeNumber, lang: Lang, opts: FormatOptions = {}): FormattedValue {
  return formatQuantity(pct, '%', lang, { decimals: 1, ...opts });
}

/** Energy in kWh as a number in the unit formatEnergy picks (kWh, MWh, GWh). */
export function scaleEnergy(kWh: MaybeNumber): ScaledValue {
  return scaleTo(kWh, ENERGY_STEPS);
}

/** Mass in kg as a number in the unit formatMass picks (kg, t, 万t or kt). */
export function scaleMass(kg: MaybeNumber, lang: Lang): ScaledValue {
  return scaleTo(kg, MASS_STEPS[lang]);
}

/** A formatter of plain numbers for one language (and fixed decimals, if given), e.g. for a tweened figure. */
export function numberFormatter(lang: Lang, decimals?: number): (x: number) => string {
  return (x) => formatNumber(x, lang, decimals === undefined ? {} : { decimals });
}
