/**
 * Restoring the history database from a backup (`npm run history:restore -- <backup file>`): refused while a history
 * service serves the file (its lock names a live process, or something answers on the history port), then the backup
 * is verified (integrity_check, a schema this build reads) and swapped in atomically; the old file stays beside it as
 * `<database>.before-restore-<Shanghai time>.sqlite`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { shanghaiParts } from '../../core/time/shanghai';
import { liveDbLock } from './db-lock';
import { replaceSqliteDb, type SqliteCheck, verifySqliteBackup } from './storage/sqlite/sqlite-backup';

export class RestoreRefused extends Error {}

export interface RestoreOptions {
  backupFile: string;
  dbPath: string;
  /** URLs that must not answer (the history service's /api/health, the web server's /health: same file). */
  mustNotAnswer?: string[];
  nowMs?: number;
}

export interface RestoreResult {
  check: SqliteCheck;
  dbPath: string;
  /** Where the replaced database is kept; null when there was none. */
  asidePath: string | null;
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1_500) });
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

export async function restoreHistoryDb(opts: RestoreOptions): Promise<RestoreResult> {
  const dbPath = resolve(opts.dbPath);
  const backupFile = resolve(opts.backupFile);
  if (backupFile === dbPath) throw new RestoreRefused(`${backupFile} is the database itself`);
  const lock = liveDbLock(dbPath);
  if (lock)
    throw new RestoreRefused(
      `the history service (pid ${lock.pid}, port ${lock.port}) is using ${dbPath}: stop it (and npm start) first`,
    );
  for (const url of opts.mustNotAnswer ?? [])
    if (await answers(url)) throw new RestoreRefused(`${url} answers: stop the running services (npm start) first`);
  const check = verifySqliteBackup(backupFile);
  const p = shanghaiParts(opts.nowMs ?? Date.now());
  const stamp = `${p.year}-${pad(p.month)}-${pad(p.day)}_${pad(p.hour)}-${pad(p.minute)}-${pad(p.second)}+0800`;
  const asidePath = join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}.before-restore-${stamp}.sqlite`);
  const had = existsSync(dbPath);
  mkdirSync(dirname(dbPath), { recursive: true });
  replaceSqliteDb(backupFile, dbPath, asidePath);
  return { check, dbPath, asidePath: had ? asidePath : null };
}
