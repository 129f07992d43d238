/**
 * Per-unit base-load shapes (1.0 = the feeder's basePeakKw) by customer mix, local hour, day of week and season.
 * Hand-drawn after typical Chinese 10 kV feeder profiles: industrial parks on two shifts with a lunch dip and quieter
 * weekends; commercial load from opening to late evening; residential with a morning bump and an evening peak. The
 * Sichuan–Chongqing basin peaks in summer (air conditioning in a very hot, humid July–August) and less in winter.
 */
import type { LocalTime } from './local-time';

export type LoadMix = 'industrial' | 'commercial' | 'residential';

// Value at each local hour h:00; interpolated between hours.
const WEEKDAY: Record<LoadMix, readonly number[]> = {
  industrial: [
    0.66, 0.64, 0.62, 0.62, 0.62, 0.64, 0.7, 0.8, 0.93, 0.98, 1.0, 0.97, 0.8, 0.9, 0.98, 1.0, 0.97, 0.92, 0.86, 0.84,
    0.82, 0.8, 0.74, 0.69,
  ],
  commercial: [
    0.32, 0.3, 0.29, 0.28, 0.28, 0.3, 0.36, 0.48, 0.66, 0.84, 0.94, 0.98, 0.94, 0.95, 0.97, 0.98, 0.96, 0.93, 0.95,
    0.97, 0.92, 0.78, 0.58, 0.42,
  ],
  residential: [
    0.42, 0.36, 0.33, 0.31, 0.31, 0.34, 0.46, 0.62, 0.6, 0.52, 0.5, 0.54, 0.58, 0.54, 0.5, 0.5, 0.54, 0.66, 0.84, 0.96,
    1.0, 0.96, 0.8, 0.58,
  ],
};

/** Weekend multipliers [Saturday, Sunday]; residential daytime rises instead (people at home). */
const WEEKEND_FACTOR: Record<LoadMix, readonly [number, number]> = {
  industrial: [0.82, 0.7],
  commercial: [1.0, 0.96],
  residential: [1.0, 1.0],
};

function hourly(table: readonly number[], hour: number): number {
  const i = Math.floor(hour);
  const f = hour - i;
  const a = table[i % 24] as number;
  const b = table[(i + 1) % 24] as number;
  const s = f * f * (3 - 2 * f);
  return a + (b - a) * s;
}

/** Daily/weekly shape, per unit of the day's peak. */
export function dailyShape(mix: LoadMix, t: LocalTime): number {
  const v = hourly(WEEKDAY[mix], t.hour);
  if (t.weekday !== 0 && t.weekday !== 6) return v;
  if (mix === 'residential') {
    // At home during the day at weekends: fill the midday trough.
    const day = t.hour >= 8 && t.hour <= 17 ? 0.12 * Math.sin(((t.hour - 8) / 9) * Math.PI) : 0;
    return v + day;
  }
  const [sat, sun] = WEEKEND_FACTOR[mix];
  return v * (t.weekday === 6 ? sat : sun);
}

const circDays = (a: number, b: number) => {
  const d = Math.abs(a - b) % 365;
  return Math.min(d, 365 - d);
};

/** Seasonal factor, 1.0 at the late-July peak. */
export function seasonalFactor(mix: LoadMix, dayOfYear: number): number {
  const summer = Math.exp(-((circDays(dayOfYear, 205) / 34) ** 2));
  const winter = Math.exp(-((circDays(dayOfYear, 12) / 32) ** 2));
  switch (mix) {
    case 'residential':
      return 0.7 + 0.3 * summer + 0.2 * winter;
    case 'commercial':
      return 0.76 + 0.24 * summer + 0.12 * winter;
    default:
      return 0.92 + 0.08 * summer + 0.05 * winter;
  }
}

export function baseLoadPu(mix: LoadMix, t: LocalTime): number {
  return dailyShape(mix, t) * seasonalFactor(mix, t.dayOfYear);
}
