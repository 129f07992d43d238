/**
 * The wall's figures and their honesty, from the live snapshot (pure: unit-tested without React or a browser).
 *
 * Each tile and panel declares which device kinds its figure is computed from (TILE_INPUTS). It is "delayed" when any
 * configured device of those kinds is stale, offline or silent while others report, and then says how many and the
 * time up to which its figure is complete (the oldest last good value among the delayed devices). So a silent PV site
 * greys the tiles that count PV (load = grid import + PV, today's consumption, PV, clean share, CO₂ avoided), and
 * leaves the chargers tile alone; a silent charging station greys only the e-mobility figures.
 */
import type { AreaConfig } from '../../../core/config/area-schema';
import type { ConnectorState } from '../../../core/contract/payloads';
import type { DeviceKind } from '../../../core/contract/topics';
import {
  type CarbonSummary,
  carbonByScope,
  carbonFactorsFromConfig,
  cleanShareNow,
  pvOutputKw,
} from '../../../core/domain/carbon';
import { type DayRegister, dayRegisterCount, stepDayRegister } from '../../../core/domain/counters';
import { type LoadingState, loadingRatePct, loadingState } from '../../../core/domain/loading';
import type { Scope } from '../../../core/domain/scope';
import type { ProvinceEnergyKwh, TodayEnergies } from '../../history/today';
import type { ChargerTelemetry, FeederTelemetry, TelemetrySnapshot } from '../../live/telemetry-store';

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
  | 'evCo2';

/** Device kinds each figure is computed from. */
export const INPUTS: Record<TileId | PanelId, readonly DeviceKind[]> = {
  load: ['feeder', 'pv'],
  consumption: ['feeder', 'pv'],
  pv: ['pv'],
  clean: ['feeder', 'pv'],
  co2: ['pv'],
  chargers: ['charger'],
  schematic: ['substation', 'feeder'],
  dayLoad: ['feeder', 'pv'],
  topFeeders: ['feeder'],
  pvCurve: ['pv'],
  cleanGauge: ['feeder', 'pv'],
  carbon: ['pv'],
  provinces: ['feeder', 'pv'],
  connectors: ['charger'],
  evPower: ['charger'],
  evToday: ['charger'],
  evCo2: ['charger'],
};

export interface KindFreshness {
  configured: number;
  live: number;
  /** Stale or offline: had data, it stopped. */
  delayed: number;
  noData: number;
  /** Oldest last good timestamp among delayed devices (the figure is complete up to here); null if none known. */
  oldestDelayedLastTs: number | null;
}

export type FreshnessByKind = Record<DeviceKind, KindFreshness>;

export function freshnessByKind(snapshot: TelemetrySnapshot): FreshnessByKind {
  const empty = (): KindFreshness => ({ configured: 0, live: 0, delayed: 0, noData: 0, oldestDelayedLastTs: null });
  const out: FreshnessByKind = { substation: empty(), feeder: empty(), pv: empty(), charger: empty() };
  for (const d of snapshot.devices.values()) {
    const k = out[d.kind];
    k.configured++;
    if (d.freshness === 'live') k.live++;
    else if (d.freshness === 'no-data') k.noData++;
    else {
      k.delayed++;
      if (d.lastTs !== null) k.oldestDelayedLastTs = Math.min(k.oldestDelayedLastTs ?? d.lastTs, d.lastTs);
    }
  }
  return out;
}

export type TileState =
  /** Nothing of its inputs has arrived yet (start-up): show a dash and "waiting". */
  | { kind: 'waiting' }
  | { kind: 'live' }
  | {
      kind: 'delayed';
      /** Devices behind the figure that are late or silent, per kind. */
      late: { kind: DeviceKind; count: number; configured: number }[];
      /** Time up to which the figure is complete; null when the late devices never reported. */
      lastGoodMs: number | null;
    };

