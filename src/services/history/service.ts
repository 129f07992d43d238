/**
 * The reference history service: recorder + HTTP API on one storage (a SQLite file by default), and, when its entry
 * point injects a seeder, a first-start backfill of an empty database. `startHistoryService` is what main.ts (which the
 * launcher runs) and the tests start; it listens before the backfill runs, so the first start is usable at once and
 * /api/health reports the backfill's progress.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import type { AreaConfig } from '../../core/config/area-schema';
import type { HealthResponse } from '../../core/contract/history-api';
import { customersServedByProvince } from '../../core/domain/reliability/indicators';
import { createMetricsRegistry, handleMetricsRequest, type Registry } from '../common/metrics';
import { BACKUP_DEFAULTS, type BackupOptions, type BackupReport, BackupSchedule } from './backup-schedule';
import { removeDbLock, writeDbLock } from './db-lock';
import { DevicesTodayQuery } from './devices-today';
import { HEAVY_READ_DEFAULTS, type HeavyReadLimits, HeavyReads } from './heavy-reads';
import { createApiHandler } from './http-api';
import { LiveCoreRecorder } from './live-recorder';
import { MINUTE_RETENTION_DEFAULTS, MinuteRetention } from './minute-retention';
import { Recorder } from './recorder';
import { type HistorySeeder, isEmptyHistory } from './seeder';
import { SeriesQuery } from './series-query';
import type { DeviceRow } from './storage/history-storage';
import { isDatabaseUrl, openHistoryStorage } from './storage/open-storage';

export interface HistoryServiceOptions {
  mqttUrl: string;
  username: string;
  password: string;
  config: AreaConfig;
  /**
   * A SQLite file path (or ':memory:'), or a `postgres://user@host:port/db` URL; see storage/open-storage.ts. A
   * PostgreSQL history has no file lock and no backup schedule: its backups are the database server's.
   */
  dbPath: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Seeds an empty database (and resumes an interrupted seeding); none: the history starts when recording does. */
  seeder?: HistorySeeder;
  flushIntervalMs?: number;
  log?: (line: string) => void;
  /**
   * Online backups of a file database (backup-schedule.ts). Default: on demand only, into backups/ beside the file,
   * newest 7 kept; main.ts passes the schedule from the environment (every 6 h by default).
   */
  backup?: BackupOptions;
  /** Served on GET /metrics (Prometheus); main.ts passes one with the process metrics. */
  metrics?: Registry;
  /** Days per-device minute rows are kept before compaction into hours (minute-retention.ts; 0: for ever). */
  minuteRetentionDays?: number;
  /** How often retention runs (default hourly). */
  retentionIntervalMs?: number;
  /** Bounds on the heavy reads (series, CSV, alarm log); default HEAVY_READ_DEFAULTS (heavy-reads.ts). */
  heavyReads?: Partial<HeavyReadLimits>;
}

export interface RunningHistoryService {
  port: number;
  /** Resolves when the backfill (if any) has finished. */
  backfillDone: Promise<void>;
  /** Writes everything buffered now (tests). */
  flush(): Promise<void>;
  /** One online backup now (SIGUSR2, tests); null for an in-memory database. */
  backupNow(): Promise<BackupReport | null>;
  /** Minute retention (tests run it on demand). */
  retention: MinuteRetention;
  /** The bound on heavy reads (tests hold its slots to fill its queue). */
  heavyReads: HeavyReads;
  close(): Promise<void>;
}

