/**
 * `npm run bench:history-pg [-- devices=10000 minutes=60]`: the history storage on PostgreSQL against SQLite, through
 * the storage port (the code the service runs), and prints one table.
 *
 * 1. Ingestion: `minutes` drains of the recorder, each one minute of every device (a cell per device, its cursor and
 *    the coverage end), into an empty database: device minute rows per second, with the province minutes and scope
 *    hours each drain derives.
 * 2. A year of history is then bulk-generated through the backfill's port call (writeBackfillChunk, one chunk a day,
 *    the same chunks for both engines): province minutes for 365 days (the area's scope hours rebuilt from them),
 *    device hours for 100 devices over the 330 older days and device minutes for 20 of them over the last 35 days (the
 *    retention default), so the queried device looks like one of a 35-day-retention history.
 * 3. Queries through SeriesQuery (the HTTP API's code) for one feeder and for the area: a day at 1 min, a month at
 *    1 h, a year at 1 day; median of 5 after one warm-up.
 *
 * PostgreSQL is Debian's (a throw-away cluster from tests/support/postgres-fixture.ts with the server's durable
 * defaults, fsync on); SQLite is the service's file (WAL, synchronous NORMAL). Both on this machine's disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceCursor, MinuteCell } from '../../src/services/history/minute-accumulator';
import { SeriesQuery, type SeriesRequest } from '../../src/services/history/series-query';
import type {
  BackfillChunk,
  DeviceRow,
  DeviceSpanValues,
  HistoryStorage,
  ProvinceMinuteValues,
} from '../../src/services/history/storage/history-storage';
import { openPostgresStorage } from '../../src/services/history/storage/postgres/postgres-storage';
import { openSqliteStorage } from '../../src/services/history/storage/sqlite/sqlite-storage';
import { startTestPostgres } from '../support/postgres-fixture';

const arg = (name: string, fallback: number) => {
  const a = process.argv.find((x) => x.startsWith(`${name}=`));
  return a ? Number(a.slice(name.length + 1)) : fallback;
};
const DEVICES = arg('devices', 10_000);
const MINUTES = arg('minutes', 60);
const YEAR_DAYS = 365;
const MINUTE_DAYS = 35;
const HOUR_DEVICES = 100;
const MINUTE_DEVICES = 20;
const DAY_MS = 86_400_000;

// The generated year ends at the start of today (UTC); the ingested minutes follow it.
const END_MS = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const YEAR_FROM_MS = END_MS - YEAR_DAYS * DAY_MS;
const MINUTES_FROM_MS = END_MS - MINUTE_DAYS * DAY_MS;

function deviceList(): Omit<DeviceRow, 'idx'>[] {
  const kinds = ['feeder', 'pv', 'charger'] as const;
  return Array.from({ length: DEVICES }, (_, i) => ({
    id: `bench-${i}`,
    kind: kinds[i % 3]!,
    province: i % 2 ? 'cq' : 'sc',
  }));
}

/** A smooth deterministic load: kW of device d at minute m. */
const kw = (d: number, m: number) => 50 + (d % 97) + 30 * Math.sin((m % 1440) * ((2 * Math.PI) / 1440) + d);

async function ingest(s: HistoryStorage): Promise<{ rows: number; seconds: number }> {
  const coverage = await s.openCoverage({ startMs: END_MS, endMs: END_MS, source: 'live' });
  const cursors = new Map<number, DeviceCursor>();
  let rows = 0;
  const t0 = performance.now();
  for (let k = 0; k < MINUTES; k++) {
    const minute = END_MS / 60_000 + k;
    const cells: MinuteCell[] = [];
    for (let d = 1; d <= DEVICES; d++) {
      const p = kw(d, minute);
      cells.push({ device: d, minute, n: 6, sumPKw: 6 * p, maxPKw: p * 1.05, eKwh: p / 60, sumIA: 6 * p, sumUKv: 60 });
      cursors.set(d, { lastTsMs: minute * 60_000 + 50_000, countersKwh: [1000 + k * (p / 60)] });
    }
    await s.recordMinutes(cells, cursors, { id: coverage, endMs: (minute + 1) * 60_000 });
    rows += cells.length;
  }
  return { rows, seconds: (performance.now() - t0) / 1000 };
}

function dayChunk(day: number, coverageId: number): BackfillChunk {
  const dayMin = (YEAR_FROM_MS + day * DAY_MS) / 60_000;
  const provinceMinutes: ProvinceMinuteValues[] = [];
  const deviceMinutes: DeviceSpanValues[] = [];
  const deviceHours: (DeviceSpanValues & { minutes: number })[] = [];
  for (let m = dayMin; m < dayMin + 1440; m++)
    for (const province of ['sc', 'cq'] as const) {
      const g = 20_000 + kw(province === 'sc' ? 1 : 2, m) * 100;
      provinceMinutes.push({
        province,
        minute: m,
        gridImportKw: g,
        pvKw: g / 10,
        evKw: g / 20,
        eImportKwh: g / 60,
        ePvKwh: g / 600,
        eEvKwh: g / 1200,
      });
    }
  const dayMs = dayMin * 60_000;
  if (dayMs >= MINUTES_FROM_MS) {
    for (let d = 1; d <= MINUTE_DEVICES; d++)
      for (let m = dayMin; m < dayMin + 1440; m++) {
        const p = kw(d, m);
        deviceMinutes.push({ device: d, key: m, sumPKw: p, maxPKw: p * 1.05, eKwh: p / 60, sumIA: p, sumUKv: 10 });
      }
  } else {
    for (let d = 1; d <= HOUR_DEVICES; d++)
      for (let h = dayMin / 60; h < dayMin / 60 + 24; h++) {
        const p = kw(d, h * 60);
        deviceHours.push({
          device: d,
          key: h,
          minutes: 60,
          sumPKw: 60 * p,
          maxPKw: p * 1.1,
          eKwh: p,
          sumIA: 60 * p,
          sumUKv: 600,
        });
      }
  }
  return {
    provinceMinutes,
    deviceMinutes,
    deviceHours,
    hours: Array.from({ length: 24 }, (_, h) => dayMin / 60 + h),
    coverage: { id: coverageId, endMs: dayMs + DAY_MS },
    state: {
      state: 'running',
      fromMs: YEAR_FROM_MS,
      toMs: END_MS,
      doneToMs: dayMs + DAY_MS,
      deviceMinuteFromMs: MINUTES_FROM_MS,
      seed: 1,
      replay: false,
      coarseSampleMin: 60,
      coverageId,
      startedAtMs: 0,
    },
  };
}