export function tileState(fresh: FreshnessByKind, kinds: readonly DeviceKind[]): TileState {
  let anyData = false;
  const late: { kind: DeviceKind; count: number; configured: number }[] = [];
  let lastGoodMs: number | null = null;
  for (const kind of kinds) {
    const f = fresh[kind];
    if (f.live + f.delayed > 0) anyData = true;
  }
  if (!anyData) return { kind: 'waiting' };
  for (const kind of kinds) {
    const f = fresh[kind];
    // A device that never reported while its peers do is as missing from the figure as a silent one.
    const count = f.delayed + f.noData;
    if (count > 0) late.push({ kind, count, configured: f.configured });
    if (f.oldestDelayedLastTs !== null)
      lastGoodMs = Math.min(lastGoodMs ?? f.oldestDelayedLastTs, f.oldestDelayedLastTs);
  }
  return late.length ? { kind: 'delayed', late, lastGoodMs } : { kind: 'live' };
}

export interface ConnectorSummary {
  total: number;
  /** Connectors whose station reports live. */
  known: number;
  byState: Record<ConnectorState, number>;
}

export function connectorSummary(snapshot: TelemetrySnapshot, config: AreaConfig): ConnectorSummary {
  const byState: Record<ConnectorState, number> = { available: 0, charging: 0, faulted: 0, unavailable: 0 };
  let total = 0;
  let known = 0;
  for (const st of config.chargingStations) {
    total += st.connectors.length;
    const d = snapshot.devices.get(st.id);
    const latest = d?.freshness === 'live' ? (d.latest as ChargerTelemetry | null) : null;
    if (!latest) continue;
    for (const c of latest.connectors) {
      byState[c.state]++;
      known++;
    }
  }
  return { total, known, byState };
}

export type ConnectorCellState = ConnectorState | 'unknown';

export interface StationConnectors {
  id: string;
  name: AreaConfig['chargingStations'][number]['name'];
  province: 'sc' | 'cq';
  cells: { id: string; type: 'ac' | 'dc'; state: ConnectorCellState }[];
}

/** Every configured connector with its live state ('unknown' when its station is not reporting live). */
export function connectorGrid(snapshot: TelemetrySnapshot, config: AreaConfig): StationConnectors[] {
  return config.chargingStations.map((st) => {
    const d = snapshot.devices.get(st.id);
    const latest = d?.freshness === 'live' ? (d.latest as ChargerTelemetry | null) : null;
    const stateById = new Map(latest?.connectors.map((c) => [c.id, c.state]) ?? []);
    return {
      id: st.id,
      name: st.name,
      province: st.province,
      cells: st.connectors.map((c) => ({ id: c.id, type: c.type, state: stateById.get(c.id) ?? 'unknown' })),
    };
  });
}

export interface FeederLoading {
  id: string;
  name: AreaConfig['feeders'][number]['name'];
  province: 'sc' | 'cq';
  substationId: string;
  pKw: number | null;
  loadingPct: number | null;
  state: LoadingState | null;
  live: boolean;
}

export function feederLoadings(snapshot: TelemetrySnapshot, config: AreaConfig): FeederLoading[] {
  return config.feeders.map((f) => {
    const d = snapshot.devices.get(f.id);
    const live = d?.freshness === 'live';
    const t = live ? (d?.latest as FeederTelemetry | null) : null;
    const pct = t
      ? loadingRatePct({ pKw: t.pKw, qKvar: t.qKvar, iA: t.iA, ratedMva: f.ratedMva, ratedA: f.ratedA })
      : null;
    return {
      id: f.id,
      name: f.name,
      province: f.province,
      substationId: f.substationId,
      pKw: t ? t.pKw : null,
      loadingPct: pct,
      state: loadingState(pct, config.thresholds),
      live,
    };
  });
}

/** The n most loaded live feeders, highest first. */
export function topLoadedFeeders(all: readonly FeederLoading[], n: number): FeederLoading[] {
  return all
    .filter((f) => f.loadingPct !== null)
    .sort((a, b) => (b.loadingPct ?? 0) - (a.loadingPct ?? 0))
    .slice(0, n);
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
  connectors: ConnectorSummary;
  countedSinceMs: number | null;
  todayByScope: Record<Scope, CarbonSummary> | null;
}

export interface WallKpiInput {
  snapshot: TelemetrySnapshot;
  config: AreaConfig;
  today: TodayEnergies;
  peakToday: { kw: number; atMs: number } | null;
  /** This year's PV energy per province from the history service, kWh; null when unavailable. */
  yearPvKwh: { sc: number; cq: number } | null;
}

const nonNeg = (x: number) => Math.max(0, x);

