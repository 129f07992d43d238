/**
 * The browser's copy of the live core (src/core/contract/live-core.ts): the figures, feeder and connector states and
 * masked alarms that the live service computes once on the server. The public screens (wall, overview) draw these and
 * never see a raw device message.
 *
 * - Every message arrives judged by the worker that holds the MQTT client (live-documents.ts: bounded, parsed and
 *   checked with the contract's zod schema there); a refused one is counted by reason and never drawn.
 * - The latest message per topic is kept; the snapshot is immutable and replaced at most every `commitMs` (≤ 10/s).
 * - The live service's own health: 'offline' when its status says so (its Last Will), 'stale' when its figures are
 *   older than 3 × its publish interval (by arrival and by data time), so screens grey its figures with their age and
 *   keep the last good values.
 * - The area's power figures are accumulated in a bounded ring, the live part of the wall's and overview's curves.
 */
import type { DataClock } from '../../core/contract/data-clock';
import type {
  LiveFigures,
  LiveStatus,
  PublicAlarms,
  StationsLive,
  SubstationLive,
} from '../../core/contract/live-core';
import {
  DEFAULT_LIVE_PUBLISH_INTERVAL_MS,
  LIVE_ROOT,
  LIVE_SILENT_AFTER_INTERVALS,
  type LiveScope,
  PUBLIC_LIVE_FILTERS,
  PUBLIC_RELIABILITY_FILTERS,
} from '../../core/contract/live-core-terms';
import { type Province, SIM_CLOCK_TOPIC } from '../../core/contract/topics';
import type { LiveDocumentSource, LiveJudgement } from './live-documents';
import { LIVE_REJECT_REASONS, type LiveRejectReason } from './live-payload';
import { MinuteRollup, TimeSeriesRing } from './ring-buffer';

export type LiveHealthState = 'waiting' | 'live' | 'stale' | 'offline';

export interface LiveHealth {
  state: LiveHealthState;
  /** Data time of the last good area figures (what a greyed figure says its age from); null before any. */
  lastFiguresMs: number | null;
}

/** The live figures stopped (their service silent or offline, or the link to it lost): what is shown is as of then. */
export const liveFiguresStopped = (health: Pick<LiveHealth, 'state'>): boolean =>
  health.state === 'stale' || health.state === 'offline';

export const AREA_SAMPLE_METRICS = ['consumptionKw', 'gridImportKw', 'pvKw', 'evKw'] as const;
export type AreaSampleMetric = (typeof AREA_SAMPLE_METRICS)[number];

/** Read-only view of the area's accumulated live samples (one per figures message, data time). */
export interface LiveSamples {
  /** Points of one metric in [fromMs, ∞). */
  area(metric: AreaSampleMetric, fromMs: number): [number, number][];
  /** 1-minute means of one metric from fromMs (the granularity of the history's day curves). */
  minutes(metric: AreaSampleMetric, fromMs: number): [number, number][];
  /** Data time of the newest sample (NaN when none). */
  readonly lastTs: number;
}

export interface LiveCoreDiagnostics {
  accepted: number;
  rejected: Record<LiveRejectReason, number>;
  rejectedTotal: number;
  lastRejected: { topic: string; reason: LiveRejectReason; detail: string; atMs: number } | null;
}

export interface LiveCoreSnapshot {
  /** Data clock at the commit (the world's clock when the feeds run sped up). */
  nowMs: number;
  status: LiveStatus | null;
  figures: Readonly<Partial<Record<LiveScope, LiveFigures>>>;
  substations: ReadonlyMap<string, SubstationLive>;
  stations: Readonly<Partial<Record<Province, StationsLive>>>;
  /** Masked alarms from the live service; null until (or unless) it publishes them. */
  alarms: PublicAlarms | null;
  health: LiveHealth;
  samples: LiveSamples;
  diagnostics: LiveCoreDiagnostics;
}

/** Where the live core's judged documents come from (the relay connection, the ingest worker, a test's source). */
export type LiveCoreSource = LiveDocumentSource;

