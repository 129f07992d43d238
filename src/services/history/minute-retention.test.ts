import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from '../common/metrics';
import { MinuteRetention, minuteRetentionDaysFromEnv, RetentionConfigError } from './minute-retention';
import { openSqliteStorage } from './storage/sqlite/sqlite-storage';

const DAY = 86_400_000;

describe('HISTORY_MINUTE_RETENTION_DAYS', () => {
  it('defaults to 35 days, takes whole days (0: for ever) and refuses anything else by name', () => {
    expect(minuteRetentionDaysFromEnv({})).toBe(35);
    expect(minuteRetentionDaysFromEnv({ HISTORY_MINUTE_RETENTION_DAYS: '7' })).toBe(7);
    expect(minuteRetentionDaysFromEnv({ HISTORY_MINUTE_RETENTION_DAYS: '0' })).toBe(0);
    for (const bad of ['-1', '1.5', 'week'])
      expect(() => minuteRetentionDaysFromEnv({ HISTORY_MINUTE_RETENTION_DAYS: bad })).toThrow(
        new RetentionConfigError(
          `HISTORY_MINUTE_RETENTION_DAYS="${bad}" is not a whole number of days (0 keeps per-device minutes for ever)`,
        ),
      );
  });
});

describe('MinuteRetention', () => {
  it('counts back from the newest recorded time, compacts once, and counts what it did', async () => {
    const storage = openSqliteStorage(':memory:');
    await storage.registerDevices([{ id: 'f1', kind: 'feeder', province: 'sc' }]);
    const d0 = Date.UTC(2026, 10, 1);
    await storage.setDeviceMinuteFromMs(d0);
    const cells = Array.from({ length: 5 }, (_, d) => ({
      device: 1,
      minute: (d0 + d * DAY) / 60_000 + 30,
      n: 1,
      sumPKw: 1,
      maxPKw: 1,
      eKwh: 0.25,
      sumIA: 1,
      sumUKv: 1,
    }));
    await storage.recordMinutes(cells, new Map());
    let reference: number | null = null;
    const registry = createMetricsRegistry('history');
    const lines: string[] = [];
    const retention = new MinuteRetention(
      storage,
      { days: 2, referenceMs: async () => reference, log: (l) => lines.push(l) },
      registry,
    );
    // Nothing recorded yet: nothing to count back from, nothing done.
    await retention.runNow();
    expect(retention.state()).toMatchObject({ runs: 0, lastCompaction: null });
    reference = d0 + 4 * DAY + 3_600_000;
    await retention.runNow();
    await retention.runNow();
    const s = retention.state();
    expect(s).toMatchObject({ runs: 2, deviceMinuteFromMs: d0 + 2 * DAY, lastReferenceMs: reference });
    expect(s.totals).toMatchObject({ deviceHours: 2, deviceQuarters: 2, minuteRowsDeleted: 2, partitionsDropped: 0 });
    const text = await registry.metrics();
    expect(text).toMatch(/^history_minute_rows_compacted_total\{service="history"\} 2$/m);
    expect(text).toMatch(/^history_minute_retention_runs_total\{service="history"\} 2$/m);
    expect(lines).toHaveLength(1);
    await retention.close();
    await storage.close();
  });
});
