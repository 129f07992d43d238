import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configuredDevicesOf } from './area-devices';
import { parseAreaConfig } from './area-schema';

const config = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');

describe('configuredDevicesOf', () => {
  it('lists every configured device once, with its kind, province and its kind’s reporting interval', () => {
    const devices = configuredDevicesOf(config);
    const count = (kind: string) => devices.filter((d) => d.kind === kind).length;
    expect(count('substation')).toBe(config.substations.length);
    expect(count('feeder')).toBe(config.feeders.length);
    expect(count('pv')).toBe(config.pvSites.length);
    expect(count('charger')).toBe(config.chargingStations.length);
    expect(new Set(devices.map((d) => d.id)).size).toBe(devices.length);
    const byId = new Map(devices.map((d) => [d.id, d]));
    for (const feeder of config.feeders)
      expect(byId.get(feeder.id)).toEqual({
        id: feeder.id,
        kind: 'feeder',
        province: feeder.province,
        intervalMs: config.feedIntervalsS.feeder * 1000,
      });
  });
});
