import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetricsRegistry } from '../common/metrics';
import { BackupConfigError, BackupSchedule, backupFileName, backupOptionsFromEnv } from './backup-schedule';
import { openSqliteStorage } from './storage/sqlite/sqlite-storage';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  // The schedule before the database it copies.
  for (const o of open.splice(0).reverse()) await o.close();
});

describe('backup schedule', () => {
  it('names files in Shanghai time', () => {
    // 2026-11-26 06:30:05 UTC is 14:30:05 in Shanghai.
    expect(backupFileName('/x/history.sqlite', Date.UTC(2026, 10, 26, 6, 30, 5))).toBe(
      'history-2026-11-26_14-30-05+0800.sqlite',
    );
  });

  it('reads its options from the environment and refuses bad ones by name', () => {
    expect(backupOptionsFromEnv('/data/h.sqlite', {})).toEqual({
      dir: '/data/backups',
      intervalMs: 6 * 3_600_000,
      keep: 7,
    });
    expect(
      backupOptionsFromEnv('/data/h.sqlite', { HISTORY_BACKUP_INTERVAL_H: '0.5', HISTORY_BACKUP_KEEP: '3' }),
    ).toMatchObject({ intervalMs: 1_800_000, keep: 3 });
    expect(() => backupOptionsFromEnv('/d/h.sqlite', { HISTORY_BACKUP_KEEP: '0' })).toThrow(BackupConfigError);
    expect(() => backupOptionsFromEnv('/d/h.sqlite', { HISTORY_BACKUP_INTERVAL_H: 'often' })).toThrow(
      /HISTORY_BACKUP_INTERVAL_H="often"/,
    );
  });

  it('backs up on its schedule, drops leftover partial copies and keeps the newest N', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gaozhu-backup-schedule-'));
    const dbPath = join(dir, 'history.sqlite');
    const storage = openSqliteStorage(dbPath);
    open.push(storage);
    const backups = join(dir, 'backups');
    // Older backups (by name) and a copy a crash left half-written.
    mkdirSync(backups);
    for (const d of ['01', '02', '03']) writeFileSync(join(backups, `history-2020-01-${d}_00-00-00+0800.sqlite`), 'x');
    writeFileSync(join(backups, 'history-2020-01-04_00-00-00+0800.sqlite.partial'), 'x');
    const lines: string[] = [];
    const schedule = new BackupSchedule(
      storage,
      dbPath,
      { dir: backups, intervalMs: 100, keep: 2, firstDelayMs: 0 },
      createMetricsRegistry('history'),
      (l) => lines.push(l),
    );
    open.push(schedule);
    expect(readdirSync(backups).some((n) => n.endsWith('.partial'))).toBe(false);
    schedule.start();
    const until = Date.now() + 5_000;
    while (Date.now() < until && !lines.length) await new Promise((r) => setTimeout(r, 20));
    expect(lines[0]).toMatch(/^backup \(scheduled\) .*integrity_check ok; removed history-2020-01-01/);
    const kept = readdirSync(backups).sort();
    expect(kept).toHaveLength(2);
    expect(kept[0]).toBe('history-2020-01-03_00-00-00+0800.sqlite');
    expect(schedule.state()).toMatchObject({ failures: 0, lastIntegrity: 'ok', kept: 2 });
    expect(schedule.state().nextAtMs).not.toBeNull();
  });
});
