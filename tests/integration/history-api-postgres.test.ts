/**
 * The history service on PostgreSQL answers its HTTP API exactly as on SQLite: two services on one broker, one on a
 * SQLite file and one on a throw-away PostgreSQL cluster (tests/support/postgres-fixture.ts), seeded by the same
 * deterministic backfill (3 days of the world model, seed 7, planned at the same instant), are asked the same series,
 * CSV, device and alarm-log requests and must give identical bodies. Then the PostgreSQL service is restarted with a
 * one-day minute retention: it compacts at start, reports it on /api/health and /metrics, and the per-device totals
 * over the compacted range, at 1 h, 1 day and 15 minutes, still equal the SQLite service's (which keeps its minutes).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorldSeeder } from '../../mock-feeds/backfill/world-backfill';
import { parseAreaConfig } from '../../src/core/config/area-schema';
import type { RunningBroker } from '../../src/services/broker/broker';
import type { HistorySeeder } from '../../src/services/history/seeder';
import { type RunningHistoryService, startHistoryService } from '../../src/services/history/service';
import type { BackfillState } from '../../src/services/history/storage/history-storage';
import { brokerTcpUrl, startTestBroker, testUsers } from '../support/broker-fixture';
import { type RunningPostgres, startTestPostgres } from '../support/postgres-fixture';

const config = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
const DAY = 86_400_000;
const HOUR = 3_600_000;
// One instant for both plans, so both backfills cover exactly the same range.
const PLANNED_AT_MS = Math.floor(Date.now() / 60_000) * 60_000;

let broker: RunningBroker;
let postgres: RunningPostgres;
let pgUrl: string;
let sqlite: RunningHistoryService;
let onPg: RunningHistoryService;
let backfill: BackfillState;

function seeder(): HistorySeeder {
  const world = createWorldSeeder({ seed: 7, days: 3, deviceMinuteDays: 2 });
  return { description: world.description, plan: (s) => world.plan(s, PLANNED_AT_MS), run: world.run.bind(world) };
}

const start = (dbPath: string, opts: { seeder?: HistorySeeder; minuteRetentionDays: number }) =>
  startHistoryService({
    mqttUrl: brokerTcpUrl(broker),
    username: testUsers.recorder.username,
    password: testUsers.recorder.password,
    config,
    dbPath,
    port: 0,
    ...opts,
  });

const text = async (svc: RunningHistoryService, path: string) => {
  const res = await fetch(`http://127.0.0.1:${svc.port}${path}`);
  return { status: res.status, body: await res.text() };
};
/** A body to compare: JSON without its `nowMs` (when the answer was made, not what it says), CSV as it is. */
const comparable = (body: string) => {
  if (!body.startsWith('{')) return body;
  const { nowMs: _nowMs, ...rest } = JSON.parse(body) as Record<string, unknown>;
  return rest;
};
const json = async <T>(svc: RunningHistoryService, path: string) => JSON.parse((await text(svc, path)).body) as T;

beforeAll(async () => {
  broker = await startTestBroker();
  postgres = await startTestPostgres();
  pgUrl = await postgres.createDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'gaozhu-history-pg-api-'));
  [sqlite, onPg] = await Promise.all([
    start(join(dir, 'history.sqlite'), { seeder: seeder(), minuteRetentionDays: 0 }),
    start(pgUrl, { seeder: seeder(), minuteRetentionDays: 0 }),
  ]);
  await Promise.all([sqlite.backfillDone, onPg.backfillDone]);
  backfill = (await json<{ backfill: BackfillState }>(sqlite, '/api/health')).backfill;
});

afterAll(async () => {
  await onPg?.close();
  await sqlite?.close();
  await broker?.close();
  await postgres?.close();
});

