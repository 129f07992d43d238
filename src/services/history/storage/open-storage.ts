/**
 * Opens the history storage named by a location: a `postgres://user[:password]@host:port/db` URL (PostgreSQL, see
 * postgres/), else a SQLite file path (or ':memory:'). The password of a URL is never printed: the storage's location
 * (logs, /api/health) and its errors carry the URL with the password replaced.
 */
import type { HistoryStorage } from './history-storage';
import { openPostgresStorage } from './postgres/postgres-storage';
import { openSqliteStorage } from './sqlite/sqlite-storage';

export const isDatabaseUrl = (location: string) => /^postgres(ql)?:\/\//i.test(location);

export async function openHistoryStorage(location: string): Promise<HistoryStorage> {
  if (isDatabaseUrl(location)) return openPostgresStorage(location);
  return openSqliteStorage(location);
}
