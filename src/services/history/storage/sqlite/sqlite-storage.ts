/**
 * The SQLite adapter of the history storage port (schema in ./schema.ts); what it does the same way as the PostgreSQL
 * adapter is written once in ../sql-history-storage.ts. better-sqlite3 is synchronous: each method does its work at
 * once and resolves, and every write of one call is one transaction.
 */
import type { AlarmEvent } from '../../../../core/contract/live-core';
import type { DeviceCursor } from '../../minute-accumulator';
import { provinceMinutes } from '../../province-minutes';
import type {
  AlarmLogFilter,
  BackfillChunk,
  CoverageInterval,
  DeviceEnergy,
  DeviceKind,
  DeviceMinuteMean,
  DevicePeak,
  DeviceRow,
  HistoryStorage,
  MinuteCompaction,
  RecordedLiveFigures,
  ScopeId,
} from '../history-storage';
import {
  alarmLogParams,
  type BucketRow,
  backfillScopeMinuteRow,
  deviceCursorsOf,
  deviceSpanColumns,
  deviceStateRow,
  type LiveMinuteRow,
  liveMinuteRow,
  mergedIntervals,
  recordedLiveFigures,
  SCOPE_KEY,
  scopeMinuteRow,
  toMilli,
} from '../row-codec';
import { type BucketDialect, type BucketParams, scopeMinuteRowsSql } from '../series-sql';
import { META_KEY, outageStoreOn, type RecorderDrain, SqlHistoryStorage } from '../sql-history-storage';
import { type Db, getMeta, openHistoryDb, setMeta } from './schema';
import { backupSqliteDb } from './sqlite-backup';
import { liveRecordedMinutesSqlite, outageRecordsSqlite, recordOutagesSqlite } from './sqlite-outages';

/**
 * The grouping queries' spelling here (named parameters, bound by groupedRows). The key is cast to an integer:
 * better-sqlite3 binds JS numbers as REAL, so a bare division would leave every row in a sub-bucket of its own
 * (correct once folded, but not the grouping the port promises, and more rows than needed).
 */
const SQLITE_BUCKETS: BucketDialect = {
  at: { key: '@key', from: '@from', to: '@to', off: '@off', width: '@width' },
  bucketKey: (column) => `CAST((${column} + @off) / @width AS INTEGER)`,
  expr: (sql) => sql,
  fromRows: (rowsSql) => `(${rowsSql})`,
};

/**
 * Device hours (span 60) or 15-minute rows (span 15) from device minutes in [@fromMin, @toMin): the shape the backfill
 * writes for old hours (minutes with samples, Σ of the minute means rounded to the stored unit, max P, Σ energy over
 * every minute).
 */
const deviceSpansFromMinutes = (span: 15 | 60) => `
  SELECT device, minute / ${span} AS key, sum(n > 0),
    coalesce(round(sum(CASE WHEN n > 0 THEN CAST(sum_p_w AS REAL) / n END)), 0), max(max_p_w), sum(e_wh),
    coalesce(round(sum(CASE WHEN n > 0 THEN CAST(sum_i_ma AS REAL) / n END)), 0),
    coalesce(round(sum(CASE WHEN n > 0 THEN CAST(sum_u_v AS REAL) / n END)), 0)
  FROM device_minute WHERE minute >= @fromMin AND minute < @toMin GROUP BY device, key`;

interface ScopeHourAgg {
  minutes: number;
  sg: number;
  mg: number;
  sp: number;
  mp: number;
  se: number;
  me: number;
  sc: number;
  mc: number;
  ei: number;
  ep: number;
  ee: number;
}

export function openSqliteStorage(path: string): SqliteHistoryStorage {
  return new SqliteHistoryStorage(openHistoryDb(path), path);
}