export function wallKpis({ snapshot, config, today, peakToday, yearPvKwh }: WallKpiInput): WallKpis {
  const factors = carbonFactorsFromConfig(config);
  const b = snapshot.balance;
  const hasFeeders = b.area.coverage.feeders.reporting > 0;
  const hasPv = b.area.coverage.pv.reporting > 0;
  const hasEv = b.area.coverage.chargers.reporting > 0;
  // PV standby at night is no output (core/domain/carbon.ts pvOutputKw), here as in the shares.
  const pvOf = (p: 'sc' | 'cq') => pvOutputKw(b[p].pvKw);
  const now = cleanShareNow({ sc: b.sc, cq: b.cq }, factors);
  const counted = today.countedSinceMs !== null;
  const e = today.byProvince;
  const energyIn = (x: ProvinceEnergyKwh): ProvinceEnergyKwh => ({
    eImportKwh: x.eImportKwh,
    ePvKwh: nonNeg(x.ePvKwh),
    eEvKwh: nonNeg(x.eEvKwh),
  });
  const byScope = counted ? carbonByScope({ sc: energyIn(e.sc), cq: energyIn(e.cq) }, factors) : null;
  const area = byScope?.area ?? null;
  const loadNowKw = hasFeeders ? nonNeg(b.area.gridImportKw + pvOf('sc') + pvOf('cq')) : null;
  const peak =
    peakToday && loadNowKw !== null && loadNowKw > peakToday.kw ? { kw: loadNowKw, atMs: snapshot.nowMs } : peakToday;
  return {
    loadNowKw,
    gridImportNowKw: hasFeeders ? b.area.gridImportKw : null,
    pvNowKw: hasPv ? pvOf('sc') + pvOf('cq') : null,
    evNowKw: hasEv ? nonNeg(b.area.evKw) : null,
    peakToday: peak,
    consumptionTodayKwh: area && area.consumptionKwh > 0 ? area.consumptionKwh : null,
    pvTodayKwh: area ? area.ePvKwh : null,
    evTodayKwh: area ? area.eEvKwh : null,
    cleanNowPct: hasFeeders ? now.area.cleanSharePct : null,
    localGreenNowPct: hasFeeders ? now.area.localGreenSharePct : null,
    cleanTodayPct: area?.cleanSharePct ?? null,
    localGreenTodayPct: area?.localGreenSharePct ?? null,
    co2AvoidedTodayKg: area ? area.co2AvoidedByPvKg : null,
    coalSavedTodayKg: area ? area.coalSavedKg : null,
    co2AvoidedYearKg: yearPvKwh
      ? nonNeg(yearPvKwh.sc) * factors.efKgPerKwh.sc + nonNeg(yearPvKwh.cq) * factors.efKgPerKwh.cq
      : null,
    // A negative net (a very dirty grid) is a real result, but not "avoided": the wall shows 0 and the assumptions.
    evCo2AvoidedTodayKg: area ? nonNeg(area.ev.netCo2AvoidedKg) : null,
    connectors: connectorSummary(snapshot, config),
    countedSinceMs: today.countedSinceMs,
    todayByScope: byScope,
  };
}

/**
 * Today's charging sessions: Σ over stations of what each station's sessionsTotal counted today, by the one register
 * rule (core/domain/counters.ts: a reset restarts counting from the new value). The history service has no session
 * counter, so this counts from the page's first sight of each station (say so on screen).
 */
export class SessionsToday {
  private readonly registers = new Map<string, DayRegister>();

  update(snapshot: TelemetrySnapshot): { sessions: number; sinceMs: number | null } {
    let sessions = 0;
    let sinceMs: number | null = null;
    for (const d of snapshot.devices.values()) {
      if (d.kind !== 'charger' || !d.latest || d.lastTs === null || d.lastTs < snapshot.dayStartMs) continue;
      const total = (d.latest as ChargerTelemetry).sessionsTotal;
      const reg = stepDayRegister(this.registers.get(d.id), total, d.lastTs, snapshot.dayStartMs);
      this.registers.set(d.id, reg);
      sessions += dayRegisterCount(reg, snapshot.dayStartMs) ?? 0;
      sinceMs = Math.max(sinceMs ?? reg.sinceMs, reg.sinceMs);
    }
    return { sessions, sinceMs };
  }
}
