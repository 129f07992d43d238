/**
 * EV charging stations: arrivals per local hour, session energy and dwell drawn from statistics of real sessions
 * (./ev-stats.json, derived from the Trondheim reports by ./derive-ev-stats.ts), charging at the connector's rating.
 *
 * Arrivals are decided per station per absolute minute by a hash of (seed, station, minute), so a station's session
 * history is the same whatever the step pattern of advanceTo. A vehicle that is full but still plugged in keeps its
 * connector in state "charging" at 0 kW (OCPP "SuspendedEV": occupied, not drawing).
 */
import type { ChargingStationConfig } from '../../src/core/config/area-schema';
import type { ConnectorState } from '../../src/core/contract/payloads';
import evStatsJson from './ev-stats.json' with { type: 'json' };
import { hash01 } from './noise';
import { createRng, randomBetween, seedFrom } from './random';

/** The charging statistics the simulation draws sessions from (ev-stats.json, written by src/tools/derive-ev-stats.ts). */
export interface EvStatsTable {
  /** Share of plug-ins starting in each local hour 0–23; sums to 1. */
  arrivalShareByHour: number[];
  /** Quantile levels used by the two tables below (0, 0.05, …, 1). */
  quantileLevels: number[];
  /** Session energy, kWh, at each quantile level. */
  energyKwhQuantiles: number[];
  /** Plug-in duration (dwell), hours, at each quantile level. */
  dwellHQuantiles: number[];
  meanEnergyKwh: number;
  /** Sessions per charge point per day over the observation period. */
  sessionsPerPointPerDay: number;
}
export const evStats: EvStatsTable = evStatsJson;

export type StationKind = 'residential' | 'workplace' | 'shopping' | 'bus' | 'expressway' | 'office';

/** Station kind: a bus depot by its `vehicles` field, the other places (all cars) from the English name. */
export function stationKind(station: ChargingStationConfig): StationKind {
  if (station.vehicles === 'bus') return 'bus';
  const en = station.name.en.toLowerCase();
  if (en.includes('expressway')) return 'expressway';
  if (en.includes('bus')) return 'bus';
  if (en.includes('shopping')) return 'shopping';
  if (en.includes('industrial')) return 'workplace';
  if (en.includes('residential')) return 'residential';
  return 'office';
}

/** Sessions per connector per day. Public DC turns over far more than residential AC (Trondheim: 0.17/day). */
const TURNOVER: Record<StationKind, { ac: number; dc: number }> = {
  residential: { ac: 0.6, dc: 3 },
  workplace: { ac: 1.2, dc: 5 },
  shopping: { ac: 2.5, dc: 7 },
  bus: { ac: 1, dc: 3 },
  expressway: { ac: 2, dc: 11 },
  office: { ac: 1.5, dc: 4 },
};

const norm = (a: number[]) => {
  const s = a.reduce((x, y) => x + y, 0);
  return a.map((x) => x / s);
};
// Relative arrivals per local hour for public places; residential uses the measured Trondheim shares.
const PUBLIC_PROFILE: Record<Exclude<StationKind, 'residential'>, number[]> = {
  workplace: norm([1, 0, 0, 0, 0, 1, 3, 9, 10, 6, 4, 3, 5, 7, 5, 4, 3, 3, 3, 2, 2, 1, 1, 1]),
  shopping: norm([1, 0, 0, 0, 0, 0, 1, 1, 2, 4, 6, 7, 7, 6, 6, 6, 6, 7, 8, 8, 7, 5, 3, 2]),
  bus: norm([4, 3, 2, 1, 1, 1, 1, 2, 2, 3, 5, 8, 8, 7, 4, 2, 2, 2, 3, 4, 6, 8, 7, 5]),
  expressway: norm([1, 1, 0.5, 0.5, 0.5, 1, 2, 4, 6, 7, 8, 8, 8, 7, 7, 7, 8, 8, 7, 6, 4, 3, 2, 1]),
  office: norm([0, 0, 0, 0, 0, 0, 1, 3, 8, 8, 6, 5, 4, 5, 5, 4, 3, 2, 1, 1, 1, 0, 0, 0]),
};

function arrivalShare(kind: StationKind, hour: number): number {
  const table = kind === 'residential' ? evStats.arrivalShareByHour : PUBLIC_PROFILE[kind];
  return table[Math.floor(hour) % 24] as number;
}