export class SqliteHistoryStorage extends SqlHistoryStorage implements HistoryStorage {
  protected override readonly bucketDialect = SQLITE_BUCKETS;
  private readonly upsertCell;
  private readonly devicesAtMinute;
  private readonly upsertScopeMinute;
  private readonly hourOfProvince;
  private readonly hourOfArea;
  private readonly upsertScopeHour;
  private readonly upsertCursor;
  private readonly updateCoverage;

  constructor(
    private readonly db: Db,
    location: string,
  ) {
    super(
      location,
      outageStoreOn(db, {
        recordOutages: recordOutagesSqlite,
        outageRecords: outageRecordsSqlite,
        liveRecordedMinutes: liveRecordedMinutesSqlite,
      }),
    );
    this.upsertCell = db.prepare(`
      INSERT INTO device_minute (device, minute, n, sum_p_w, max_p_w, e_wh, sum_i_ma, sum_u_v)
      VALUES (@device, @minute, @n, @sumPW, @maxPW, @eWh, @sumIMa, @sumUV)
      ON CONFLICT(device, minute) DO UPDATE SET
        n = n + excluded.n, sum_p_w = sum_p_w + excluded.sum_p_w,
        max_p_w = CASE WHEN max_p_w IS NULL THEN excluded.max_p_w WHEN excluded.max_p_w IS NULL THEN max_p_w
                       ELSE max(max_p_w, excluded.max_p_w) END,
        e_wh = e_wh + excluded.e_wh, sum_i_ma = sum_i_ma + excluded.sum_i_ma, sum_u_v = sum_u_v + excluded.sum_u_v`);
    this.devicesAtMinute = db.prepare(
      'SELECT device, n, sum_p_w AS sumPW, e_wh AS eWh FROM device_minute WHERE device IN (SELECT idx FROM device) AND minute = ?',
    );
    this.upsertScopeMinute = db.prepare(`
      INSERT OR REPLACE INTO scope_minute (scope, minute, grid_import_w, pv_w, ev_w, e_import_wh, e_pv_wh, e_ev_wh)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const hourAggregates = `count(*) AS minutes,
        sum(g) AS sg, max(g) AS mg, sum(pv) AS sp, max(pv) AS mp, sum(ev) AS se, max(ev) AS me,
        sum(g + pv) AS sc, max(g + pv) AS mc, sum(ei) AS ei, sum(ep) AS ep, sum(ee) AS ee`;
    const positional = { scope: '?', from: '?', to: '?' };
    this.hourOfProvince = db.prepare(`SELECT ${hourAggregates} FROM (${scopeMinuteRowsSql('sc', positional)})`);
    this.hourOfArea = db.prepare(`SELECT ${hourAggregates} FROM (${scopeMinuteRowsSql('area', positional)})`);
    this.upsertScopeHour = db.prepare(`
      INSERT OR REPLACE INTO scope_hour (scope, hour, minutes, sum_grid_import_w, max_grid_import_w, sum_pv_w, max_pv_w,
        sum_ev_w, max_ev_w, sum_consumption_w, max_consumption_w, e_import_wh, e_pv_wh, e_ev_wh)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.upsertCursor = db.prepare(`
      INSERT OR REPLACE INTO device_state (device, last_ts, counter0_kwh, counter1_kwh) VALUES (?, ?, ?, ?)`);
    this.updateCoverage = db.prepare('UPDATE coverage SET end_ms = ? WHERE id = ?');
  }

  protected override async storeDevices(devices: readonly Omit<DeviceRow, 'idx'>[]): Promise<DeviceRow[]> {
    const insert = this.db.prepare('INSERT OR IGNORE INTO device (id, kind, province) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      for (const d of devices) insert.run(d.id, d.kind, d.province);
    })();
    return this.db.prepare('SELECT idx, id, kind, province FROM device').all() as DeviceRow[];
  }

  protected override async readMeta(key: string): Promise<string | undefined> {
    return getMeta(this.db, key);
  }

  protected override async writeMeta(key: string, value: string): Promise<void> {
    setMeta(this.db, key, value);
  }

