/**
 * The area as the live service sees it: the latest judged value of every configured device, its registers for today,
 * and from those the figures every screen shows (src/core/contract/live-core.ts). Pure apart from the clock it is
 * given: no I/O, no timers, so tests drive it with hand-made messages.
 *
 * Honesty lives here, once:
 * - a device is live while it reports within `staleAfterMissedIntervals` of its interval;
 * - a device that went silent (or offline) contributes its last good value, marked held, for `holdMs`;
 * - after that it is missing, and every figure it belongs to says 'partial' with the counts: never a silent partial sum.
 * Energies come from the registers (core/domain/counters.ts), so a lost message only delays the next delta.
 */

import { configuredDevicesOf, type HeardDevice, unheardDevice } from '../../core/config/area-devices';
import type { AreaConfig } from '../../core/config/area-schema';
import type { Judged } from '../../core/contract/edge-judge';
import type { DayRegistersResponse } from '../../core/contract/history-api';
import {
  CONNECTOR_CODES,
  type FeederLiveState,
  type IntakeLossesFigure,
  type KindCoverage,
  LIVE_SCOPES,
  type LiveFigures,
  type LiveScope,
  type StationsLive,
  type SubstationLive,
} from '../../core/contract/live-core';
import type { ChargerTelemetry, ConnectorState, FeederTelemetry, PvTelemetry } from '../../core/contract/payloads';
import { type DeviceKind, PROVINCES, type Province } from '../../core/contract/topics';
import type { AlarmDeviceValue } from '../../core/domain/alarms/types';
import { carbonByScope, carbonFactorsFromConfig, type ProvinceEnergy } from '../../core/domain/carbon';
import {
  type ConnectorCounts,
  chargersFigure,
  noConnectors,
  sumConnectorCounts,
} from '../../core/domain/connector-counts';
import { type DayRegister, dayRegisterCount, stepDayRegister } from '../../core/domain/counters';
import { emptyCoverage, figureStatusOf, mergedFigureCoverage } from '../../core/domain/coverage';
import { loadingRatePct, loadingState } from '../../core/domain/loading';
import {
  intakeLosses,
  intakeSubstationIds,
  type LossDay,
  lossesFigure,
  lossTerms,
  newLossDay,
} from '../../core/domain/losses';

/** Why a device was not seeded when the history holds its energy but not yet its register readings. */
export const NO_READINGS = 'no register readings in the history';

export type Contribution = 'live' | 'held' | 'missing';

interface DeviceState extends HeardDevice {
  registers: Map<string, DayRegister>;
}

export interface LiveAreaOptions {
  /** Local (Asia/Shanghai) day start of a timestamp; injected so this module has no time-zone logic. */
  dayStartMs: (tsMs: number) => number;
  /** How long a silent device's last good value still counts, ms. */
  holdMs: number;
}

export interface LiveSnapshot {
  figures: Record<LiveScope, LiveFigures>;
  substations: SubstationLive[];
  stations: StationsLive[];
  /** Newest device timestamp received (the data time), null before any. */
  dataTimeMs: number | null;
}

/** Saved across a restart of the live service, so today's energies and peak survive it (see live-state-file.ts). */
export interface LiveAreaState {
  dayStartMs: number;
  registers: Record<string, Record<string, DayRegister>>;
  peak: Record<LiveScope, { kw: number; atMs: number } | null>;
}

/** What seedFromHistory did, for the log. */
export interface SeedOutcome {
  /** Devices whose day registers now count from the history's start. */
  seeded: number;
  /** Devices left counted since this service first saw them, with why. */
  skipped: { id: string; reason: string }[];
}

const REGISTERS: Record<DeviceKind, readonly string[]> = {
  feeder: ['eImportKwh', 'eExportKwh'],
  pv: ['eKwh'],
  charger: ['eKwh', 'sessionsTotal'],
  substation: [],
};

/** PV a few kW below zero at night is inverter standby, not generation: it counts as 0 in every PV figure. */
const pvOutputKw = (pKw: number) => Math.max(0, pKw);

