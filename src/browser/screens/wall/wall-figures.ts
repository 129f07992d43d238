/**
 * The wall's figures and their honesty, from the live core (pure: unit-tested without React or a browser). The live
 * service computes every figure once on the server, with its coverage per device kind; the wall only picks, scales
 * and words them.
 *
 * Each tile and panel declares which device kinds its figure is computed from (INPUTS). It is "delayed" when any
 * configured device of those kinds is held at its last good value or missing, and then says how many and the time up
 * to which its figure is complete (the oldest last good value among them). So a silent PV site greys the tiles that
 * count PV (load = grid import + PV, today's consumption, PV, clean share, CO₂ avoided), and leaves the chargers tile
 * alone; a silent charging station greys only the e-mobility figures. When the live service itself is silent (stale
 * or offline) every figure is delayed, with the time of its last figures.
 */
import type { AreaConfig } from '../../../core/config/area-schema';
import type {
  FeederLiveState,
  KindCoverage,
  LiveFigures,
  LiveScope,
  StationsLive,
  SubstationLive,
} from '../../../core/contract/live-core';
import { CONNECTOR_CODES } from '../../../core/contract/live-core-terms';
import type { ConnectorState } from '../../../core/contract/payloads';
import type { Province } from '../../../core/contract/topics';
import { carbonFactorsFromConfig } from '../../../core/domain/carbon';
import { type LoadingState, type LoadingThresholds, loadingState } from '../../../core/domain/loading';
import { type LiveHealth, liveFiguresStopped } from '../../live/live-core-store';

export type TileId = 'load' | 'consumption' | 'pv' | 'clean' | 'co2' | 'chargers';
export type PanelId =
  | 'schematic'
  | 'dayLoad'
  | 'topFeeders'
  | 'pvCurve'
  | 'cleanGauge'
  | 'carbon'
  | 'provinces'
  | 'connectors'
  | 'evPower'
  | 'evToday'
  | 'evCo2'
  | 'areaMap';

/** The device kinds the live core reports coverage of. */
export type CoverageKind = keyof LiveFigures['coverage'];

/** Device kinds each figure is computed from. */
export const INPUTS: Record<TileId | PanelId, readonly CoverageKind[]> = {
  load: ['feeder', 'pv'],
  consumption: ['feeder', 'pv'],
  pv: ['pv'],
  clean: ['feeder', 'pv'],
  co2: ['pv'],
  chargers: ['charger'],
  schematic: ['feeder'],
  dayLoad: ['feeder', 'pv'],
  topFeeders: ['feeder'],
  pvCurve: ['pv'],
  cleanGauge: ['feeder', 'pv'],
  carbon: ['pv'],
  provinces: ['feeder', 'pv'],
  areaMap: ['feeder', 'pv'],
  connectors: ['charger'],
  evPower: ['charger'],
  evToday: ['charger'],
  evCo2: ['charger'],
};

/** What the wall reads of the live core (LiveCoreSnapshot has this shape). */
export interface WallLiveInput {
  figures: Readonly<Partial<Record<LiveScope, LiveFigures>>>;
  substations: ReadonlyMap<string, SubstationLive>;
  stations: Readonly<Partial<Record<Province, StationsLive>>>;
  health: LiveHealth;
}

export interface KindFreshness {
  configured: number;
  live: number;
  /** Held at their last good value, or missing: the figure does not rest on live data from them. */
  late: number;
  /** Oldest last good timestamp among the late devices (the figure is complete up to here); null if none known. */
  lastGoodMs: number | null;
}

export type FreshnessByKind = Record<CoverageKind, KindFreshness>;

export const COVERAGE_KINDS: readonly CoverageKind[] = ['feeder', 'pv', 'charger'];

/** The last "held since" seen per kind (see freshnessByKind). */
export type RememberedHeldSince = Readonly<Partial<Record<CoverageKind, number>>>;

/**
 * What the wall remembers of "held since" after these figures: a kind's held-since while some of it is held, kept
 * when its devices go from held to missing (the server then no longer says since when), forgotten when all are live.
 * Returns `prev` itself when nothing changed.
 */
