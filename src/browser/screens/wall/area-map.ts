/**
 * The wall's map of the new area: an outline the project drew itself (no third-party map data), SCHEMATIC — the two
 * parts either side of the provincial border, Sichuan (邻水, 138 km²) to the west and Chongqing (渝北, 124 km²) to the
 * east, roughly in proportion — in the coordinate space of public/config/area.json's substation and feeder positions
 * (0–1000 × 0–600, themselves schematic: the configuration has no geographic coordinates), so the stations stand on
 * their own side of the border wherever the configuration puts them.
 *
 * Pure: which node is drawn where and in which state; AreaHero.tsx draws it as SVG.
 */
import type { AreaConfig } from '../../../core/config/area-schema';
import type { Province } from '../../../core/contract/topics';
import type { LoadingState } from '../../../core/domain/loading';
import type { SchematicOutage } from './schematic-option';
import { stationLoadings } from './station-loading';

export const MAP_WIDTH = 1000;
export const MAP_HEIGHT = 600;
/** The drawing's height: the map and, under it, each part's name and counts. */
export const MAP_VIEW_HEIGHT = 664;

type Pt = readonly [number, number];

/** The provincial border, north to south (hand-drawn, schematic). */
export const BORDER: readonly Pt[] = [
  [508, 8],
  [486, 92],
  [516, 168],
  [492, 262],
  [522, 352],
  [496, 444],
  [512, 522],
  [494, 594],
];

/** Each part's outer edge from the border's north end round to its south end (hand-drawn, schematic). */
const OUTER: Record<Province, readonly Pt[]> = {
  sc: [
    [508, 8],
    [384, 24],
    [244, 6],
    [118, 40],
    [30, 96],
    [8, 196],
    [22, 322],
    [4, 428],
    [28, 540],
    [142, 588],
    [302, 576],
    [420, 598],
    [494, 594],
  ],
  cq: [
    [508, 8],
    [642, 30],
    [782, 12],
    [902, 52],
    [986, 152],
    [970, 282],
    [996, 402],
    [962, 522],
    [862, 586],
    [702, 574],
    [582, 598],
    [494, 594],
  ],
};

/** A part's closed outline: its outer edge, then the border back north. */
export function provinceOutline(p: Province): Pt[] {
  return [...OUTER[p], ...[...BORDER].reverse().slice(1)];
}

export const svgPath = (pts: readonly Pt[], closed: boolean) =>
  pts.map(([x, y], i) => `${i ? 'L' : 'M'}${x} ${y}`).join(' ') + (closed ? ' Z' : '');

/** Shoelace area, in map units² (for the test that the parts stand roughly in the area's proportion). */
export function polygonArea(pts: readonly Pt[]): number {
  let a = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x1, y1] = pts[i] as Pt;
    const [x2, y2] = pts[(i + 1) % pts.length] as Pt;
    a += x1 * y2 - x2 * y1;
  }
  return Math.abs(a) / 2;
}

/** How a node stands on the map: by loading (shape and colour), no live data, or out (an outage in progress). */
export type MapNodeState = LoadingState | 'noData' | 'out';

export interface MapSubstation {
  id: string;
  x: number;
  y: number;
  voltageKv: number;
  province: Province;
  state: MapNodeState;
  /** Σ |P| of its live feeders against its rating, %; null without live feeders. */
  loadingPct: number | null;
}

export interface MapFeeder {
  id: string;
  x: number;
  y: number;
  /** The station it hangs from (its stub starts there). */
  from: { x: number; y: number } | null;
  state: MapNodeState;
}

export interface MapTown {
  name: string;
  province: Province;
  x: number;
  y: number;
}

export interface AreaMapModel {
  substations: MapSubstation[];
  feeders: MapFeeder[];
  links: { from: Pt; to: Pt; voltageKv: number }[];
  towns: MapTown[];
  /** PV sites and charging stations per part (the configuration places them by feeder, not on the map). */
  counts: Record<Province, { pvSites: number; pvKwp: number; chargingStations: number }>;
}

export interface MapFeederLive {
  id: string;
  province: Province;
  substationId: string;
  pKw: number | null;
  state: LoadingState | null;
  live: boolean;
}

