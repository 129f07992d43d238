/**
 * What both adapters of the history storage port (sqlite/, postgres/) do the same way whatever their database, written
 * once: the registered devices the province sums count, the horizons and the backfill's progress kept in the meta
 * table, the UTC-midnight horizon of a compaction, and the grouping queries of the series (series-sql.ts) turned into
 * sub-buckets, the frame of a recorder's drain (the minutes it touched, and their count as the answer), and the
 * outage records part of the port, handed to the adapter's own outage queries. An adapter extends this and implements
 * HistoryStorage: it says how each of these steps reaches its database (the abstract hooks) and writes every other
 * method of the port.
 */
import type { DeviceMetricId, ScopeMetricId } from '../../../core/contract/history-api';
import type { OutageRecord } from '../../../core/contract/reliability';
import type { DeviceCursor, MinuteCell } from '../minute-accumulator';
import type { BackfillState, BucketRange, DeviceRow, MinuteCompaction, ScopeId, SubBucket } from './history-storage';
import type { OutageRecordStore, OutageRecordsFilter } from './outage-store';
import { type BucketRow, configuredDevices, KEY_UNIT_MIN, noCompaction, SCOPE_KEY, subBucketsOf } from './row-codec';
import { type BucketDialect, type BucketParams, deviceBucketsSql, scopeBucketsSql } from './series-sql';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTES_PER_DAY = 1440;

/** The meta rows of the port's progress; an adapter writes them too inside its own transactions. */
export const META_KEY = {
  deviceMinuteFromMs: 'deviceMinuteFromMs',
  deviceQuarterFromMs: 'deviceQuarterFromMs',
  backfill: 'backfill',
} as const;

/** One drain of the recorder as an adapter writes it (HistoryStorage.recordMinutes), in one transaction. */
export interface RecorderDrain {
  cells: readonly MinuteCell[];
  /** The distinct minutes of the cells, ascending: their province minutes and scope hours are rebuilt. */
  minutes: readonly number[];
  cursors: Map<number, DeviceCursor>;
  coverage?: { id: number; endMs: number };
}

/**
 * An adapter's outage queries (sqlite/sqlite-outages.ts, postgres/postgres-outages.ts): the outage records part of
 * the port, each taking the adapter's database handle first (SQLite's answer synchronously).
 */
export interface OutageQueries<H> {
  recordOutages(
    handle: H,
    records: readonly OutageRecord[],
  ): { stored: number; stale: number } | Promise<{ stored: number; stale: number }>;
  outageRecords(handle: H, filter: OutageRecordsFilter): OutageRecord[] | Promise<OutageRecord[]>;
  liveRecordedMinutes(handle: H, fromMs: number, toMs: number): number | Promise<number>;
}

/** The outage records part of the port on one database: `queries` bound to its handle, answering asynchronously. */
export function outageStoreOn<H>(handle: H, queries: OutageQueries<H>): OutageRecordStore {
  return {
    recordOutages: async (records) => queries.recordOutages(handle, records),
    outageRecords: async (filter) => queries.outageRecords(handle, filter),
    liveRecordedMinutes: async (fromMs, toMs) => queries.liveRecordedMinutes(handle, fromMs, toMs),
  };
}

export abstract class SqlHistoryStorage {
  /**
   * The stored devices still configured, by storage key (set by registerDevices): the province minutes are the Σ of
   * these only, so a device removed from the configuration keeps its rows but leaves the sums.
   */
  protected byIdx = new Map<number, DeviceRow>();

  constructor(
    readonly location: string,
    /** The adapter's outage queries on its database (outageStoreOn). */
    private readonly outages: OutageRecordStore,
  ) {}

  /** Stores the devices not stored yet (new keys; a stored device keeps its key) and returns every stored device. */
  protected abstract storeDevices(devices: readonly Omit<DeviceRow, 'idx'>[]): Promise<DeviceRow[]>;
  /** The value of a meta row, undefined when there is none. */
  protected abstract readMeta(key: string): Promise<string | undefined>;
  protected abstract writeMeta(key: string, value: string): Promise<void>;
  /**
   * One compaction's work, in one transaction: the device minutes before `cutoffMin` (a UTC midnight) summed into
   * device 15-minute rows and hours from `fromHour` on, then deleted; deviceQuarterFromMs set where the minutes started
   * (fromHour) if it is unset, deviceMinuteFromMs moved to the cutoff. What it did is counted into `result`.
   */
  protected abstract compactMinutesBefore(cutoffMin: number, fromHour: number, result: MinuteCompaction): Promise<void>;
  /**
   * One drain's work, in one transaction: the cells merged into the device minutes, the province minutes and scope
   * hours of `drain.minutes` rebuilt, the cursors stored, the coverage interval's end moved.
   */
  protected abstract writeDrain(drain: RecorderDrain): Promise<void>;
  /** This database's spelling of the grouping queries. */
  protected abstract readonly bucketDialect: BucketDialect;
  /** Runs a grouping query of series-sql.ts with the values of its placeholders. */
  protected abstract groupedRows(sql: string, params: BucketParams): Promise<BucketRow[]>;

