import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDaysStartMs,
  dayKey,
  dayStartMs,
  formatClock,
  formatDateTime,
  formatHourMinute,
  formatLongDate,
  monthKey,
  monthStartMs,
  nextDayStartMs,
  shanghaiWallToMs,
  yearStartMs,
} from './shanghai';

const H = 3_600_000;

// Run everything with the process in a zone far from Shanghai (and with DST), so a result that silently used the
// machine's zone would fail. Node re-reads TZ when it is assigned.
const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/Los_Angeles';
});
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('the test really runs in another zone', () => {
  it('has a machine offset that is not +8 h', () => {
    // 2025-06-01T00:00Z is 2025-05-31 17:00 in Los Angeles (PDT, UTC−7)
    const d = new Date(Date.UTC(2025, 5, 1));
    expect(d.getTimezoneOffset()).toBe(420);
    expect(d.getDate()).toBe(31);
  });
});

describe('dayStartMs', () => {
  it('is Shanghai midnight = 16:00 UTC of the day before', () => {
    // 2025-06-01 08:30 Shanghai = 2025-06-01T00:30Z → day start 2025-06-01 00:00 +08 = 2025-05-31T16:00Z
    expect(dayStartMs(Date.UTC(2025, 5, 1, 0, 30))).toBe(Date.UTC(2025, 4, 31, 16));
  });
  it('puts 15:59:59.999 UTC in the earlier Shanghai day and 16:00 UTC in the next', () => {
    // 2025-05-31T15:59:59.999Z = 2025-05-31 23:59:59.999 +08 → start 2025-05-30T16:00Z
    expect(dayStartMs(Date.UTC(2025, 4, 31, 15, 59, 59, 999))).toBe(Date.UTC(2025, 4, 30, 16));
    expect(dayStartMs(Date.UTC(2025, 4, 31, 16))).toBe(Date.UTC(2025, 4, 31, 16));
  });
  it('is not fooled by the cache when going back a day', () => {
    dayStartMs(Date.UTC(2025, 5, 2, 3));
    // 2025-06-01T03:00Z = 11:00 +08 on 1 June → 2025-05-31T16:00Z
    expect(dayStartMs(Date.UTC(2025, 5, 1, 3))).toBe(Date.UTC(2025, 4, 31, 16));
  });
  it('is the same across the Los Angeles DST change (Shanghai has none)', () => {
    // LA springs forward 2025-03-09; Shanghai day 2025-03-09 starts 2025-03-08T16:00Z and lasts 24 h
    const start = dayStartMs(Date.UTC(2025, 2, 9, 12));
    expect(start).toBe(Date.UTC(2025, 2, 8, 16));
    expect(nextDayStartMs(Date.UTC(2025, 2, 9, 12)) - start).toBe(24 * H);
  });
  it('is NaN for a non-finite input', () => {
    expect(dayStartMs(Number.NaN)).toBeNaN();
  });
});

describe('days, months and years', () => {
  it('steps days', () => {
    // yesterday of 2025-03-01 10:00 +08 (= 02:00Z) starts 2025-02-28 00:00 +08 = 2025-02-27T16:00Z
    expect(addDaysStartMs(Date.UTC(2025, 2, 1, 2), -1)).toBe(Date.UTC(2025, 1, 27, 16));
  });
  it('starts the month and year in Shanghai', () => {
    // 2025-06-30T17:00Z = 2025-07-01 01:00 +08 → July starts 2025-06-30T16:00Z (not June)
    expect(monthStartMs(Date.UTC(2025, 5, 30, 17))).toBe(Date.UTC(2025, 5, 30, 16));
    // 2024-12-31T17:00Z = 2025-01-01 01:00 +08 → 2025 starts 2024-12-31T16:00Z
    expect(yearStartMs(Date.UTC(2024, 11, 31, 17))).toBe(Date.UTC(2024, 11, 31, 16));
    expect(shanghaiWallToMs(2025, 1, 1)).toBe(Date.UTC(2024, 11, 31, 16));
  });
  it('keys days and months by the Shanghai calendar', () => {
    // 2025-05-31T16:30Z = 2025-06-01 00:30 +08
    expect(dayKey(Date.UTC(2025, 4, 31, 16, 30))).toBe('2025-06-01');
    expect(monthKey(Date.UTC(2025, 4, 31, 16, 30))).toBe('2025-06');
    expect(dayKey(Date.UTC(2025, 4, 31, 15, 30))).toBe('2025-05-31');
  });
});

describe('formatting', () => {
  // 2025-06-01T06:05:09Z = 2025-06-01 14:05:09 +08
  const ts = Date.UTC(2025, 5, 1, 6, 5, 9);
  it('formats clock and date-time in Shanghai time', () => {
    expect(formatClock(ts, 'zh')).toBe('14:05:09');
    expect(formatClock(ts, 'en')).toBe('14:05:09');
    expect(formatHourMinute(ts)).toBe('14:05');
    expect(formatDateTime(ts, 'en')).toBe('2025-06-01 14:05:09');
  });
  it('formats the midnight hour as 00, not 24', () => {
    // 2025-05-31T16:00:01Z = 2025-06-01 00:00:01 +08
    expect(formatClock(Date.UTC(2025, 4, 31, 16, 0, 1))).toBe('00:00:01');
  });
  it('formats a long date per language', () => {
    expect(formatLongDate(ts, 'zh')).toBe('2025年6月1日星期日');
    expect(formatLongDate(ts, 'en')).toBe('Sun, Jun 1, 2025');
  });
  it('gives a dash for an invalid time', () => {
    expect(formatClock(Number.NaN)).toBe('—');
    expect(dayKey(Number.POSITIVE_INFINITY)).toBe('—');
  });
});