  async openCoverage(interval: CoverageInterval): Promise<number> {
    const r = this.db
      .prepare('INSERT INTO coverage (start_ms, end_ms, source) VALUES (?, ?, ?)')
      .run(interval.startMs, interval.endMs, interval.source);
    return Number(r.lastInsertRowid);
  }

  async coveredIntervals(fromMs: number, toMs: number): Promise<{ startMs: number; endMs: number }[]> {
    const rows = this.db
      .prepare(
        'SELECT start_ms AS startMs, end_ms AS endMs FROM coverage WHERE end_ms > ? AND start_ms < ? ORDER BY start_ms',
      )
      .all(fromMs, toMs) as { startMs: number; endMs: number }[];
    return mergedIntervals(rows);
  }

  async hasCoverage(): Promise<boolean> {
    return Boolean(this.db.prepare('SELECT 1 FROM coverage LIMIT 1').get());
  }

  async deviceCursors(): Promise<Map<number, DeviceCursor>> {
    const rows = this.db
      .prepare('SELECT device, last_ts AS lastTs, counter0_kwh AS c0, counter1_kwh AS c1 FROM device_state')
      .all() as { device: number; lastTs: number; c0: number | null; c1: number | null }[];
    return deviceCursorsOf(rows);
  }

  protected override async writeDrain({ cells, minutes, cursors, coverage }: RecorderDrain): Promise<void> {
    this.db.transaction(() => {
      for (const c of cells) {
        this.upsertCell.run({
          device: c.device,
          minute: c.minute,
          n: c.n,
          sumPW: toMilli(c.sumPKw),
          maxPW: c.maxPKw === null ? null : toMilli(c.maxPKw),
          eWh: toMilli(c.eKwh),
          sumIMa: toMilli(c.sumIA),
          sumUV: toMilli(c.sumUKv),
        });
      }
      for (const m of minutes) this.recomputeProvinceMinute(m);
      this.recomputeHours(minutes.map((m) => Math.floor(m / 60)));
      for (const [device, c] of cursors) this.upsertCursor.run(...deviceStateRow(device, c));
      if (coverage) this.updateCoverage.run(coverage.endMs, coverage.id);
    })();
  }

  private recomputeProvinceMinute(minute: number): void {
    const rows = this.devicesAtMinute.all(minute) as { device: number; n: number; sumPW: number; eWh: number }[];
    for (const p of provinceMinutes(rows, this.byIdx)) this.upsertScopeMinute.run(...scopeMinuteRow(minute, p));
  }

  /** Rebuilds the scope hours (sc, cq, area) of the given hours from scope_minute. */
  private recomputeHours(hours: Iterable<number>): void {
    for (const h of new Set(hours)) {
      const from = h * 60;
      const to = from + 60;
      const results: [number, ScopeHourAgg | undefined][] = [
        [SCOPE_KEY.sc, this.hourOfProvince.get(SCOPE_KEY.sc, from, to) as ScopeHourAgg | undefined],
        [SCOPE_KEY.cq, this.hourOfProvince.get(SCOPE_KEY.cq, from, to) as ScopeHourAgg | undefined],
        [SCOPE_KEY.area, this.hourOfArea.get(from, to) as ScopeHourAgg | undefined],
      ];
      for (const [scope, a] of results) {
        if (!a?.minutes) continue;
        this.upsertScopeHour.run(scope, h, a.minutes, a.sg, a.mg, a.sp, a.mp, a.se, a.me, a.sc, a.mc, a.ei, a.ep, a.ee);
      }
    }
  }