  async registerDevices(devices: readonly Omit<DeviceRow, 'idx'>[]): Promise<Map<string, DeviceRow>> {
    const { byIdx, byId } = configuredDevices(await this.storeDevices(devices), devices);
    this.byIdx = byIdx;
    return byId;
  }

  async recordMinutes(
    cells: readonly MinuteCell[],
    cursors: Map<number, DeviceCursor>,
    coverage?: { id: number; endMs: number },
  ): Promise<{ minutes: number }> {
    const minutes = [...new Set(cells.map((c) => c.minute))].sort((a, b) => a - b);
    await this.writeDrain({ cells, minutes, cursors, coverage });
    return { minutes: minutes.length };
  }

  async deviceMinuteFromMs(): Promise<number> {
    return Number((await this.readMeta(META_KEY.deviceMinuteFromMs)) ?? 0);
  }

  async setDeviceMinuteFromMs(ms: number): Promise<void> {
    await this.writeMeta(META_KEY.deviceMinuteFromMs, String(ms));
  }

  async deviceQuarterFromMs(): Promise<number> {
    const stored = await this.readMeta(META_KEY.deviceQuarterFromMs);
    return stored === undefined ? this.deviceMinuteFromMs() : Number(stored);
  }

  async compactDeviceMinutes(beforeMs: number): Promise<MinuteCompaction> {
    const fromMs = await this.deviceMinuteFromMs();
    // Floored to a UTC midnight: the compacted hours are whole, and a PostgreSQL day partition goes at once.
    const cutoffMin = Math.floor(beforeMs / DAY_MS) * MINUTES_PER_DAY;
    const fromHour = Math.ceil(fromMs / HOUR_MS);
    const result = noCompaction(fromMs);
    if (cutoffMin / 60 <= fromHour) return result;
    await this.compactMinutesBefore(cutoffMin, fromHour, result);
    result.toMs = cutoffMin * 60_000;
    return result;
  }

  async backfillState(): Promise<BackfillState | null> {
    const raw = await this.readMeta(META_KEY.backfill);
    return raw ? (JSON.parse(raw) as BackfillState) : null;
  }

  async saveBackfillState(state: BackfillState): Promise<void> {
    await this.writeMeta(META_KEY.backfill, JSON.stringify(state));
  }

  async scopeBuckets(metric: ScopeMetricId, scope: ScopeId, range: BucketRange): Promise<SubBucket[]> {
    return this.subBuckets(
      scopeBucketsSql(metric, scope, range.resolution, this.bucketDialect),
      SCOPE_KEY[scope],
      range,
    );
  }

  async deviceBuckets(metric: DeviceMetricId, device: number, range: BucketRange): Promise<SubBucket[]> {
    return this.subBuckets(deviceBucketsSql(metric, range.resolution, this.bucketDialect), device, range);
  }

  async recordOutages(records: readonly OutageRecord[]): Promise<{ stored: number; stale: number }> {
    return this.outages.recordOutages(records);
  }

  async outageRecords(filter: OutageRecordsFilter): Promise<OutageRecord[]> {
    return this.outages.outageRecords(filter);
  }

  async liveRecordedMinutes(fromMs: number, toMs: number): Promise<number> {
    return this.outages.liveRecordedMinutes(fromMs, toMs);
  }

  /** Runs a grouping query; rows keyed in quarters or hours are grouped with width and offset in that unit. */
  private async subBuckets(sql: string, key: number, range: BucketRange): Promise<SubBucket[]> {
    const keyUnitMin = KEY_UNIT_MIN[range.resolution];
    const width = range.widthMin / keyUnitMin;
    const off = range.offsetMin / keyUnitMin;
    const rows = await this.groupedRows(sql, { key, from: range.from, to: range.to, off, width });
    return subBucketsOf(rows, keyUnitMin, width, off);
  }
}
