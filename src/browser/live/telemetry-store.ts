/**
 * The browser's telemetry store: one reducer (`apply`) fed only by validated messages, bounded series per device and
 * per area metric, today's energies from cumulative counters, and an immutable snapshot that changes at most once per
 * flush (the ingest flushes at most once per animation frame). Views read the snapshot through useTelemetry().
 */

import { configuredDevicesOf, type HeardDevice, unheardDevice } from '../../core/config/area-devices';
import type { AreaConfig } from '../../core/config/area-schema';
import type { Judged } from '../../core/contract/edge-judge';
import type { SubstationLive } from '../../core/contract/live-core';
import type {
  ChargerTelemetry,
  DeviceStatus,
  FeederTelemetry,
  PvTelemetry,
  SubstationTelemetry,
  TelemetryByKind,
} from '../../core/contract/payloads';
import { REJECT_REASONS } from '../../core/contract/reject-reasons';
import type { DeviceKind, Province } from '../../core/contract/topics';
import type { RejectReason } from '../../core/contract/validate';
import { type DayRegister, dayRegisterCount, stepDayRegister } from '../../core/domain/counters';
import { type DevicePower, type PowerBalance, powerBalance } from '../../core/domain/energy-balance';
import { SCOPES, type Scope } from '../../core/domain/scope';
import type { IngestBatch } from './ingest-batch';
import { MinuteRollup, TimeSeriesRing } from './ring-buffer';

export type Freshness = 'live' | 'stale' | 'offline' | 'no-data';

/** A device as the screens read it (HeardDevice, typed by its kind) with its freshness. */
export interface DeviceView<K extends DeviceKind = DeviceKind> extends Omit<HeardDevice, 'kind' | 'latest'> {
  kind: K;
  /** Latest accepted telemetry, or null before the first message. */
  latest: TelemetryByKind[K] | null;
  /** From `lastTs` and `intervalMs` (stale after `staleAfterMissedIntervals` intervals). */
  freshness: Freshness;
  /**
   * A feeder's value from the live service's per-substation snapshot (seedFromSubstation), present only while it is
   * newer than the device's own reading: P and loading, not the rest of the reading. `lastTs` and `freshness` above
   * then count from it.
   */
  seeded?: FeederSeed | null;
}

/** What a substation snapshot (live-core.ts SubstationLive) says of one feeder. */
export interface FeederSeed {
  pKw: number;
  loadingPct: number | null;
  /** Device time of the reading the live service computed it from. */
  lastTs: number;
}

export type BalanceScope = Scope;
export type { PowerBalance };

export interface TodayEnergy {
  eImportKwh: number;
  ePvKwh: number;
  eEvKwh: number;
  /** Earliest device sample of today this figure counts from (counters before it are unknown to the page). */
  observedSinceMs: number | null;
}

export interface RejectedRecord {
  topic: string;
  reason: RejectReason;
  detail: string;
  atMs: number;
}

export interface Diagnostics {
  accepted: number;
  rejected: Record<RejectReason, number>;
  rejectedTotal: number;
  lastRejected: RejectedRecord | null;
  recentRejected: readonly RejectedRecord[];
  /** Dropped because not newer than the device's latest (a retransmission or a late message): not errors. */
  duplicates: number;
  lastMessageAtMs: number | null;
  messagesPerSecond: number;
  /**
   * How far behind the data clock the stream is arriving, ms: the age of the newest reading received since the last
   * snapshot (0 when nothing arrived). Seconds while a backlog drains (a page opened on 10,000 retained readings, a
   * link catching up); staleness allows for it.
   */
  streamLagMs: number;
}

/**
 * The store's series, read through the snapshot so views have one way in. Read-only accessors over the store's bounded
 * rings: area series as of the latest commit, device series as of the latest message. The object is replaced exactly
 * when the area series gain a sample (areaVersion changes with it), so it can key a chart's memo.
 */