function sampleQuantiles(levels: number[], values: number[], u: number): number {
  for (let i = 1; i < levels.length; i++) {
    const hi = levels[i] as number;
    if (u <= hi) {
      const lo = levels[i - 1] as number;
      const f = hi > lo ? (u - lo) / (hi - lo) : 0;
      return (values[i - 1] as number) + ((values[i] as number) - (values[i - 1] as number)) * f;
    }
  }
  return values[values.length - 1] as number;
}

export const sampleEnergyKwh = (u: number) => sampleQuantiles(evStats.quantileLevels, evStats.energyKwhQuantiles, u);
export const sampleDwellH = (u: number) => sampleQuantiles(evStats.quantileLevels, evStats.dwellHQuantiles, u);

export interface ConnectorSim {
  id: string;
  type: 'ac' | 'dc';
  ratedKw: number;
  state: ConnectorState;
  pKw: number;
  sessionKwh: number;
  targetKwh: number;
  /** The vehicle's own limit (on-board charger or battery), kW. */
  vehicleKw: number;
  departMs: number;
  /** Fault raised by the random model (scenario faults are applied on top by the world). */
  faultUntilMs: number;
}

export interface StationSim {
  cfg: ChargingStationConfig;
  kind: StationKind;
  seed: number;
  connectors: ConnectorSim[];
  pKw: number;
  eKwh: number;
  sessionsTotal: number;
  /** Sessions per day summed over the connectors (the hour profile spreads them). */
  dailyRate: number;
  faultRatePerMin: number;
  /** Earliest departure or random-fault repair due; skips the connector scan on quiet minutes. */
  nextDueMs: number;
  /** Any connector charging: skips integration of an idle station. */
  busy: boolean;
  /**
   * Its section of the feeder is out: no power to the connectors (vehicles stay plugged in, at 0 kW); the world reports
   * them unavailable until the section is back.
   */
  unpowered?: boolean;
}

const FAULTS_PER_CONNECTOR_DAY = { ac: 0.002, dc: 0.005 };

export function createStation(cfg: ChargingStationConfig, worldSeed: number): StationSim {
  const kind = stationKind(cfg);
  const connectors: ConnectorSim[] = cfg.connectors.map((c) => ({
    id: c.id,
    type: c.type,
    ratedKw: c.ratedKw,
    state: 'available',
    pKw: 0,
    sessionKwh: 0,
    targetKwh: 0,
    vehicleKw: 0,
    departMs: 0,
    faultUntilMs: 0,
  }));
  const dailyRate = cfg.connectors.reduce((a, c) => a + TURNOVER[kind][c.type], 0);
  const faultRatePerMin = cfg.connectors.reduce((a, c) => a + FAULTS_PER_CONNECTOR_DAY[c.type], 0) / 1440;
  const seed = seedFrom(worldSeed, 'ev', cfg.id);
  return {
    cfg,
    kind,
    seed,
    connectors,
    pKw: 0,
    eKwh: 0,
    sessionsTotal: 0,
    dailyRate,
    faultRatePerMin,
    nextDueMs: Number.POSITIVE_INFINITY,
    busy: false,
  };
}

/** Charging power of a plugged-in connector: rating, capped by the vehicle, DC tapering above 80 % of the session. */
export function connectorPowerKw(c: ConnectorSim): number {
  if (c.state !== 'charging' || c.sessionKwh >= c.targetKwh) return 0;
  const max = Math.min(c.ratedKw, c.vehicleKw);
  if (c.type === 'ac') return max;
  const frac = c.sessionKwh / c.targetKwh;
  return frac < 0.8 ? max : max * Math.max(0.2, 1 - 4 * (frac - 0.8));
}

function startSession(st: StationSim, c: ConnectorSim, atMs: number, minute: number): void {
  const rng = createRng(seedFrom(st.seed, minute, c.id));
  let energy: number;
  let dwellH: number;
  if (c.type === 'ac') {
    c.vehicleKw = Math.min(c.ratedKw, 7);
    energy = Math.max(1, sampleEnergyKwh(rng()));
    const chargeH = energy / c.vehicleKw;
    dwellH =
      st.kind === 'residential' || st.kind === 'workplace'
        ? Math.max(chargeH * 1.05, sampleDwellH(rng()))
        : chargeH * randomBetween(rng, 1.05, 2);
  } else if (st.kind === 'bus') {
    c.vehicleKw = randomBetween(rng, 90, 150);
    energy = randomBetween(rng, 60, 180);
    dwellH = energy / Math.min(c.ratedKw, c.vehicleKw) + randomBetween(rng, 0.3, 1);
  } else {
    // Fast-charge stops top up more than an overnight plug-in: scale the measured distribution.
    c.vehicleKw = randomBetween(rng, 40, 160);
    energy = Math.min(85, 6 + 1.6 * sampleEnergyKwh(rng()));
    dwellH = (energy / Math.min(c.ratedKw, c.vehicleKw)) * 1.35 + randomBetween(rng, 0.05, 0.2);
  }
  c.state = 'charging';
  c.sessionKwh = 0;
  c.targetKwh = energy;
  c.departMs = atMs + dwellH * 3_600_000;
  st.sessionsTotal++;
  st.busy = true;
  st.nextDueMs = Math.min(st.nextDueMs, c.departMs);
}

