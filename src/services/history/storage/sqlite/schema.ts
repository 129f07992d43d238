/**
 * The SQLite history database (better-sqlite3, WAL). Values are stored as integers in small units (W, Wh, mA, V):
 * SQLite packs small integers into 1–4 bytes where a REAL always takes 8, which halves the file for a year of minutes.
 * Minute and hour keys are integer minutes/hours since the Unix epoch.
 *
 * Tables:
 *   device          one row per configured device (small integer key for the rollup tables)
 *   device_minute   per device per minute: samples n, Σ P, max P, energy, Σ I, Σ U (additive, so late data merges)
 *   device_hour     per device per hour, used where per-minute rows were not kept (old backfill): minutes with data,
 *                   Σ of minute-average P/I/U, max P, energy
 *   scope_minute    per province per minute: Σ of device minute-average powers and Σ energies (the area = Σ provinces)
 *   scope_hour      per scope (sc, cq, area) per hour: minutes with data, Σ and max of the minute values, energies
 *   coverage        intervals during which the recorder was recording (source 'live') or the backfill wrote data
 *   device_state    the recorder's last counter readings per device, so a restart continues the energy deltas
 *   alarm_ack       alarm acknowledgements from the dispatcher console
 *   meta            key/value: schema version, backfill state, per-device minute horizon
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export const SCHEMA_VERSION = 1;

/** Scope keys of scope_minute / scope_hour. The area (2) only has hour rows; its minutes are Σ of the provinces. */
export const SCOPE_KEY = { sc: 0, cq: 1, area: 2 } as const;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS device (
  idx INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, province TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS device_minute (
  device INTEGER NOT NULL, minute INTEGER NOT NULL,
  n INTEGER NOT NULL, sum_p_w INTEGER NOT NULL, max_p_w INTEGER, e_wh INTEGER NOT NULL,
  sum_i_ma INTEGER NOT NULL, sum_u_v INTEGER NOT NULL,
  PRIMARY KEY (device, minute)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS device_hour (
  device INTEGER NOT NULL, hour INTEGER NOT NULL,
  minutes INTEGER NOT NULL, sum_p_w INTEGER NOT NULL, max_p_w INTEGER, e_wh INTEGER NOT NULL,
  sum_i_ma INTEGER NOT NULL, sum_u_v INTEGER NOT NULL,
  PRIMARY KEY (device, hour)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS scope_minute (
  scope INTEGER NOT NULL, minute INTEGER NOT NULL,
  grid_import_w INTEGER NOT NULL, pv_w INTEGER NOT NULL, ev_w INTEGER NOT NULL,
  e_import_wh INTEGER NOT NULL, e_pv_wh INTEGER NOT NULL, e_ev_wh INTEGER NOT NULL,
  PRIMARY KEY (scope, minute)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS scope_hour (
  scope INTEGER NOT NULL, hour INTEGER NOT NULL, minutes INTEGER NOT NULL,
  sum_grid_import_w INTEGER NOT NULL, max_grid_import_w INTEGER NOT NULL,
  sum_pv_w INTEGER NOT NULL, max_pv_w INTEGER NOT NULL,
  sum_ev_w INTEGER NOT NULL, max_ev_w INTEGER NOT NULL,
  sum_consumption_w INTEGER NOT NULL, max_consumption_w INTEGER NOT NULL,
  e_import_wh INTEGER NOT NULL, e_pv_wh INTEGER NOT NULL, e_ev_wh INTEGER NOT NULL,
  PRIMARY KEY (scope, hour)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS coverage (
  id INTEGER PRIMARY KEY, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, source TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS coverage_end ON coverage (end_ms);
CREATE TABLE IF NOT EXISTS device_state (
  device INTEGER PRIMARY KEY, last_ts INTEGER NOT NULL, counter0_kwh REAL, counter1_kwh REAL
);
CREATE TABLE IF NOT EXISTS alarm_ack (
  id INTEGER PRIMARY KEY, alarm_id TEXT NOT NULL, by_name TEXT NOT NULL, note TEXT, at_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS alarm_ack_at ON alarm_ack (at_ms);
`;

export function openHistoryDb(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across a process crash in WAL mode (only an OS crash can lose the last commits).
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const version = getMeta(db, 'schemaVersion');
  if (version === undefined) setMeta(db, 'schemaVersion', String(SCHEMA_VERSION));
  else if (Number(version) !== SCHEMA_VERSION)
    throw new Error(`${path}: schema version ${version}, this service expects ${SCHEMA_VERSION}`);
  return db;
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}