export interface SeriesReader {
  /** Changes when the area series gain a sample (every 5 s of data time): key chart memos on it, not on snapshots. */
  readonly areaVersion: number;
  /** Area or province metric sampled every 5 s (last 2 h), oldest first. */
  area(scope: BalanceScope, metric: AreaMetric, sinceMs?: number): [number, number][];
  /** Area or province metric as 1-minute means (last ~25 h). */
  areaMinutes(scope: BalanceScope, metric: AreaMetric, sinceMs?: number): [number, number][];
  /** Raw P series of a device (last ~15 min), oldest first. */
  device(id: string, sinceMs?: number): [number, number][];
  /** 1-minute mean P of a device (last 2 h). */
  deviceMinutes(id: string, sinceMs?: number): [number, number][];
}

export interface TelemetrySnapshot {
  version: number;
  nowMs: number;
  dayStartMs: number;
  devices: ReadonlyMap<string, DeviceView>;
  balance: Record<BalanceScope, PowerBalance>;
  today: Record<BalanceScope, TodayEnergy>;
  diagnostics: Diagnostics;
  series: SeriesReader;
}

export type AreaMetric = 'gridImportKw' | 'pvKw' | 'evKw' | 'consumptionKw';
const AREA_METRICS: AreaMetric[] = ['gridImportKw', 'pvKw', 'evKw', 'consumptionKw'];

/** Sizes chosen so 10,000 devices stay within tens of MB: per-device series are short, area series long. */
export const SERIES_LIMITS = {
  deviceRawPoints: 180, // 15 min at 5 s
  deviceMinutes: 120, // 2 h of 1-minute rollups (sparklines); longer curves come from the history service
  areaRawPoints: 1440, // 2 h at 5 s
  areaMinutes: 1500, // a day and a bit of 1-minute rollups
  areaSampleMs: 5_000,
  recentRejected: 20,
  minFeederCoverage: 0.8,
};

interface DeviceRecord extends HeardDevice {
  pSeries: TimeSeriesRing;
  pMinutes: MinuteRollup;
  counters: Map<string, DayRegister>;
  /** Newer than `lastTs` or null: see DeviceView.seeded. */
  seed: FeederSeed | null;
  view: DeviceView | null;
}

export interface StoreOptions {
  /** Local day start for a timestamp (Asia/Shanghai). Injected so the store has no time-zone logic of its own. */
  dayStartMs: (tsMs: number) => number;
  /**
   * Where the area series take their samples when the store holds only some of the area's devices (a region's
   * dispatcher, browser/live/subscription-scope.ts): the live core's figures per scope, null while it has none. Absent:
   * the store's own balance, when enough feeders report.
   */
  areaPower?: () => Record<BalanceScope, Record<AreaMetric, number>> | null;
}

/** Stream lag below this is ordinary transport and batching delay; above it, staleness waits for the backlog. */
const STREAM_LAG_TOLERANCE_MS = 1_000;

export class TelemetryStore {
  private readonly devices = new Map<string, DeviceRecord>();
  private readonly feederSubstation = new Map<string, string>();
  private readonly staleAfter: number;
  private readonly areaSeries = new Map<string, TimeSeriesRing>();
  private readonly areaMinutes = new Map<string, MinuteRollup>();
  private lastAreaSampleMs = Number.NEGATIVE_INFINITY;
  /** Replaced only when the area series gain a sample, so views can key memos on snapshot.series itself. */
  private series: SeriesReader;
  private snapshot: TelemetrySnapshot;
  private readonly listeners = new Set<() => void>();
  private dirty = true;
  /** Newest device timestamp among readings applied since the last snapshot (see Diagnostics.streamLagMs). */
  private newestTsSinceCommit = Number.NEGATIVE_INFINITY;
  private streamLagMs = 0;
  private readonly diag = {
    accepted: 0,
    rejected: Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<RejectReason, number>,
    rejectedTotal: 0,
    lastRejected: null as RejectedRecord | null,
    recent: [] as RejectedRecord[],
    duplicates: 0,
    lastMessageAtMs: null as number | null,
    rateBucketStartMs: 0,
    rateBucketCount: 0,
    lastRatePerS: 0,
  };

  /** The devices the store holds: the area's, or a region dispatcher's selection of it (rescope). */
  config: AreaConfig;

