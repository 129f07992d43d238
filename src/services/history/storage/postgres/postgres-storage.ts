/**
 * The PostgreSQL adapter of the history storage port (schema and migrations in ./schema.ts), on a `pg` pool. The same
 * semantics as the SQLite adapter (../sqlite/sqlite-storage.ts), call for call: the shared contract suite
 * (../history-storage.contract.ts) runs against both, and what they do the same way is written once in
 * ../sql-history-storage.ts. What differs is how the work reaches the server: every write of one call is one
 * transaction, and a drain of the recorder is a fixed handful of statements whatever its size — each table's rows go
 * as arrays in one `INSERT … SELECT FROM unnest(…) ON CONFLICT … DO UPDATE`, the province minutes and scope hours are
 * rebuilt by one statement each — so a drain of 10,000 devices is not 10,000 round trips.
 *
 * Backups: a server database is backed up by its server's tools (pg_dump, pg_basebackup, WAL archiving), on the
 * server's schedule and storage, not by a client copying it into a file beside the service; `backup()` refuses and
 * says so, and the service runs no backup schedule for a PostgreSQL location.
 */
import pg from 'pg';
import type { AlarmEvent } from '../../../../core/contract/live-core';
import type { DeviceCursor, MinuteCell } from '../../minute-accumulator';
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
  NEVER_MS,
  recordedLiveFigures,
  SCOPE_KEY,
  scopeMinuteRow,
  toMilli,
} from '../row-codec';
import type { BucketDialect, BucketParams } from '../series-sql';
import { META_KEY, outageStoreOn, type RecorderDrain, SqlHistoryStorage } from '../sql-history-storage';
import { liveRecordedMinutesPostgres, outageRecordsPostgres, recordOutagesPostgres } from './postgres-outages';
import {
  createPartitionSql,
  deviceMinutePartition,
  MINUTES_PER_DAY,
  type MinutePartition,
  migrate,
  scopeMinutePartition,
} from './schema';

/** The URL with its password (if any) replaced, for logs and errors. */
export function redactDbUrl(url: string): string {
  return url.replace(/^(\w+:\/\/[^:@/]*):[^@/]*@/, '$1:…@');
}

/**
 * bigint (int8) and numeric (what sum() of bigint returns) as JS numbers: every value here is an integer count of
 * thousandths or a time in ms, far below 2^53. Per pool, so nothing else in the process sees strings turn into numbers.
 */
const NUMBER_TYPES = {
  getTypeParser(oid: number, format?: string) {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export interface PostgresStorageOptions {
  /** Pool size (default 10): the recorder's drains, the backfill and the HTTP reads share it. */
  maxConnections?: number;
}

export async function openPostgresStorage(
  url: string,
  opts: PostgresStorageOptions = {},
): Promise<PostgresHistoryStorage> {
  const location = redactDbUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.maxConnections ?? 10,
    types: NUMBER_TYPES,
    application_name: 'gaozhu-history',
  });
  // An idle client losing its server is reported here; the next query gets a fresh connection.
  pool.on('error', () => {});
  try {
    await migrate(pool, location);
  } catch (e) {
    await pool.end();
    const message = (e as Error).message.replaceAll(url, location);
    throw new Error(message.startsWith(location) ? message : `${location}: ${message}`);
  }
  const storage = new PostgresHistoryStorage(pool, location);
  await storage.loadPartitions();
  return storage;
}

type Client = pg.PoolClient;

/** live_minute's columns with their types, for jsonb_to_recordset. */
const LIVE_COLUMNS: [keyof LiveMinuteRow | 'minute', string][] = [
  ['scope', 'smallint'],
  ['minute', 'integer'],
  ['ts_ms', 'bigint'],
  ['data_time_ms', 'bigint'],
  ['status', 'text'],
  ['grid_import_w', 'bigint'],
  ['pv_w', 'bigint'],
  ['ev_w', 'bigint'],
  ['consumption_w', 'bigint'],
  ['day_start_ms', 'bigint'],
  ['counted_since_ms', 'bigint'],
  ['e_import_wh', 'bigint'],
  ['e_pv_wh', 'bigint'],
  ['e_ev_wh', 'bigint'],
  ['e_consumption_wh', 'bigint'],
  ['co2_emitted_g', 'bigint'],
  ['co2_avoided_pv_g', 'bigint'],
  ['coal_saved_g', 'bigint'],
  ['peak_consumption_w', 'bigint'],
  ['peak_at_ms', 'bigint'],
  ['feeder_live', 'integer'],
  ['feeder_held', 'integer'],
  ['feeder_missing', 'integer'],
  ['pv_live', 'integer'],
  ['pv_held', 'integer'],
  ['pv_missing', 'integer'],
  ['charger_live', 'integer'],
  ['charger_held', 'integer'],
  ['charger_missing', 'integer'],
];

