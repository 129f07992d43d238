/**
 * The world model of the mock feeds: one deterministic simulation of the area's grid, PV and EV charging, reused by
 * the MQTT publisher (mock-feeds/feeds), the history service's backfill and the tests.
 *
 *   const world = createWorld(config, { seed: 1, startMs: Date.now(), replay?: loadReplaySource() });
 *   world.advanceTo(ts);            // forward only; integrates counters in sub-steps ≤ 60 s aligned to whole minutes
 *   world.feeder(id) / substation(id) / pv(id) / charger(id)   // contract payloads at ts = world.nowMs
 *   world.feederParts(id)           // { baseKw, evKw, pvKw, lossKw, pKw, qKvar }: pKw = base + EV − PV + loss
 *   world.devices()                 // every device with its kind and province
 *   world.applyScenario(body) / clearScenario(id) / clearScenarios() / listScenarios() / isSilent(id) / isOffline(id)
 *   world.drainFeederEvents()      // protection and FLISR events since the last call (./flisr.ts), oldest first
 *
 * Same config + seed + startMs + sequence of advanceTo calls → the same values. Continuous quantities (base load,
 * sun, clouds, noise) are pure functions of time; EV arrivals are keyed to absolute minutes; counters integrate.
 *
 * Physics (DESIGN.md §3–4): feeder head P = base + EV − PV + losses (losses ∝ S², lossK ≈ 1.5–2.5 % at rating);
 * Q from the base load's power factor; I = S / (√3·U); U = sending voltage minus a drop that grows with P and Q;
 * eImportKwh / eExportKwh integrate positive / negative P (trapezoid). A 110 kV substation carries Σ its feeders plus
 * transformer losses; one with two parents sends half to each; a 220 kV substation carries its share of its children.
 * Day and week shapes follow Asia/Shanghai local time whatever the machine's TZ.
 *
 * Supply (./flisr.ts): a feeder's base load is split over its sections by their load shares, and each PV site and
 * charging station sits on one section (drawn per device from the seed). A section counts at the head of the feeder
 * that supplies it now — its own, the one across a closed tie, or none while it is out — so a feeder's P drops by the
 * share of the sections out and returns as they come back, and a section fed across a tie adds to the tie feeder. On a
 * dead section PV inverters trip (anti-islanding) and chargers draw nothing (vehicles stay plugged in).
 */
import type { AreaConfig, FeederConfig, PvSiteConfig, SubstationConfig } from '../../src/core/config/area-schema';
import type {
  ChargerTelemetry,
  FeederTelemetry,
  PvTelemetry,
  SubstationTelemetry,
} from '../../src/core/contract/payloads';
import type { DeviceKind, Province } from '../../src/core/contract/topics';
import { createStation, type StationSim, stationIntegrate, stationMinuteEvents } from './ev';
import { type EmittedFeederEvent, Flisr, FlisrError, type OutageSummary } from './flisr';
import { baseLoadPu, type LoadMix } from './load-shapes';
import { shanghaiTime } from './local-time';
import { hash01, valueNoise } from './noise';
import { createRng, randomBetween, seedFrom } from './random';
import type { ReplaySource } from './replay';
import {
  type ActiveScenario,
  parseScenarioRequest,
  SCENARIO_TARGET,
  ScenarioError,
  type ScenarioRequest,
} from './scenarios';
import { clearness, clearSkyGhiWm2, cloudiness, PERFORMANCE_RATIO, sunSinElevation } from './solar';

export type { ReplaySource } from './replay';
export type { ActiveScenario, ScenarioRequest } from './scenarios';

export interface CreateWorldOptions {
  seed: number;
  startMs: number;
  replay?: ReplaySource;
  /** Hours simulated before startMs so chargers are busy and weather is settled at start (default 24). */
  warmUpH?: number;
  /** Random faults and planned outages at the area's rates (default true; scenarios work either way). */
  randomOutages?: boolean;
  /** Overrides of the area's fault, repair and FLISR parameters (area.json `reliability`). */
  reliability?: Partial<NonNullable<AreaConfig['reliability']>>;
}

export interface FeederParts {
  baseKw: number;
  evKw: number;
  pvKw: number;
  lossKw: number;
  pKw: number;
  qKvar: number;
}

export interface WorldDevice {
  kind: DeviceKind;
  id: string;
  province: Province;
}