export interface LiveCoreStoreOptions {
  /** Minimum time between two snapshots, ms (default 100: at most 10 a second). */
  commitMs?: number;
  /** Raw samples kept per metric (default 3,600); minute means are kept for two days besides. */
  sampleCapacity?: number;
  wallNowMs?: () => number;
  /** Timers, injectable for tests. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** The wall's live topics but the reliability ones, which live-reliability-store.ts owns. */
export const LIVE_CORE_FILTERS: readonly string[] = PUBLIC_LIVE_FILTERS.filter(
  (f) => !(PUBLIC_RELIABILITY_FILTERS as readonly string[]).includes(f),
);

/** Raw samples (one per figures message) for the last hour of a 1 s stream; minutes for two days. */
export const SAMPLE_CAPACITY = 3_600;
export const MINUTES_KEPT = 2 * 24 * 60;
const HEALTH_CHECK_MS = 500;

class RingSamples implements LiveSamples {
  private readonly raw: Record<AreaSampleMetric, TimeSeriesRing>;
  private readonly rollups: Record<AreaSampleMetric, MinuteRollup>;

  constructor(rawCapacity: number) {
    this.raw = Object.fromEntries(AREA_SAMPLE_METRICS.map((m) => [m, new TimeSeriesRing(rawCapacity)])) as Record<
      AreaSampleMetric,
      TimeSeriesRing
    >;
    this.rollups = Object.fromEntries(AREA_SAMPLE_METRICS.map((m) => [m, new MinuteRollup(MINUTES_KEPT)])) as Record<
      AreaSampleMetric,
      MinuteRollup
    >;
  }

  get lastTs(): number {
    return this.raw.consumptionKw.lastTs();
  }

  push(f: LiveFigures): void {
    // Nothing behind it: not a sample of the area (a gap, not a zero).
    if (f.status === 'no-data') return;
    if (this.raw.consumptionKw.length > 0 && f.ts <= this.raw.consumptionKw.lastTs()) return;
    for (const m of AREA_SAMPLE_METRICS) {
      this.raw[m].push(f.ts, f.power[m]);
      this.rollups[m].add(f.ts, f.power[m]);
    }
  }

  area(metric: AreaSampleMetric, fromMs: number): [number, number][] {
    return this.raw[metric].toPairs(fromMs);
  }

  minutes(metric: AreaSampleMetric, fromMs: number): [number, number][] {
    return this.rollups[metric].mean.toPairs(fromMs);
  }
}

export class LiveCoreStore {
  private readonly listeners = new Set<() => void>();
  private readonly wallNowMs: () => number;
  private readonly commitMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private status: LiveStatus | null = null;
  private figures: Partial<Record<LiveScope, LiveFigures>> = {};
  /**
   * Written in place per message; the snapshot gets a copy only when a commit finds it changed. A copy per message
   * (a region's 4,000 substation documents a cycle, each copying all 4,000) was the wall's largest cost at 100,000
   * devices.
   */
  private readonly substations = new Map<string, SubstationLive>();
  private substationsView: ReadonlyMap<string, SubstationLive> = new Map();
  private substationsChanged = false;
  private stations: Partial<Record<Province, StationsLive>> = {};
  private alarms: PublicAlarms | null = null;
  private readonly samples: RingSamples;
  private diag: LiveCoreDiagnostics = {
    accepted: 0,
    rejected: Object.fromEntries(LIVE_REJECT_REASONS.map((r) => [r, 0])) as Record<LiveRejectReason, number>,
    rejectedTotal: 0,
    lastRejected: null,
  };
  /** Wall time the last area figures arrived. */
  private figuresArrivedAtMs: number | null = null;
  private snapshot: LiveCoreSnapshot;
  private pending: unknown = null;
  private lastCommitAtMs = Number.NEGATIVE_INFINITY;
  private healthTimer: unknown = null;
  private dirty = false;

  constructor(
    private readonly clock: DataClock,
    opts: LiveCoreStoreOptions = {},
  ) {
    this.wallNowMs = opts.wallNowMs ?? Date.now;
    this.commitMs = opts.commitMs ?? 100;
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.samples = new RingSamples(opts.sampleCapacity ?? SAMPLE_CAPACITY);
    this.snapshot = this.build();
  }