  constructor(
    config: AreaConfig,
    private readonly opts: StoreOptions,
  ) {
    this.config = config;
    this.staleAfter = config.thresholds.staleAfterMissedIntervals;
    this.addDevices(config);
    for (const scope of SCOPES)
      for (const m of AREA_METRICS) {
        this.areaSeries.set(`${scope}:${m}`, new TimeSeriesRing(SERIES_LIMITS.areaRawPoints));
        this.areaMinutes.set(`${scope}:${m}`, new MinuteRollup(SERIES_LIMITS.areaMinutes));
      }
    this.series = this.seriesReader();
    this.snapshot = this.buildSnapshot(0);
  }

  /**
   * A region dispatcher's new selection (subscription-scope.ts): `config` says which devices are shown from now on.
   * The devices held before stay, readings and all, so a substation selected again shows its last values at once and
   * no reading is taken twice; the area series and the diagnostics go on.
   */
  rescope(config: AreaConfig): void {
    this.config = config;
    this.addDevices(config);
    this.dirty = true;
  }

  private addDevices(config: AreaConfig): void {
    for (const device of configuredDevicesOf(config)) {
      if (this.devices.has(device.id)) continue;
      this.devices.set(device.id, {
        ...unheardDevice(device),
        pSeries: new TimeSeriesRing(SERIES_LIMITS.deviceRawPoints),
        pMinutes: new MinuteRollup(SERIES_LIMITS.deviceMinutes),
        counters: new Map(),
        seed: null,
        view: null,
      });
    }
    for (const f of config.feeders) this.feederSubstation.set(f.id, f.substationId);
  }

  /** True when the id is a configured device of that kind and province (else the message is 'unknown-device'). */
  knows(kind: DeviceKind, province: Province, id: string): boolean {
    const d = this.devices.get(id);
    return d !== undefined && d.kind === kind && d.province === province;
  }

  applyTelemetry(
    kind: DeviceKind,
    id: string,
    data: TelemetryByKind[DeviceKind],
    receivedAtMs: number,
    /** The edge judge took the registers as a new baseline (counters.ts CounterStepOptions.rebase). */
    rebase = false,
  ): void {
    const d = this.devices.get(id);
    if (!d) return;
    this.noteMessage(receivedAtMs);
    if (d.lastTs !== null && data.ts <= d.lastTs) {
      this.diag.duplicates++;
      this.dirty = true;
      return;
    }
    this.diag.accepted++;
    if (data.ts > this.newestTsSinceCommit) this.newestTsSinceCommit = data.ts;
    d.latest = data;
    d.lastTs = data.ts;
    // The device's own reading wins over a snapshot of the same or an older reading.
    if (d.seed && d.seed.lastTs <= data.ts) d.seed = null;
    d.pSeries.push(data.ts, data.pKw);
    d.pMinutes.add(data.ts, data.pKw);
    switch (kind) {
      case 'feeder': {
        const f = data as FeederTelemetry;
        this.count(d, 'eImportKwh', f.eImportKwh, f.ts, rebase);
        this.count(d, 'eExportKwh', f.eExportKwh, f.ts, rebase);
        break;
      }
      case 'pv':
        this.count(d, 'eKwh', (data as PvTelemetry).eKwh, data.ts, rebase);
        break;
      case 'charger':
        this.count(d, 'eKwh', (data as ChargerTelemetry).eKwh, data.ts, rebase);
        break;
      default:
        break;
    }
    d.view = null;
    this.dirty = true;
  }

  applyStatus(id: string, status: DeviceStatus, receivedAtMs: number): void {
    const d = this.devices.get(id);
    if (!d) return;
    this.noteMessage(receivedAtMs);
    this.diag.accepted++;
    // Presence follows arrival order, not timestamps: the broker delivers a topic's messages in order, and a Last
    // Will carries the timestamp of the session's start (MQTT 3.1.1 cannot update it), so it is always "older" than
    // the online status it overrides. Telemetry never changes presence: a reconnecting device announces itself
    // online before it publishes again.
    d.presence = status.state;
    d.view = null;
    this.dirty = true;
  }

