import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordedLiveFigures } from '../history-storage';
import { historyStorageContract } from '../history-storage.contract';
import { getMeta, openHistoryDb, SCHEMA_VERSION, setMeta } from './schema';
import { openSqliteStorage } from './sqlite-storage';

const T0 = Date.UTC(2026, 2, 1, 16, 0, 0);
const counts = { live: 3, held: 1, missing: 0 };

function figures(tsMs: number, eImportKwh: number): RecordedLiveFigures {
  return {
    scope: 'sc',
    tsMs,
    dataTimeMs: tsMs - 500,
    status: 'held',
    power: { gridImportKw: 1200.5, pvKw: 80, evKw: 40, consumptionKw: 1280.5 },
    today: {
      dayStartMs: T0,
      countedSinceMs: T0,
      eImportKwh,
      ePvKwh: 12.345,
      eEvKwh: 6,
      eConsumptionKwh: eImportKwh + 12.345,
      co2EmittedKg: 10,
      co2AvoidedPvKg: 7,
      coalSavedKg: 4,
      peakConsumptionKw: 1500,
      peakAtMs: T0 + 1_000,
    },
    coverage: { feeder: counts, pv: counts, charger: { live: 2, held: 0, missing: 1 } },
  };
}

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
