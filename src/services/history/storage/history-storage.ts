/**
 * The history service's storage port: everything the recorder, the queries, the HTTP API and the backfill ask of the
 * database, in the domain's words, every call asynchronous so an adapter may sit on a network database (PostgreSQL)
 * as well as on a local file (SQLite, storage/sqlite/). Adapters are chosen by storage/open-storage.ts.
 *
 * Writes take domain units (kW, kWh, A, kV); aggregates come back in thousandths of the metric's unit (W, Wh, mA, V),
 * as stored, so the queries round once, the same way whatever the adapter.
 */
import type { AlarmLogState, DeviceMetricId, ScopeMetricId } from '../../../core/contract/history-api';
import type { AlarmEvent, FigureStatus } from '../../../core/contract/live-core';
import type { DeviceKind, Province } from '../../../core/contract/topics';
import type { Scope } from '../../../core/domain/scope';
import type { DeviceCursor, MinuteCell } from '../minute-accumulator';
import type { OutageRecordStore } from './outage-store';

// The core's own names (one owner), under the names this port has always used.
export type { DeviceKind } from '../../../core/contract/topics';
export type ProvinceId = Province;
export type ScopeId = Scope;

/** A configured device with its small storage key (stable for the life of the database). */
export interface DeviceRow {
  idx: number;
  id: string;
  kind: DeviceKind;
  province: ProvinceId;
}

export interface CoverageInterval {
  startMs: number;
  endMs: number;
  source: string;
}

/** Progress of the first-start backfill, kept in the database so an interrupted one resumes. */
export type BackfillState = {
  state: 'running' | 'done';
  fromMs: number;
  toMs: number;
  doneToMs: number;
  deviceMinuteFromMs: number;
  seed: number;
  replay: boolean;
  coarseSampleMin: number;
  coverageId: number;
  startedAtMs: number;
  elapsedMs?: number;
};

/**
 * A range of stored rows grouped into sub-buckets: rows keyed from ≤ key < to in the resolution's unit (minutes,
 * quarter-hours or hours since the epoch), grouped by ⌊(minute + offsetMin) / widthMin⌋. Quarter-hours are per-device
 * only (device 15-minute rows, written by retention); scope rows have minutes and hours.
 */
export interface BucketRange {
  resolution: 'minute' | 'quarter' | 'hour';
  from: number;
  to: number;
  widthMin: number;
  offsetMin: number;
}

/** One sub-bucket: its start (minutes since the epoch), the number of minutes with data, Σ and max (thousandths). */
export interface SubBucket {
  startMin: number;
  count: number;
  sum: number | null;
  max: number | null;
}

/** Province minute written by the backfill (kW, kWh). */
export interface ProvinceMinuteValues {
  province: ProvinceId;
  minute: number;
  gridImportKw: number;
  pvKw: number;
  evKw: number;
  eImportKwh: number;
  ePvKwh: number;
  eEvKwh: number;
}

/** Device minute (one sample) or device hour (`minutes` minutes, Σ of minute means) written by the backfill. */
export interface DeviceSpanValues {
  device: number;
  /** Minute or hour since the epoch. */
  key: number;
  sumPKw: number;
  maxPKw: number;
  eKwh: number;
  sumIA: number;
  sumUKv: number;
}

export interface BackfillChunk {
  provinceMinutes: ProvinceMinuteValues[];
  deviceMinutes: DeviceSpanValues[];
  deviceHours: (DeviceSpanValues & { minutes: number })[];
  /** Hours whose scope hours are rebuilt from the province minutes. */
  hours: number[];
  coverage: { id: number; endMs: number };
  state: BackfillState;
}

/**
 * What the history keeps of one scope's live figures (live-core.ts LiveFigures): the powers and today's figures the
 * screens show, the status and the coverage counts. One per scope and minute is stored: the last received in it.
 */