export class LiveArea {
  private readonly devices = new Map<string, DeviceState>();
  private readonly staleAfterMs = new Map<string, number>();
  /** Each device's publish interval, ms: its stale time is this × the thresholds' missed intervals. */
  private readonly intervalMs = new Map<string, number>();
  /** Applied now: area.json's at first, an administrator's version after applyThresholds. */
  private thresholds: AreaConfig['thresholds'];
  private holdMs: number;
  private readonly alarmViews = new Map<string, AlarmDeviceValue>();
  private readonly factors;
  /** Topology looked up once: a snapshot walks it every second. */
  private readonly feedersBySubstation = new Map<string, AreaConfig['feeders']>();
  private readonly connectorCount = new Map<string, number>();
  /** Bus depots: their energy takes the bus assumptions of the EV substitution (evAssumptions.bus). */
  private readonly busDepots = new Set<string>();
  private peak: Record<LiveScope, { kw: number; atMs: number } | null> = { area: null, sc: null, cq: null };
  /** Where power enters the area (src/core/domain/losses.ts): the substations with no upstream one. */
  private readonly intakeIds: string[];
  private lossDay: LossDay = newLossDay(Number.NEGATIVE_INFINITY);
  private peakDayStartMs = Number.NEGATIVE_INFINITY;
  private newestTs: number | null = null;
  /** When the last accepted device message arrived (receiver clock), for the "source silent" check. */
  lastDeviceMessageAtMs: number | null = null;

  constructor(
    readonly config: AreaConfig,
    private readonly opts: LiveAreaOptions,
  ) {
    this.factors = carbonFactorsFromConfig(config);
    this.intakeIds = intakeSubstationIds(config.substations);
    this.thresholds = config.thresholds;
    this.holdMs = opts.holdMs;
    for (const device of configuredDevicesOf(config)) {
      const { id, intervalMs } = device;
      this.devices.set(id, { ...unheardDevice(device), registers: new Map() });
      this.intervalMs.set(id, intervalMs);
      this.staleAfterMs.set(id, intervalMs * config.thresholds.staleAfterMissedIntervals);
    }
    for (const s of config.substations) this.feedersBySubstation.set(s.id, []);
    for (const f of config.feeders) this.feedersBySubstation.get(f.substationId)?.push(f);
    for (const c of config.chargingStations) this.connectorCount.set(c.id, c.connectors.length);
    for (const c of config.chargingStations) if (c.vehicles === 'bus') this.busDepots.add(c.id);
  }

  /**
   * Applies another version of the thresholds from the next snapshot on (an administrator's change, live): stale
   * times, the hold time of last good values (holdLastGoodS) and the loading states.
   */
  applyThresholds(t: AreaConfig['thresholds']): void {
    this.thresholds = t;
    this.holdMs = t.holdLastGoodS * 1000;
    for (const [id, ms] of this.intervalMs) this.staleAfterMs.set(id, ms * t.staleAfterMissedIntervals);
  }

  /** True when the id is a configured device of that kind and province (else the judge says 'unknown-device'). */
  knows = (kind: DeviceKind, province: Province, id: string): boolean => {
    const d = this.devices.get(id);
    return d !== undefined && d.kind === kind && d.province === province;
  };

  /** A device's latest accepted reading and presence, as they are (read-only): the substations' device documents. */
  device(id: string): Readonly<Pick<DeviceState, 'latest' | 'presence'>> | undefined {
    return this.devices.get(id);
  }

  apply(j: Judged): void {
    if (j.type === 'status') {
      const d = this.devices.get(j.deviceId);
      if (d) d.presence = j.data.state;
      return;
    }
    if (j.type !== 'telemetry') return;
    const d = this.devices.get(j.deviceId);
    if (!d || (d.lastTs !== null && j.data.ts <= d.lastTs)) return;
    d.latest = j.data;
    d.lastTs = j.data.ts;
    this.lastDeviceMessageAtMs = j.atMs;
    if (this.newestTs === null || j.data.ts > this.newestTs) this.newestTs = j.data.ts;
    const dayStart = this.opts.dayStartMs(j.data.ts);
    const values = j.data as unknown as Record<string, number>;
    const rebase = j.suspect?.reason === 'counter-rebased';
    for (const name of REGISTERS[d.kind]) {
      const v = values[name];
      if (typeof v === 'number')
        d.registers.set(name, stepDayRegister(d.registers.get(name), v, j.data.ts, dayStart, { rebase }));
    }
  }