export async function startHistoryService(opts: HistoryServiceOptions): Promise<RunningHistoryService> {
  const log = opts.log ?? (() => {});
  const storage = await openHistoryStorage(opts.dbPath);
  const configured: Omit<DeviceRow, 'idx'>[] = [
    ...opts.config.substations.map((d) => ({ id: d.id, kind: 'substation' as const, province: d.province })),
    ...opts.config.feeders.map((d) => ({ id: d.id, kind: 'feeder' as const, province: d.province })),
    ...opts.config.pvSites.map((d) => ({ id: d.id, kind: 'pv' as const, province: d.province })),
    ...opts.config.chargingStations.map((d) => ({ id: d.id, kind: 'charger' as const, province: d.province })),
  ];
  // Devices removed from the configuration keep their rows but are no longer accepted or queryable.
  const devices = await storage.registerDevices(configured);
  const registry = opts.metrics ?? createMetricsRegistry('history');
  const serverDb = isDatabaseUrl(opts.dbPath);
  const fileDb = !serverDb && storage.location !== ':memory:';
  const backups = fileDb
    ? new BackupSchedule(
        storage,
        storage.location,
        opts.backup ?? {
          dir: join(dirname(resolve(storage.location)), 'backups'),
          intervalMs: 0,
          keep: BACKUP_DEFAULTS.keep,
        },
        registry,
        log,
      )
    : null;
  const query = new SeriesQuery(storage, devices);
  const live = new LiveCoreRecorder(storage);
  const recorder = new Recorder({
    storage,
    config: opts.config,
    cursors: await storage.deviceCursors(),
    devices,
    mqttUrl: opts.mqttUrl,
    username: opts.username,
    password: opts.password,
    flushIntervalMs: opts.flushIntervalMs,
    log,
    live,
    // One session per database file, so the alarm events of a restart's downtime reach the same log.
    sessionId:
      storage.location === ':memory:'
        ? undefined
        : `gaozhu-history-${createHash('sha256')
            .update(serverDb ? storage.location : resolve(storage.location))
            .digest('hex')
            .slice(0, 16)}`,
  });

  let stopping = false;
  let backfillDone: Promise<void> = Promise.resolve();
  const seeder = opts.seeder;
  let backfillState = await storage.backfillState();
  if (seeder && (await isEmptyHistory(storage))) {
    backfillState = await seeder.plan(storage, Date.now());
    log(
      `empty database: backfilling ${new Date(backfillState.fromMs).toISOString()} → ${new Date(backfillState.toMs).toISOString()} (${seeder.description})`,
    );
  } else if (backfillState?.state === 'running')
    log(seeder ? 'resuming an interrupted backfill' : 'an interrupted backfill stays unfinished: no seeder given');
  if (seeder && backfillState?.state === 'running') {
    const state = backfillState;
    backfillDone = seeder.run(storage, opts.config, devices, state, { log, shouldStop: () => stopping }).then(
      (s) => {
        backfillState = s;
      },
      (e: Error) => log(`backfill failed: ${e.message}`),
    );
  }

  const retention = new MinuteRetention(
    storage,
    {
      days: opts.minuteRetentionDays ?? MINUTE_RETENTION_DEFAULTS.days,
      intervalMs: opts.retentionIntervalMs,
      // The newest device reading recorded (the recorder's cursors), else the end of what was backfilled.
      referenceMs: async () => {
        let newest = Number.NEGATIVE_INFINITY;
        for (const c of (await storage.deviceCursors()).values()) newest = Math.max(newest, c.lastTsMs);
        if (Number.isFinite(newest)) return newest;
        const covered = await storage.coveredIntervals(0, Number.MAX_SAFE_INTEGER);
        return covered[covered.length - 1]?.endMs ?? null;
      },
      log,
    },
    registry,
  );

  const health = async (): Promise<HealthResponse> => {
    const coverage = await storage.coveredIntervals(0, Number.MAX_SAFE_INTEGER);
    const sizeBytes = await storage.sizeBytes();
    const nowMs = recorder.worldNowMs();
    return {
      status: recorder.state === 'connected' ? 'ok' : 'degraded',
      nowMs,
      recorder: {
        state: recorder.state,
        recordingSinceMs: recorder.recordingSince,
        lastMessageMs: recorder.lastMessageWorldMs,
        counts: recorder.counts,
        rejected: recorder.rejected,
        counters: recorder.counterStats,
        devicesOnline: [...recorder.deviceStatus.values()].filter((s) => s === 'online').length,
        devicesConfigured: devices.size,
        liveCore: live.counts,
      },
      db: { engine: serverDb ? 'postgresql' : 'sqlite', sizeBytes, retention: retention.state() },
      coverage: {
        intervals: coverage.length,
        firstMs: coverage[0]?.startMs ?? null,
        lastMs: coverage[coverage.length - 1]?.endMs ?? null,
      },
      backfill: backfillState,
      backup: backups?.state() ?? null,
    };
  };

  const devicesToday = new DevicesTodayQuery(storage, devices);
  const heavyReads = new HeavyReads({ ...HEAVY_READ_DEFAULTS, ...opts.heavyReads }, registry);
  const handler = createApiHandler({
    query,
    devicesToday,
    devices,
    live,
    storage,
    customersServed: customersServedByProvince(opts.config),
    health,
    heavy: heavyReads,
    nowMs: () => recorder.worldNowMs(),
  });
  const server = createServer((req, res) => {
    // Not under /api: the app's server proxies /api only, so the metrics stay on the service's own port.
    if (handleMetricsRequest(registry, req, res)) return;
    handler(req, res).catch((e: Error) => log(`request failed: ${e.stack ?? e.message}`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  recorder.start();
  if (fileDb)
    writeDbLock(storage.location, { pid: process.pid, port, host: opts.host ?? '127.0.0.1', startedAtMs: Date.now() });
  backups?.start();
  // After the backfill: it writes the device minutes retention would otherwise race for.
  retention.start(backfillDone);
  log(`HTTP API on http://${opts.host ?? '127.0.0.1'}:${port}/api, database ${storage.location}`);

  return {
    port,
    backfillDone,
    flush: () => recorder.flush(),
    backupNow: async () => (backups ? backups.backupNow() : null),
    retention,
    heavyReads,
    async close() {
      stopping = true;
      await backups?.close();
      await retention.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await backfillDone;
      await recorder.close();
      await storage.close();
      if (fileDb) removeDbLock(storage.location);
    },
  };
}