  /**
   * Seeds feeders from the live service's retained snapshot of their substation (gaozhu/v1/live/substations/<id>, checked
   * with substationLiveSchema by the caller): a console opened when device telemetry is not retained
   * (DEVICE_TELEMETRY_RETAIN=false) shows every feeder's last P and loading at once instead of blanks until each
   * device's next reading. A feeder's seed is taken only when newer than what the store has (by device time), so a
   * later raw reading wins over it, and a snapshot never overrides a newer reading. Missing feeders (no value) and
   * feeders of another substation are skipped. Returns the number of feeders seeded.
   */
  seedFromSubstation(snapshot: SubstationLive): number {
    let seeded = 0;
    for (const f of snapshot.feeders) {
      if (f.pKw === null || f.lastTs === null) continue;
      const d = this.devices.get(f.id);
      if (d?.kind !== 'feeder' || this.feederSubstation.get(f.id) !== snapshot.substationId) continue;
      if (d.lastTs !== null && f.lastTs <= d.lastTs) continue;
      if (d.seed && f.lastTs <= d.seed.lastTs) continue;
      d.seed = { pKw: f.pKw, loadingPct: f.loadingPct, lastTs: f.lastTs };
      d.view = null;
      seeded++;
    }
    if (seeded) this.dirty = true;
    return seeded;
  }

  /** Applies one judged message (see edge-judge.ts); the simulation clock is the caller's business. */
  applyJudged(j: Judged): void {
    switch (j.type) {
      case 'telemetry':
        this.applyTelemetry(j.kind, j.deviceId, j.data, j.atMs, j.suspect?.reason === 'counter-rebased');
        break;
      case 'status':
        this.applyStatus(j.deviceId, j.data, j.atMs);
        break;
      case 'rejected':
        this.recordRejection(j.topic, j.reason, j.detail, j.atMs);
        break;
      default:
        break;
    }
  }

  /**
   * Applies one batch of the ingest worker (ingest-batch.ts): its readings and statuses as applyJudged would, and
   * what it coalesced or dropped counted as if each message had been applied (accepted, duplicates, rejections).
   */
  applyBatch(b: IngestBatch): void {
    for (const r of b.readings) this.applyTelemetry(r.kind, r.deviceId, r.data, r.atMs, r.rebase);
    for (const s of b.statuses) this.applyStatus(s.deviceId, s.data, s.atMs);
    const listed = new Map<RejectReason, number>();
    for (const r of b.recentRejected) listed.set(r.reason, (listed.get(r.reason) ?? 0) + 1);
    // Rejections beyond the listed ones: counted by reason, without a record each.
    let unlisted = 0;
    for (const reason of REJECT_REASONS) {
      const n = (b.rejectedByReason[reason] ?? 0) - (listed.get(reason) ?? 0);
      if (n <= 0) continue;
      this.diag.rejected[reason] += n;
      this.diag.rejectedTotal += n;
      unlisted += n;
    }
    for (const r of b.recentRejected) this.recordRejection(r.topic, r.reason, r.detail, r.atMs);
    this.diag.accepted += b.superseded;
    this.diag.duplicates += b.duplicates;
    const notApplied = b.superseded + b.duplicates + unlisted;
    if (notApplied > 0) {
      this.noteMessage(b.lastAtMs, notApplied);
      this.dirty = true;
    }
    // The batch's last arrival, whichever of its messages it was.
    if (this.diag.lastMessageAtMs !== null) this.diag.lastMessageAtMs = Math.max(this.diag.lastMessageAtMs, b.lastAtMs);
  }

  recordRejection(topic: string, reason: RejectReason, detail: string, atMs: number): void {
    this.noteMessage(atMs);
    const rec: RejectedRecord = { topic: topic.slice(0, 200), reason, detail: detail.slice(0, 200), atMs };
    this.diag.rejected[reason]++;
    this.diag.rejectedTotal++;
    this.diag.lastRejected = rec;
    this.diag.recent.push(rec);
    if (this.diag.recent.length > SERIES_LIMITS.recentRejected) this.diag.recent.shift();
    this.dirty = true;
  }