  /**
   * Every configured device as the alarm engine reads it (core/domain/alarms), with the same freshness rule as the
   * dispatcher's store. A device whose value and freshness did not change is the same object as last time, so the
   * engine's memo skips it.
   */
  alarmDevices(nowMs: number): AlarmDeviceValue[] {
    const out: AlarmDeviceValue[] = [];
    for (const d of this.devices.values()) {
      const freshness: AlarmDeviceValue['freshness'] =
        d.presence === 'offline'
          ? 'offline'
          : d.lastTs === null
            ? 'no-data'
            : nowMs - d.lastTs > (this.staleAfterMs.get(d.id) ?? 0)
              ? 'stale'
              : 'live';
      const before = this.alarmViews.get(d.id);
      if (before && before.latest === d.latest && before.freshness === freshness) {
        out.push(before);
        continue;
      }
      const view: AlarmDeviceValue = {
        id: d.id,
        kind: d.kind,
        province: d.province,
        latest: d.latest,
        lastTs: d.lastTs,
        freshness,
        intervalMs: d.intervalMs,
      };
      this.alarmViews.set(d.id, view);
      out.push(view);
    }
    return out;
  }

  contribution(id: string, nowMs: number): Contribution {
    const d = this.devices.get(id);
    if (!d || d.lastTs === null) return 'missing';
    const ageMs = nowMs - d.lastTs;
    if (d.presence !== 'offline' && ageMs <= (this.staleAfterMs.get(id) ?? 0)) return 'live';
    return ageMs <= this.holdMs ? 'held' : 'missing';
  }

