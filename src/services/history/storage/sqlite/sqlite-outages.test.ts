import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutageRecord } from '../../../../core/contract/reliability';
import { outage } from '../history-storage.contract';
import { getMeta, openHistoryDb, SCHEMA_VERSION, setMeta } from './schema';
import { outageRecordsSqlite, recordOutagesSqlite } from './sqlite-outages';

const T = Date.UTC(2026, 10, 10, 0);
const H = 3_600_000;

/** The contract's outage, on the feeder f-sc-1. */
const record = (startMs: number, state: OutageRecord['state'], extra: Partial<OutageRecord> = {}) =>
  outage(startMs, state, { id: `f-sc-1-${startMs}`, feederId: 'f-sc-1', substationId: 's-sc-1', ...extra });

describe('SQLite outage records', () => {
  it('keeps the newest version per id, whatever the arrival order and repeats', () => {
    const db = openHistoryDb(':memory:');
    expect(recordOutagesSqlite(db, [record(T, 'tripped')])).toEqual({ stored: 1, stale: 0 });
    expect(recordOutagesSqlite(db, [record(T, 'repaired'), record(T, 'repaired')])).toEqual({ stored: 1, stale: 1 });
    // The isolated version arrives late (redelivered after a reconnect): it loses.
    expect(recordOutagesSqlite(db, [record(T, 'isolated')])).toEqual({ stored: 0, stale: 1 });
    const rows = outageRecordsSqlite(db, { fromMs: T - H, toMs: T + H, limit: 10 });
    expect(rows).toEqual([record(T, 'repaired')]);
    db.close();
  });

  it('finds outages by the interval they lasted, an ongoing one until it ends, and by province', () => {
    const db = openHistoryDb(':memory:');
    const cq = record(T + 10 * H, 'isolated', { id: 'f-cq-1-x', feederId: 'f-cq-1', province: 'cq' });
    recordOutagesSqlite(db, [record(T, 'repaired'), cq]);
    // [T, T + 2 h] repaired; the Chongqing one still out since T + 10 h.
    const ids = (fromMs: number, toMs: number, province?: 'sc' | 'cq') =>
      outageRecordsSqlite(db, { fromMs, toMs, limit: 10, ...(province ? { province } : {}) }).map((r) => r.id);
    expect(ids(T + H, T + 3 * H)).toEqual([`f-sc-1-${T}`]);
    expect(ids(T + 3 * H, T + 9 * H)).toEqual([]);
    expect(ids(T + 3 * H, T + 100 * H)).toEqual(['f-cq-1-x']);
    expect(ids(T - H, T + 100 * H, 'sc')).toEqual([`f-sc-1-${T}`]);
    expect(ids(T - H, T + 100 * H).length).toBe(2);
    expect(outageRecordsSqlite(db, { fromMs: T - H, toMs: T + 100 * H, limit: 1 }).length).toBe(1);
    db.close();
  });

  it('a version-2 file gains the outage table when it opens', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gaozhu-outages-')), 'history.sqlite');
    const v2 = openHistoryDb(path);
    v2.exec('DROP TABLE outage_record;');
    setMeta(v2, 'schemaVersion', '2');
    v2.close();
    const db = openHistoryDb(path);
    expect(getMeta(db, 'schemaVersion')).toBe(String(SCHEMA_VERSION));
    expect(recordOutagesSqlite(db, [record(T, 'tripped')]).stored).toBe(1);
    db.close();
  });
});
