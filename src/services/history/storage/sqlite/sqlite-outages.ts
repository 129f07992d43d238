/**
 * Outage records in SQLite (table outage_record, schema version 3): one row per outage id, the newest version by the
 * rank of src/core/domain/reliability/record-version.ts, kept as the record's JSON beside the columns it is found by.
 */
import type { OutageRecord } from '../../../../core/contract/reliability';
import type { OutageRecordsFilter } from '../outage-store';
import { outageRow, SCOPE_KEY } from '../row-codec';
import type { Db } from './schema';

/** The row is replaced only by a strictly higher rank, compared as a row value (state, facts, customer-minutes). */
const UPSERT = `INSERT INTO outage_record
    (id, feeder_id, province, cause, start_ms, end_ms, rank_state, rank_facts, rank_cm, record)
  VALUES (@id, @feeder_id, @province, @cause, @start_ms, @end_ms, @rank_state, @rank_facts, @rank_cm, @record)
  ON CONFLICT (id) DO UPDATE SET
    feeder_id = excluded.feeder_id, province = excluded.province, cause = excluded.cause,
    start_ms = excluded.start_ms, end_ms = excluded.end_ms,
    rank_state = excluded.rank_state, rank_facts = excluded.rank_facts, rank_cm = excluded.rank_cm,
    record = excluded.record
  WHERE (excluded.rank_state, excluded.rank_facts, excluded.rank_cm)
      > (outage_record.rank_state, outage_record.rank_facts, outage_record.rank_cm)`;

export function recordOutagesSqlite(db: Db, records: readonly OutageRecord[]): { stored: number; stale: number } {
  const upsert = db.prepare(UPSERT);
  let stored = 0;
  db.transaction(() => {
    for (const r of records) stored += upsert.run({ ...outageRow(r), record: JSON.stringify(r) }).changes;
  })();
  return { stored, stale: records.length - stored };
}

export function outageRecordsSqlite(db: Db, filter: OutageRecordsFilter): OutageRecord[] {
  const rows = db
    .prepare(
      `SELECT record FROM outage_record
       WHERE start_ms < @toMs AND (end_ms IS NULL OR end_ms > @fromMs)
         AND (@province IS NULL OR province = @province)
       ORDER BY start_ms, id LIMIT @limit`,
    )
    .all({ fromMs: filter.fromMs, toMs: filter.toMs, province: filter.province ?? null, limit: filter.limit }) as {
    record: string;
  }[];
  return rows.map((row) => JSON.parse(row.record) as OutageRecord);
}

export function liveRecordedMinutesSqlite(db: Db, fromMs: number, toMs: number): number {
  const row = db
    .prepare('SELECT count(*) AS n FROM live_minute WHERE scope = ? AND minute >= ? AND minute < ?')
    .get(SCOPE_KEY.area, Math.ceil(fromMs / 60_000), Math.ceil(toMs / 60_000)) as { n: number };
  return row.n;
}
