import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figures, historyStorageContract, T0 } from '../history-storage.contract';
import { getMeta, openHistoryDb, SCHEMA_VERSION, setMeta } from './schema';
import { openSqliteStorage } from './sqlite-storage';

describe('SQLite history storage', () => {
  it('migrates a version-1 file: it opens and gains the live-core tables', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gaozhu-migrate-')), 'history.sqlite');
    const v1 = openHistoryDb(path);
    v1.exec('DROP TABLE live_minute; DROP TABLE alarm_event;');
    setMeta(v1, 'schemaVersion', '1');
    v1.prepare("INSERT INTO device (id, kind, province) VALUES ('f1', 'feeder', 'sc')").run();
    v1.close();

    const storage = openSqliteStorage(path);
    const devices = await storage.registerDevices([{ id: 'f1', kind: 'feeder', province: 'sc' }]);
    expect(devices.get('f1')?.idx).toBe(1);
    await storage.recordLiveFigures([figures(T0 + 60_000, 100)]);
    expect((await storage.latestLiveFigures('sc', T0, T0 + 120_000))?.today.eImportKwh).toBe(100);
    await storage.close();
    const again = openHistoryDb(path);
    expect(getMeta(again, 'schemaVersion')).toBe(String(SCHEMA_VERSION));
    again.close();
  });

  it('refuses a file from a newer version', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gaozhu-newer-')), 'history.sqlite');
    const db = openHistoryDb(path);
    setMeta(db, 'schemaVersion', String(SCHEMA_VERSION + 1));
    db.close();
    expect(() => openHistoryDb(path)).toThrow(/schema version/);
  });
});

describe('SQLite history storage: the port contract', () => {
  historyStorageContract(async () =>
    openSqliteStorage(join(mkdtempSync(join(tmpdir(), 'gaozhu-contract-')), 'history.sqlite')),
  );
});