/** Heavy and overload at the thresholds of the area (a station's loading judged like a feeder's). */
export function stationState(loadingPct: number | null, heavyPct: number, overloadPct: number): MapNodeState {
  if (loadingPct === null || !Number.isFinite(loadingPct)) return 'noData';
  if (loadingPct >= overloadPct) return 'overload';
  return loadingPct >= heavyPct ? 'heavy' : 'normal';
}

/** A feeder is out while any of its sections is faulted or without supply. */
export const feederOut = (o: SchematicOutage) => o.sections.some((s) => s === 'fault' || s === 'out');

/** Town labels of a part, spaced across its half of the map between the stations' and the feeders' rows. */
function townsOf(config: Pick<AreaConfig, 'provinces'>): MapTown[] {
  return config.provinces.flatMap((p) => {
    const province = p.id as Province;
    const [x0, x1] = province === 'sc' ? [60, 470] : [540, 950];
    const n = p.townsZh.length;
    return p.townsZh.map((name, i) => ({ name, province, x: x0 + ((i + 0.5) * (x1 - x0)) / n, y: 372 }));
  });
}

export function areaMapModel(
  config: Pick<AreaConfig, 'substations' | 'feeders' | 'links' | 'provinces' | 'pvSites' | 'chargingStations'> & {
    thresholds: { heavyLoadingPct: number; overloadLoadingPct: number };
  },
  feeders: readonly MapFeederLive[],
  outages: readonly SchematicOutage[],
  /** Above this many feeders none is drawn (the schematic's limit, SCHEMATIC_MAX_FEEDERS). */
  maxFeeders = Number.POSITIVE_INFINITY,
): AreaMapModel {
  const { heavyLoadingPct: heavy, overloadLoadingPct: overload } = config.thresholds;
  const out = new Set(outages.filter(feederOut).map((o) => o.feederId));
  const subById = new Map(config.substations.map((s) => [s.id, s]));
  const loadings = stationLoadings(config, feeders);

  const substations: MapSubstation[] = config.substations.map((s) => {
    const loadingPct = loadings.get(s.id)?.loadingPct ?? null;
    return {
      id: s.id,
      x: s.x,
      y: s.y,
      voltageKv: s.voltageKv,
      province: s.province,
      state: stationState(loadingPct, heavy, overload),
      loadingPct,
    };
  });

  const liveById = new Map(feeders.map((f) => [f.id, f]));
  // A region's feeders (thousands) are neither legible nor cheap as glyphs: the stations stand for them.
  const drawn = config.feeders.length > maxFeeders ? [] : config.feeders;
  const mapFeeders: MapFeeder[] = drawn.map((f) => {
    const l = liveById.get(f.id);
    const sub = subById.get(f.substationId);
    const state: MapNodeState = out.has(f.id) ? 'out' : l?.live && l.state ? l.state : 'noData';
    return { id: f.id, x: f.x, y: f.y, from: sub ? { x: sub.x, y: sub.y } : null, state };
  });

  const links = config.links.flatMap((l) => {
    const a = subById.get(l.from);
    const b = subById.get(l.to);
    return a && b ? [{ from: [a.x, a.y] as Pt, to: [b.x, b.y] as Pt, voltageKv: l.voltageKv }] : [];
  });

  const counts = {
    sc: { pvSites: 0, pvKwp: 0, chargingStations: 0 },
    cq: { pvSites: 0, pvKwp: 0, chargingStations: 0 },
  };
  for (const s of config.pvSites) {
    counts[s.province].pvSites += 1;
    counts[s.province].pvKwp += s.kWp;
  }
  for (const s of config.chargingStations) counts[s.province].chargingStations += 1;

  return { substations, feeders: mapFeeders, links, towns: townsOf(config), counts };
}

/** A stable string of the picture (states only), so the SVG re-renders only when a state changes. */
export const areaMapKey = (m: AreaMapModel) =>
  `${m.substations.map((s) => STATE_CODE[s.state]).join('')}|${m.feeders.map((f) => STATE_CODE[f.state]).join('')}`;

const STATE_CODE: Record<MapNodeState, string> = { normal: 'n', heavy: 'h', overload: 'o', noData: '-', out: 'x' };