export function rememberHeldSince(prev: RememberedHeldSince, figures: LiveFigures | undefined): RememberedHeldSince {
  let next = prev;
  for (const kind of COVERAGE_KINDS) {
    const c = figures?.coverage[kind];
    if (!c) continue;
    if (c.heldSinceMs !== null && next[kind] !== c.heldSinceMs) next = { ...next, [kind]: c.heldSinceMs };
    else if (c.held + c.missing === 0 && next[kind] !== undefined) {
      const { [kind]: _forgotten, ...rest } = next;
      next = rest;
    }
  }
  return next;
}

/**
 * Freshness per kind from the area's coverage. `rememberedLastGoodMs` is the last "held since" the wall saw per kind:
 * a device silent beyond the hold time is missing and the server no longer says since when, but the figure is still
 * complete only up to then.
 */
export function freshnessByKind(
  figures: LiveFigures | undefined,
  rememberedLastGoodMs: RememberedHeldSince = {},
): FreshnessByKind {
  const of = (c: KindCoverage | undefined, kind: CoverageKind): KindFreshness => {
    if (!c) return { configured: 0, live: 0, late: 0, lastGoodMs: null };
    const late = c.held + c.missing;
    return {
      configured: c.configured,
      live: c.live,
      late,
      lastGoodMs: c.heldSinceMs ?? (late > 0 ? (rememberedLastGoodMs[kind] ?? null) : null),
    };
  };
  return {
    feeder: of(figures?.coverage.feeder, 'feeder'),
    pv: of(figures?.coverage.pv, 'pv'),
    charger: of(figures?.coverage.charger, 'charger'),
  };
}

export type TileState =
  /** Nothing of its inputs has arrived yet (start-up): show a dash and "waiting". */
  | { kind: 'waiting' }
  | { kind: 'live' }
  | {
      kind: 'delayed';
      /** Devices behind the figure that are held or missing, per kind (empty when the live service is silent). */
      late: { kind: CoverageKind; count: number; configured: number }[];
      /** Time up to which the figure is complete; null when the late devices never reported. */
      lastGoodMs: number | null;
      /** The live service itself is silent (stale or offline): its last figures are shown. */
      service?: boolean;
    };

export function tileState(fresh: FreshnessByKind, kinds: readonly CoverageKind[], health?: LiveHealth): TileState {
  if (health && liveFiguresStopped(health))
    return { kind: 'delayed', late: [], lastGoodMs: health.lastFiguresMs, service: true };
  // Nothing of its inputs live or held yet (start-up, or every device missing): waiting, not delayed.
  if (kinds.every((k) => fresh[k].live === 0 && fresh[k].lastGoodMs === null)) return { kind: 'waiting' };
  const late: { kind: CoverageKind; count: number; configured: number }[] = [];
  let lastGoodMs: number | null = null;
  for (const kind of kinds) {
    const f = fresh[kind];
    if (f.late > 0) late.push({ kind, count: f.late, configured: f.configured });
    if (f.late > 0 && f.lastGoodMs !== null) lastGoodMs = Math.min(lastGoodMs ?? f.lastGoodMs, f.lastGoodMs);
  }
  return late.length ? { kind: 'delayed', late, lastGoodMs } : { kind: 'live' };
}

export interface ConnectorSummary {
  total: number;
  /** Connectors whose station reports (live or held). */
  known: number;
  byState: Record<ConnectorState, number>;
}

export function connectorSummary(figures: LiveFigures | undefined, config: AreaConfig): ConnectorSummary {
  const configured = config.chargingStations.reduce((a, s) => a + s.connectors.length, 0);
  if (!figures)
    return { total: configured, known: 0, byState: { available: 0, charging: 0, faulted: 0, unavailable: 0 } };
  const c = figures.chargers;
  return {
    total: c.connectors || configured,
    known: c.charging + c.available + c.faulted + c.unavailable,
    byState: { available: c.available, charging: c.charging, faulted: c.faulted, unavailable: c.unavailable },
  };
}

export type ConnectorCellState = ConnectorState | 'unknown';

