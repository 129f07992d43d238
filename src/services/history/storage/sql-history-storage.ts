/**
 * What both adapters of the history storage port (sqlite/, postgres/) do the same way whatever their database, written
 * once: the registered devices the province sums count, the horizons and the backfill's progress kept in the meta
 * table, the UTC-midnight horizon of a compaction, and the grouping queries of the series (series-sql.ts) turned into
 * sub-buckets. An adapter extends this and implements HistoryStorage: it says how each of these steps reaches its
 * database (the abstract hooks) and writes every other method of the port.
 */
import type { DeviceMetricId, ScopeMetricId } from '../../../core/contract/history-api';
import type { BackfillState, BucketRange, DeviceRow, MinuteCompaction, ScopeId, SubBucket } from './history-storage';
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

export abstract class SqlHistoryStorage {
  /**
   * The stored devices still configured, by storage key (set by registerDevices): the province minutes are the Σ of
   * these only, so a device removed from the configuration keeps its rows but leaves the sums.
   */
  protected byIdx = new Map<number, DeviceRow>();

  constructor(readonly location: string) {}

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
  /** This database's spelling of the grouping queries. */
  protected abstract readonly bucketDialect: BucketDialect;
  /** Runs a grouping query of series-sql.ts with the values of its placeholders. */
  protected abstract groupedRows(sql: string, params: BucketParams): Promise<BucketRow[]>;

  async registerDevices(devices: readonly Omit<DeviceRow, 'idx'>[]): Promise<Map<string, DeviceRow>> {
    const { byIdx, byId } = configuredDevices(await this.storeDevices(devices), devices);
    this.byIdx = byIdx;
    return byId;
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

  /** Runs a grouping query; rows keyed in quarters or hours are grouped with width and offset in that unit. */
  private async subBuckets(sql: string, key: number, range: BucketRange): Promise<SubBucket[]> {
    const keyUnitMin = KEY_UNIT_MIN[range.resolution];
    const width = range.widthMin / keyUnitMin;
    const off = range.offsetMin / keyUnitMin;
    const rows = await this.groupedRows(sql, { key, from: range.from, to: range.to, off, width });
    return subBucketsOf(rows, keyUnitMin, width, off);
  }
}