  snapshot(nowMs: number): LiveSnapshot {
    const dayStart = this.opts.dayStartMs(nowMs);
    if (dayStart !== this.peakDayStartMs) {
      this.peak = { area: null, sc: null, cq: null };
      this.peakDayStartMs = dayStart;
    }
    const cover = () => ({ feeder: emptyCoverage(), pv: emptyCoverage(), charger: emptyCoverage() });
    const acc = Object.fromEntries(
      PROVINCES.map((p) => [
        p,
        {
          coverage: cover(),
          gridImportKw: 0,
          pvKw: 0,
          evKw: 0,
          energy: { eImportKwh: 0, ePvKwh: 0, eEvKwh: 0, eEvBusKwh: 0 },
          sessions: 0,
          sessionsSinceMs: null as number | null,
          countedSinceMs: null as number | null,
          registersMissing: false,
          connectors: noConnectors(),
        },
      ]),
    ) as Record<Province, ProvinceAccumulator>;

    for (const d of this.devices.values()) {
      if (d.kind === 'substation') continue;
      const a = acc[d.province];
      const c = this.contribution(d.id, nowMs);
      const cov = a.coverage[d.kind];
      cov.configured++;
      cov[c]++;
      if (c === 'held' && d.lastTs !== null) cov.heldSinceMs = Math.min(cov.heldSinceMs ?? d.lastTs, d.lastTs);
      const value = c === 'missing' ? null : d.latest;
      if (d.kind === 'feeder') {
        if (value) a.gridImportKw += (value as FeederTelemetry).pKw;
        const imp = dayRegisterCount(d.registers.get('eImportKwh'), dayStart);
        const exp = dayRegisterCount(d.registers.get('eExportKwh'), dayStart);
        if (imp === null) a.registersMissing = true;
        a.energy.eImportKwh += (imp ?? 0) - (exp ?? 0);
      } else if (d.kind === 'pv') {
        if (value) a.pvKw += pvOutputKw((value as PvTelemetry).pKw);
        const e = dayRegisterCount(d.registers.get('eKwh'), dayStart);
        if (e === null) a.registersMissing = true;
        a.energy.ePvKwh += e ?? 0;
      } else {
        const station = value as ChargerTelemetry | null;
        if (station) a.evKw += station.pKw;
        const e = dayRegisterCount(d.registers.get('eKwh'), dayStart);
        if (e === null) a.registersMissing = true;
        a.energy.eEvKwh += e ?? 0;
        if (this.busDepots.has(d.id)) a.energy.eEvBusKwh += e ?? 0;
        const sessions = d.registers.get('sessionsTotal');
        a.sessions += dayRegisterCount(sessions, dayStart) ?? 0;
        if (sessions && sessions.dayStartMs === dayStart)
          a.sessionsSinceMs = Math.max(a.sessionsSinceMs ?? sessions.sinceMs, sessions.sinceMs);
        const configured = this.connectorCount.get(d.id) ?? 0;
        if (station) for (const k of station.connectors) a.connectors[k.state]++;
        else a.connectors.unknown += configured;
      }
      // The energy registers say from when today's energies are complete. The session counter is left out: the history
      // does not keep it, so after a seeding from the history (seedFromHistory) it alone still counts since start.
      for (const [name, reg] of d.registers)
        if (reg.dayStartMs === dayStart && name !== 'sessionsTotal')
          a.countedSinceMs = Math.max(a.countedSinceMs ?? reg.sinceMs, reg.sinceMs);
    }

    const energy = { sc: acc.sc.energy, cq: acc.cq.energy };
    const today = carbonByScope(energy, this.factors);
    // Shares of power now: the same formulas as energy over an instant (kW × 1 h), per province, area weighted.
    const now = carbonByScope(
      {
        sc: { eImportKwh: acc.sc.gridImportKw, ePvKwh: acc.sc.pvKw, eEvKwh: acc.sc.evKw },
        cq: { eImportKwh: acc.cq.gridImportKw, ePvKwh: acc.cq.pvKw, eEvKwh: acc.cq.evKw },
      },
      this.factors,
    );
    const figures = {} as Record<LiveScope, LiveFigures>;
    for (const scope of LIVE_SCOPES) {
      const parts = scope === 'area' ? PROVINCES.map((p) => acc[p]) : [acc[scope]];
      const sum = (pick: (a: ProvinceAccumulator) => number) => parts.reduce((s, a) => s + pick(a), 0);
      const coverage = mergedFigureCoverage(parts);
      const status = figureStatusOf(coverage);
      const consumptionKw = sum((a) => a.gridImportKw) + sum((a) => a.pvKw);
      // A peak is a measured one: a partial sum is not the area's load.
      if (status === 'complete' || status === 'held') {
        const p = this.peak[scope];
        if (!p || consumptionKw > p.kw) this.peak[scope] = { kw: consumptionKw, atMs: this.newestTs ?? nowMs };
      }
      const t = today[scope];
      const countedSince = parts.map((a) => a.countedSinceMs).filter((v): v is number => v !== null);
      const ef = scope === 'area' ? this.config.emissionFactors.national : this.config.emissionFactors[scope];
      const connectors = sumConnectorCounts(parts, (a) => a.connectors);
      figures[scope] = {
        ts: nowMs,
        dataTimeMs: this.newestTs,
        scope,
        status,
        coverage,
        power: {
          gridImportKw: sum((a) => a.gridImportKw),
          pvKw: sum((a) => a.pvKw),
          evKw: sum((a) => a.evKw),
          consumptionKw,
          cleanSharePct: now[scope].cleanSharePct,
          localGreenSharePct: now[scope].localGreenSharePct,
        },
        today: {
          dayStartMs: dayStart,
          countedSinceMs:
            countedSince.length && !parts.some((a) => a.registersMissing) ? Math.max(...countedSince) : null,
          eImportKwh: t.eImportKwh,
          ePvKwh: t.ePvKwh,
          eEvKwh: t.eEvKwh,
          eConsumptionKwh: t.consumptionKwh,
          cleanSharePct: t.cleanSharePct,
          localGreenSharePct: t.localGreenSharePct,
          co2EmittedKg: t.co2EmittedKg,
          co2AvoidedPvKg: t.co2AvoidedByPvKg,
          coalSavedKg: t.coalSavedKg,
          evSubstitution: {
            km: Math.max(0, t.ev.km),
            petrolAvoidedL: Math.max(0, t.ev.petrolL),
            co2NetAvoidedKg: t.ev.netCo2AvoidedKg,
          },
          evSessions: sum((a) => a.sessions),
          evSessionsCountedSinceMs: latestOf(parts.map((a) => a.sessionsSinceMs)),
          peakConsumptionKw: this.peak[scope]?.kw ?? null,
          peakAtMs: this.peak[scope]?.atMs ?? null,
        },
        chargers: chargersFigure(connectors),
        factor: { efKgPerKwh: ef.kgCo2PerKwh, year: ef.year, source: ef.source.slice(0, 300) },
      };
    }
    figures.area.losses = this.intakeLosses(nowMs, dayStart);
    return { figures, substations: this.substations(nowMs), stations: this.stations(nowMs), dataTimeMs: this.newestTs };
  }

