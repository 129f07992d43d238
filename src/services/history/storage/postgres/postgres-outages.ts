/**
 * Outage records in PostgreSQL (table outage_record, migration 2): as on SQLite (../sqlite/sqlite-outages.ts), one
 * row per outage id holding the newest version by the rank of src/core/domain/reliability/record-version.ts.
 */
import type pg from 'pg';
import type { OutageRecord } from '../../../../core/contract/reliability';
import { compareOutageRanks, outageRecordRank } from '../../../../core/domain/reliability/record-version';
import type { OutageRecordsFilter } from '../outage-store';
import { outageRow, SCOPE_KEY } from '../row-codec';

/**
 * One statement for the batch. An upsert may not touch a row twice, so several versions of one id in a batch are
 * first reduced to the newest here; the stored row is replaced only by a strictly higher rank (row-value compare).
 */
export async function recordOutagesPostgres(
  pool: pg.Pool,
  records: readonly OutageRecord[],
): Promise<{ stored: number; stale: number }> {
  if (!records.length) return { stored: 0, stale: 0 };
  const newest = new Map<string, OutageRecord>();
  for (const r of records) {
    const had = newest.get(r.id);
    if (!had || compareOutageRanks(outageRecordRank(r), outageRecordRank(had)) > 0) newest.set(r.id, r);
  }
  const rows = [...newest.values()].map((r) => ({ ...outageRow(r), record: r }));
  const result = await pool.query(
    `INSERT INTO outage_record (id, feeder_id, province, cause, start_ms, end_ms, rank_state, rank_facts, rank_cm,
       record)
     SELECT id, feeder_id, province, cause, start_ms, end_ms, rank_state, rank_facts, rank_cm, record
     FROM jsonb_to_recordset($1::jsonb) AS t(id text, feeder_id text, province text, cause text, start_ms bigint,
       end_ms bigint, rank_state integer, rank_facts integer, rank_cm float8, record jsonb)
     ON CONFLICT (id) DO UPDATE SET feeder_id = excluded.feeder_id, province = excluded.province,
       cause = excluded.cause, start_ms = excluded.start_ms, end_ms = excluded.end_ms,
       rank_state = excluded.rank_state, rank_facts = excluded.rank_facts, rank_cm = excluded.rank_cm,
       record = excluded.record
     WHERE (excluded.rank_state, excluded.rank_facts, excluded.rank_cm)
         > (outage_record.rank_state, outage_record.rank_facts, outage_record.rank_cm)`,
    [JSON.stringify(rows)],
  );
  const stored = result.rowCount ?? 0;
  return { stored, stale: records.length - stored };
}

export async function outageRecordsPostgres(pool: pg.Pool, filter: OutageRecordsFilter): Promise<OutageRecord[]> {
  // Ids ordered byte-wise (COLLATE "C"), SQLite's order, whatever the database's collation.
  const { rows } = await pool.query<{ record: OutageRecord }>(
    `SELECT record FROM outage_record
     WHERE start_ms < $2 AND (end_ms IS NULL OR end_ms > $1) AND ($3::text IS NULL OR province = $3)
     ORDER BY start_ms, id COLLATE "C" LIMIT $4`,
    [filter.fromMs, filter.toMs, filter.province ?? null, filter.limit],
  );
  return rows.map((r) => r.record);
}

export async function liveRecordedMinutesPostgres(pool: pg.Pool, fromMs: number, toMs: number): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    'SELECT count(*) AS n FROM live_minute WHERE scope = $1 AND minute >= $2 AND minute < $3',
    [SCOPE_KEY.area, Math.ceil(fromMs / 60_000), Math.ceil(toMs / 60_000)],
  );
  return Number(rows[0]?.n ?? 0);
}
