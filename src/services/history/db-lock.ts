/**
 * `<database>.lock`: which process serves a history database file, and on which port. The service writes it when it
 * listens and removes it when it closes; the restore refuses while the process it names is alive, and
 * `npm run history:backup` asks that process for a backup. A crash leaves the file behind: a dead pid means unlocked.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface DbLock {
  pid: number;
  port: number;
  host: string;
  startedAtMs: number;
}

export const lockPathOf = (dbPath: string) => `${resolve(dbPath)}.lock`;

export function writeDbLock(dbPath: string, lock: DbLock): void {
  writeFileSync(lockPathOf(dbPath), `${JSON.stringify(lock)}\n`);
}

export function removeDbLock(dbPath: string): void {
  const current = readDbLock(dbPath);
  // Another process may have taken the file over since (tests run several services in one process: same pid).
  if (!current || current.pid === process.pid) rmSync(lockPathOf(dbPath), { force: true });
}

export function readDbLock(dbPath: string): DbLock | null {
  try {
    const lock = JSON.parse(readFileSync(lockPathOf(dbPath), 'utf8')) as DbLock;
    return Number.isInteger(lock.pid) && lock.pid > 0 ? lock : null;
  } catch {
    return null;
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user — still alive.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock of a live process, or null (no file, unreadable, or its process is gone). */
export function liveDbLock(dbPath: string): DbLock | null {
  const lock = readDbLock(dbPath);
  return lock && processAlive(lock.pid) ? lock : null;
}