/**
 * Device minute rows as column arrays, one per (device, minute) (mergeCells), merged on conflict by adding, max P by
 * greatest (which skips NULL).
 */
const UPSERT_DEVICE_MINUTES = `
  INSERT INTO device_minute (device, minute, n, sum_p_w, max_p_w, e_wh, sum_i_ma, sum_u_v)
  SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[],
    $8::bigint[])
  ON CONFLICT (device, minute) DO UPDATE SET
    n = device_minute.n + excluded.n, sum_p_w = device_minute.sum_p_w + excluded.sum_p_w,
    max_p_w = greatest(device_minute.max_p_w, excluded.max_p_w), e_wh = device_minute.e_wh + excluded.e_wh,
    sum_i_ma = device_minute.sum_i_ma + excluded.sum_i_ma, sum_u_v = device_minute.sum_u_v + excluded.sum_u_v`;

/**
 * A drain's cells as the upsert's columns (thousandths), one row per device and minute: one statement may not update
 * a row twice, and merging here is cheaper than a GROUP BY on the server (measured: ≈ 100 ms of 300 for 10,000 cells).
 */
function mergeCells(cells: readonly MinuteCell[]): (number | null)[][] {
  const at = new Map<number, number>();
  const cols: (number | null)[][] = [[], [], [], [], [], [], [], []];
  const [device, minute, n, sumP, maxP, e, sumI, sumU] = cols as [
    number[],
    number[],
    number[],
    number[],
    (number | null)[],
    number[],
    number[],
    number[],
  ];
  for (const c of cells) {
    const key = c.device * 1e8 + c.minute;
    const i = at.get(key);
    const max = c.maxPKw === null ? null : toMilli(c.maxPKw);
    if (i === undefined) {
      at.set(key, device.length);
      device.push(c.device);
      minute.push(c.minute);
      n.push(c.n);
      sumP.push(toMilli(c.sumPKw));
      maxP.push(max);
      e.push(toMilli(c.eKwh));
      sumI.push(toMilli(c.sumIA));
      sumU.push(toMilli(c.sumUKv));
      continue;
    }
    n[i]! += c.n;
    sumP[i]! += toMilli(c.sumPKw);
    if (max !== null) maxP[i] = Math.max(maxP[i] ?? max, max);
    e[i]! += toMilli(c.eKwh);
    sumI[i]! += toMilli(c.sumIA);
    sumU[i]! += toMilli(c.sumUKv);
  }
  return cols;
}

/** Rows as one array per column: the parameters of an `INSERT … SELECT * FROM unnest($1::…[], $2::…[], …)`. */
function unnestColumns(rows: readonly (readonly (number | null)[])[]): (number | null)[][] {
  const columns = (rows[0] ?? []).map(() => [] as (number | null)[]);
  for (const row of rows) for (const [i, v] of row.entries()) columns[i]!.push(v);
  return columns;
}

const UPSERT_SCOPE_MINUTES = `
  INSERT INTO scope_minute (scope, minute, grid_import_w, pv_w, ev_w, e_import_wh, e_pv_wh, e_ev_wh)
  SELECT * FROM unnest($1::smallint[], $2::int[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[],
    $7::bigint[], $8::bigint[])
  ON CONFLICT (scope, minute) DO UPDATE SET grid_import_w = excluded.grid_import_w, pv_w = excluded.pv_w,
    ev_w = excluded.ev_w, e_import_wh = excluded.e_import_wh, e_pv_wh = excluded.e_pv_wh, e_ev_wh = excluded.e_ev_wh`;

