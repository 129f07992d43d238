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
 *   meta            key/value: schema version, backfill state, per-device minute horizon
 * Since version 2 (the live core, src/core/contract/live-core.ts):
 *   live_minute     per scope (sc, cq, area) per minute: the last live figures received in that minute — powers (W),
 *                   today's energies and carbon (Wh, g), today's peak, status and the coverage counts
 *   alarm_event     every alarm lifecycle event (raised, escalated, de-escalated, acknowledged, cleared), in arrival
 *                   order; a redelivered event (QoS 1) is stored once
 * Since version 3 (supply reliability, src/core/contract/reliability.ts):
 *   outage_record   one row per outage id: the newest version of its record (JSON) by the rank of
 *                   src/core/domain/reliability/record-version.ts, with its province, cause, start and end (null while
 *                   a section is out) to find it by
 * Since version 4 (retention of per-device minutes, src/services/history/minute-retention.ts):
 *   device_quarter  per device per 15 minutes (quarter-hours since the epoch), written from device_minute when its
 *                   rows pass the retention: the columns of device_hour
 *
 * A file written before the legacy POST /api/alarms/acks was retired may still hold its alarm_ack table: nothing reads
 * it, and it is left as it was (acknowledgements are the live service's, recorded here as alarm_event rows).
 *
 * A database written by an older version is migrated when it opens (MIGRATIONS, each step one transaction); a newer
 * one is refused rather than misread.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export const SCHEMA_VERSION = 4;

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
`;

/** The steps from each version to the next: MIGRATIONS[n] takes a database from version n + 1 to n + 2. */
const MIGRATIONS: readonly string[] = [
  `
CREATE TABLE IF NOT EXISTS live_minute (
  scope INTEGER NOT NULL, minute INTEGER NOT NULL, ts_ms INTEGER NOT NULL, data_time_ms INTEGER,
  status TEXT NOT NULL,
  grid_import_w INTEGER NOT NULL, pv_w INTEGER NOT NULL, ev_w INTEGER NOT NULL, consumption_w INTEGER NOT NULL,
  day_start_ms INTEGER NOT NULL, counted_since_ms INTEGER,
  e_import_wh INTEGER NOT NULL, e_pv_wh INTEGER NOT NULL, e_ev_wh INTEGER NOT NULL, e_consumption_wh INTEGER NOT NULL,
  co2_emitted_g INTEGER NOT NULL, co2_avoided_pv_g INTEGER NOT NULL, coal_saved_g INTEGER NOT NULL,
  peak_consumption_w INTEGER, peak_at_ms INTEGER,
  feeder_live INTEGER NOT NULL, feeder_held INTEGER NOT NULL, feeder_missing INTEGER NOT NULL,
  pv_live INTEGER NOT NULL, pv_held INTEGER NOT NULL, pv_missing INTEGER NOT NULL,
  charger_live INTEGER NOT NULL, charger_held INTEGER NOT NULL, charger_missing INTEGER NOT NULL,
  PRIMARY KEY (scope, minute)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS alarm_event (
  id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, alarm_id TEXT NOT NULL, type TEXT NOT NULL, rule TEXT NOT NULL,
  severity TEXT NOT NULL, device_id TEXT NOT NULL, value REAL, by_name TEXT, note TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS alarm_event_once ON alarm_event (alarm_id, type, ts);
CREATE INDEX IF NOT EXISTS alarm_event_ts ON alarm_event (ts);
CREATE INDEX IF NOT EXISTS alarm_event_device ON alarm_event (device_id, ts);
`,
  `
CREATE TABLE IF NOT EXISTS outage_record (
  id TEXT PRIMARY KEY, feeder_id TEXT NOT NULL, province TEXT NOT NULL, cause TEXT NOT NULL,
  start_ms INTEGER NOT NULL, end_ms INTEGER,
  rank_state INTEGER NOT NULL, rank_facts INTEGER NOT NULL, rank_cm REAL NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS outage_record_start ON outage_record (start_ms);
`,
  `
CREATE TABLE IF NOT EXISTS device_quarter (
  device INTEGER NOT NULL, quarter INTEGER NOT NULL,
  minutes INTEGER NOT NULL, sum_p_w INTEGER NOT NULL, max_p_w INTEGER, e_wh INTEGER NOT NULL,
  sum_i_ma INTEGER NOT NULL, sum_u_v INTEGER NOT NULL,
  PRIMARY KEY (device, quarter)
) WITHOUT ROWID;
`,
];

export function openHistoryDb(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across a process crash in WAL mode (only an OS crash can lose the last commits).
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  // A new file has the version-1 tables now; it is then migrated like any version-1 file.
  const stored = getMeta(db, 'schemaVersion');
  const version = stored === undefined ? 1 : Number(stored);
  if (!Number.isInteger(version) || version < 1 || version > SCHEMA_VERSION)
    throw new Error(`${path}: schema version ${stored}, this service reads versions 1 to ${SCHEMA_VERSION}`);
  for (let v = version; v < SCHEMA_VERSION; v++)
    db.transaction(() => {
      db.exec(MIGRATIONS[v - 1] as string);
      setMeta(db, 'schemaVersion', String(v + 1));
    })();
  if (stored === undefined) setMeta(db, 'schemaVersion', String(SCHEMA_VERSION));
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
