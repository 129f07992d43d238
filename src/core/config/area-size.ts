/**
 * How big an area is, in configured devices, and where "big" starts: the browser slows its O(devices) work for a big
 * area (browser/live/pace.ts) and the history service skips the first-start backfill of one (services/history/main.ts).
 */
import type { AreaConfig } from './area-schema';

/** Above this many configured devices an area counts as big (the 10,000-feeder load test, not the real new area). */
export const BIG_AREA_DEVICES = 2_000;

/** Configured devices of every kind: substations, feeders, PV sites and charging stations. */
export function deviceCount(
  area: Pick<AreaConfig, 'substations' | 'feeders' | 'pvSites' | 'chargingStations'>,
): number {
  return area.substations.length + area.feeders.length + area.pvSites.length + area.chargingStations.length;
}
