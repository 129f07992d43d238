import { describe, expect, it } from 'vitest';
import {
  areaMapKey,
  areaMapModel,
  BORDER,
  type MapFeederLive,
  polygonArea,
  provinceOutline,
  stationState,
} from './area-map';
import { config } from './wall-test-fixture';

/** Which side of the border polyline a point lies (x of the border at the point's y). */
function borderXAt(y: number): number {
  for (let i = 1; i < BORDER.length; i++) {
    const [x0, y0] = BORDER[i - 1] as readonly [number, number];
    const [x1, y1] = BORDER[i] as readonly [number, number];
    if (y >= y0 && y <= y1) return x0 + ((x1 - x0) * (y - y0)) / (y1 - y0);
  }
  return Number.NaN;
}

const allLive = (pct: (id: string) => number | null): MapFeederLive[] =>
  config.feeders.map((f) => {
    const p = pct(f.id);
    return {
      id: f.id,
      province: f.province,
      substationId: f.substationId,
      pKw: p === null ? null : (p / 100) * f.ratedMva * 1000,
      state: p === null ? null : p >= 100 ? 'overload' : p >= 80 ? 'heavy' : 'normal',
      live: p !== null,
    };
  });

describe('area map outline', () => {
  it('the two parts stand roughly in the area’s proportion (138 : 124 km²)', () => {
    const sc = polygonArea(provinceOutline('sc'));
    const cq = polygonArea(provinceOutline('cq'));
    const want = (config.provinces[0]?.areaKm2 ?? 0) / (config.provinces[1]?.areaKm2 ?? 1);
    expect(sc / cq).toBeGreaterThan(want * 0.9);
    expect(sc / cq).toBeLessThan(want * 1.1);
  });

  it('every configured station and feeder stands on its own side of the border', () => {
    for (const n of [...config.substations, ...config.feeders]) {
      const bx = borderXAt(n.y);
      if (n.province === 'sc') expect(n.x, n.id).toBeLessThan(bx);
      else expect(n.x, n.id).toBeGreaterThan(bx);
    }
  });
});

describe('areaMapModel', () => {
  it('feeders take their live loading state; a station its feeders’ load against its rating', () => {
    const m = areaMapModel(
      config,
      allLive(() => 40),
      [],
    );
    expect(m.feeders.every((f) => f.state === 'normal')).toBe(true);
    const gaotan110 = m.substations.find((s) => s.id === 'gaotan-110');
    expect(gaotan110?.loadingPct).toBeGreaterThan(0);
    expect(m.substations.every((s) => s.state !== 'noData')).toBe(true);
    expect(m.feeders[0]?.from).not.toBeNull();
    expect(m.links.length).toBe(config.links.length);
  });

  it('a feeder in an outage is out (greyed), one without live data is noData, heavy stays heavy', () => {
    const [a, b, c] = config.feeders;
    const m = areaMapModel(
      config,
      allLive((id) => (id === b?.id ? null : id === c?.id ? 90 : 40)),
      [
        { feederId: a?.id ?? '', sections: ['upstream', 'fault'], tiesFrom: [] },
        // Every section back: not out.
        { feederId: c?.id ?? '', sections: ['upstream', 'tie'], tiesFrom: [] },
      ],
    );
    const state = (id?: string) => m.feeders.find((f) => f.id === id)?.state;
    expect(state(a?.id)).toBe('out');
    expect(state(b?.id)).toBe('noData');
    expect(state(c?.id)).toBe('heavy');
  });

  it('no live feeder: every station noData; the key changes with a state', () => {
    const none = areaMapModel(
      config,
      allLive(() => null),
      [],
    );
    expect(none.substations.every((s) => s.state === 'noData')).toBe(true);
    const some = areaMapModel(
      config,
      allLive(() => 40),
      [],
    );
    expect(areaMapKey(none)).not.toBe(areaMapKey(some));
    expect(areaMapKey(some)).toBe(
      areaMapKey(
        areaMapModel(
          config,
          allLive(() => 41),
          [],
        ),
      ),
    );
  });

  it('towns from the configuration, on their own part; PV sites and charging stations counted per part', () => {
    const m = areaMapModel(config, [], []);
    expect(m.towns.map((t) => t.name).sort()).toEqual(config.provinces.flatMap((p) => p.townsZh).sort());
    for (const t of m.towns) {
      if (t.province === 'sc') expect(t.x).toBeLessThan(borderXAt(t.y));
      else expect(t.x).toBeGreaterThan(borderXAt(t.y));
    }
    expect(m.counts.sc.pvSites + m.counts.cq.pvSites).toBe(config.pvSites.length);
    expect(m.counts.sc.chargingStations + m.counts.cq.chargingStations).toBe(config.chargingStations.length);
  });

  it('station state at the thresholds', () => {
    expect(stationState(null, 80, 100)).toBe('noData');
    expect(stationState(79.9, 80, 100)).toBe('normal');
    expect(stationState(80, 80, 100)).toBe('heavy');
    expect(stationState(100, 80, 100)).toBe('overload');
  });
});
