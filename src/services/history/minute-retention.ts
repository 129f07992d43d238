/**
 * Retention of per-device minute rows, the same policy whatever the storage: minutes are kept
 * HISTORY_MINUTE_RETENTION_DAYS days (default 35), then summed into device 15-minute rows and hours and removed
 * (HistoryStorage.compactDeviceMinutes), so per-device history older than that answers at step 15 min and coarser
 * with the same totals, and the database stops growing by a day of minutes per day (about 10 MB a day for the
 * 178-device area on SQLite). Province minutes and scope hours are kept: they are small and the area screens read them.
 *
 * The service runs it at start (after any backfill) and then every hour. The days count back from the newest recorded
 * time — the newest device reading the recorder stored (its cursors), else the end of the backfill — not from the wall
 * clock: rows are keyed by the readings' own times, which a replay or a test may keep far from the wall clock, so a
 * history is never compacted for time that did not pass in it. Each run is counted on /metrics and reported in
 * /api/health (db.retention).
 */
import { Counter, Gauge, type Registry } from '../common/metrics';
import type { HistoryStorage, MinuteCompaction } from './storage/history-storage';

export const MINUTE_RETENTION_DEFAULTS = { days: 35, intervalMs: 3_600_000 } as const;

export class RetentionConfigError extends Error {}

/** HISTORY_MINUTE_RETENTION_DAYS: a whole number of days ≥ 1 (0: keep minutes for ever). */
export function minuteRetentionDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.HISTORY_MINUTE_RETENTION_DAYS;
  if (raw === undefined || raw === '') return MINUTE_RETENTION_DEFAULTS.days;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 0)
    throw new RetentionConfigError(
      `HISTORY_MINUTE_RETENTION_DAYS="${raw}" is not a whole number of days (0 keeps per-device minutes for ever)`,
    );
  return days;
}

// A type, not an interface: /api/health's schema (history-api.ts) is a loose object, which wants an index signature.
export type MinuteRetentionState = {
  /** 0: per-device minutes are kept for ever. */
  minuteRetentionDays: number;
  intervalMs: number;
  runs: number;
  /** Wall clock of the last run, and the recorded time its days counted back from. */
  lastRunAtMs: number | null;
  lastReferenceMs: number | null;
  /** What the last run that compacted anything did. */
  lastCompaction: MinuteCompaction | null;
  totals: {
    deviceHours: number;
    deviceQuarters: number;
    minuteRowsDeleted: number;
    partitionsDropped: number;
    bytesFreed: number;
  };
  lastError: string | null;
  /** Start of per-device minute rows now (ms); before it, device hours. */
  deviceMinuteFromMs: number | null;
};

export class MinuteRetention {
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private running: Promise<void> | null = null;
  private readonly s: MinuteRetentionState;
  private readonly metrics;

  constructor(
    private readonly storage: HistoryStorage,
    private readonly opts: {
      days: number;
      intervalMs?: number;
      /** The newest recorded time (ms), or null when nothing was recorded yet. */
      referenceMs: () => Promise<number | null>;
      log: (line: string) => void;
    },
    registry: Registry,
  ) {
    this.s = {
      minuteRetentionDays: opts.days,
      intervalMs: opts.intervalMs ?? MINUTE_RETENTION_DEFAULTS.intervalMs,
      runs: 0,
      lastRunAtMs: null,
      lastReferenceMs: null,
      lastCompaction: null,
      totals: { deviceHours: 0, deviceQuarters: 0, minuteRowsDeleted: 0, partitionsDropped: 0, bytesFreed: 0 },
      lastError: null,
      deviceMinuteFromMs: null,
    };
    const registers = [registry];
    this.metrics = {
      runs: new Counter({ name: 'history_minute_retention_runs_total', help: 'Retention runs.', registers }),
      failures: new Counter({
        name: 'history_minute_retention_failures_total',
        help: 'Retention runs that failed.',
        registers,
      }),
      rows: new Counter({
        name: 'history_minute_rows_compacted_total',
        help: 'Per-device minute rows summed into device hours and removed.',
        registers,
      }),
      hours: new Counter({
        name: 'history_device_hours_compacted_total',
        help: 'Device hour rows written from minute rows.',
        registers,
      }),
      quarters: new Counter({
        name: 'history_device_quarters_compacted_total',
        help: 'Device 15-minute rows written from minute rows.',
        registers,
      }),
      partitions: new Counter({
        name: 'history_minute_partitions_dropped_total',
        help: 'Whole day partitions of minute rows dropped (PostgreSQL).',
        registers,
      }),
      bytes: new Counter({
        name: 'history_minute_retention_freed_bytes_total',
        help: 'Storage given back by retention (dropped partitions; SQLite: pages freed for reuse).',
        registers,
      }),
      horizon: new Gauge({
        name: 'history_device_minute_horizon_seconds',
        help: 'Start of per-device minute rows (Unix time); before it, device hours only.',
        registers,
      }),
    };
  }

  /** Runs once now (after `ready`, e.g. the backfill), then every intervalMs; nothing when the retention is 0. */
  start(ready: Promise<unknown> = Promise.resolve()): void {
    if (!this.s.minuteRetentionDays) return;
    void ready.then(() => {
      if (this.closed) return;
      void this.runNow();
      this.timer = setInterval(() => void this.runNow(), this.s.intervalMs);
      this.timer.unref();
    });
  }

  /** One run now (tests, start); a run already in progress is awaited rather than doubled. */
  runNow(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    try {
      const now = await this.opts.referenceMs();
      if (now === null) return;
      const r = await this.storage.compactDeviceMinutes(now - this.s.minuteRetentionDays * 86_400_000);
      this.s.runs++;
      this.s.lastRunAtMs = Date.now();
      this.s.lastReferenceMs = now;
      this.s.lastError = null;
      this.s.deviceMinuteFromMs = r.toMs;
      this.metrics.runs.inc();
      this.metrics.horizon.set(r.toMs / 1000);
      if (r.toMs === r.fromMs) return;
      this.s.lastCompaction = r;
      this.s.totals.deviceHours += r.deviceHours;
      this.s.totals.deviceQuarters += r.deviceQuarters;
      this.s.totals.minuteRowsDeleted += r.minuteRowsDeleted;
      this.s.totals.partitionsDropped += r.partitionsDropped;
      this.s.totals.bytesFreed += r.bytesFreed;
      this.metrics.rows.inc(r.minuteRowsDeleted);
      this.metrics.hours.inc(r.deviceHours);
      this.metrics.quarters.inc(r.deviceQuarters);
      this.metrics.partitions.inc(r.partitionsDropped);
      this.metrics.bytes.inc(r.bytesFreed);
      this.opts.log(
        `retention: per-device minutes before ${new Date(r.toMs).toISOString()} compacted into ${r.deviceQuarters} device 15-minute rows and ${r.deviceHours} hours (${r.minuteRowsDeleted} minute rows, ${r.partitionsDropped} partitions, ${r.bytesFreed} bytes freed)`,
      );
    } catch (e) {
      this.s.lastError = (e as Error).message;
      this.metrics.failures.inc();
      this.opts.log(`retention failed: ${(e as Error).message}`);
    }
  }

  state(): MinuteRetentionState {
    return structuredClone(this.s);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