  /**
   * Publishes a new snapshot if anything changed or freshness may have changed. Called by the ingest once per frame
   * (and on a slow timer when no messages arrive, so devices go stale on screen even in silence).
   */
  commit(nowMs: number): void {
    const dayStart = this.opts.dayStartMs(nowMs);
    const freshnessMayChange = nowMs - this.snapshot.nowMs >= 1000;
    if (!this.dirty && !freshnessMayChange && dayStart === this.snapshot.dayStartMs) return;
    this.dirty = false;
    // Readings arriving late as a whole (a backlog draining) must not make their devices look silent; when nothing
    // arrives at all (feeds or broker gone) there is no allowance and devices go stale on time.
    this.streamLagMs =
      this.newestTsSinceCommit === Number.NEGATIVE_INFINITY ? 0 : Math.max(0, nowMs - this.newestTsSinceCommit);
    this.newestTsSinceCommit = Number.NEGATIVE_INFINITY;
    this.snapshot = this.buildSnapshot(nowMs);
    if (this.sampleAreaSeries(nowMs, this.snapshot.balance)) {
      this.series = this.seriesReader();
      this.snapshot = { ...this.snapshot, series: this.series };
    }
    for (const l of this.listeners) l();
  }

  getSnapshot = (): TelemetrySnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private noteMessage(atMs: number, count = 1): void {
    this.diag.lastMessageAtMs = atMs;
    // Message rate by whole-second buckets: O(1) per message, whatever the flood.
    const d = this.diag;
    if (atMs - d.rateBucketStartMs >= 1000) {
      d.lastRatePerS = atMs - d.rateBucketStartMs < 2000 ? d.rateBucketCount : 0;
      d.rateBucketStartMs = atMs;
      d.rateBucketCount = 0;
    }
    d.rateBucketCount += count;
  }

  private count(d: DeviceRecord, register: string, valueKwh: number, ts: number, rebase: boolean): void {
    const reg = stepDayRegister(d.counters.get(register), valueKwh, ts, this.opts.dayStartMs(ts), { rebase });
    d.counters.set(register, reg);
  }

  private todayKwh(d: DeviceRecord, register: string, dayStart: number): number | null {
    return dayRegisterCount(d.counters.get(register), dayStart);
  }

  private freshnessOf(d: DeviceRecord, nowMs: number): Freshness {
    if (d.presence === 'offline') return 'offline';
    const lastTs = d.seed?.lastTs ?? d.lastTs;
    if (lastTs === null) return 'no-data';
    // Stale after `staleAfter` missed intervals, counted from where the stream is (see commit), not from the clock.
    const allowanceMs = this.streamLagMs > STREAM_LAG_TOLERANCE_MS ? this.streamLagMs : 0;
    return nowMs - lastTs > d.intervalMs * this.staleAfter + allowanceMs ? 'stale' : 'live';
  }

  /** Area series: one sample per 5 s of data time, from the balance just committed. True when a sample was taken. */
  private sampleAreaSeries(nowMs: number, balance: Record<BalanceScope, PowerBalance>): boolean {
    const feeders = balance.area.coverage.feeders;
    // A sum over a few reporting feeders is not the area's load: curves only take samples when most feeders report
    // (the first seconds after a page load, or a mass outage, leave a gap rather than a misleading dip).
    const enoughCoverage = feeders.reporting >= feeders.configured * SERIES_LIMITS.minFeederCoverage;
    const source = this.opts.areaPower ? this.opts.areaPower() : enoughCoverage ? balance : null;
    if (nowMs - this.lastAreaSampleMs < SERIES_LIMITS.areaSampleMs || !source) return false;
    this.lastAreaSampleMs = Math.floor(nowMs / SERIES_LIMITS.areaSampleMs) * SERIES_LIMITS.areaSampleMs;
    for (const scope of SCOPES)
      for (const m of AREA_METRICS) {
        const v = source[scope][m];
        this.areaSeries.get(`${scope}:${m}`)?.push(this.lastAreaSampleMs, v);
        this.areaMinutes.get(`${scope}:${m}`)?.add(this.lastAreaSampleMs, v);
      }
    return true;
  }

