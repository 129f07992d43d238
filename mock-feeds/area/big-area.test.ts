import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../src/core/config/area-schema';
import { createWorld } from '../world/world';
import { bigArea } from './big-area';

const base = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');

describe('bigArea (the load-test area)', () => {
  it('keeps every device of the new area and adds feeders up to the total, with unique ids', () => {
    const area = bigArea(base, { feeders: 2_000 });
    expect(area.feeders).toHaveLength(2_000);
    expect(area.feeders.slice(0, base.feeders.length)).toEqual(base.feeders);
    expect(area.pvSites).toEqual(base.pvSites);
    expect(area.chargingStations).toEqual(base.chargingStations);
    // 1,960 extra feeders, 50 a substation: 40 extra 110 kV substations, each under an extra 220 kV one.
    expect(area.substations).toHaveLength(base.substations.length + 80);
    const ids = [...area.substations, ...area.feeders, ...area.pvSites, ...area.chargingStations].map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Every extra feeder hangs on an extra 110 kV substation that hangs on a 220 kV one of its own province, and no
    // substation carries more than 50 of them (≤ 600 MW, the contract's plausible range).
    const subs = new Map(area.substations.map((s) => [s.id, s]));
    for (const f of area.feeders.slice(base.feeders.length)) {
      const sub = subs.get(f.substationId)!;
      expect(sub.voltageKv).toBe(110);
      expect(sub.province).toBe(f.province);
      expect(subs.get(sub.parentIds[0]!)?.voltageKv).toBe(220);
      expect(subs.get(sub.parentIds[0]!)?.province).toBe(f.province);
    }
    const perSub = new Map<string, number>();
    for (const f of area.feeders) perSub.set(f.substationId, (perSub.get(f.substationId) ?? 0) + 1);
    expect(Math.max(...[...perSub].filter(([id]) => id.startsWith('load-')).map(([, n]) => n))).toBeLessThanOrEqual(50);
  });

  it('without PV sites and chargers when asked (the benchmark publishes feeders only)', () => {
    const area = bigArea(base, { feeders: 100, keepPvAndChargers: false });
    expect(area.pvSites).toEqual([]);
    expect(area.chargingStations).toEqual([]);
  });

  it('refuses fewer feeders than the area has, or absurdly many', () => {
    expect(() => bigArea(base, { feeders: 10 })).toThrow(/between 40/);
    expect(() => bigArea(base, { feeders: 150_000 })).toThrow(/100000/);
  });

  it('the world model simulates the extra feeders: live, plausible loads that the substations carry', () => {
    const area = bigArea(base, { feeders: 500 });
    const world = createWorld(area, { seed: 1, startMs: Date.UTC(2026, 10, 26, 3) });
    const f = world.feeder('load-f7');
    expect(f.pKw).toBeGreaterThan(0);
    expect(f.pKw).toBeLessThan(area.feeders.find((x) => x.id === 'load-f7')!.ratedMva * 1000);
    const sub = world.substation('load-sub-2');
    const fed = area.feeders.filter((x) => x.substationId === 'load-sub-2').map((x) => world.feeder(x.id).pKw);
    expect(sub.pKw).toBeGreaterThanOrEqual(fed.reduce((a, b) => a + b, 0)); // Σ feeders plus transformer losses
  });
});
