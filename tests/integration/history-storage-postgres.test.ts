/**
 * The history storage port's contract (src/services/history/storage/history-storage.contract.ts) on PostgreSQL: a
 * throw-away cluster (tests/support/postgres-fixture.ts), a fresh database per test. Plus what only the PostgreSQL
 * adapter has: versioned migrations applied once, day partitions created on demand and dropped by retention, a
 * password never in the location, and a backup refused with the reason.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyStorageContract } from '../../src/services/history/storage/history-storage.contract';
import { openHistoryStorage } from '../../src/services/history/storage/open-storage';
import { openPostgresStorage, redactDbUrl } from '../../src/services/history/storage/postgres/postgres-storage';
import { SCHEMA_VERSION } from '../../src/services/history/storage/postgres/schema';
import { type RunningPostgres, startTestPostgres } from '../support/postgres-fixture';

let server: RunningPostgres;

beforeAll(async () => {
  server = await startTestPostgres();
});

afterAll(async () => {
  await server?.close();
});

describe('PostgreSQL history storage: the port contract', () => {
  historyStorageContract(async () => openPostgresStorage(await server.createDatabase()));
});

const DAY_MS = 86_400_000;

async function partitions(url: string, parent: string): Promise<string[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = $1 ORDER BY 1`,
      [parent],
    );
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

describe('PostgreSQL history storage', () => {
  it('applies the numbered migrations once: a restart finds them recorded and applies none', async () => {
    const url = await server.createDatabase();
    const first = await openPostgresStorage(url);
    await first.registerDevices([{ id: 'f1', kind: 'feeder', province: 'sc' }]);
    await first.close();
    const again = await openHistoryStorage(url);
    expect((await again.registerDevices([{ id: 'f1', kind: 'feeder', province: 'sc' }])).get('f1')?.idx).toBe(1);
    await again.close();
    const client = new pg.Client(url);
    await client.connect();
    const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
    await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [SCHEMA_VERSION + 1, 'future']);
    await client.end();
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    // A database written by a newer build is refused rather than misread.
    await expect(openPostgresStorage(url)).rejects.toThrow(
      `schema version ${SCHEMA_VERSION + 1}, this service reads versions up to ${SCHEMA_VERSION}`,
    );
  });

  it('creates a day partition before the first write into it, and retention drops whole expired days', async () => {
    const url = await server.createDatabase();
    const s = await openPostgresStorage(url);
    await s.registerDevices([{ id: 'f1', kind: 'feeder', province: 'sc' }]);
    const D0 = Date.UTC(2026, 10, 29);
    const cells = [0, 1, 2, 3].map((d) => ({
      device: 1,
      minute: (D0 + d * DAY_MS) / 60_000 + 600,
      n: 1,
      sumPKw: 1,
      maxPKw: 1,
      eKwh: 0.5,
      sumIA: 1,
      sumUKv: 1,
    }));
    await s.setDeviceMinuteFromMs(D0);
    await s.recordMinutes(cells, new Map());
    expect(await partitions(url, 'device_minute')).toEqual([
      'device_minute_20261129',
      'device_minute_20261130',
      'device_minute_20261201',
      'device_minute_20261202',
    ]);
    expect(await partitions(url, 'scope_minute')).toEqual(['scope_minute_202611', 'scope_minute_202612']);
    const done = await s.compactDeviceMinutes(D0 + 2 * DAY_MS + 3_600_000);
    expect(done).toMatchObject({ partitionsDropped: 2, minuteRowsDeleted: 2, deviceHours: 2 });
    expect(done.bytesFreed).toBeGreaterThan(0);
    expect(await partitions(url, 'device_minute')).toEqual(['device_minute_20261201', 'device_minute_20261202']);
    // A late minute of a dropped day gets its partition again rather than failing the drain.
    await s.recordMinutes([{ ...cells[0]!, minute: cells[0]!.minute + 1 }], new Map());
    expect(await partitions(url, 'device_minute')).toContain('device_minute_20261129');
    await s.close();
  });

  it('never shows the password: not in the location, not in a connection error', async () => {
    const url = await server.createDatabase();
    const withPassword = url.replace('://postgres@', '://postgres:s3cret-pw@').replace(/:(\d+)\//, ':1/');
    expect(redactDbUrl(withPassword)).not.toContain('s3cret-pw');
    const error = await openHistoryStorage(withPassword).then(
      () => null,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).not.toContain('s3cret-pw');
    expect(error!.message).toContain('postgres:…@127.0.0.1:1/');
    const s = await openHistoryStorage(url);
    expect(s.location).toBe(url);
    await expect(s.backup('/tmp/never-written.sqlite')).rejects.toThrow(/pg_dump/);
    expect(await s.sizeBytes()).toBeGreaterThan(1_000_000);
    await s.close();
  });
});