  private seriesReader(): SeriesReader {
    const { devices, areaSeries, areaMinutes } = this;
    return {
      areaVersion: this.lastAreaSampleMs,
      area: (scope, metric, sinceMs) => areaSeries.get(`${scope}:${metric}`)?.toPairs(sinceMs) ?? [],
      areaMinutes: (scope, metric, sinceMs) => areaMinutes.get(`${scope}:${metric}`)?.mean.toPairs(sinceMs) ?? [],
      device: (id, sinceMs) => devices.get(id)?.pSeries.toPairs(sinceMs) ?? [],
      deviceMinutes: (id, sinceMs) => devices.get(id)?.pMinutes.mean.toPairs(sinceMs) ?? [],
    };
  }

  private buildSnapshot(nowMs: number): TelemetrySnapshot {
    const dayStart = this.opts.dayStartMs(nowMs);
    const devices = new Map<string, DeviceView>();
    const powers: Record<'feeder' | 'pv' | 'charger', DevicePower[]> = { feeder: [], pv: [], charger: [] };
    const today: Record<BalanceScope, TodayEnergy> = {
      sc: { eImportKwh: 0, ePvKwh: 0, eEvKwh: 0, observedSinceMs: null },
      cq: { eImportKwh: 0, ePvKwh: 0, eEvKwh: 0, observedSinceMs: null },
      area: { eImportKwh: 0, ePvKwh: 0, eEvKwh: 0, observedSinceMs: null },
    };

    for (const d of this.devices.values()) {
      const freshness = this.freshnessOf(d, nowMs);
      if (!d.view || d.view.freshness !== freshness) {
        d.view = {
          id: d.id,
          kind: d.kind,
          province: d.province,
          latest: d.latest,
          lastTs: d.seed?.lastTs ?? d.lastTs,
          presence: d.presence,
          freshness,
          intervalMs: d.intervalMs,
          seeded: d.seed,
        };
      }
      devices.set(d.id, d.view);
      if (d.kind === 'substation') continue;

      // Only fresh values enter the live sums; stale and offline devices count against coverage instead.
      const pKw = d.seed ? d.seed.pKw : d.latest?.pKw;
      powers[d.kind].push({ province: d.province, pKw: freshness === 'live' ? pKw : null });

      const c = d.counters.values().next().value as DayRegister | undefined;
      const eImport =
        d.kind === 'feeder'
          ? (this.todayKwh(d, 'eImportKwh', dayStart) ?? 0) - (this.todayKwh(d, 'eExportKwh', dayStart) ?? 0)
          : 0;
      const eOwn = d.kind === 'feeder' ? 0 : (this.todayKwh(d, 'eKwh', dayStart) ?? 0);
      for (const scope of [d.province, 'area'] as const) {
        const t = today[scope];
        if (d.kind === 'feeder') t.eImportKwh += eImport;
        else if (d.kind === 'pv') t.ePvKwh += eOwn;
        else t.eEvKwh += eOwn;
        if (c && c.dayStartMs === dayStart)
          t.observedSinceMs = t.observedSinceMs === null ? c.sinceMs : Math.max(t.observedSinceMs, c.sinceMs);
      }
    }
    const balance = powerBalance({ feeders: powers.feeder, pv: powers.pv, chargers: powers.charger });

    const diag = this.diag;
    return {
      version: (this.snapshot?.version ?? 0) + 1,
      nowMs,
      dayStartMs: dayStart,
      devices,
      balance,
      today,
      diagnostics: {
        accepted: diag.accepted,
        rejected: { ...diag.rejected },
        rejectedTotal: diag.rejectedTotal,
        lastRejected: diag.lastRejected,
        recentRejected: [...diag.recent],
        duplicates: diag.duplicates,
        lastMessageAtMs: diag.lastMessageAtMs,
        messagesPerSecond: diag.lastRatePerS,
        streamLagMs: this.streamLagMs,
      },
      series: this.series,
    };
  }
}

export type { ChargerTelemetry, FeederTelemetry, PvTelemetry, SubstationTelemetry };