  protected override async compactMinutesBefore(
    cutoffMin: number,
    fromHour: number,
    result: MinuteCompaction,
  ): Promise<void> {
    const freePages = () => this.db.pragma('freelist_count', { simple: true }) as number;
    const freeBefore = freePages();
    this.db.transaction(() => {
      const range = { fromMin: fromHour * 60, toMin: cutoffMin };
      result.deviceHours = this.db
        .prepare(`INSERT OR REPLACE INTO device_hour (device, hour, minutes, sum_p_w, max_p_w, e_wh, sum_i_ma, sum_u_v)
          ${deviceSpansFromMinutes(60)}`)
        .run(range).changes;
      result.deviceQuarters = this.db
        .prepare(`INSERT OR REPLACE INTO device_quarter
          (device, quarter, minutes, sum_p_w, max_p_w, e_wh, sum_i_ma, sum_u_v) ${deviceSpansFromMinutes(15)}`)
        .run(range).changes;
      // The first compaction starts the 15-minute rows where the minutes started (hours only before that).
      if (getMeta(this.db, META_KEY.deviceQuarterFromMs) === undefined)
        setMeta(this.db, META_KEY.deviceQuarterFromMs, String(fromHour * 3_600_000));
      result.minuteRowsDeleted = this.db.prepare('DELETE FROM device_minute WHERE minute < ?').run(cutoffMin).changes;
      setMeta(this.db, META_KEY.deviceMinuteFromMs, String(cutoffMin * 60_000));
    })();
    result.bytesFreed = (freePages() - freeBefore) * (this.db.pragma('page_size', { simple: true }) as number);
  }

