/**
 * Numbers for the wall's big figures: a numeric value in a unit chosen once by magnitude (so a tween between two
 * values never switches unit half-way) and the text of a value in that unit.
 */
import { formatEnergy, formatMass, formatNumber } from '../../ui/format/number';
import type { Lang } from '../../../core/lang';

const FACTOR: Record<string, number> = { kg: 1, t: 1e3, 万t: 1e7, kt: 1e6, kWh: 1, MWh: 1e3, GWh: 1e6 };

export interface Scaled {
  /** The value in `unit`; null when there is no value. */
  value: number | null;
  unit: string;
}

function scaled(x: number | null, unit: string): Scaled {
  const f = FACTOR[unit] ?? 1;
  return { value: x === null || !Number.isFinite(x) ? null : x / f, unit };
}

export const massScaled = (kg: number | null, lang: Lang): Scaled => scaled(kg, formatMass(kg, lang).unit);
export const energyScaled = (kwh: number | null, lang: Lang): Scaled => scaled(kwh, formatEnergy(kwh, lang).unit);

/** Three significant digits or more, as the shared formatter does. */
export const numberText = (lang: Lang, decimals?: number) => (x: number) =>
  formatNumber(x, lang, decimals === undefined ? {} : { decimals });