export interface World {
  readonly nowMs: number;
  readonly config: AreaConfig;
  readonly seed: number;
  advanceTo(tsMs: number): void;
  feeder(id: string): FeederTelemetry;
  substation(id: string): SubstationTelemetry;
  pv(id: string): PvTelemetry;
  charger(id: string): ChargerTelemetry;
  feederParts(id: string): FeederParts;
  devices(): readonly WorldDevice[];
  deviceKind(id: string): DeviceKind | undefined;
  /** Validates (throws ScenarioError 400/404) and applies a scenario; effective immediately at nowMs. */
  applyScenario(request: unknown): ActiveScenario;
  clearScenario(id: string): boolean;
  clearScenarios(): number;
  listScenarios(): ActiveScenario[];
  /** True while a `silent` scenario targets the device (publisher stops sending, stays connected). */
  isSilent(deviceId: string): boolean;
  /** True while an `offline` scenario targets the device (publisher drops its connection). */
  isOffline(deviceId: string): boolean;
  /** Protection and FLISR events since the last call, oldest first (bounded). */
  drainFeederEvents(): EmittedFeederEvent[];
  /** Outages in progress. */
  outages(): OutageSummary[];
}

const SQRT3 = Math.sqrt(3);
const CLOUD_BUCKETS = 8;
const CLOUD_SHIFT_MIN = 5;
const EPOCH_2020 = Date.UTC(2020, 0, 1);
const MIXES: readonly LoadMix[] = ['industrial', 'commercial', 'residential'];
const PROVINCE_IDX: Record<Province, number> = { sc: 0, cq: 1 };
/** Power factor range of the base load by mix: industry has the most motors. */
const PF_RANGE: Record<LoadMix, [number, number]> = {
  industrial: [0.92, 0.95],
  commercial: [0.94, 0.96],
  residential: [0.95, 0.97],
};

/** A feeder's simulation state: its current parts (FeederParts) and what they are computed from. */
interface FeederSim extends FeederParts {
  cfg: FeederConfig;
  mixIdx: number;
  seedA: number;
  seedB: number;
  seedC: number;
  tanPhi: number;
  lossK: number;
  sendKv: number;
  sRatedKva: number;
  eImportKwh: number;
  eExportKwh: number;
  overloadPct: number;
  /** Base load before the sections out are taken away, kW. */
  rawBaseKw: number;
}

interface PvSim {
  cfg: PvSiteConfig;
  feederIdx: number;
  provinceIdx: number;
  orient: number;
  /** Sites share passing clouds in a few time-shifted groups per province (cheaper than one series per site). */
  cloudBucket: number;
  standbyKw: number;
  pKw: number;
  eKwh: number;
  state: PvTelemetry['state'];
  tripped: boolean;
  /** Section of its feeder it is connected to. */
  section: number;
}