/**
 * Rebuilds the scope hours (sc, cq, area) of the hours in $1 from scope_minute, in one statement. [$2, $3) bounds the
 * minutes of those hours: the planner prunes to their partitions and walks the primary key's range instead of joining
 * every stored minute against the hour list.
 */
const REBUILD_SCOPE_HOURS = `
  WITH m AS (
    SELECT s.scope, s.minute / 60 AS hour, s.minute, s.grid_import_w AS g, s.pv_w AS pv, s.ev_w AS ev,
      s.e_import_wh AS ei, s.e_pv_wh AS ep, s.e_ev_wh AS ee
    FROM scope_minute s
    WHERE s.scope IN (0, 1) AND s.minute >= $2 AND s.minute < $3 AND s.minute / 60 = ANY($1::int[])),
  per_minute AS (
    SELECT scope, hour, g, pv, ev, ei, ep, ee FROM m
    UNION ALL
    SELECT 2, hour, sum(g), sum(pv), sum(ev), sum(ei), sum(ep), sum(ee) FROM m GROUP BY hour, minute)
  INSERT INTO scope_hour (scope, hour, minutes, sum_grid_import_w, max_grid_import_w, sum_pv_w, max_pv_w,
    sum_ev_w, max_ev_w, sum_consumption_w, max_consumption_w, e_import_wh, e_pv_wh, e_ev_wh)
  SELECT scope, hour, count(*), sum(g), max(g), sum(pv), max(pv), sum(ev), max(ev), sum(g + pv), max(g + pv),
    sum(ei), sum(ep), sum(ee)
  FROM per_minute GROUP BY scope, hour
  ON CONFLICT (scope, hour) DO UPDATE SET minutes = excluded.minutes,
    sum_grid_import_w = excluded.sum_grid_import_w, max_grid_import_w = excluded.max_grid_import_w,
    sum_pv_w = excluded.sum_pv_w, max_pv_w = excluded.max_pv_w, sum_ev_w = excluded.sum_ev_w,
    max_ev_w = excluded.max_ev_w, sum_consumption_w = excluded.sum_consumption_w,
    max_consumption_w = excluded.max_consumption_w, e_import_wh = excluded.e_import_wh,
    e_pv_wh = excluded.e_pv_wh, e_ev_wh = excluded.e_ev_wh`;

const DEVICE_HOUR_COLUMNS = 'device, hour, minutes, sum_p_w, max_p_w, e_wh, sum_i_ma, sum_u_v';
const DEVICE_HOUR_REPLACE = `ON CONFLICT (device, hour) DO UPDATE SET minutes = excluded.minutes,
  sum_p_w = excluded.sum_p_w, max_p_w = excluded.max_p_w, e_wh = excluded.e_wh, sum_i_ma = excluded.sum_i_ma,
  sum_u_v = excluded.sum_u_v`;

/** The grouping queries' spelling here: $1 key, [$2, $3) range, $4 offset, $5 width (bound by groupedRows). */
const PG_BUCKETS: BucketDialect = {
  at: { key: '$1', from: '$2', to: '$3', off: '$4', width: '$5' },
  // Both operands are integers (wholeParam), so the division is one.
  bucketKey: (column) => `(${column} + $4) / $5`,
  // The SQLite expressions, with PostgreSQL's spelling of a float cast.
  expr: (sql) => sql.replace(/CAST\((\w+) AS REAL\)/g, '$1::float8').replace(/^NULL$/, 'NULL::float8'),
  // The area's rows do not read the scope key; naming its type keeps $1 a parameter PostgreSQL can type.
  fromRows: (rowsSql) => `(${rowsSql}) x WHERE $1::int IS NOT NULL`,
};

/** Integer division key of a bucket query: both operands must be whole (they are: 1, 15, 60, 1440 min; 0, 480). */
function wholeParam(x: number, what: string): number {
  if (!Number.isInteger(x)) throw new Error(`bucket ${what} ${x} is not a whole number of the key's unit`);
  return x;
}

