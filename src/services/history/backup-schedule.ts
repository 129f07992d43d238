/**
 * Scheduled online backups of the history store: every `intervalMs` (HISTORY_BACKUP_INTERVAL_H, default 6 h) and on
 * demand (`backupNow`: SIGUSR2 to the service, `npm run history:backup`), into `dir` (HISTORY_BACKUP_DIR, default
 * `backups/` beside the database), keeping the newest `keep` (HISTORY_BACKUP_KEEP, default 7). File names carry the
 * Shanghai date and time (`history-2026-11-26_14-30-05+0800.sqlite`), so they sort by age and read like the screens'
 * clocks. The copy itself (consistent, checked, renamed when whole) is the storage adapter's `backup`.
 * Outcomes go to the log, /api/health (`backup`) and the metrics registry (`history_backup_*`).
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { shanghaiParts } from '../../core/time/shanghai';
import { Counter, Gauge, type Registry } from '../common/metrics';
import type { HistoryStorage } from './storage/history-storage';

export interface BackupOptions {
  dir: string;
  /** 0: no schedule (on demand only). */
  intervalMs: number;
  keep: number;
  /** The first scheduled backup after a start comes no sooner than this, and no sooner than a period after the newest. */
  firstDelayMs?: number;
}

/** As /api/health's `backup` (a type, not an interface, so it fits the contract's open object). */
export type BackupReport = {
  dir: string;
  intervalMs: number;
  keep: number;
  running: boolean;
  lastOkAtMs: number | null;
  lastFile: string | null;
  lastDurationMs: number | null;
  lastSizeBytes: number | null;
  lastIntegrity: string | null;
  lastError: string | null;
  lastErrorAtMs: number | null;
  failures: number;
  nextAtMs: number | null;
  kept: number;
};

const HOUR_MS = 3_600_000;
export const BACKUP_DEFAULTS = { intervalH: 6, keep: 7, firstDelayMs: 60_000 } as const;

export class BackupConfigError extends Error {}

/** The backup options from the environment, with the defaults; a bad value stops with its variable and the problem. */
export function backupOptionsFromEnv(dbPath: string, env: NodeJS.ProcessEnv = process.env): BackupOptions {
  const num = (name: string, fallback: number, ok: (n: number) => boolean, what: string) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || !ok(n)) throw new BackupConfigError(`${name}="${raw}" is not ${what}`);
    return n;
  };
  const intervalH = num('HISTORY_BACKUP_INTERVAL_H', BACKUP_DEFAULTS.intervalH, (n) => n >= 0, 'a number of hours ≥ 0');
  const keep = num('HISTORY_BACKUP_KEEP', BACKUP_DEFAULTS.keep, (n) => Number.isInteger(n) && n >= 1, 'an integer ≥ 1');
  return { dir: env.HISTORY_BACKUP_DIR || defaultBackupDir(dbPath), intervalMs: intervalH * HOUR_MS, keep };
}

