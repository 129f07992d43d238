/**
 * What the ingest worker posts to the page: the judged messages of one batch interval, coalesced per device. A flood of
 * readings (hundreds a second from one device, or a backlog draining) costs the page one reading per device per batch
 * to clone, apply and keep in its series, not one per message; every message is still counted as the store would
 * count it (accepted, duplicate, rejected by reason). At the area's normal rates (a device every 5–30 s) no two
 * readings of a device share a batch and nothing is coalesced.
 *
 * A reading replaces the device's pending one unless the registers need both to count right (counters.ts): a reading
 * flagged suspect (a register that went down, or a new baseline) or one of another Shanghai day than the pending one
 * is queued after it instead.
 */

import type { Judged } from '../../core/contract/edge-judge';
import type { SimClock } from '../../core/contract/payloads';
import type { DeviceKind } from '../../core/contract/topics';
import type { RejectReason } from '../../core/contract/validate';

type TelemetryJudged = Extract<Judged, { type: 'telemetry' }>;
type StatusJudged = Extract<Judged, { type: 'status' }>;

export interface BatchReading {
  kind: DeviceKind;
  deviceId: string;
  data: TelemetryJudged['data'];
  atMs: number;
  /** The edge judge took the registers as a new baseline (counters.ts CounterStepOptions.rebase). */
  rebase: boolean;
}

export interface BatchRejection {
  topic: string;
  reason: RejectReason;
  detail: string;
  atMs: number;
}

export interface IngestBatch {
  type: 'batch';
  /** The simulation clock, when one arrived in this batch (the latest): set before the readings are applied. */
  sim: SimClock | null;
  /** Accepted readings to apply, in arrival order: at most one per device unless the registers need two. */
  readings: BatchReading[];
  /** The latest presence per device (presence follows arrival order: telemetry-store.ts applyStatus). */
  statuses: Omit<StatusJudged, 'type'>[];
  /** Accepted messages not applied because a newer one of the same device was (counted as accepted). */
  superseded: number;
  /** Readings not newer than the device's latest: dropped, counted as the store counts them (not errors). */
  duplicates: number;
  /** Rejections by reason, all of them. */
  rejectedByReason: Partial<Record<RejectReason, number>>;
  /** The latest rejections with their detail (at most RECENT_REJECTIONS), oldest first. */
  recentRejected: BatchRejection[];
  /** Raw messages judged in this batch (the benchmark's throughput figure). */
  received: number;
  /** Readings accepted but flagged suspect in this batch (device-registry.ts SUSPECT_REASONS). */
  suspect: number;
  /** Arrival time of the batch's last message, ms (the store's message rate and last-message time). */
  lastAtMs: number;
}

/** As many rejections with detail as the store keeps (telemetry-store.ts SERIES_LIMITS.recentRejected). */
export const RECENT_REJECTIONS = 20;

export class IngestBatcher {
  private batch: IngestBatch = IngestBatcher.empty();
  /** Index in batch.readings of each device's pending reading. */
  private readonly pendingReading = new Map<string, number>();
  private readonly pendingStatus = new Map<string, number>();
  /** Devices whose pending reading must be applied as it is (suspect or a new baseline): the next one follows it. */
  private readonly pendingKept = new Set<string>();
  /** Device time of each device's newest reading passed on (the store's `lastTs`: it is fed only from here). */
  private readonly lastTs = new Map<string, number>();

  constructor(
    /** Local day start of a timestamp (Asia/Shanghai), as the store counts days. */
    private readonly dayStartMs: (tsMs: number) => number,
  ) {}

  private static empty(): IngestBatch {
    return {
      type: 'batch',
      sim: null,
      readings: [],
      statuses: [],
      superseded: 0,
      duplicates: 0,
      rejectedByReason: {},
      recentRejected: [],
      received: 0,
      suspect: 0,
      lastAtMs: 0,
    };
  }

  get size(): number {
    return this.batch.received;
  }

  add(j: Judged, atMs: number): void {
    const b = this.batch;
    b.received++;
    b.lastAtMs = atMs;
    switch (j.type) {
      case 'clock':
        b.sim = j.sim;
        return;
      case 'telemetry':
        this.addReading(j);
        return;
      case 'status': {
        const at = this.pendingStatus.get(j.deviceId);
        const status = { deviceId: j.deviceId, data: j.data, atMs: j.atMs };
        if (at === undefined) {
          this.pendingStatus.set(j.deviceId, b.statuses.length);
          b.statuses.push(status);
        } else {
          b.statuses[at] = status;
          b.superseded++;
        }
        return;
      }
      case 'rejected': {
        b.rejectedByReason[j.reason] = (b.rejectedByReason[j.reason] ?? 0) + 1;
        b.recentRejected.push({ topic: j.topic, reason: j.reason, detail: j.detail, atMs: j.atMs });
        if (b.recentRejected.length > RECENT_REJECTIONS) b.recentRejected.shift();
        return;
      }
    }
  }

  private addReading(j: TelemetryJudged): void {
    const b = this.batch;
    if (j.suspect) b.suspect++;
    const last = this.lastTs.get(j.deviceId);
    if (last !== undefined && j.data.ts <= last) {
      b.duplicates++;
      return;
    }
    this.lastTs.set(j.deviceId, j.data.ts);
    const reading: BatchReading = {
      kind: j.kind,
      deviceId: j.deviceId,
      data: j.data,
      atMs: j.atMs,
      rebase: j.suspect?.reason === 'counter-rebased',
    };
    const at = this.pendingReading.get(j.deviceId);
    const pending = at === undefined ? undefined : b.readings[at];
    if (
      at !== undefined &&
      pending !== undefined &&
      !j.suspect &&
      !this.pendingKept.has(j.deviceId) &&
      this.dayStartMs(pending.data.ts) === this.dayStartMs(j.data.ts)
    ) {
      b.readings[at] = reading;
      b.superseded++;
      return;
    }
    this.pendingReading.set(j.deviceId, b.readings.length);
    if (j.suspect) this.pendingKept.add(j.deviceId);
    else this.pendingKept.delete(j.deviceId);
    b.readings.push(reading);
  }

  /** The batch so far, or null when nothing arrived; the next one starts empty. */
  take(): IngestBatch | null {
    if (this.batch.received === 0) return null;
    const b = this.batch;
    this.batch = IngestBatcher.empty();
    this.pendingReading.clear();
    this.pendingStatus.clear();
    this.pendingKept.clear();
    return b;
  }
}