/** The requests compared: every scope metric family, a feeder, a PV site and a charger, each resolution path. */
function requests(): string[] {
  const { fromMs, toMs, deviceMinuteFromMs: minutesFrom } = backfill;
  const f = config.feeders[0]!.id;
  const pv = config.pvSites[0]!.id;
  const ev = config.chargingStations[0]!.id;
  const series = (q: string) => `/api/series?${q}`;
  return [
    series(`metric=eImportKwh&entity=area&from=${fromMs}&to=${toMs}&step=1d`),
    series(`metric=ePvKwh&entity=area&from=${fromMs}&to=${toMs}&step=1mo`),
    series(`metric=consumptionKw&entity=sc&from=${fromMs}&to=${toMs}&step=1h&agg=max`),
    series(`metric=gridImportKw&entity=area&from=${minutesFrom}&to=${minutesFrom + DAY}&step=15m`),
    series(`metric=evKw&entity=cq&from=${toMs - 3 * HOUR}&to=${toMs}&step=1m`),
    series(`metric=eConsumptionKwh&entity=cq&from=${fromMs}&to=${toMs}&step=1d`),
    series(`metric=pKw&entity=${f}&from=${toMs - 2 * HOUR}&to=${toMs}&step=1m`),
    series(`metric=pKw&entity=${f}&from=${fromMs}&to=${toMs}&step=1h&agg=max`),
    series(`metric=eKwh&entity=${f}&from=${fromMs}&to=${toMs}&step=1d`),
    series(`metric=iA&entity=${f}&from=${minutesFrom}&to=${minutesFrom + 6 * HOUR}&step=15m`),
    series(`metric=pKw&entity=${pv}&from=${fromMs}&to=${fromMs + DAY}&step=1m`),
    series(`metric=eKwh&entity=${ev}&from=${fromMs}&to=${toMs}&step=1h`),
    `/api/series.csv?metric=ePvKwh&entity=sc&from=${toMs - DAY}&to=${toMs}&step=1h`,
    `/api/alarm-log?from=${fromMs}&to=${toMs}`,
    series(`metric=nope&entity=area&from=${fromMs}&to=${toMs}&step=1h`),
  ];
}

