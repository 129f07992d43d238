/**
 * Online backup and restore of the SQLite history file. The copy is SQLite's backup API (better-sqlite3's
 * `db.backup`) on the service's own connection, so the recorder's writes during the copy go into it too and the copy
 * is one consistent state: no stopping, no file copy of a database in mid-write (which would tear WAL pages).
 * A copy is written under a temporary name, switched out of WAL mode (one self-contained file), checked with
 * `PRAGMA integrity_check`, and only then renamed to its final name, so a file with a final name is always whole.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import Database from 'better-sqlite3';
import { type Db, getMeta, SCHEMA_VERSION } from './schema';

/** Pages copied per step: about 4 MB with 4 KiB pages, so the recorder gets the event loop between steps. */
const PAGES_PER_STEP = 1_000;

export interface SqliteCheck {
  /** `ok`, or the first problems integrity_check reported. */
  integrity: string;
  schemaVersion: number | null;
  sizeBytes: number;
}

export class BackupCheckError extends Error {}

/** integrity_check and the schema version of a database file, opened read-write (it is a copy of ours). */
function checkFile(path: string, toRollbackJournal: boolean): SqliteCheck {
  const db = new Database(path, { fileMustExist: true });
  try {
    // A backup of a WAL database is a WAL database; as a file on its own it should not need a -wal beside it.
    if (toRollbackJournal) db.pragma('journal_mode = DELETE');
    const rows = db.pragma('integrity_check(20)') as { integrity_check: string }[];
    const integrity = rows.map((r) => r.integrity_check).join('; ');
    let schemaVersion: number | null = null;
    try {
      const v = getMeta(db, 'schemaVersion');
      schemaVersion = v === undefined ? null : Number(v);
    } catch {
      schemaVersion = null; // no meta table: not a history database
    }
    return { integrity, schemaVersion, sizeBytes: 0 };
  } finally {
    db.close();
  }
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies the open database to `finalPath` (through `${finalPath}.partial`), checks the copy and renames it. A copy
 * that fails the check is deleted and the error says why.
 */
export async function backupSqliteDb(db: Db, finalPath: string): Promise<SqliteCheck> {
  const partial = `${finalPath}.partial`;
  rmSync(partial, { force: true });
  try {
    await db.backup(partial, { progress: () => PAGES_PER_STEP });
    const check = checkFile(partial, true);
    if (check.integrity !== 'ok') throw new BackupCheckError(`integrity_check of the copy: ${check.integrity}`);
    fsyncFile(partial);
    renameSync(partial, finalPath);
    return { ...check, sizeBytes: statSync(finalPath).size };
  } catch (e) {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
    throw e;
  }
}

/** Checks a backup file before a restore: it opens, passes integrity_check and has a schema this build reads. */
export function verifySqliteBackup(path: string): SqliteCheck {
  if (!existsSync(path)) throw new BackupCheckError(`${path}: no such file`);
  // Checked on a scratch copy: the backup itself stays byte for byte as it was written.
  const scratch = `${path}.verify-${process.pid}`;
  copyFileSync(path, scratch);
  try {
    let check: SqliteCheck;
    try {
      check = checkFile(scratch, false);
    } catch (e) {
      throw new BackupCheckError(`${path}: not a readable SQLite database (${(e as Error).message})`);
    }
    if (check.integrity !== 'ok') throw new BackupCheckError(`${path}: integrity_check: ${check.integrity}`);
    if (check.schemaVersion === null || !Number.isInteger(check.schemaVersion))
      throw new BackupCheckError(`${path}: not a history database (no schema version)`);
    if (check.schemaVersion > SCHEMA_VERSION)
      throw new BackupCheckError(
        `${path}: schema version ${check.schemaVersion}, this build reads versions 1 to ${SCHEMA_VERSION}`,
      );
    return { ...check, sizeBytes: statSync(path).size };
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${scratch}${suffix}`, { force: true });
  }
}

/**
 * Puts a verified backup in place of the database at `dbPath`, with the service stopped. The backup is copied beside
 * the database first (same file system, so the final rename is atomic); the old file stays under `asidePath`, with
 * its -wal (which holds its last commits if it was not closed cleanly) renamed along so it opens as it was.
 */
export function replaceSqliteDb(backupPath: string, dbPath: string, asidePath: string): void {
  const incoming = `${dbPath}.restoring`;
  copyFileSync(backupPath, incoming);
  fsyncFile(incoming);
  if (existsSync(dbPath)) {
    // A hard link keeps the old file under its new name while the rename below swaps the database in one step.
    linkSync(dbPath, asidePath);
    if (existsSync(`${dbPath}-wal`)) renameSync(`${dbPath}-wal`, `${asidePath}-wal`);
  }
  // The old -shm indexes the old WAL: with the WAL gone it must go too, or SQLite would trust it.
  rmSync(`${dbPath}-shm`, { force: true });
  renameSync(incoming, dbPath);
}
