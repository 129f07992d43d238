/**
 * `npm run history:restore -- <backup file> [--db <database>]`: puts a backup (from backups/, see
 * src/services/history/backup-schedule.ts) in place of the history database, the services stopped. Refused while the
 * history service serves the file or answers on HISTORY_PORT (or the web server on APP_PORT: its users live in the same
 * file); the backup is verified first; the old file stays beside it as `<name>.before-restore-<time>.sqlite`.
 */
import { ports } from '../services/common/ports';
import { historyDbPath } from '../services/history/db-path';
import { RestoreRefused, restoreHistoryDb } from '../services/history/restore';
import { isDatabaseUrl } from '../services/history/storage/open-storage';
import { redactDbUrl } from '../services/history/storage/postgres/postgres-storage';
import { BackupCheckError } from '../services/history/storage/sqlite/sqlite-backup';

const USAGE = 'usage: npm run history:restore -- <backup file> [--db <database file>]';
const args = process.argv.slice(2);
const dbFlag = args.indexOf('--db');
const dbPath = dbFlag >= 0 ? args.splice(dbFlag, 2)[1] : historyDbPath();
if (dbPath && isDatabaseUrl(dbPath)) {
  console.error(
    `${redactDbUrl(dbPath)}: a PostgreSQL history is backed up and restored with the server's tools (pg_dump / pg_restore, pg_basebackup), not by this command`,
  );
  process.exit(1);
}
const [backupFile, ...rest] = args;
if (!backupFile || !dbPath || rest.length) {
  console.error(USAGE);
  process.exit(2);
}

try {
  const r = await restoreHistoryDb({
    backupFile,
    dbPath,
    mustNotAnswer: [`http://127.0.0.1:${ports.history}/api/health`, `http://127.0.0.1:${ports.appPreview}/health`],
  });
  console.log(
    `restored ${r.dbPath} from ${backupFile} (${(r.check.sizeBytes / 1e6).toFixed(1)} MB, integrity_check ` +
      `${r.check.integrity}, schema version ${r.check.schemaVersion})` +
      (r.asidePath ? `; the previous database is kept as ${r.asidePath}` : ''),
  );
} catch (e) {
  if (!(e instanceof RestoreRefused || e instanceof BackupCheckError)) throw e;
  console.error(`restore refused: ${e.message}`);
  process.exit(1);
}
