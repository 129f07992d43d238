/**
 * `npm run history:backup [-- --db <database>]`: one online backup now. A running history service is asked (SIGUSR2 to
 * the pid in `<database>.lock`) so the copy comes from its own connection; the command waits for /api/health to show a
 * newer backup and prints it. With no service running it copies the file itself, into the same directory and with the
 * same retention (HISTORY_BACKUP_DIR, HISTORY_BACKUP_KEEP).
 */

import { existsSync } from 'node:fs';
import { createMetricsRegistry } from '../services/common/metrics';
import { BackupConfigError, BackupSchedule, backupOptionsFromEnv } from '../services/history/backup-schedule';
import { liveDbLock } from '../services/history/db-lock';
import { historyDbPath } from '../services/history/db-path';
import { isDatabaseUrl, openHistoryStorage } from '../services/history/storage/open-storage';
import { redactDbUrl } from '../services/history/storage/postgres/postgres-storage';

const args = process.argv.slice(2);
const dbFlag = args.indexOf('--db');
const dbPath = (dbFlag >= 0 ? args[dbFlag + 1] : undefined) ?? historyDbPath();
if (isDatabaseUrl(dbPath)) {
  console.error(
    `${redactDbUrl(dbPath)}: a PostgreSQL history is backed up and restored with the server's tools (pg_dump / pg_restore, pg_basebackup), not by this command`,
  );
  process.exit(1);
}
const WAIT_MS = 10 * 60_000;
let options: ReturnType<typeof backupOptionsFromEnv>;
try {
  options = backupOptionsFromEnv(dbPath);
} catch (e) {
  if (!(e instanceof BackupConfigError)) throw e;
  console.error(e.message);
  process.exit(1);
}

type Health = {
  backup?: { lastOkAtMs: number | null; lastFile: string | null; lastError: string | null; dir: string };
};
const lock = liveDbLock(dbPath);
if (lock) {
  const url = `http://127.0.0.1:${lock.port}/api/health`;
  const before = ((await (await fetch(url)).json()) as Health).backup;
  process.kill(lock.pid, 'SIGUSR2');
  const until = Date.now() + WAIT_MS;
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const now = ((await (await fetch(url)).json()) as Health).backup;
    if (now && now.lastOkAtMs !== before?.lastOkAtMs) {
      console.log(`backup by the history service (pid ${lock.pid}): ${now.dir}/${now.lastFile}`);
      break;
    }
    if (now?.lastError && now.lastError !== before?.lastError) {
      console.error(`backup failed: ${now.lastError}`);
      process.exit(1);
    }
    if (Date.now() > until) {
      console.error(`no new backup after ${WAIT_MS / 60_000} min; see the history service's log`);
      process.exit(1);
    }
  }
} else {
  if (!existsSync(dbPath)) {
    console.error(`${dbPath}: no such database (HISTORY_DB, --db)`);
    process.exit(1);
  }
  const storage = await openHistoryStorage(dbPath);
  const schedule = new BackupSchedule(
    storage,
    dbPath,
    { ...options!, intervalMs: 0 },
    createMetricsRegistry('history-backup'),
    (line) => console.log(line),
  );
  const report = await schedule.backupNow();
  await storage.close();
  if (report.lastError && report.lastErrorAtMs !== null) process.exit(1);
}