export interface RecordedLiveFigures {
  scope: ScopeId;
  tsMs: number;
  dataTimeMs: number | null;
  status: FigureStatus;
  power: { gridImportKw: number; pvKw: number; evKw: number; consumptionKw: number };
  today: {
    dayStartMs: number;
    countedSinceMs: number | null;
    eImportKwh: number;
    ePvKwh: number;
    eEvKwh: number;
    eConsumptionKwh: number;
    co2EmittedKg: number;
    co2AvoidedPvKg: number;
    coalSavedKg: number;
    peakConsumptionKw: number | null;
    peakAtMs: number | null;
  };
  coverage: Record<'feeder' | 'pv' | 'charger', { live: number; held: number; missing: number }>;
}

/** A device's highest P sample (W) in a range of minutes, and the minute it fell in. */
export interface DevicePeak {
  device: number;
  maxPW: number;
  minute: number;
}

/** A device's mean P (W) over one minute with samples. */
export interface DeviceMinuteMean {
  device: number;
  minute: number;
  meanPW: number;
}

/** A device's Σ energy (Wh) over a range of minutes. */
export interface DeviceEnergy {
  device: number;
  eWh: number;
}

/** Which alarms the log wants (all given filters apply); times in ms. */
export interface AlarmLogFilter {
  /** Alarms whose life (first event … cleared, or still active) overlaps [fromMs, toMs). */
  fromMs?: number;
  toMs?: number;
  deviceId?: string;
  rule?: string;
  /** active: not cleared; cleared; acknowledged: acknowledged at some point (active or cleared). */
  state?: AlarmLogState;
  /** At most this many alarms, the most recently raised ones. */
  limit: number;
}

/** What one compaction of per-device minute rows did (see HistoryStorage.compactDeviceMinutes). */
export interface MinuteCompaction {
  /** The per-device minute horizon before and after (ms; equal when there was nothing to compact). */
  fromMs: number;
  toMs: number;
  /** Device hour and 15-minute rows written from the minutes. */
  deviceHours: number;
  deviceQuarters: number;
  /** Device minute rows removed (for PostgreSQL, counted in the dropped partitions too). */
  minuteRowsDeleted: number;
  /** Whole minute partitions dropped (PostgreSQL; 0 on SQLite, which deletes rows). */
  partitionsDropped: number;
  /** Storage given back: the dropped partitions (PostgreSQL), the pages put on the free list for reuse (SQLite). */
  bytesFreed: number;
}

/** The whole port; the outage records' part is in ./outage-store.ts. */
export interface HistoryStorage extends OutageRecordStore {
  /** Where the data lives, for logs. */
  readonly location: string;

  /**
   * Registers the configured devices (new ones get new keys; existing keys never change) and returns them. Devices
   * removed from the configuration keep their rows but are left out of the answer and of the province sums.
   */
  registerDevices(devices: readonly Omit<DeviceRow, 'idx'>[]): Promise<Map<string, DeviceRow>>;

  /** Opens a coverage interval and returns its id. */
  openCoverage(interval: CoverageInterval): Promise<number>;
  /** Coverage intervals overlapping [fromMs, toMs), merged and sorted. */
  coveredIntervals(fromMs: number, toMs: number): Promise<{ startMs: number; endMs: number }[]>;
  /** True when anything was ever recorded or backfilled. */
  hasCoverage(): Promise<boolean>;

  /** The recorder's last counter readings per device, so a restart continues the energy deltas. */
  deviceCursors(): Promise<Map<number, DeviceCursor>>;
  /**
   * Persists one drain of the recorder atomically: device minutes (merged with what is stored), the province minutes
   * and scope hours derived from them, the cursors, and the end of the coverage interval.
   */
  recordMinutes(
    cells: readonly MinuteCell[],
    cursors: Map<number, DeviceCursor>,
    coverage?: { id: number; endMs: number },
  ): Promise<{ minutes: number }>;