interface SubstationSim {
  cfg: SubstationConfig;
  seed: number;
  feederIdx: number[];
  /** Children (110 kV under a 220 kV) with the share of their flow that comes through this substation. */
  children: { idx: number; share: number }[];
  memoAt: number;
  pKw: number;
  qKvar: number;
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function createWorld(config: AreaConfig, opts: CreateWorldOptions): World {
  const { seed, replay } = opts;
  const { latDeg, lonDeg } = config.location;
  const rng = createRng(seedFrom(seed, 'world'));
  const feederIndex = new Map(config.feeders.map((f, i) => [f.id, i]));
  const sectionOf = (deviceId: string, feederId: string) => {
    const n = config.feeders[feederIndex.get(feederId) as number]?.sections?.length ?? 1;
    return Math.floor(hash01(seedFrom(seed, 'section'), seedFrom(deviceId) | 0) * n);
  };

  const feeders: FeederSim[] = config.feeders.map((cfg) => {
    const [lo, hi] = PF_RANGE[cfg.mix];
    const pf = randomBetween(rng, lo, hi);
    return {
      cfg,
      mixIdx: MIXES.indexOf(cfg.mix),
      seedA: seedFrom(seed, cfg.id, 'a'),
      seedB: seedFrom(seed, cfg.id, 'b'),
      seedC: seedFrom(seed, cfg.id, 'c'),
      tanPhi: Math.tan(Math.acos(pf)),
      lossK: randomBetween(rng, 0.015, 0.025),
      sendKv: cfg.nominalKv * randomBetween(rng, 1.042, 1.058),
      sRatedKva: cfg.ratedMva * 1000,
      baseKw: 0,
      evKw: 0,
      pvKw: 0,
      lossKw: 0,
      pKw: 0,
      qKvar: 0,
      eImportKwh: 0,
      eExportKwh: 0,
      overloadPct: 0,
      rawBaseKw: 0,
    };
  });
  const pvs: PvSim[] = config.pvSites.map((cfg) => ({
    cfg,
    feederIdx: feederIndex.get(cfg.feederId) as number,
    provinceIdx: PROVINCE_IDX[cfg.province],
    orient: randomBetween(rng, 0.9, 1.04),
    cloudBucket: Math.floor(randomBetween(rng, 0, CLOUD_BUCKETS)),
    standbyKw: Math.min(2, cfg.kWp * 0.0004),
    pKw: 0,
    eKwh: 0,
    state: 'idle',
    tripped: false,
    section: sectionOf(cfg.id, cfg.feederId),
  }));
  const stations: StationSim[] = config.chargingStations.map((cfg) => createStation(cfg, seed));
  const stationFeederIdx = stations.map((s) => feederIndex.get(s.cfg.feederId) as number);
  const stationSection = config.chargingStations.map((c) => sectionOf(c.id, c.feederId));
  /** Stations on a dead section: they draw nothing and start no session. */
  const unpowered = new Uint8Array(stations.length);

  const subIndex = new Map(config.substations.map((s, i) => [s.id, i]));
  const subs: SubstationSim[] = config.substations.map((cfg) => ({
    cfg,
    seed: seedFrom(seed, cfg.id),
    feederIdx: [],
    children: [],
    memoAt: Number.NaN,
    pKw: 0,
    qKvar: 0,
  }));
  feeders.forEach((f, i) => {
    subs[subIndex.get(f.cfg.substationId) as number]?.feederIdx.push(i);
  });
  subs.forEach((s, i) => {
    for (const parent of s.cfg.parentIds) {
      subs[subIndex.get(parent) as number]?.children.push({ idx: i, share: 1 / s.cfg.parentIds.length });
    }
  });

  const devices: WorldDevice[] = [
    ...config.substations.map((d) => ({ kind: 'substation' as const, id: d.id, province: d.province })),
    ...config.feeders.map((d) => ({ kind: 'feeder' as const, id: d.id, province: d.province })),
    ...config.pvSites.map((d) => ({ kind: 'pv' as const, id: d.id, province: d.province })),
    ...config.chargingStations.map((d) => ({ kind: 'charger' as const, id: d.id, province: d.province })),
  ];
  const kindById = new Map(devices.map((d) => [d.id, d.kind]));
  const pvIndex = new Map(config.pvSites.map((p, i) => [p.id, i]));
  const stationIndex = new Map(config.chargingStations.map((s, i) => [s.id, i]));

  const areaCloudSeed = seedFrom(seed, 'cloud-area');
  const provinceCloudSeeds = [seedFrom(seed, 'cloud-sc'), seedFrom(seed, 'cloud-cq')];
  const passingSeeds = [seedFrom(seed, 'pass-sc'), seedFrom(seed, 'pass-cq')];
  const freqSeed = seedFrom(seed, 'freq');

  // Scenario state, derived from the active list whenever it changes.
  const scenarios = new Map<string, ActiveScenario>();
  let scenarioSeq = 0;
  const cloudFactor = [1, 1];
  const silent = new Set<string>();
  const offline = new Set<string>();
  const chargerFaults = new Map<string, Set<string> | 'all'>();

  let nowMs = opts.startMs - (opts.warmUpH ?? 24) * 3_600_000;
  let lastMinute = Number.NEGATIVE_INFINITY;
  let instantVersion = 0;

  const evByFeeder = new Float64Array(feeders.length);
  const pvByFeeder = new Float64Array(feeders.length);
  const mixPu = new Float64Array(MIXES.length);
  const ktByBucket = new Float64Array(2 * CLOUD_BUCKETS);
  const pPrev = new Float64Array(feeders.length);
  const headBase = new Float64Array(feeders.length);
  const headQ = new Float64Array(feeders.length);
  const randomOutages = opts.randomOutages ?? true;
  const flisr: Flisr = new Flisr(
    config,
    seed,
    {
      canTakeOver(to, from, sections, maxLoadingPct): boolean {
        const b = feeders[to] as FeederSim;
        const a = feeders[from] as FeederSim;
        const share = sections.reduce((x: number, k) => x + flisr.sectionShare(from, k), 0);
        const p = b.pKw + a.rawBaseKw * share;
        const q = b.qKvar + a.rawBaseKw * share * a.tanPhi;
        return Math.hypot(p, q) <= (maxLoadingPct / 100) * b.sRatedKva;
      },
    },
    opts.reliability,
  );
  let supplyVersion = flisr.version;
  /** After a change of supply: which stations are unpowered, and the instant values at t. */
  const supplyChanged = (t: number) => {
    supplyVersion = flisr.version;
    for (let i = 0; i < stations.length; i++) {
      const dead = (flisr.sup[stationFeederIdx[i] as number] as Int32Array)[stationSection[i] as number] === -1;
      const st = stations[i] as StationSim;
      if (dead !== !!unpowered[i]) {
        unpowered[i] = dead ? 1 : 0;
        st.unpowered = dead;
        stationIntegrate(st, 0, true);
      }
    }
    computeInstant(t);
  };
  const pvPrev = new Float64Array(pvs.length);

  const notBlocked = () => false;
  const allBlocked = () => true;
  const stationIdx = new Map(stations.map((st, i) => [st, i]));
  const blockedIn = (st: StationSim) => {
    if (unpowered[stationIdx.get(st) as number]) return allBlocked;
    const f = chargerFaults.get(st.cfg.id);
    if (f === undefined) return notBlocked;
    return (c: { id: string }) => f === 'all' || f.has(c.id);
  };

  /** Instantaneous state at t (everything but the counters). */
  function computeInstant(t: number): void {
    instantVersion++;
    const lt = shanghaiTime(t);
    const minutes = (t - EPOCH_2020) / 60_000;
    const dayFloat = minutes / 1440;

    // PV
    pvByFeeder.fill(0);
    let sinEl = 0;
    let ghiPu = 0;
    let replayPvPu = 0;
    const cloudByProvince = [0, 0];
    ktByBucket.fill(-1);
    if (replay) {
      replayPvPu = replay.pvPu(t);
    } else {
      sinEl = sunSinElevation(t, latDeg, lonDeg);
      ghiPu = clearSkyGhiWm2(sinEl) / 1000;
      if (ghiPu > 0) {
        for (let p = 0; p < 2; p++)
          cloudByProvince[p] = cloudiness(areaCloudSeed, provinceCloudSeeds[p] as number, dayFloat, lt.dayOfYear);
      }
    }
    for (const s of pvs) {
      let pKw: number;
      if (s.tripped || (flisr.sup[s.feederIdx] as Int32Array)[s.section] === -1) {
        s.state = 'tripped';
        pKw = 0;
      } else {
        let pu: number;
        if (replay) pu = replayPvPu * s.orient;
        else if (ghiPu > 0) {
          const b = s.provinceIdx * CLOUD_BUCKETS + s.cloudBucket;
          let kt = ktByBucket[b] as number;
          if (kt < 0) {
            kt = clearness(
              cloudByProvince[s.provinceIdx] as number,
              passingSeeds[s.provinceIdx] as number,
              minutes + s.cloudBucket * CLOUD_SHIFT_MIN,
            );
            ktByBucket[b] = kt;
          }
          pu = PERFORMANCE_RATIO * ghiPu * kt * s.orient;
        } else pu = 0;
        pu *= cloudFactor[s.provinceIdx] as number;
        if (pu > 0) {
          s.state = 'producing';
          pKw = Math.min(pu, 1) * s.cfg.kWp;
        } else {
          s.state = 'idle';
          pKw = -s.standbyKw; // inverter standby draw at night
        }
      }
      s.pKw = pKw;
      const head = (flisr.sup[s.feederIdx] as Int32Array)[s.section] as number;
      if (head >= 0) pvByFeeder[head] = (pvByFeeder[head] as number) + pKw;
    }

    // EV (station powers were refreshed by the last integration)
    evByFeeder.fill(0);
    for (let i = 0; i < stations.length; i++) {
      const head = (flisr.sup[stationFeederIdx[i] as number] as Int32Array)[stationSection[i] as number] as number;
      if (head >= 0) evByFeeder[head] = (evByFeeder[head] as number) + (stations[i] as StationSim).pKw;
    }

    // Feeders: each section's net load counts at the head that supplies it now (own, across a tie, or none).
    const replayLoadPu = replay ? replay.loadPu(t) : 0;
    if (!replay) for (let m = 0; m < MIXES.length; m++) mixPu[m] = baseLoadPu(MIXES[m] as LoadMix, lt);
    for (let i = 0; i < feeders.length; i++) {
      const f = feeders[i] as FeederSim;
      const noise =
        1 +
        0.035 * valueNoise(f.seedA, minutes / 25) +
        0.012 * valueNoise(f.seedB, minutes / 3) +
        0.03 * valueNoise(f.seedC, dayFloat);
      let base = f.cfg.basePeakKw * (replay ? replayLoadPu : (mixPu[f.mixIdx] as number)) * noise;
      const ev = evByFeeder[i] as number;
      const pv = pvByFeeder[i] as number;
      if (f.overloadPct > 0) {
        // Solve (base + N)² + (base·tanφ)² = S² for the base load that gives the target loading.
        const sKva = (f.overloadPct / 100) * f.sRatedKva;
        const n = ev - pv;
        const a = 1 + f.tanPhi * f.tanPhi;
        base = Math.max(base, (-n + Math.sqrt(Math.max(0, n * n - a * (n * n - sKva * sKva)))) / a);
      }
      f.rawBaseKw = base;
    }
    headBase.fill(0);
    headQ.fill(0);
    for (let i = 0; i < feeders.length; i++) {
      const f = feeders[i] as FeederSim;
      const sup = flisr.sup[i] as Int32Array;
      for (let k = 0; k < sup.length; k++) {
        const j = sup[k] as number;
        if (j < 0) continue;
        const b = f.rawBaseKw * flisr.sectionShare(i, k);
        headBase[j] = (headBase[j] as number) + b;
        headQ[j] = (headQ[j] as number) + b * f.tanPhi;
      }
    }
    for (let i = 0; i < feeders.length; i++) {
      const f = feeders[i] as FeederSim;
      const base = headBase[i] as number;
      const ev = evByFeeder[i] as number;
      const pv = pvByFeeder[i] as number;
      const q = headQ[i] as number;
      const pNet = base + ev - pv;
      const loss = (f.lossK * (pNet * pNet + q * q)) / f.sRatedKva;
      f.baseKw = base;
      f.evKw = ev;
      f.pvKw = pv;
      f.lossKw = loss;
      f.pKw = pNet + loss;
      f.qKvar = q + 1.2 * loss; // line reactance a little above resistance
    }
  }

  function step(t0: number, t1: number): void {
    const dtH = (t1 - t0) / 3_600_000;
    expireScenarios(t0);
    if (t0 % 60_000 === 0 && t0 / 60_000 > lastMinute) {
      lastMinute = t0 / 60_000;
      const hour = shanghaiTime(t0).hour;
      // No random outage in the warm-up: the world starts with every feeder in normal service.
      if (randomOutages && t0 >= opts.startMs) flisr.onMinute(lastMinute, t0, hour);
      for (const st of stations) stationMinuteEvents(st, lastMinute, t0, hour, blockedIn(st));
    }
    flisr.applyDue(t0);
    if (flisr.version !== supplyVersion) supplyChanged(t0);
    for (const st of stations) stationIntegrate(st, dtH);

    for (let i = 0; i < feeders.length; i++) pPrev[i] = (feeders[i] as FeederSim).pKw;
    for (let i = 0; i < pvs.length; i++) pvPrev[i] = (pvs[i] as PvSim).pKw;
    computeInstant(t1);
    for (let i = 0; i < feeders.length; i++) {
      const f = feeders[i] as FeederSim;
      const p0 = pPrev[i] as number;
      f.eImportKwh += ((Math.max(p0, 0) + Math.max(f.pKw, 0)) / 2) * dtH;
      f.eExportKwh += ((Math.max(-p0, 0) + Math.max(-f.pKw, 0)) / 2) * dtH;
    }
    for (let i = 0; i < pvs.length; i++) {
      const s = pvs[i] as PvSim;
      s.eKwh += ((Math.max(pvPrev[i] as number, 0) + Math.max(s.pKw, 0)) / 2) * dtH;
    }
    nowMs = t1;
  }

  function advanceTo(tsMs: number): void {
    const target = Math.floor(tsMs);
    while (nowMs < target) {
      const nextMinute = Math.floor(nowMs / 60_000) * 60_000 + 60_000;
      // Switching happens at its own instant, not at the next minute: split the step there.
      const due = flisr.nextDueMs();
      step(nowMs, Math.min(target, nextMinute, due > nowMs ? due : nextMinute));
    }
    if (flisr.applyDue(nowMs) || flisr.version !== supplyVersion) supplyChanged(nowMs);
  }

  function substationFlow(i: number): SubstationSim {
    const s = subs[i] as SubstationSim;
    if (s.memoAt === instantVersion) return s;
    let p = 0;
    let q = 0;
    for (const fi of s.feederIdx) {
      p += (feeders[fi] as FeederSim).pKw;
      q += (feeders[fi] as FeederSim).qKvar;
    }
    for (const c of s.children) {
      const child = substationFlow(c.idx);
      p += child.pKw * c.share;
      q += child.qKvar * c.share;
    }
    const ratedKva = s.cfg.ratedMva * 1000;
    const s2 = (p * p + q * q) / ratedKva;
    // Transformer: no-load loss ~0.06 % of rating, load loss ~0.4 % and reactive ~6 % at rating.
    s.pKw = p + 0.0006 * ratedKva + 0.004 * s2;
    s.qKvar = q + 0.06 * s2;
    s.memoAt = instantVersion;
    return s;
  }

  // ---- scenarios

  function recomputeScenarioState(): void {
    for (const f of feeders) f.overloadPct = 0;
    for (const s of pvs) s.tripped = false;
    cloudFactor[0] = 1;
    cloudFactor[1] = 1;
    silent.clear();
    offline.clear();
    const prevFaults = new Map(chargerFaults);
    chargerFaults.clear();
    for (const sc of scenarios.values()) {
      const id = sc.deviceId ?? '';
      switch (sc.type) {
        case 'overload': {
          const f = feeders[feederIndex.get(id) as number] as FeederSim;
          f.overloadPct = Math.max(f.overloadPct, sc.loadingPct ?? 115);
          break;
        }
        case 'pv-trip':
          (pvs[pvIndex.get(id) as number] as PvSim).tripped = true;
          break;
        case 'cloud': {
          const factor = sc.factor ?? 0.3;
          for (const p of sc.province ? [PROVINCE_IDX[sc.province]] : [0, 1])
            cloudFactor[p] = Math.min(cloudFactor[p] as number, factor);
          break;
        }
        case 'silent':
          silent.add(id);
          break;
        case 'offline':
          offline.add(id);
          break;
        case 'charger-fault': {
          const cur = chargerFaults.get(id);
          if (!sc.connectorId || cur === 'all') chargerFaults.set(id, 'all');
          else chargerFaults.set(id, new Set([...(cur ?? []), sc.connectorId]));
          break;
        }
      }
    }
    // Connectors newly held faulted end their session now; ones released return to service.
    for (const st of stations) {
      const blocked = blockedIn(st);
      const wasBlocked = prevFaults.has(st.cfg.id);
      for (const c of st.connectors) {
        if (blocked(c)) {
          c.state = 'faulted';
          c.sessionKwh = 0;
        } else if (wasBlocked && c.state === 'faulted' && c.faultUntilMs === 0) {
          c.state = 'available';
        }
      }
      st.nextDueMs = nowMs; // rescan departures and repairs at the next minute
      stationIntegrate(st, 0, true);
    }
    computeInstant(nowMs);
  }

  function expireScenarios(t: number): void {
    let changed = false;
    for (const [id, sc] of scenarios) {
      if (sc.untilMs !== null && sc.untilMs <= t) {
        scenarios.delete(id);
        changed = true;
      }
    }
    if (changed) recomputeScenarioState();
  }

  function applyScenario(body: unknown): ActiveScenario {
    const req: ScenarioRequest = parseScenarioRequest(body);
    const target = SCENARIO_TARGET[req.type];
    let kind: DeviceKind | undefined;
    if (target !== 'none') {
      if (!req.deviceId) throw new ScenarioError(400, `deviceId: required for scenario "${req.type}"`);
      kind = kindById.get(req.deviceId);
      if (!kind) throw new ScenarioError(404, `unknown device "${req.deviceId}"`);
      if (target !== 'any' && !target.includes(kind))
        throw new ScenarioError(
          400,
          `deviceId: "${req.deviceId}" is a ${kind}; "${req.type}" needs a ${target.join(' or ')}`,
        );
    } else if (req.deviceId) {
      throw new ScenarioError(400, `deviceId: not used by "${req.type}" (use province)`);
    }
    if (req.connectorId) {
      if (req.type !== 'charger-fault') throw new ScenarioError(400, `connectorId: only for "charger-fault"`);
      const st = stations[stationIndex.get(req.deviceId ?? '') as number];
      if (!st?.connectors.some((c) => c.id === req.connectorId))
        throw new ScenarioError(404, `unknown connector "${req.connectorId}" on "${req.deviceId}"`);
    }
    if (req.section !== undefined && req.type !== 'fault' && req.type !== 'planned')
      throw new ScenarioError(400, `section: only for "fault" and "planned"`);
    if (req.type === 'fault' || req.type === 'planned') return applyOutage(req);
    const sc: ActiveScenario = {
      ...req,
      id: `sc-${++scenarioSeq}`,
      ...(kind ? { kind } : {}),
      startedMs: nowMs,
      untilMs: req.durationS ? nowMs + req.durationS * 1000 : null,
    };
    scenarios.set(sc.id, sc);
    recomputeScenarioState();
    return { ...sc };
  }

  /** A fault or planned outage now: it runs its course in the world (./flisr.ts) and leaves the list when over. */
  function applyOutage(req: ScenarioRequest): ActiveScenario {
    const i = feederIndex.get(req.deviceId ?? '') as number;
    const section = req.section ?? 0;
    const durationMs = req.durationS ? req.durationS * 1000 : undefined;
    let o: OutageSummary;
    try {
      o =
        req.type === 'fault'
          ? flisr.fault(i, section, nowMs, durationMs)
          : flisr.planned(i, section, nowMs, durationMs);
    } catch (e) {
      if (e instanceof FlisrError) throw new ScenarioError(/already/.test(e.message) ? 409 : 400, e.message);
      throw e;
    }
    supplyChanged(nowMs);
    const sc: ActiveScenario = {
      ...req,
      section,
      id: `sc-${++scenarioSeq}`,
      kind: 'feeder',
      startedMs: nowMs,
      untilMs: o.endMs,
    };
    outageScenarios.set(sc.id, sc);
    return { ...sc };
  }
  const outageScenarios = new Map<string, ActiveScenario>();
  const liveOutageScenarios = () => {
    for (const [id, sc] of outageScenarios)
      if (!flisr.outages().some((o) => o.feederId === sc.deviceId && o.startMs === sc.startedMs))
        outageScenarios.delete(id);
    return [...outageScenarios.values()];
  };
  const endOutageScenario = (sc: ActiveScenario) => {
    outageScenarios.delete(sc.id);
    if (flisr.endNow(feederIndex.get(sc.deviceId ?? '') as number, nowMs)) supplyChanged(nowMs);
  };

  // ---- accessors

  const feederSim = (id: string): FeederSim => {
    const i = feederIndex.get(id);
    if (i === undefined) throw new Error(`unknown feeder "${id}"`);
    return feeders[i] as FeederSim;
  };

  const tsInt = () => Math.floor(nowMs);

  const world: World = {
    get nowMs() {
      return nowMs;
    },
    config,
    seed,
    advanceTo,
    feeder(id) {
      const f = feederSim(id);
      const sec = nowMs / 1000;
      const uKv =
        f.sendKv * (1 - (0.035 * f.pKw + 0.02 * f.qKvar) / f.sRatedKva) + 0.012 * valueNoise(f.seedB ^ 0x77, sec / 20);
      const sKva = Math.hypot(f.pKw, f.qKvar);
      const switching = flisr.switching(feederIndex.get(id) as number);
      return {
        ts: tsInt(),
        pKw: r1(f.pKw),
        qKvar: r1(f.qKvar),
        iA: r1(sKva / (SQRT3 * uKv)),
        uKv: r3(uKv),
        eImportKwh: r3(f.eImportKwh),
        eExportKwh: r3(f.eExportKwh),
        ...(switching ? { switching } : {}),
      };
    },
    feederParts(id) {
      const f = feederSim(id);
      return { baseKw: f.baseKw, evKw: f.evKw, pvKw: f.pvKw, lossKw: f.lossKw, pKw: f.pKw, qKvar: f.qKvar };
    },
    substation(id) {
      const i = subIndex.get(id);
      if (i === undefined) throw new Error(`unknown substation "${id}"`);
      const s = substationFlow(i);
      const sec = nowMs / 1000;
      const loading = Math.hypot(s.pKw, s.qKvar) / (s.cfg.ratedMva * 1000);
      const uKv = s.cfg.voltageKv * (1.04 - 0.02 * loading + 0.002 * valueNoise(s.seed, sec / 30));
      const fHz =
        50 +
        0.008 * valueNoise(freqSeed, sec / 30) +
        0.003 * valueNoise(freqSeed ^ 0x3c3c, sec / 4) +
        0.0005 * valueNoise(s.seed ^ 0x55, sec);
      return { ts: tsInt(), pKw: r1(s.pKw), qKvar: r1(s.qKvar), uKv: r3(uKv), fHz: Math.round(fHz * 10_000) / 10_000 };
    },
    pv(id) {
      const i = pvIndex.get(id);
      if (i === undefined) throw new Error(`unknown PV site "${id}"`);
      const s = pvs[i] as PvSim;
      return { ts: tsInt(), pKw: r1(s.pKw), eKwh: r3(s.eKwh), state: s.state };
    },
    charger(id) {
      const i = stationIndex.get(id);
      if (i === undefined) throw new Error(`unknown charging station "${id}"`);
      const st = stations[i] as StationSim;
      return {
        ts: tsInt(),
        pKw: r1(st.pKw),
        eKwh: r3(st.eKwh),
        sessionsTotal: st.sessionsTotal,
        // No supply to the station: every connector that is not faulted is unavailable (OCPP "Unavailable"), a
        // plugged-in vehicle waiting at 0 kW rather than "charging"; it resumes when the section is back.
        connectors: st.connectors.map((c) => ({
          id: c.id,
          state: st.unpowered && c.state !== 'faulted' ? 'unavailable' : c.state,
          pKw: r1(c.pKw),
          sessionKwh: r3(Math.min(c.sessionKwh, 500)),
        })),
      };
    },
    devices: () => devices,
    deviceKind: (id) => kindById.get(id),
    applyScenario,
    clearScenario(id) {
      const outage = liveOutageScenarios().find((s) => s.id === id);
      if (outage) {
        endOutageScenario(outage);
        return true;
      }
      const had = scenarios.delete(id);
      if (had) recomputeScenarioState();
      return had;
    },
    clearScenarios() {
      const outages = liveOutageScenarios();
      for (const sc of outages) endOutageScenario(sc);
      const n = scenarios.size;
      scenarios.clear();
      if (n) recomputeScenarioState();
      return n + outages.length;
    },
    listScenarios: () => [...scenarios.values(), ...liveOutageScenarios()].map((s) => ({ ...s })),
    drainFeederEvents: () => flisr.drainEvents(),
    outages: () => flisr.outages(),
    isSilent: (id) => silent.has(id),
    isOffline: (id) => offline.has(id),
  };

  // Warm up so the start is a settled world (chargers occupied, counters moving), then set the registers to plausible
  // years-in-service readings: a fresh register reading 0 would look like a replaced meter.
  computeInstant(nowMs);
  advanceTo(opts.startMs);
  const reg = createRng(seedFrom(seed, 'registers'));
  for (const f of feeders) {
    const years = randomBetween(reg, 1.5, 4);
    f.eImportKwh = Math.round(f.cfg.basePeakKw * 0.55 * 8760 * years);
    const pvKwp = pvs.filter((s) => s.feederIdx === feederIndex.get(f.cfg.id)).reduce((a, s) => a + s.cfg.kWp, 0);
    f.eExportKwh = Math.round(pvKwp * 15 * years);
  }
  for (const s of pvs) s.eKwh = Math.round(s.cfg.kWp * 950 * randomBetween(reg, 0.5, 3));
  for (const st of stations) {
    const years = randomBetween(reg, 0.5, 3);
    st.eKwh = Math.round(st.connectors.length * 2500 * years);
    st.sessionsTotal = Math.round(st.connectors.length * 220 * years);
  }
  return world;
}