async function generateYear(s: HistoryStorage): Promise<number> {
  const t0 = performance.now();
  const coverageId = await s.openCoverage({ startMs: YEAR_FROM_MS, endMs: YEAR_FROM_MS, source: 'backfill' });
  await s.setDeviceMinuteFromMs(MINUTES_FROM_MS);
  for (let day = 0; day < YEAR_DAYS; day++) await s.writeBackfillChunk(dayChunk(day, coverageId));
  return (performance.now() - t0) / 1000;
}

const QUERIES: [string, Omit<SeriesRequest, 'entity'> & { entity?: string }][] = [
  ['device day (1 min)', { metric: 'pKw', fromMs: END_MS - DAY_MS, toMs: END_MS, step: '1m', agg: 'avg' }],
  ['device month (1 h)', { metric: 'eKwh', fromMs: END_MS - 30 * DAY_MS, toMs: END_MS, step: '1h', agg: 'sum' }],
  ['device year (1 day)', { metric: 'eKwh', fromMs: YEAR_FROM_MS, toMs: END_MS, step: '1d', agg: 'sum' }],
  ['area day (1 min)', { metric: 'gridImportKw', fromMs: END_MS - DAY_MS, toMs: END_MS, step: '1m', agg: 'avg' }],
  ['area month (1 h)', { metric: 'eImportKwh', fromMs: END_MS - 30 * DAY_MS, toMs: END_MS, step: '1h', agg: 'sum' }],
  ['area year (1 day)', { metric: 'eImportKwh', fromMs: YEAR_FROM_MS, toMs: END_MS, step: '1d', agg: 'sum' }],
];

async function queryTimes(s: HistoryStorage, devices: Map<string, DeviceRow>): Promise<Map<string, number>> {
  const query = new SeriesQuery(s, devices);
  const times = new Map<string, number>();
  for (const [name, q] of QUERIES) {
    const req = { ...q, entity: name.startsWith('device') ? 'bench-0' : 'area' } as SeriesRequest;
    const first = await query.run(req);
    if (!first.points.some((p) => p[1] !== null)) throw new Error(`${name}: no data in the answer`);
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await query.run(req);
      runs.push(performance.now() - t0);
    }
    times.set(name, runs.sort((a, b) => a - b)[2]!);
  }
  return times;
}

async function measure(engine: string, s: HistoryStorage) {
  const devices = await s.registerDevices(deviceList());
  const ingested = await ingest(s);
  console.log(`[bench] ${engine}: ${ingested.rows} device minutes in ${ingested.seconds.toFixed(1)} s`);
  const yearS = await generateYear(s);
  console.log(`[bench] ${engine}: a year generated in ${yearS.toFixed(1)} s`);
  const times = await queryTimes(s, devices);
  const sizeMb = (await s.sizeBytes()) / 1e6;
  await s.close();
  return { ingested, yearS, times, sizeMb };
}

const dir = mkdtempSync(join(tmpdir(), 'gaozhu-history-pg-bench-'));
const pg = await startTestPostgres({ durable: true });
try {
  const sqlite = await measure('SQLite', openSqliteStorage(join(dir, 'history.sqlite')));
  const postgres = await measure('PostgreSQL', await openPostgresStorage(await pg.createDatabase('bench')));
  const rate = (r: { rows: number; seconds: number }) => Math.round(r.rows / r.seconds).toLocaleString('en-US');
  const rows: [string, string, string][] = [
    [
      `ingest ${DEVICES.toLocaleString('en-US')} devices × ${MINUTES} min (rows/s)`,
      rate(postgres.ingested),
      rate(sqlite.ingested),
    ],
    [
      'per drain (ms)',
      ((postgres.ingested.seconds * 1000) / MINUTES).toFixed(0),
      ((sqlite.ingested.seconds * 1000) / MINUTES).toFixed(0),
    ],
    ['generate the year (s)', postgres.yearS.toFixed(1), sqlite.yearS.toFixed(1)],
    ...QUERIES.map(
      ([name]) =>
        [`${name} (ms)`, postgres.times.get(name)!.toFixed(1), sqlite.times.get(name)!.toFixed(1)] as [
          string,
          string,
          string,
        ],
    ),
    ['database size (MB)', postgres.sizeMb.toFixed(0), sqlite.sizeMb.toFixed(0)],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length), 7);
  console.log(`\n| ${'measure'.padEnd(w0)} | PostgreSQL | SQLite |`);
  console.log(`| ${'-'.repeat(w0)} | ---------- | ------ |`);
  for (const [a, b, c] of rows) console.log(`| ${a.padEnd(w0)} | ${b.padStart(10)} | ${c.padStart(6)} |`);
} finally {
  await pg.close();
  rmSync(dir, { recursive: true, force: true });
}