export interface StationConnectors {
  id: string;
  name: AreaConfig['chargingStations'][number]['name'];
  province: 'sc' | 'cq';
  cells: { id: string; type: 'ac' | 'dc'; state: ConnectorCellState }[];
}

const CODE_STATE = Object.fromEntries(Object.entries(CONNECTOR_CODES).map(([state, code]) => [code, state])) as Record<
  string,
  ConnectorCellState
>;

/** Every configured connector with its state from the live core ('unknown' when its station has no usable value). */
export function connectorGrid(stations: WallLiveInput['stations'], config: AreaConfig): StationConnectors[] {
  const byId = new Map<string, string>();
  for (const p of ['sc', 'cq'] as const) for (const s of stations[p]?.stations ?? []) byId.set(s.id, s.connectors);
  return config.chargingStations.map((st) => {
    const codes = byId.get(st.id) ?? '';
    return {
      id: st.id,
      name: st.name,
      province: st.province,
      cells: st.connectors.map((c, i) => ({ id: c.id, type: c.type, state: CODE_STATE[codes[i] ?? '?'] ?? 'unknown' })),
    };
  });
}

export interface FeederLoading {
  id: string;
  name: AreaConfig['feeders'][number]['name'];
  province: 'sc' | 'cq';
  substationId: string;
  /** Live, or the last good value while held; null when missing. */
  pKw: number | null;
  loadingPct: number | null;
  /** Loading state of the value shown (held: of its last good value); null when missing. */
  state: LoadingState | null;
  live: boolean;
  serverState: FeederLiveState;
}

/** The server's state of a live feeder; a held one's last good value against the thresholds in force. */
const loadingOf = (s: FeederLiveState, pct: number | null, thresholds: LoadingThresholds): LoadingState | null => {
  if (s === 'normal' || s === 'heavy' || s === 'overload') return s;
  if (s === 'missing') return null;
  return loadingState(pct, thresholds);
};

/**
 * @param thresholds the thresholds in force (src/browser/live/thresholds-in-force.ts), not area.json's: an
 *   administrator may have changed them, and the server's feeder states already follow the change.
 */
export function feederLoadings(
  substations: WallLiveInput['substations'],
  config: AreaConfig,
  thresholds: LoadingThresholds,
): FeederLoading[] {
  const byId = new Map<string, SubstationLive['feeders'][number]>();
  for (const s of substations.values()) for (const f of s.feeders) byId.set(f.id, f);
  return config.feeders.map((f) => {
    const l = byId.get(f.id);
    const serverState = l?.state ?? 'missing';
    return {
      id: f.id,
      name: f.name,
      province: f.province,
      substationId: f.substationId,
      pKw: l?.pKw ?? null,
      loadingPct: l?.loadingPct ?? null,
      state: loadingOf(serverState, l?.loadingPct ?? null, thresholds),
      live: serverState === 'normal' || serverState === 'heavy' || serverState === 'overload',
      serverState,
    };
  });
}

/** The n most loaded feeders with a value (live or held), highest first. */
export function topLoadedFeeders(all: readonly FeederLoading[], n: number): FeederLoading[] {
  return all
    .filter((f) => f.loadingPct !== null)
    .sort((a, b) => (b.loadingPct ?? 0) - (a.loadingPct ?? 0))
    .slice(0, n);
}

/** Today's figures of one province, as the province cards show them. */
export interface ProvinceToday {
  ePvKwh: number;
  consumptionKwh: number;
  cleanSharePct: number | null;
  co2AvoidedByPvKg: number;
}

export interface WallKpis {
  /** Area consumption now (grid import + PV), kW. */
  loadNowKw: number | null;
  gridImportNowKw: number | null;
  pvNowKw: number | null;
  evNowKw: number | null;
  peakToday: { kw: number; atMs: number } | null;
  consumptionTodayKwh: number | null;
  pvTodayKwh: number | null;
  evTodayKwh: number | null;
  cleanNowPct: number | null;
  localGreenNowPct: number | null;
  cleanTodayPct: number | null;
  localGreenTodayPct: number | null;
  co2AvoidedTodayKg: number | null;
  coalSavedTodayKg: number | null;
  /** null when the history service could not give this year's PV energy. */
  co2AvoidedYearKg: number | null;
  evCo2AvoidedTodayKg: number | null;
  evKmToday: number | null;
  /** Charging sessions started today (the stations' session counters, counted on the server). */
  sessionsToday: number | null;
  /** From when sessionsToday counts (the server's first sight of the counters today); null when unknown. */
  sessionsSinceMs: number | null;
  connectors: ConnectorSummary;
  countedSinceMs: number | null;
  provinceToday: Record<Province, ProvinceToday | null>;
}