export class PostgresHistoryStorage extends SqlHistoryStorage implements HistoryStorage {
  protected override readonly bucketDialect = PG_BUCKETS;
  /** Partitions known to exist (created here or found at open), so a drain only issues DDL for a new day. */
  private readonly partitions = new Set<string>();
  /** Partition DDL one at a time in this process (the recorder and the backfill may both reach a new day). */
  private ddl: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    location: string,
  ) {
    super(
      location,
      outageStoreOn(pool, {
        recordOutages: recordOutagesPostgres,
        outageRecords: outageRecordsPostgres,
        liveRecordedMinutes: liveRecordedMinutesPostgres,
      }),
    );
  }

  async loadPartitions(): Promise<void> {
    const { rows } = await this.pool.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname IN ('device_minute', 'scope_minute')`,
    );
    for (const r of rows) this.partitions.add(r.name);
  }

  /** Creates the partitions `minutes` fall in that do not exist yet, each in its own short transaction. */
  private async ensurePartitions(parent: 'device_minute' | 'scope_minute', minutes: Iterable<number>): Promise<void> {
    const of = parent === 'device_minute' ? deviceMinutePartition : scopeMinutePartition;
    const wanted = new Map<string, MinutePartition>();
    let lastDay = Number.NaN;
    for (const m of minutes) {
      const day = Math.floor(m / MINUTES_PER_DAY);
      if (day === lastDay) continue;
      lastDay = day;
      const p = of(m);
      if (!this.partitions.has(p.table)) wanted.set(p.table, p);
    }
    if (!wanted.size) return;
    const run = this.ddl.then(async () => {
      for (const p of wanted.values()) {
        if (this.partitions.has(p.table)) continue;
        try {
          await this.pool.query(createPartitionSql(parent, p));
        } catch (e) {
          // Another process on the same database created it between our check and our CREATE: it exists.
          if ((e as { code?: string }).code !== '42P07' && (e as { code?: string }).code !== '23505') throw e;
        }
        this.partitions.add(p.table);
      }
    });
    this.ddl = run.catch(() => {});
    await run;
  }

  private async tx<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  protected override async readMeta(key: string, client: pg.Pool | Client = this.pool): Promise<string | undefined> {
    const { rows } = await client.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
    return rows[0]?.value;
  }

  protected override async writeMeta(key: string, value: string, client: pg.Pool | Client = this.pool): Promise<void> {
    await client.query(
      'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, value],
    );
  }

  protected override async storeDevices(devices: readonly Omit<DeviceRow, 'idx'>[]): Promise<DeviceRow[]> {
    // Only the new ones reach the INSERT, in configuration order: identity values are not spent on known devices.
    await this.pool.query(
      `INSERT INTO device (id, kind, province)
       SELECT t.id, t.kind, t.province FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY
         AS t(id, kind, province, ord)
       WHERE NOT EXISTS (SELECT 1 FROM device d WHERE d.id = t.id) ORDER BY t.ord
       ON CONFLICT (id) DO NOTHING`,
      [devices.map((d) => d.id), devices.map((d) => d.kind), devices.map((d) => d.province)],
    );
    const { rows } = await this.pool.query<DeviceRow>('SELECT idx, id, kind, province FROM device ORDER BY idx');
    return rows;
  }

  async openCoverage(interval: CoverageInterval): Promise<number> {
    const { rows } = await this.pool.query<{ id: number }>(
      'INSERT INTO coverage (start_ms, end_ms, source) VALUES ($1, $2, $3) RETURNING id',
      [interval.startMs, interval.endMs, interval.source],
    );
    return rows[0]!.id;
  }

  async coveredIntervals(fromMs: number, toMs: number): Promise<{ startMs: number; endMs: number }[]> {
    const { rows } = await this.pool.query<{ startMs: number; endMs: number }>(
      `SELECT start_ms AS "startMs", end_ms AS "endMs" FROM coverage WHERE end_ms > $1 AND start_ms < $2
       ORDER BY start_ms`,
      [Math.min(fromMs, NEVER_MS), Math.min(toMs, NEVER_MS)],
    );
    return mergedIntervals(rows);
  }

  async hasCoverage(): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM coverage LIMIT 1')).rowCount !== 0;
  }

  async deviceCursors(): Promise<Map<number, DeviceCursor>> {
    const { rows } = await this.pool.query<{ device: number; lastTs: number; c0: number | null; c1: number | null }>(
      'SELECT device, last_ts AS "lastTs", counter0_kwh AS c0, counter1_kwh AS c1 FROM device_state',
    );
    return deviceCursorsOf(rows);
  }

  protected override async writeDrain({ cells, minutes, cursors, coverage }: RecorderDrain): Promise<void> {
    await this.ensurePartitions('device_minute', minutes);
    await this.ensurePartitions('scope_minute', minutes);
    await this.tx(async (client) => {
      if (cells.length) await client.query(UPSERT_DEVICE_MINUTES, mergeCells(cells));
      if (minutes.length) {
        await this.rebuildProvinceMinutes(client, minutes);
        await this.rebuildScopeHours(
          client,
          minutes.map((m) => Math.floor(m / 60)),
        );
      }
      if (cursors.size)
        await client.query(
          `INSERT INTO device_state (device, last_ts, counter0_kwh, counter1_kwh)
           SELECT * FROM unnest($1::int[], $2::bigint[], $3::float8[], $4::float8[])
           ON CONFLICT (device) DO UPDATE SET last_ts = excluded.last_ts, counter0_kwh = excluded.counter0_kwh,
             counter1_kwh = excluded.counter1_kwh`,
          unnestColumns([...cursors].map(([device, c]) => deviceStateRow(device, c))),
        );
      if (coverage) await client.query('UPDATE coverage SET end_ms = $1 WHERE id = $2', [coverage.endMs, coverage.id]);
    });
  }

  private async rebuildScopeHours(client: Client, hours: readonly number[]): Promise<void> {
    if (!hours.length) return;
    const unique = [...new Set(hours)];
    await client.query(REBUILD_SCOPE_HOURS, [unique, Math.min(...unique) * 60, (Math.max(...unique) + 1) * 60]);
  }

  /**
   * The province minutes of the given minutes, from the stored device minutes of the registered devices in them
   * (provinceMinutes' rule). Looked up by primary key, device × minute (as SQLite does), not by scanning the day.
   */
  private async rebuildProvinceMinutes(client: Client, minutes: readonly number[]): Promise<void> {
    const { rows } = await client.query<{ device: number; minute: number; n: number; sumPW: number; eWh: number }>(
      `SELECT device, minute, n, sum_p_w AS "sumPW", e_wh AS "eWh" FROM device_minute
       WHERE device = ANY($4::int[]) AND minute = ANY($1::int[]) AND minute >= $2 AND minute <= $3`,
      [minutes, minutes[0], minutes[minutes.length - 1], [...this.byIdx.keys()]],
    );
    const byMinute = new Map<number, typeof rows>();
    for (const r of rows) {
      const list = byMinute.get(r.minute);
      if (list) list.push(r);
      else byMinute.set(r.minute, [r]);
    }
    const scopeRows = [...byMinute].flatMap(([minute, list]) =>
      provinceMinutes(list, this.byIdx).map((p) => scopeMinuteRow(minute, p)),
    );
    if (scopeRows.length) await client.query(UPSERT_SCOPE_MINUTES, unnestColumns(scopeRows));
  }

  protected override async compactMinutesBefore(
    cutoffMin: number,
    fromHour: number,
    result: MinuteCompaction,
  ): Promise<void> {
    const dropped: string[] = [];
    await this.tx(async (client) => {
      // Σ over every minute before the cutoff (so the count covers what goes), hours written from the horizon on
      // (before it the backfill's own hours stand).
      const spans = (span: 15 | 60) => `
           SELECT device, minute / ${span} AS key, count(*) AS rows, count(*) FILTER (WHERE n > 0) AS minutes,
             coalesce(round(sum(sum_p_w::float8 / n) FILTER (WHERE n > 0)), 0) AS sum_p_w, max(max_p_w) AS max_p_w,
             sum(e_wh) AS e_wh, coalesce(round(sum(sum_i_ma::float8 / n) FILTER (WHERE n > 0)), 0) AS sum_i_ma,
             coalesce(round(sum(sum_u_v::float8 / n) FILTER (WHERE n > 0)), 0) AS sum_u_v
           FROM device_minute WHERE minute < $1 GROUP BY device, minute / ${span}`;
      const { rows } = await client.query<{ hours: number; quarters: number; rows: number }>(
        `WITH agg AS (${spans(60)}),
         quarters AS (${spans(15)}),
         ins AS (
           INSERT INTO device_hour (${DEVICE_HOUR_COLUMNS})
           SELECT device, key, minutes, sum_p_w, max_p_w, e_wh, sum_i_ma, sum_u_v FROM agg WHERE key >= $2
           ${DEVICE_HOUR_REPLACE} RETURNING 1),
         ins_quarters AS (
           INSERT INTO device_quarter (${DEVICE_HOUR_COLUMNS.replace('hour', 'quarter')})
           SELECT device, key, minutes, sum_p_w, max_p_w, e_wh, sum_i_ma, sum_u_v FROM quarters WHERE key >= $2 * 4
           ${DEVICE_HOUR_REPLACE.replace('(device, hour)', '(device, quarter)')} RETURNING 1)
         SELECT (SELECT count(*) FROM ins) AS hours, (SELECT count(*) FROM ins_quarters) AS quarters,
           (SELECT coalesce(sum(rows), 0) FROM agg) AS rows`,
        [cutoffMin, fromHour],
      );
      if ((await this.readMeta(META_KEY.deviceQuarterFromMs, client)) === undefined)
        await this.writeMeta(META_KEY.deviceQuarterFromMs, String(fromHour * 3_600_000), client);
      result.deviceHours = rows[0]!.hours;
      result.deviceQuarters = rows[0]!.quarters;
      result.minuteRowsDeleted = rows[0]!.rows;
      // Day partitions wholly before the (midnight) cutoff go whole; their bounds are in the catalog.
      const parts = await client.query<{ name: string; bytes: number }>(
        `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes,
           (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(([0-9-]+)\\)'))[1]::bigint AS upper
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
         WHERE p.relname = 'device_minute'`,
      );
      for (const p of parts.rows as { name: string; bytes: number; upper: number }[]) {
        if (p.upper > cutoffMin) continue;
        await client.query(`DROP TABLE ${pg.escapeIdentifier(p.name)}`);
        dropped.push(p.name);
        result.bytesFreed += p.bytes;
      }
      // Rows of a partition straddling the cutoff (none with day partitions and a midnight cutoff; kept for safety).
      await client.query('DELETE FROM device_minute WHERE minute < $1', [cutoffMin]);
      await this.writeMeta(META_KEY.deviceMinuteFromMs, String(cutoffMin * 60_000), client);
    });
    for (const name of dropped) this.partitions.delete(name);
    result.partitionsDropped = dropped.length;
  }

  async writeBackfillChunk(chunk: BackfillChunk): Promise<void> {
    const pm = chunk.provinceMinutes;
    const dm = chunk.deviceMinutes;
    const dh = chunk.deviceHours;
    await this.ensurePartitions(
      'scope_minute',
      pm.map((m) => m.minute),
    );
    await this.ensurePartitions(
      'device_minute',
      dm.map((d) => d.key),
    );
    await this.tx(async (client) => {
      if (pm.length) await client.query(UPSERT_SCOPE_MINUTES, unnestColumns(pm.map(backfillScopeMinuteRow)));
      if (dm.length)
        await client.query(
          `INSERT INTO device_minute (device, minute, n, sum_p_w, max_p_w, e_wh, sum_i_ma, sum_u_v)
           SELECT device, minute, 1, sp, mp, e, si, su FROM unnest($1::int[], $2::int[], $3::bigint[], $4::bigint[],
             $5::bigint[], $6::bigint[], $7::bigint[]) AS t(device, minute, sp, mp, e, si, su)
           ON CONFLICT (device, minute) DO UPDATE SET n = 1, sum_p_w = excluded.sum_p_w, max_p_w = excluded.max_p_w,
             e_wh = excluded.e_wh, sum_i_ma = excluded.sum_i_ma, sum_u_v = excluded.sum_u_v`,
          unnestColumns(dm.map((d) => [d.device, d.key, ...deviceSpanColumns(d)])),
        );
      if (dh.length)
        await client.query(
          `INSERT INTO device_hour (${DEVICE_HOUR_COLUMNS})
           SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::bigint[], $5::bigint[], $6::bigint[],
             $7::bigint[], $8::bigint[])
           ${DEVICE_HOUR_REPLACE}`,
          unnestColumns(dh.map((d) => [d.device, d.key, d.minutes, ...deviceSpanColumns(d)])),
        );
      await this.rebuildScopeHours(client, chunk.hours);
      await client.query('UPDATE coverage SET end_ms = $1 WHERE id = $2', [chunk.coverage.endMs, chunk.coverage.id]);
      await this.writeMeta(META_KEY.backfill, JSON.stringify(chunk.state), client);
    });
  }

  /** Runs a grouping query ($1 key, [$2, $3) range, $4 offset, $5 width), its rows in key order. */
  protected override async groupedRows(sql: string, p: BucketParams): Promise<BucketRow[]> {
    const width = wholeParam(p.width, 'width');
    const off = wholeParam(p.off, 'offset');
    // key ≥ from ⇔ key ≥ ⌈from⌉ for whole keys: whole bounds keep the comparison on the integer index.
    const { rows } = await this.pool.query<BucketRow>(sql, [p.key, Math.ceil(p.from), Math.ceil(p.to), off, width]);
    return rows.sort((a, b) => a.k - b.k);
  }

  async devicePeaks(kind: DeviceKind, fromMinute: number, toMinute: number): Promise<DevicePeak[]> {
    // The row holding each device's highest P; on a tie the earliest minute.
    const { rows } = await this.pool.query<DevicePeak>(
      `SELECT DISTINCT ON (m.device) m.device, m.max_p_w AS "maxPW", m.minute FROM device_minute m
       JOIN device d ON d.idx = m.device
       WHERE d.kind = $1 AND m.minute >= $2 AND m.minute <= $3 AND m.n > 0 AND m.max_p_w IS NOT NULL
       ORDER BY m.device, m.max_p_w DESC, m.minute`,
      [kind, Math.ceil(fromMinute), Math.floor(toMinute)],
    );
    return rows;
  }

  async deviceMinuteMeans(kind: DeviceKind, fromMinute: number, toMinute: number): Promise<DeviceMinuteMean[]> {
    const { rows } = await this.pool.query<DeviceMinuteMean>(
      `SELECT m.device, m.minute, m.sum_p_w::float8 / m.n AS "meanPW" FROM device_minute m
       JOIN device d ON d.idx = m.device
       WHERE d.kind = $1 AND m.minute >= $2 AND m.minute < $3 AND m.n > 0 ORDER BY m.device, m.minute`,
      [kind, Math.ceil(fromMinute), Math.ceil(toMinute)],
    );
    return rows;
  }

  async deviceEnergies(fromMinute: number, toMinute: number): Promise<DeviceEnergy[]> {
    const { rows } = await this.pool.query<DeviceEnergy>(
      `SELECT m.device, sum(m.e_wh) AS "eWh" FROM device_minute m JOIN device d ON d.idx = m.device
       WHERE m.minute >= $1 AND m.minute < $2 GROUP BY m.device ORDER BY m.device`,
      [Math.ceil(fromMinute), Math.ceil(toMinute)],
    );
    return rows;
  }

  async recordLiveFigures(figures: readonly RecordedLiveFigures[]): Promise<void> {
    if (!figures.length) return;
    // One row per scope and minute reaches the statement: the newest of the batch (a later equal one wins, as when
    // they are stored one by one); the stored row is then replaced only by a newer or equal one.
    const newest = new Map<string, LiveMinuteRow & { minute: number }>();
    for (const f of figures) {
      const minute = Math.floor(f.tsMs / 60_000);
      const key = `${f.scope}:${minute}`;
      const prev = newest.get(key);
      if (!prev || f.tsMs >= prev.ts_ms) newest.set(key, { minute, ...liveMinuteRow(f) });
    }
    const names = LIVE_COLUMNS.map(([c]) => c);
    await this.pool.query(
      `INSERT INTO live_minute (${names.join(', ')})
       SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb)
         AS t(${LIVE_COLUMNS.map(([c, type]) => `${c} ${type}`).join(', ')})
       ON CONFLICT (scope, minute) DO UPDATE SET ${names
         .filter((c) => c !== 'scope' && c !== 'minute')
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}
       WHERE excluded.ts_ms >= live_minute.ts_ms`,
      [JSON.stringify([...newest.values()])],
    );
  }

  async latestLiveFigures(scope: ScopeId, fromMs: number, toMs: number): Promise<RecordedLiveFigures | null> {
    const { rows } = await this.pool.query<LiveMinuteRow>(
      `SELECT * FROM live_minute WHERE scope = $1 AND minute >= $2 AND minute <= $3 AND ts_ms >= $4 AND ts_ms <= $5
       ORDER BY minute DESC LIMIT 1`,
      [SCOPE_KEY[scope], Math.floor(fromMs / 60_000), Math.floor(toMs / 60_000), fromMs, toMs],
    );
    return rows[0] ? recordedLiveFigures(rows[0]) : null;
  }

  async recordAlarmEvents(events: readonly AlarmEvent[]): Promise<{ stored: number }> {
    if (!events.length) return { stored: 0 };
    // In arrival order (ord), so ids keep it; a redelivered event hits the unique index and is skipped.
    const result = await this.pool.query(
      `INSERT INTO alarm_event (ts, alarm_id, type, rule, severity, device_id, value, by_name, note)
       SELECT ts, alarm_id, type, rule, severity, device_id, value, by_name, note
       FROM jsonb_to_recordset($1::jsonb) AS t(ts bigint, alarm_id text, type text, rule text,
         severity text, device_id text, value float8, by_name text, note text, ord bigint)
       ORDER BY ord
       ON CONFLICT (alarm_id, type, ts) DO NOTHING`,
      [
        JSON.stringify(
          events.map((e, ord) => ({
            ord,
            ts: e.ts,
            alarm_id: e.alarmId,
            type: e.type,
            rule: e.rule,
            severity: e.severity,
            device_id: e.deviceId,
            value: e.value,
            by_name: e.by,
            note: e.note,
          })),
        ),
      ],
    );
    return { stored: result.rowCount ?? 0 };
  }

  async alarmLogEvents(filter: AlarmLogFilter): Promise<AlarmEvent[]> {
    // As on SQLite: the filters choose alarms, then every event of the chosen ones is read. Alarm ids are ordered
    // byte-wise (COLLATE "C"), SQLite's order, whatever the database's collation.
    const p = alarmLogParams(filter);
    const { rows } = await this.pool.query<AlarmEvent>(
      `WITH chosen AS (
         SELECT alarm_id, min(ts) AS first_ts FROM alarm_event
         WHERE ($1::text IS NULL OR device_id = $1::text)
         GROUP BY alarm_id
         HAVING min(ts) < $5::bigint
           AND coalesce(max(CASE WHEN type = 'cleared' THEN ts END), $6::bigint) >= $4::bigint
           AND ($2::text IS NULL OR bool_or(rule = $2::text))
           AND ($3::text IS NULL
             OR ($3::text = 'active' AND NOT bool_or(type = 'cleared'))
             OR ($3::text = 'cleared' AND bool_or(type = 'cleared'))
             OR ($3::text = 'acknowledged' AND bool_or(type = 'acknowledged')))
         ORDER BY first_ts DESC, alarm_id COLLATE "C" DESC LIMIT $7)
       SELECT e.ts, e.alarm_id AS "alarmId", e.type, e.rule, e.severity, e.device_id AS "deviceId", e.value,
         e.by_name AS "by", e.note
       FROM alarm_event e JOIN chosen c ON e.alarm_id = c.alarm_id ORDER BY e.ts, e.id`,
      [p.deviceId, p.rule, p.state, p.from, p.to, p.never, p.limit],
    );
    return rows;
  }

  async sizeBytes(): Promise<number> {
    const { rows } = await this.pool.query<{ bytes: number }>('SELECT pg_database_size(current_database()) AS bytes');
    return rows[0]!.bytes;
  }

  async backup(_destinationPath: string): Promise<{ integrity: string; sizeBytes: number }> {
    throw new Error(
      `${this.location}: a PostgreSQL history is backed up by the database server's own tools (pg_dump, pg_basebackup, WAL archiving), not by the history service`,
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
