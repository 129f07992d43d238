/**
 * The area the tests run against: public/config/area.json as the services read it, and the same area on fast clocks
 * for tests that must see staleness, the hold time and the alarm engine's durations pass within seconds.
 */
import { readFileSync } from 'node:fs';
import { type AreaConfig, parseAreaConfig } from '../../src/core/config/area-schema';

export const AREA_CONFIG_PATH = 'public/config/area.json';

export function readAreaConfig(): AreaConfig {
  return parseAreaConfig(readFileSync(AREA_CONFIG_PATH, 'utf8'), AREA_CONFIG_PATH);
}

/** Every device reports each second; stale after one missed report, the last good value held 3.5 s. */
export function withFastClocks(config: AreaConfig): AreaConfig {
  return {
    ...config,
    feedIntervalsS: { substation: 1, feeder: 1, pv: 1, charger: 1 },
    thresholds: { ...config.thresholds, staleAfterMissedIntervals: 1, holdLastGoodS: 3.5 },
  };
}