export interface WallKpiInput {
  figures: WallLiveInput['figures'];
  config: AreaConfig;
  /** This year's PV energy per province from the history service, kWh; null when unavailable. */
  yearPvKwh: { sc: number; cq: number } | null;
}

const nonNeg = (x: number) => Math.max(0, x);
const hasAny = (c: KindCoverage) => c.live + c.held > 0;

function provinceToday(f: LiveFigures | undefined): ProvinceToday | null {
  if (!f || f.today.countedSinceMs === null) return null;
  return {
    ePvKwh: nonNeg(f.today.ePvKwh),
    consumptionKwh: f.today.eConsumptionKwh,
    cleanSharePct: f.today.cleanSharePct,
    co2AvoidedByPvKg: nonNeg(f.today.co2AvoidedPvKg),
  };
}

export function wallKpis({ figures, config, yearPvKwh }: WallKpiInput): WallKpis {
  const factors = carbonFactorsFromConfig(config);
  const f = figures.area;
  const hasFeeders = f !== undefined && hasAny(f.coverage.feeder);
  const hasPv = f !== undefined && hasAny(f.coverage.pv);
  const hasEv = f !== undefined && hasAny(f.coverage.charger);
  const t = f && f.today.countedSinceMs !== null ? f.today : null;
  const peak =
    f && f.today.peakConsumptionKw !== null && f.today.peakAtMs !== null
      ? { kw: f.today.peakConsumptionKw, atMs: f.today.peakAtMs }
      : null;
  return {
    loadNowKw: hasFeeders ? nonNeg(f.power.consumptionKw) : null,
    gridImportNowKw: hasFeeders ? f.power.gridImportKw : null,
    // PV standby at night is no output (counted as 0 on the server); never a negative output here either.
    pvNowKw: hasPv ? nonNeg(f.power.pvKw) : null,
    evNowKw: hasEv ? nonNeg(f.power.evKw) : null,
    peakToday: peak,
    consumptionTodayKwh: t && t.eConsumptionKwh > 0 ? t.eConsumptionKwh : null,
    pvTodayKwh: t ? nonNeg(t.ePvKwh) : null,
    evTodayKwh: t ? nonNeg(t.eEvKwh) : null,
    cleanNowPct: hasFeeders ? f.power.cleanSharePct : null,
    localGreenNowPct: hasFeeders ? f.power.localGreenSharePct : null,
    cleanTodayPct: t?.cleanSharePct ?? null,
    localGreenTodayPct: t?.localGreenSharePct ?? null,
    co2AvoidedTodayKg: t ? nonNeg(t.co2AvoidedPvKg) : null,
    coalSavedTodayKg: t ? nonNeg(t.coalSavedKg) : null,
    co2AvoidedYearKg: yearPvKwh
      ? nonNeg(yearPvKwh.sc) * factors.efKgPerKwh.sc + nonNeg(yearPvKwh.cq) * factors.efKgPerKwh.cq
      : null,
    // A negative net (a very dirty grid) is a real result, but not "avoided": the wall shows 0 and the assumptions.
    evCo2AvoidedTodayKg: t ? nonNeg(t.evSubstitution.co2NetAvoidedKg) : null,
    evKmToday: t ? t.evSubstitution.km : null,
    sessionsToday: t ? t.evSessions : null,
    sessionsSinceMs: t ? (t.evSessionsCountedSinceMs ?? t.countedSinceMs) : null,
    connectors: connectorSummary(f, config),
    countedSinceMs: f?.today.countedSinceMs ?? null,
    provinceToday: { sc: provinceToday(figures.sc), cq: provinceToday(figures.cq) },
  };
}