  /** A device's P while it is live; a held last value is no base for a difference smaller than its own error. */
  private livePKw(id: string, nowMs: number): number | null {
    if (this.contribution(id, nowMs) !== 'live') return null;
    const t = this.devices.get(id)?.latest as { pKw: number } | null | undefined;
    return t ? t.pKw : null;
  }

  /** Losses between the intake and the feeder heads now, and today's over the instants they were computable. */
  private intakeLosses(nowMs: number, dayStart: number): IntakeLossesFigure {
    const { figure, day } = lossesFigure(
      intakeLosses(this.intakeReadings(nowMs), this.feederHeadReadings(nowMs)),
      nowMs,
      dayStart,
      this.lossDay,
    );
    this.lossDay = day;
    return figure;
  }

  /** This area's two loss sums now: what a province shard gives the roll-up (live-rollup.ts). */
  lossTerms(nowMs: number) {
    return lossTerms(this.intakeReadings(nowMs), this.feederHeadReadings(nowMs));
  }

  private intakeReadings(nowMs: number) {
    return this.intakeIds.map((id) => this.livePKw(id, nowMs));
  }

  private feederHeadReadings(nowMs: number) {
    return this.config.feeders.map((f) => this.livePKw(f.id, nowMs));
  }

  private substations(nowMs: number): SubstationLive[] {
    const thresholds = this.thresholds;
    return this.config.substations.map((s) => ({
      ts: nowMs,
      substationId: s.id,
      feeders: (this.feedersBySubstation.get(s.id) ?? []).map((f) => {
        const d = this.devices.get(f.id);
        const c = this.contribution(f.id, nowMs);
        const t = c === 'missing' ? null : (d?.latest as FeederTelemetry | null);
        // The same loading rule as the dispatcher's table and the alarm engine: the larger of S/S_rated and I/I_rated.
        const loadingPct = t
          ? loadingRatePct({ pKw: t.pKw, qKvar: t.qKvar, iA: t.iA, ratedMva: f.ratedMva, ratedA: f.ratedA })
          : null;
        const state: FeederLiveState =
          c === 'missing' ? 'missing' : c === 'held' ? 'held' : (loadingState(loadingPct, thresholds) ?? 'missing');
        return { id: f.id, pKw: t?.pKw ?? null, loadingPct, state, lastTs: d?.lastTs ?? null };
      }),
    }));
  }

  private stations(nowMs: number): StationsLive[] {
    return PROVINCES.map((province) => ({
      ts: nowMs,
      province,
      stations: this.config.chargingStations
        .filter((s) => s.province === province)
        .map((s) => {
          const c = this.contribution(s.id, nowMs);
          const t = c === 'missing' ? null : (this.devices.get(s.id)?.latest as ChargerTelemetry | null);
          const byId = new Map(t?.connectors.map((k) => [k.id, k.state]) ?? []);
          const code = (state: ConnectorState | undefined) => CONNECTOR_CODES[state ?? 'unknown'];
          return {
            id: s.id,
            pKw: t?.pKw ?? null,
            connectors: s.connectors.map((k) => code(t ? byId.get(k.id) : undefined)).join(''),
            held: c === 'held',
          };
        }),
    }));
  }