  async writeBackfillChunk(chunk: BackfillChunk): Promise<void> {
    const insertDeviceMinute = this.db.prepare(`INSERT OR REPLACE INTO device_minute
      (device, minute, n, sum_p_w, max_p_w, e_wh, sum_i_ma, sum_u_v) VALUES (?, ?, 1, ?, ?, ?, ?, ?)`);
    const insertDeviceHour = this.db.prepare(`INSERT OR REPLACE INTO device_hour
      (device, hour, minutes, sum_p_w, max_p_w, e_wh, sum_i_ma, sum_u_v) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.db.transaction(() => {
      for (const m of chunk.provinceMinutes) this.upsertScopeMinute.run(...backfillScopeMinuteRow(m));
      for (const d of chunk.deviceMinutes) insertDeviceMinute.run(d.device, d.key, ...deviceSpanColumns(d));
      for (const d of chunk.deviceHours) insertDeviceHour.run(d.device, d.key, d.minutes, ...deviceSpanColumns(d));
      this.recomputeHours(chunk.hours);
      this.updateCoverage.run(chunk.coverage.endMs, chunk.coverage.id);
      setMeta(this.db, META_KEY.backfill, JSON.stringify(chunk.state));
    })();
  }

  protected override async groupedRows(sql: string, params: BucketParams): Promise<BucketRow[]> {
    return this.db.prepare(sql).all(params) as BucketRow[];
  }

  async devicePeaks(kind: DeviceKind, fromMinute: number, toMinute: number): Promise<DevicePeak[]> {
    // SQLite takes a bare column (minute) from the row that holds the max() of its group: the peak's minute.
    return this.db
      .prepare(
        `SELECT device, max(max_p_w) AS maxPW, minute FROM device_minute
         WHERE device IN (SELECT idx FROM device WHERE kind = @kind) AND minute >= @from AND minute <= @to
           AND n > 0 AND max_p_w IS NOT NULL
         GROUP BY device`,
      )
      .all({ kind, from: fromMinute, to: toMinute }) as DevicePeak[];
  }

  async deviceMinuteMeans(kind: DeviceKind, fromMinute: number, toMinute: number): Promise<DeviceMinuteMean[]> {
    return this.db
      .prepare(
        `SELECT device, minute, CAST(sum_p_w AS REAL) / n AS meanPW FROM device_minute
         WHERE device IN (SELECT idx FROM device WHERE kind = @kind) AND minute >= @from AND minute < @to AND n > 0`,
      )
      .all({ kind, from: fromMinute, to: toMinute }) as DeviceMinuteMean[];
  }

  async deviceEnergies(fromMinute: number, toMinute: number): Promise<DeviceEnergy[]> {
    return this.db
      .prepare(
        // Through the device list, so each device's range is a primary-key seek rather than a scan of every minute.
        `SELECT device, sum(e_wh) AS eWh FROM device_minute
         WHERE device IN (SELECT idx FROM device) AND minute >= @from AND minute < @to
         GROUP BY device`,
      )
      .all({ from: fromMinute, to: toMinute }) as DeviceEnergy[];
  }

  async recordLiveFigures(figures: readonly RecordedLiveFigures[]): Promise<void> {
    if (!figures.length) return;
    const columns = Object.keys(liveMinuteRow(figures[0] as RecordedLiveFigures));
    const upsert = this.db.prepare(`
      INSERT INTO live_minute (minute, ${columns.join(', ')}) VALUES (@minute, ${columns.map((c) => `@${c}`).join(', ')})
      ON CONFLICT(scope, minute) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}
      WHERE excluded.ts_ms >= live_minute.ts_ms`);
    this.db.transaction(() => {
      for (const f of figures) upsert.run({ minute: Math.floor(f.tsMs / 60_000), ...liveMinuteRow(f) });
    })();
  }

  async latestLiveFigures(scope: ScopeId, fromMs: number, toMs: number): Promise<RecordedLiveFigures | null> {
    const row = this.db
      .prepare(
        `SELECT * FROM live_minute WHERE scope = ? AND minute >= ? AND minute <= ? AND ts_ms >= ? AND ts_ms <= ?
         ORDER BY minute DESC LIMIT 1`,
      )
      .get(SCOPE_KEY[scope], Math.floor(fromMs / 60_000), Math.floor(toMs / 60_000), fromMs, toMs) as
      | LiveMinuteRow
      | undefined;
    return row ? recordedLiveFigures(row) : null;
  }

  async recordAlarmEvents(events: readonly AlarmEvent[]): Promise<{ stored: number }> {
    const insert = this.db.prepare(`INSERT OR IGNORE INTO alarm_event
      (ts, alarm_id, type, rule, severity, device_id, value, by_name, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    let stored = 0;
    this.db.transaction(() => {
      for (const e of events)
        stored += insert.run(e.ts, e.alarmId, e.type, e.rule, e.severity, e.deviceId, e.value, e.by, e.note).changes;
    })();
    return { stored };
  }

  async alarmLogEvents(filter: AlarmLogFilter): Promise<AlarmEvent[]> {
    // The filters select alarms (any of their events may match the rule: an alarm escalates in place); then every
    // event of the chosen alarms is read, so each row of the log is whole.
    return this.db
      .prepare(
        `WITH chosen AS (
           SELECT alarm_id, min(ts) AS first_ts FROM alarm_event
           WHERE (@deviceId IS NULL OR device_id = @deviceId)
           GROUP BY alarm_id
           HAVING min(ts) < @to
             AND coalesce(max(CASE WHEN type = 'cleared' THEN ts END), @never) >= @from
             AND (@rule IS NULL OR max(rule = @rule) = 1)
             AND (@state IS NULL
               OR (@state = 'active' AND max(type = 'cleared') = 0)
               OR (@state = 'cleared' AND max(type = 'cleared') = 1)
               OR (@state = 'acknowledged' AND max(type = 'acknowledged') = 1))
           ORDER BY first_ts DESC, alarm_id DESC LIMIT @limit)
         SELECT e.ts, e.alarm_id AS alarmId, e.type, e.rule, e.severity, e.device_id AS deviceId, e.value,
           e.by_name AS by, e.note
         FROM alarm_event e JOIN chosen c ON e.alarm_id = c.alarm_id ORDER BY e.ts, e.id`,
      )
      .all(alarmLogParams(filter)) as AlarmEvent[];
  }

  async sizeBytes(): Promise<number> {
    const pageCount = this.db.pragma('page_count', { simple: true }) as number;
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    return pageCount * pageSize;
  }

  async backup(destinationPath: string): Promise<{ integrity: string; sizeBytes: number }> {
    if (this.location === ':memory:') throw new Error('an in-memory database has nothing to back up');
    return backupSqliteDb(this.db, destinationPath);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
