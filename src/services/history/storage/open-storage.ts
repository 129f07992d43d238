/**
 * Opens the history storage named by a location: a SQLite file path (or ':memory:') today. Another database is one
 * adapter folder beside sqlite/ and one line here (e.g. `postgres://…` → openPostgresStorage(url)).
 */
import type { HistoryStorage } from './history-storage';
import { openSqliteStorage } from './sqlite/sqlite-storage';

export async function openHistoryStorage(location: string): Promise<HistoryStorage> {
  if (/^postgres(ql)?:\/\//i.test(location))
    throw new Error(`${location.replace(/\/\/[^@/]*@/, '//…@')}: no PostgreSQL adapter in this build (storage/)`);
  return openSqliteStorage(location);
}
