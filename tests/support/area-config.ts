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

/** A feeder of ≥ 3 sections whose last section has a tie to a feeder of the other province (the 10 kV interconnection). */
export function crossBorderFeeder(config: AreaConfig): AreaConfig['feeders'][number] {
  const byId = new Map(config.feeders.map((f) => [f.id, f]));
  const found = config.feeders.find((f) => {
    const tie = f.sections?.at(-1)?.tie;
    return (f.sections?.length ?? 0) >= 3 && tie && byId.get(tie.feederId)?.province !== f.province;
  });
  if (!found) throw new Error('the area has no feeder tied across the provincial border');
  return found;
}
