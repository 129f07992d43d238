import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlarmEvent } from '../../../../core/contract/live-core';
import type { RecordedLiveFigures } from '../history-storage';
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

const event = (ts: number, type: AlarmEvent['type'], extra: Partial<AlarmEvent> = {}): AlarmEvent => ({
  ts,
  alarmId: `heavy-load:f1:${T0}`,
  type,
  rule: 'heavy-load',
  severity: 'minor',
  deviceId: 'f1',
  value: 85,
  by: null,
  note: null,
  ...extra,
});

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

  it('keeps the last figures of each minute; a late one does not replace a newer one', async () => {
    const storage = openSqliteStorage(':memory:');
    await storage.recordLiveFigures([figures(T0 + 61_000, 101), figures(T0 + 62_000, 102)]);
    await storage.recordLiveFigures([figures(T0 + 61_500, 99)]);
    const f = await storage.latestLiveFigures('sc', T0, T0 + 120_000);
    expect(f).toEqual(figures(T0 + 62_000, 102));
    expect(await storage.latestLiveFigures('cq', T0, T0 + 120_000)).toBeNull();
    expect(await storage.latestLiveFigures('sc', T0 + 63_000, T0 + 120_000)).toBeNull();
    await storage.close();
  });

  it('stores alarm events once and selects alarms by state, rule, device and time', async () => {
    const storage = openSqliteStorage(':memory:');
    const other = { alarmId: `offline:pv1:${T0}`, rule: 'offline', deviceId: 'pv1', severity: 'major' as const };
    const first = await storage.recordAlarmEvents([
      event(T0 + 1_000, 'raised'),
      event(T0 + 2_000, 'escalated', { rule: 'overload', severity: 'major', value: 110 }),
      event(T0 + 3_000, 'raised', { ...other, value: null }),
      event(T0 + 4_000, 'acknowledged', { by: 'Li', note: 'crew sent' }),
    ]);
    expect(first.stored).toBe(4);
    // A QoS 1 redelivery.
    expect((await storage.recordAlarmEvents([event(T0 + 4_000, 'acknowledged', { by: 'Li' })])).stored).toBe(0);
    await storage.recordAlarmEvents([event(T0 + 9_000, 'cleared')]);

    const ids = async (f: Parameters<typeof storage.alarmLogEvents>[0]) => [
      ...new Set((await storage.alarmLogEvents(f)).map((e) => e.alarmId)),
    ];
    const all = await storage.alarmLogEvents({ limit: 10 });
    expect(all.map((e) => e.type)).toEqual(['raised', 'escalated', 'raised', 'acknowledged', 'cleared']);
    expect(await ids({ limit: 10, state: 'active' })).toEqual([other.alarmId]);
    expect(await ids({ limit: 10, state: 'cleared' })).toEqual([`heavy-load:f1:${T0}`]);
    expect(await ids({ limit: 10, state: 'acknowledged' })).toEqual([`heavy-load:f1:${T0}`]);
    expect(await ids({ limit: 10, rule: 'overload' })).toEqual([`heavy-load:f1:${T0}`]);
    expect(await ids({ limit: 10, deviceId: 'pv1' })).toEqual([other.alarmId]);
    expect(await ids({ limit: 10, fromMs: T0 + 10_000 })).toEqual([other.alarmId]);
    expect(await ids({ limit: 10, toMs: T0 + 2_000 })).toEqual([`heavy-load:f1:${T0}`]);
    expect(await ids({ limit: 1 })).toEqual([other.alarmId]);
    await storage.close();
  });
});