  /** Subscribes to the public live topics and the simulation clock; returns a function that stops everything. */
  start(source: LiveCoreSource): () => void {
    const unsubs = [
      source.subscribe(SIM_CLOCK_TOPIC, this.handle),
      ...LIVE_CORE_FILTERS.map((f) => source.subscribe(f, this.handle)),
    ];
    const tick = () => {
      this.healthTimer = this.setTimer(tick, HEALTH_CHECK_MS);
      // Silence produces no message: the health is re-judged on a timer, and a change is a new snapshot.
      if (this.health().state !== this.snapshot.health.state) this.commitNow();
    };
    this.healthTimer = this.setTimer(tick, HEALTH_CHECK_MS);
    return () => {
      for (const u of unsubs) u();
      if (this.healthTimer !== null) this.clearTimer(this.healthTimer);
      if (this.pending !== null) this.clearTimer(this.pending);
      this.healthTimer = null;
      this.pending = null;
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveCoreSnapshot => this.snapshot;

  /** One judged message of the live core (or the simulation clock). */
  handle = (topic: string, judged: LiveJudgement): void => {
    this.apply(topic, judged);
    this.requestCommit();
  };

  /** Applies and publishes a snapshot now (tests). */
  commitNow(): void {
    if (this.pending !== null) {
      this.clearTimer(this.pending);
      this.pending = null;
    }
    this.dirty = false;
    this.lastCommitAtMs = this.wallNowMs();
    this.snapshot = this.build();
    for (const l of this.listeners) l();
  }

  private requestCommit(): void {
    this.dirty = true;
    if (this.pending !== null) return;
    const wait = Math.max(0, this.commitMs - (this.wallNowMs() - this.lastCommitAtMs));
    this.pending = this.setTimer(() => {
      this.pending = null;
      if (this.dirty) this.commitNow();
    }, wait);
  }

  private reject(topic: string, reason: LiveRejectReason, detail: string): false {
    const rejected = { ...this.diag.rejected, [reason]: this.diag.rejected[reason] + 1 };
    this.diag = {
      ...this.diag,
      rejected,
      rejectedTotal: this.diag.rejectedTotal + 1,
      lastRejected: { topic: topic.slice(0, 300), reason, detail: detail.slice(0, 300), atMs: this.wallNowMs() },
    };
    return false;
  }

  /** True when the message was taken (false: rejected). */
  private apply(topic: string, judged: LiveJudgement): boolean {
    if (!judged.ok) return this.reject(topic, judged.reason, judged.detail);
    const { doc } = judged;
    switch (doc.kind) {
      case 'cleared':
        // An empty retained message clears a topic (a removed substation): forget it.
        if (topic.startsWith(`${LIVE_ROOT}/substations/`)) {
          this.substations.delete(topic.slice(LIVE_ROOT.length + 13));
          this.substationsChanged = true;
        }
        return true;
      case 'sim-clock':
        this.clock.setSimClock(doc.data);
        return true;
      case 'status':
        this.status = doc.data;
        break;
      case 'alarms-public':
        this.alarms = doc.data;
        break;
      case 'figures':
        this.figures = { ...this.figures, [doc.scope]: doc.data };
        if (doc.scope === 'area') {
          this.figuresArrivedAtMs = this.wallNowMs();
          this.samples.push(doc.data);
        }
        break;
      case 'substation':
        this.substations.set(doc.substationId, doc.data);
        this.substationsChanged = true;
        break;
      case 'stations':
        this.stations = { ...this.stations, [doc.province]: doc.data };
        break;
      default:
        // Another store's document (the dispatchers' alarms, reliability): not a topic of the live core's.
        return this.reject(topic, 'bad-topic', topic);
    }
    this.diag = { ...this.diag, accepted: this.diag.accepted + 1 };
    return true;
  }

  private health(): LiveHealth {
    const area = this.figures.area ?? null;
    const lastFiguresMs = area?.ts ?? null;
    if (this.status?.state === 'offline') return { state: 'offline', lastFiguresMs };
    if (!area || this.figuresArrivedAtMs === null) return { state: 'waiting', lastFiguresMs };
    // Figures older than LIVE_SILENT_AFTER_INTERVALS publish intervals: the live service is treated as silent.
    const intervalMs = this.status?.publishIntervalMs ?? DEFAULT_LIVE_PUBLISH_INTERVAL_MS;
    const limitMs = LIVE_SILENT_AFTER_INTERVALS * intervalMs;
    // By arrival (the stream stopped) and by data time (a retained message left by a service that is gone).
    const arrivedAgoMs = this.wallNowMs() - this.figuresArrivedAtMs;
    const dataAgeMs = this.clock.now() - area.ts;
    const stale = arrivedAgoMs > limitMs || dataAgeMs > limitMs * Math.max(1, this.clock.speed);
    return { state: stale ? 'stale' : 'live', lastFiguresMs };
  }

  private build(): LiveCoreSnapshot {
    if (this.substationsChanged) {
      this.substationsView = new Map(this.substations);
      this.substationsChanged = false;
    }
    return {
      nowMs: this.clock.now(),
      status: this.status,
      figures: this.figures,
      substations: this.substationsView,
      stations: this.stations,
      alarms: this.alarms,
      health: this.health(),
      samples: this.samples,
      diagnostics: this.diag,
    };
  }
}