/**
 * Events at the start of absolute minute `minute` (at `atMs`, local hour `hour`): departures, repaired faults, random
 * faults and arrivals. `blocked(c)` says a connector is held faulted by a scenario.
 */
export function stationMinuteEvents(
  st: StationSim,
  minute: number,
  atMs: number,
  hour: number,
  blocked: (c: ConnectorSim) => boolean,
): void {
  if (atMs >= st.nextDueMs) {
    let next = Number.POSITIVE_INFINITY;
    for (const c of st.connectors) {
      if (c.state === 'charging' && atMs >= c.departMs) {
        c.state = 'available';
        c.sessionKwh = 0;
        c.pKw = 0;
      }
      if (c.state === 'faulted' && c.faultUntilMs > 0 && atMs >= c.faultUntilMs && !blocked(c)) {
        c.state = 'available';
        c.faultUntilMs = 0;
      }
      if (c.state === 'charging') next = Math.min(next, c.departMs);
      else if (c.state === 'faulted' && c.faultUntilMs > 0)
        next = Math.max(atMs + 60_000, Math.min(next, c.faultUntilMs));
    }
    st.nextDueMs = next;
  }
  const n = st.connectors.length;
  if (hash01(st.seed ^ 0x1f2e3d, minute) < st.faultRatePerMin) {
    const c = st.connectors[Math.floor(hash01(st.seed ^ 0x4c5b6a, minute) * n)];
    if (c && c.state !== 'faulted') {
      c.state = 'faulted';
      c.sessionKwh = 0;
      c.faultUntilMs = atMs + (2 + 22 * hash01(st.seed ^ 0x778899, minute)) * 3_600_000;
      st.nextDueMs = Math.min(st.nextDueMs, c.faultUntilMs);
    }
  }
  const lambda = (st.dailyRate * arrivalShare(st.kind, hour)) / 60;
  if (hash01(st.seed, minute) >= 1 - Math.exp(-lambda)) return;
  // Pick the connector type the driver wants by turnover weight, then any free connector of that type.
  let u = hash01(st.seed ^ 0x9e3779b9, minute) * st.dailyRate;
  let want: 'ac' | 'dc' = 'ac';
  for (const c of st.connectors) {
    u -= TURNOVER[st.kind][c.type];
    if (u <= 0) {
      want = c.type;
      break;
    }
  }
  const offset = Math.floor(hash01(st.seed ^ 0x2545f491, minute) * n);
  for (let k = 0; k < n; k++) {
    const c = st.connectors[(offset + k) % n] as ConnectorSim;
    if (c.type === want && c.state === 'available' && !blocked(c)) {
      startSession(st, c, atMs, minute);
      return;
    }
  }
}

/**
 * Integrates charging over dtH hours at the current powers, then refreshes the powers. `full` also rescans an idle
 * station (after a scenario changed connector states from outside).
 */
export function stationIntegrate(st: StationSim, dtH: number, full = false): void {
  if (!st.busy && !full) return;
  let pKw = 0;
  let busy = false;
  for (const c of st.connectors) {
    if (c.state === 'charging') busy = true;
    if (c.state === 'charging' && !st.unpowered) {
      const dE = Math.min(connectorPowerKw(c) * dtH, Math.max(0, c.targetKwh - c.sessionKwh));
      c.sessionKwh += dE;
      st.eKwh += dE;
    } else if (c.state !== 'faulted') {
      c.sessionKwh = 0;
    }
    c.pKw = st.unpowered ? 0 : connectorPowerKw(c);
    pKw += c.pKw;
  }
  st.pKw = pKw;
  st.busy = busy;
}