  /**
   * Continues today's count from the history's (GET /api/devices/day-registers) when this service started mid-day
   * without a state of today: each device's energy registers get the day's baseline latest reading − today's count,
   * so the next reading counts on exactly as the history does and the figures say "since midnight" (or since the
   * history's own first time). Feeders carry the net (import − export) on the import register; export counts from its
   * reading. A register already counting from that time or earlier, one that saw a reset today, or readings that
   * disagree with the history's (a counter going down between them: another meter) keep their own count: all the
   * device's registers or none, so a feeder's net is never half seeded. Chargers' session counters are not in the
   * history: they stay counted since this service first saw them.
   */
  seedFromHistory(history: Pick<DayRegistersResponse, 'dayStartMs' | 'countedSinceMs' | 'devices'>): SeedOutcome {
    const out: SeedOutcome = { seeded: 0, skipped: [] };
    const sinceMs = history.countedSinceMs;
    const dayStart = history.dayStartMs;
    for (const h of history.devices) {
      const d = this.devices.get(h.id);
      const skip = (reason: string) => out.skipped.push({ id: h.id, reason });
      if (!d || d.kind !== h.kind) {
        skip('not configured here');
        continue;
      }
      if (sinceMs === null) {
        skip('the history covered nothing of today');
        continue;
      }
      const names = d.kind === 'feeder' ? ['eImportKwh', 'eExportKwh'] : ['eKwh'];
      if (h.lastTs === null || h.countersKwh.length < names.length) {
        skip(NO_READINGS);
        continue;
      }
      const histTs = h.lastTs;
      const seeded = new Map<string, DayRegister>();
      let reason: string | null = null;
      names.forEach((name, k) => {
        if (reason) return;
        const reading = h.countersKwh[k] as number;
        // Feeders: the net on import, export from its own reading (it counts 0 of the history's day).
        const baseline = k === 0 ? reading - h.todayKwh : reading;
        const r = d.registers.get(name);
        if (!r || r.dayStartMs !== dayStart) {
          seeded.set(name, { dayStartMs: dayStart, baseline, lastValue: reading, lastTs: histTs, carried: 0, sinceMs });
          return;
        }
        if (r.sinceMs <= sinceMs) reason = 'already counted from that time';
        else if (r.carried !== 0) reason = 'its register was reset today';
        else if (!monotone([r.sinceMs, r.baseline], [r.lastTs, r.lastValue], [histTs, reading]))
          reason = "its readings disagree with the history's";
        else
          seeded.set(
            name,
            histTs > r.lastTs
              ? { ...r, baseline, lastValue: reading, lastTs: histTs, sinceMs }
              : { ...r, baseline, sinceMs },
          );
      });
      if (reason) {
        skip(reason);
        continue;
      }
      for (const [name, reg] of seeded) d.registers.set(name, reg);
      out.seeded++;
    }
    return out;
  }

  /** Registers and peaks to save (restored by restore() after a restart on the same day). */
  saveState(nowMs: number): LiveAreaState {
    const registers: LiveAreaState['registers'] = {};
    for (const d of this.devices.values())
      if (d.registers.size) registers[d.id] = Object.fromEntries(d.registers.entries());
    return { dayStartMs: this.opts.dayStartMs(nowMs), registers, peak: this.peak };
  }

  restore(state: LiveAreaState, nowMs: number): void {
    if (state.dayStartMs !== this.opts.dayStartMs(nowMs)) return;
    for (const [id, regs] of Object.entries(state.registers)) {
      const d = this.devices.get(id);
      if (!d) continue;
      for (const [name, reg] of Object.entries(regs)) d.registers.set(name, reg);
    }
    this.peak = { ...this.peak, ...state.peak };
    this.peakDayStartMs = state.dayStartMs;
  }
}

/** True when the readings, taken in time order, never go down (one meter, no reset between them). */
function monotone(...points: [ts: number, value: number][]): boolean {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  return sorted.every((p, i) => i === 0 || p[1] >= (sorted[i - 1] as [number, number])[1]);
}

interface ProvinceAccumulator {
  coverage: { feeder: KindCoverage; pv: KindCoverage; charger: KindCoverage };
  gridImportKw: number;
  pvKw: number;
  evKw: number;
  energy: Required<ProvinceEnergy>;
  sessions: number;
  /** Latest first sight of today's session counters (the history keeps none): sessions count from then. */
  sessionsSinceMs: number | null;
  countedSinceMs: number | null;
  registersMissing: boolean;
  connectors: ConnectorCounts;
}

/** The latest of the known instants (a count is complete only from the last of its parts' starts); null if none. */
function latestOf(times: (number | null)[]): number | null {
  const known = times.filter((t): t is number => t !== null);
  return known.length ? Math.max(...known) : null;
}
