/**
 * Synthetic PV output per unit of kWp: sun elevation at the area (suncalc) × a clear-sky irradiance model × weather ×
 * performance ratio. Weather is a pure function of time: multi-day spells of cloudiness per province (the Sichuan basin
 * is one of the cloudiest places in China, especially in winter) plus passing clouds within a day.
 */
import { getPosition } from 'suncalc';
import { valueNoise } from './noise';

export const PERFORMANCE_RATIO = 0.8;

/** Global horizontal irradiance under a clear sky, W/m² (Haurwitz), from the sine of the sun elevation. */
export function clearSkyGhiWm2(sinElevation: number): number {
  if (sinElevation <= 0.01) return 0;
  return 1098 * sinElevation * Math.exp(-0.057 / sinElevation);
}

export function sunSinElevation(tsMs: number, latDeg: number, lonDeg: number): number {
  // suncalc 2 returns the refraction-corrected altitude in degrees.
  return Math.sin((getPosition(new Date(tsMs), latDeg, lonDeg).altitude * Math.PI) / 180);
}

/**
 * Daily cloudiness 0 (clear) … 1 (overcast) for a province, smooth from day to day (spells of ~2 days), correlated
 * between the two provinces by the shared area seed.
 */
export function cloudiness(areaSeed: number, provinceSeed: number, dayFloat: number, dayOfYear: number): number {
  const winter = Math.exp(-((Math.min(Math.abs(dayOfYear - 15), 365 - Math.abs(dayOfYear - 15)) / 60) ** 2));
  const c = 0.5 + 0.4 * valueNoise(areaSeed, dayFloat / 1.8) + 0.15 * valueNoise(provinceSeed, dayFloat / 1.1);
  return Math.min(1, Math.max(0, c + 0.15 * winter));
}

/** Clearness 0…1 (fraction of clear-sky irradiance) with passing clouds, strongest on partly cloudy days. */
export function clearness(cloud: number, cloudSeed: number, minutes: number): number {
  const daily = 1 - 0.78 * cloud;
  const broken = 4 * cloud * (1 - cloud); // 1 at half cover, 0 when clear or overcast
  const passing = Math.max(0, valueNoise(cloudSeed, minutes / 9) + 0.2 * valueNoise(cloudSeed ^ 0x5bd1e995, minutes));
  return Math.max(0.03, daily * (1 - 0.7 * broken * passing));
}