  /** Start of per-device minute rows; before it, devices only have hourly rows (old backfill). 0 when unset. */
  deviceMinuteFromMs(): Promise<number>;
  setDeviceMinuteFromMs(ms: number): Promise<void>;
  /**
   * Start of per-device 15-minute rows: they cover [deviceQuarterFromMs, deviceMinuteFromMs) (retention wrote them);
   * before it, hours only. Equal to deviceMinuteFromMs while retention has compacted nothing.
   */
  deviceQuarterFromMs(): Promise<number>;
  /**
   * Retention of per-device minute rows: the minutes of every device before `beforeMs` (floored to a UTC midnight, so
   * hours are whole and a day's partition goes at once) are summed into device 15-minute rows and device hours
   * (minutes with samples, Σ of the minute means, max P, Σ energy: what the backfill writes for old hours), then
   * deleted, and deviceMinuteFromMs moves to that midnight, so queries over the old range read the 15-minute or hour
   * rows and answer the same totals. One transaction; nothing happens when the horizon is already at or past it.
   * Province minutes and scope hours are kept.
   */
  compactDeviceMinutes(beforeMs: number): Promise<MinuteCompaction>;
  backfillState(): Promise<BackfillState | null>;
  saveBackfillState(state: BackfillState): Promise<void>;
  /** Writes one chunk (a day) of the backfill atomically, with its progress. */
  writeBackfillChunk(chunk: BackfillChunk): Promise<void>;

  /** A scope metric grouped into sub-buckets (resolution minute: province minutes; hour: scope hours). */
  scopeBuckets(metric: ScopeMetricId, scope: ScopeId, range: BucketRange): Promise<SubBucket[]>;
  /** A device metric grouped into sub-buckets; power metrics count only minutes with samples. */
  deviceBuckets(metric: DeviceMetricId, device: number, range: BucketRange): Promise<SubBucket[]>;
  /** Per device of a kind, the highest P sample (W) between two minutes (inclusive) and the minute it fell in. */
  devicePeaks(kind: DeviceKind, fromMinute: number, toMinute: number): Promise<DevicePeak[]>;
  /** Per device of a kind and minute in [fromMinute, toMinute) with samples, the mean P (W). */
  deviceMinuteMeans(kind: DeviceKind, fromMinute: number, toMinute: number): Promise<DeviceMinuteMean[]>;

  /**
   * Per device with minutes in [fromMinute, toMinute), Σ of their energy (Wh; feeders import − export), for a device's
   * count of the day. Stored with the cursors in one drain, so it counts exactly up to deviceCursors()' readings.
   */
  deviceEnergies(fromMinute: number, toMinute: number): Promise<DeviceEnergy[]>;

  /** Stores live figures: per scope and minute the one with the newest tsMs wins (late or replayed ones lose). */
  recordLiveFigures(figures: readonly RecordedLiveFigures[]): Promise<void>;
  /** The newest stored figures of a scope with fromMs ≤ tsMs ≤ toMs, or null. */
  latestLiveFigures(scope: ScopeId, fromMs: number, toMs: number): Promise<RecordedLiveFigures | null>;
  /** Appends alarm lifecycle events; one already stored (same alarm, type and ts: a QoS 1 redelivery) is skipped. */
  recordAlarmEvents(events: readonly AlarmEvent[]): Promise<{ stored: number }>;
  /** Every event of the alarms the filter selects, ordered by ts then arrival. */
  alarmLogEvents(filter: AlarmLogFilter): Promise<AlarmEvent[]>;

  sizeBytes(): Promise<number>;
  /**
   * An online, consistent copy of the whole store into one file at `destinationPath` (written under a temporary name,
   * checked, then renamed); resolves with the copy's check, rejects (leaving no file) when the copy fails its check.
   */
  backup(destinationPath: string): Promise<{ integrity: string; sizeBytes: number }>;
  close(): Promise<void>;
}