describe('the history API on PostgreSQL', () => {
  it('answers every request exactly as the SQLite history does', async () => {
    expect(backfill).toMatchObject({ state: 'done', seed: 7 });
    expect((await json<{ backfill: BackfillState }>(onPg, '/api/health')).backfill).toEqual(
      expect.objectContaining({ fromMs: backfill.fromMs, toMs: backfill.toMs, doneToMs: backfill.doneToMs }),
    );
    for (const path of requests()) {
      const [a, b] = await Promise.all([text(sqlite, path), text(onPg, path)]);
      expect({ path, status: b.status }).toEqual({ path, status: a.status });
      expect(comparable(b.body), path).toEqual(comparable(a.body));
    }
    // Most answers carry data: identical nulls everywhere would prove nothing.
    const day = await json<{ points: [number, number | null][] }>(sqlite, requests()[0]!);
    expect(day.points.filter((p) => (p[1] ?? 0) > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('answers the devices of a kind today as on SQLite', async () => {
    // The answer is about "now": compared when both were asked within the same minute.
    for (let attempt = 0; attempt < 3; attempt++) {
      const [a, b] = await Promise.all([
        json<{ nowMs: number }>(sqlite, '/api/devices/today?kind=feeder'),
        json<{ nowMs: number }>(onPg, '/api/devices/today?kind=feeder'),
      ]);
      if (Math.floor(a.nowMs / 60_000) !== Math.floor(b.nowMs / 60_000)) continue;
      expect({ ...b, nowMs: 0 }).toEqual({ ...a, nowMs: 0 });
      return;
    }
    throw new Error('three attempts straddled a minute');
  });

  it('reports PostgreSQL, its size and no backup schedule on /api/health', async () => {
    const h = await json<{ db: { engine: string; sizeBytes: number }; backup: unknown }>(onPg, '/api/health');
    expect(h.db.engine).toBe('postgresql');
    expect(h.db.sizeBytes).toBeGreaterThan(1_000_000);
    expect(h.backup).toBeNull();
    expect(await onPg.backupNow()).toBeNull();
  });

  it('restarted with a one-day minute retention, compacts at start and answers the same per-device totals', async () => {
    await onPg.close();
    onPg = await start(pgUrl, { minuteRetentionDays: 1 });
    await onPg.retention.runNow();
    const h = await json<{
      db: { retention: { minuteRetentionDays: number; totals: { minuteRowsDeleted: number; deviceHours: number } } };
    }>(onPg, '/api/health');
    expect(h.db.retention.minuteRetentionDays).toBe(1);
    // The backfill kept 2 days of minutes. PostgreSQL drops whole UTC-day partitions, so a one-day retention compacts
    // every device's hours up to the UTC midnight at or before (newest reading − 1 day) — from 0 to 24 h of them,
    // depending on the time of day the test runs (one hour of slack per device for the newest reading's minute).
    const devices = config.feeders.length + config.pvSites.length + config.chargingStations.length;
    const cutoffMs = Math.floor((backfill.toMs - DAY) / DAY) * DAY;
    const hoursPerDevice = Math.floor((cutoffMs - backfill.deviceMinuteFromMs) / HOUR);
    expect(h.db.retention.totals.deviceHours).toBeGreaterThanOrEqual(devices * Math.max(0, hoursPerDevice - 1));
    expect(h.db.retention.totals.minuteRowsDeleted).toBeGreaterThanOrEqual(h.db.retention.totals.deviceHours);
    const metrics = await text(onPg, '/metrics');
    const rows = Number(/^history_minute_rows_compacted_total\{[^}]*\} (\d+)$/m.exec(metrics.body)?.[1]);
    expect(rows).toBe(h.db.retention.totals.minuteRowsDeleted);
    expect(metrics.body).toMatch(/^history_minute_partitions_dropped_total\{[^}]*\} [1-9]/m);

    const { fromMs, toMs } = backfill;
    const f = config.feeders[0]!.id;
    const pv = config.pvSites[0]!.id;
    for (const path of [
      `/api/series?metric=eKwh&entity=${f}&from=${fromMs}&to=${toMs}&step=1d`,
      `/api/series?metric=eKwh&entity=${pv}&from=${fromMs}&to=${toMs}&step=1h`,
      `/api/series?metric=pKw&entity=${f}&from=${fromMs}&to=${toMs}&step=1d&agg=max`,
      `/api/series?metric=eImportKwh&entity=area&from=${fromMs}&to=${toMs}&step=1h`,
    ]) {
      const [a, b] = await Promise.all([text(sqlite, path), text(onPg, path)]);
      expect(comparable(b.body), path).toEqual(comparable(a.body));
    }
    // The compacted minutes answer at 15 minutes from the 15-minute rows, as the SQLite minutes do; a 1-minute step
    // there says what is left.
    const horizon = (await json<{ db: { retention: { deviceMinuteFromMs: number } } }>(onPg, '/api/health')).db
      .retention.deviceMinuteFromMs;
    expect(horizon).toBeGreaterThan(backfill.deviceMinuteFromMs);
    const compactedFrom = Math.ceil(backfill.deviceMinuteFromMs / HOUR) * HOUR;
    for (const path of [
      `/api/series?metric=eKwh&entity=${f}&from=${compactedFrom}&to=${horizon}&step=15m`,
      `/api/series?metric=pKw&entity=${pv}&from=${compactedFrom}&to=${horizon}&step=15m&agg=max`,
    ]) {
      const [a, b] = await Promise.all([text(sqlite, path), text(onPg, path)]);
      expect(comparable(b.body), path).toEqual(comparable(a.body));
    }
    const old = await json<{ note?: string }>(
      onPg,
      `/api/series?metric=pKw&entity=${f}&from=${horizon - HOUR}&to=${horizon}&step=1m`,
    );
    expect(old.note).toMatch(/15-minute rows only; use step 15m/);
  });
});