export function defaultBackupDir(dbPath: string): string {
  return join(dirname(resolve(dbPath)), 'backups');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `<db name>-YYYY-MM-DD_HH-MM-SS+0800.sqlite` in Shanghai time (the area's clock; it has no daylight saving). */
export function backupFileName(dbPath: string, atMs: number): string {
  const p = shanghaiParts(atMs);
  const stem = basename(dbPath, extname(dbPath));
  return `${stem}-${p.year}-${pad(p.month)}-${pad(p.day)}_${pad(p.hour)}-${pad(p.minute)}-${pad(p.second)}+0800.sqlite`;
}

function backupNamePattern(dbPath: string): RegExp {
  const stem = basename(dbPath, extname(dbPath)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${stem}-\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}\\+0800(-\\d+)?\\.sqlite$`);
}

/** This database's finished backups in `dir`, oldest first (the names sort by time). */
export function listBackups(dbPath: string, dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const pattern = backupNamePattern(dbPath);
  return names.filter((n) => pattern.test(n)).sort();
}

export class BackupSchedule {
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<BackupReport> | null = null;
  private closed = false;
  private readonly report: BackupReport;
  private readonly metrics;

  constructor(
    private readonly storage: HistoryStorage,
    private readonly dbPath: string,
    private readonly opts: BackupOptions,
    registry: Registry,
    private readonly log: (line: string) => void = () => {},
    private readonly nowMs: () => number = Date.now,
  ) {
    mkdirSync(opts.dir, { recursive: true });
    // A copy interrupted by a crash never got its final name: it is not a backup.
    for (const n of readdirSync(opts.dir)) if (n.endsWith('.partial')) rmSync(join(opts.dir, n), { force: true });
    const existing = listBackups(dbPath, opts.dir);
    const newest = existing[existing.length - 1];
    this.report = {
      dir: resolve(opts.dir),
      intervalMs: opts.intervalMs,
      keep: opts.keep,
      running: false,
      lastOkAtMs: newest ? statSync(join(opts.dir, newest)).mtimeMs : null,
      lastFile: newest ?? null,
      lastDurationMs: null,
      lastSizeBytes: newest ? statSync(join(opts.dir, newest)).size : null,
      lastIntegrity: null,
      lastError: null,
      lastErrorAtMs: null,
      failures: 0,
      nextAtMs: null,
      kept: existing.length,
    };
    this.metrics = {
      lastOk: new Gauge({
        name: 'history_backup_last_success_timestamp_seconds',
        help: 'When the newest backup was completed (Unix seconds; 0 before the first).',
        registers: [registry],
      }),
      duration: new Gauge({
        name: 'history_backup_last_duration_seconds',
        help: 'How long the newest backup took, copy and integrity check.',
        registers: [registry],
      }),
      size: new Gauge({
        name: 'history_backup_last_size_bytes',
        help: 'Size of the newest backup file.',
        registers: [registry],
      }),
      done: new Counter({ name: 'history_backups_total', help: 'Backups completed.', registers: [registry] }),
      failures: new Counter({
        name: 'history_backup_failures_total',
        help: 'Backups that failed (copy error or integrity check).',
        registers: [registry],
      }),
    };
    this.metrics.lastOk.set(this.report.lastOkAtMs === null ? 0 : this.report.lastOkAtMs / 1000);
    if (this.report.lastSizeBytes !== null) this.metrics.size.set(this.report.lastSizeBytes);
  }

  /** Starts the schedule: the next backup a period after the newest on disk, and not sooner than firstDelayMs. */
  start(): void {
    if (!this.opts.intervalMs) return;
    const now = this.nowMs();
    const due = this.report.lastOkAtMs === null ? now : this.report.lastOkAtMs + this.opts.intervalMs;
    this.scheduleAt(Math.max(due, now + (this.opts.firstDelayMs ?? BACKUP_DEFAULTS.firstDelayMs)));
  }

  private scheduleAt(atMs: number): void {
    if (this.closed || !this.opts.intervalMs) return;
    if (this.timer) clearTimeout(this.timer);
    this.report.nextAtMs = atMs;
    // setTimeout takes at most 2^31 − 1 ms; a longer period re-arms on the way.
    const delay = Math.min(Math.max(0, atMs - this.nowMs()), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      if (this.nowMs() < atMs) return this.scheduleAt(atMs);
      void this.backupNow('scheduled').finally(() => this.scheduleAt(this.nowMs() + this.opts.intervalMs));
    }, delay);
  }

  /** One backup now (a second request while one runs waits for it); resolves with the report, also on failure. */
  backupNow(reason = 'on demand'): Promise<BackupReport> {
    if (this.inFlight) return this.inFlight;
    this.inFlight = this.run(reason).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async run(reason: string): Promise<BackupReport> {
    const startedMs = this.nowMs();
    this.report.running = true;
    let name = backupFileName(this.dbPath, startedMs);
    // Two backups in one second (on demand right after a scheduled one) get a suffix rather than overwrite.
    for (let i = 2; listBackups(this.dbPath, this.opts.dir).includes(name); i++)
      name = backupFileName(this.dbPath, startedMs).replace(/\.sqlite$/, `-${i}.sqlite`);
    const path = join(this.opts.dir, name);
    try {
      const check = await this.storage.backup(path);
      const doneMs = this.nowMs();
      Object.assign(this.report, {
        lastOkAtMs: doneMs,
        lastFile: name,
        lastDurationMs: doneMs - startedMs,
        lastSizeBytes: check.sizeBytes,
        lastIntegrity: check.integrity,
      });
      this.metrics.lastOk.set(doneMs / 1000);
      this.metrics.duration.set((doneMs - startedMs) / 1000);
      this.metrics.size.set(check.sizeBytes);
      this.metrics.done.inc();
      const removed = this.prune();
      this.log(
        `backup (${reason}) ${path}: ${(check.sizeBytes / 1e6).toFixed(1)} MB in ${doneMs - startedMs} ms, ` +
          `integrity_check ${check.integrity}${removed.length ? `; removed ${removed.join(', ')}` : ''}`,
      );
    } catch (e) {
      this.report.failures++;
      this.report.lastError = (e as Error).message;
      this.report.lastErrorAtMs = this.nowMs();
      this.metrics.failures.inc();
      this.log(`backup (${reason}) to ${path} FAILED: ${(e as Error).message}`);
    } finally {
      this.report.running = false;
      this.report.kept = listBackups(this.dbPath, this.opts.dir).length;
    }
    return this.state();
  }

  /** Deletes all but the newest `keep` backups of this database; returns the names removed. */
  private prune(): string[] {
    const all = listBackups(this.dbPath, this.opts.dir);
    const old = all.slice(0, Math.max(0, all.length - this.opts.keep));
    for (const n of old) rmSync(join(this.opts.dir, n), { force: true });
    return old;
  }

  state(): BackupReport {
    return { ...this.report };
  }

  /** Stops the schedule and waits for a backup in progress (the database closes after this). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.report.nextAtMs = null;
    await this.inFlight;
  }
}
