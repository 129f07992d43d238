import { describe, expect, it } from 'vitest';
import { alignPreviousDay, hasValues, previousDayWindow } from './previous-day';

const H = 3_600_000;
// 2026-12-02 00:00 in Beijing is 2026-12-01 16:00 UTC.
const todayMidnight = Date.UTC(2026, 11, 1, 16);
const now = todayMidnight + 14 * H + 30 * 60_000; // 14:30 Beijing
const from = now - 24 * H; // 14:30 yesterday

describe('previous-day curve on the 24 h view', () => {
  it('asks the history for the same hours one Beijing day earlier', () => {
    expect(previousDayWindow(from, now)).toEqual({ fromMs: from - 24 * H, toMs: now - 24 * H });
  });

  it('moves yesterday 14:00 above today 14:00 and keeps only what falls on the axis', () => {
    const yesterday1400 = todayMidnight - 10 * H; // 2026-12-01 14:00 Beijing
    const points = [
      [from - 24 * H - 60_000, 1], // before the window asked: falls before the axis
      [yesterday1400, 420],
      [yesterday1400 + 60_000, null], // a minute not recorded stays a gap
      [now - 24 * H, 430], // 14:30 yesterday: the axis' end
      [now - 24 * H + 60_000, 999], // after it: would be the future
    ] as const;
    expect(alignPreviousDay(points, from, now)).toEqual([
      [todayMidnight + 14 * H, 420],
      [todayMidnight + 14 * H + 60_000, null],
      [now, 430],
    ]);
  });

  it('a curve of gaps only has nothing to name in the legend', () => {
    expect(hasValues(alignPreviousDay([[from - 12 * H, null]], from, now))).toBe(false);
    expect(hasValues(alignPreviousDay([[from - 12 * H, 5]], from, now))).toBe(true);
  });
});
