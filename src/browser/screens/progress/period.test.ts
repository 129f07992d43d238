import { describe, expect, it } from 'vitest';
import { dayKey, shanghaiWallToMs } from '../../../core/time/shanghai';
import {
  bucketStarts,
  cutOffMs,
  displayStepOf,
  fetchStepOf,
  isoWeek,
  lastYearOf,
  oneYearEarlierMs,
  parseDayKey,
  periodContaining,
  periodFromSearch,
  periodToParams,
  planWindowRequests,
  shiftPeriod,
  weekStartMs,
} from './period';

const sh = shanghaiWallToMs;
const H = 3_600_000;
const D = 24 * H;

describe('periods in Asia/Shanghai', () => {
  // 2026-11-26 01:30 in Shanghai is still 2026-11-25 in UTC: the day must be the Shanghai one.
  const earlyMorning = sh(2026, 11, 26, 1, 30);

  it('day, week (ISO, Monday), month and year containing a moment', () => {
    expect(periodContaining('day', earlyMorning)).toEqual({
      kind: 'day',
      fromMs: sh(2026, 11, 26),
      toMs: sh(2026, 11, 27),
    });
    expect(dayKey(weekStartMs(earlyMorning))).toBe('2026-11-23'); // Thursday → Monday
    expect(periodContaining('week', sh(2026, 11, 29, 23))).toMatchObject({
      fromMs: sh(2026, 11, 23),
      toMs: sh(2026, 11, 30),
    });
    expect(periodContaining('month', earlyMorning)).toMatchObject({ fromMs: sh(2026, 11, 1), toMs: sh(2026, 12, 1) });
    expect(periodContaining('year', earlyMorning)).toMatchObject({ fromMs: sh(2026, 1, 1), toMs: sh(2027, 1, 1) });
    // Shanghai midnight is 16:00 UTC the day before.
    expect(new Date(sh(2026, 1, 1)).toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });

  it('ISO week numbers across the year boundary', () => {
    expect(isoWeek(sh(2026, 11, 26))).toEqual({ year: 2026, week: 48 });
    expect(isoWeek(sh(2021, 1, 3))).toEqual({ year: 2020, week: 53 });
    expect(isoWeek(sh(2024, 12, 30))).toEqual({ year: 2025, week: 1 });
  });

  it('moves to the previous and next period, including across a year and for custom spans', () => {
    const jan = periodContaining('month', sh(2026, 1, 15));
    expect(shiftPeriod(jan, -1)).toMatchObject({ fromMs: sh(2025, 12, 1), toMs: sh(2026, 1, 1) });
    expect(shiftPeriod(jan, 1)).toMatchObject({ fromMs: sh(2026, 2, 1), toMs: sh(2026, 3, 1) });
    const custom = { kind: 'custom' as const, fromMs: sh(2026, 3, 1), toMs: sh(2026, 3, 11) };
    expect(shiftPeriod(custom, -1)).toEqual({ kind: 'custom', fromMs: sh(2026, 2, 19), toMs: sh(2026, 3, 1) });
  });

  it('same period last year: calendar dates, weeks 52 weeks back, 29 February → 28 February', () => {
    expect(lastYearOf('year', sh(2026, 1, 1), sh(2026, 11, 26, 12, 15))).toEqual({
      fromMs: sh(2025, 1, 1),
      toMs: sh(2025, 11, 26, 12, 15),
    });
    const week = periodContaining('week', sh(2026, 11, 26));
    const lyWeek = lastYearOf('week', week.fromMs, week.toMs);
    expect(new Date(lyWeek.fromMs + 8 * H).getUTCDay()).toBe(1); // still a Monday
    expect(dayKey(lyWeek.fromMs)).toBe('2025-11-24');
    expect(dayKey(oneYearEarlierMs(sh(2024, 2, 29, 10)))).toBe('2023-02-28');
  });

  it('cut-off: now (floored to 15 min) for a period in progress, its end when past, its start when to come', () => {
    const year = periodContaining('year', sh(2026, 6, 1));
    expect(cutOffMs(year, sh(2026, 11, 26, 12, 19, 13))).toBe(sh(2026, 11, 26, 12, 15));
    expect(cutOffMs(year, sh(2027, 3, 1))).toBe(year.toMs);
    expect(cutOffMs(year, sh(2025, 3, 1))).toBe(year.fromMs);
  });

  it('steps: hours for a day, days for a week or month, months for a year and long custom periods', () => {
    const day = periodContaining('day', sh(2026, 5, 5));
    expect([fetchStepOf(day), displayStepOf(day)]).toEqual(['1h', '1h']);
    const month = periodContaining('month', sh(2026, 5, 5));
    expect([fetchStepOf(month), displayStepOf(month)]).toEqual(['1d', '1d']);
    const year = periodContaining('year', sh(2026, 5, 5));
    expect([fetchStepOf(year), displayStepOf(year)]).toEqual(['1d', '1mo']);
    expect(displayStepOf({ kind: 'custom', fromMs: sh(2025, 1, 1), toMs: sh(2025, 7, 1) })).toBe('1mo');
    expect(displayStepOf({ kind: 'custom', fromMs: sh(2025, 1, 1), toMs: sh(2025, 2, 1) })).toBe('1d');
  });

  it('bucket starts of a year are the 12 Shanghai month starts', () => {
    const starts = bucketStarts(sh(2026, 1, 1), sh(2027, 1, 1), '1mo');
    expect(starts).toHaveLength(12);
    expect(starts.map(dayKey)[11]).toBe('2026-12-01');
    expect(bucketStarts(sh(2026, 3, 1), sh(2026, 3, 2), '1h')).toHaveLength(24);
  });

  it('plans whole buckets up to the cut and the ragged tail at 15 min', () => {
    const from = sh(2025, 1, 1);
    const cut = sh(2025, 11, 26, 12, 15);
    expect(planWindowRequests(from, cut, '1d')).toEqual([
      { fromMs: from, toMs: sh(2025, 11, 26), step: '1d' },
      { fromMs: sh(2025, 11, 26), toMs: cut, step: '15m' },
    ]);
    expect(planWindowRequests(sh(2025, 1, 1), sh(2025, 2, 1), '1d')).toEqual([
      { fromMs: sh(2025, 1, 1), toMs: sh(2025, 2, 1), step: '1d' },
    ]);
    expect(planWindowRequests(sh(2025, 1, 1, 0), sh(2025, 1, 1, 0, 30), '1h')).toEqual([
      { fromMs: sh(2025, 1, 1), toMs: sh(2025, 1, 1, 0, 30), step: '15m' },
    ]);
    expect(planWindowRequests(from, from, '1d')).toEqual([]);
  });
});

describe('period in the URL', () => {
  const now = sh(2026, 11, 26, 12);

  it('defaults to the year containing now', () => {
    expect(periodFromSearch(new URLSearchParams(''), now)).toEqual({
      period: { kind: 'year', fromMs: sh(2026, 1, 1), toMs: sh(2027, 1, 1) },
      problem: null,
    });
  });

  it('round-trips every kind', () => {
    for (const p of [
      periodContaining('day', sh(2026, 2, 3)),
      periodContaining('week', sh(2026, 2, 3)),
      periodContaining('month', sh(2026, 2, 3)),
      periodContaining('year', sh(2026, 2, 3)),
      { kind: 'custom' as const, fromMs: sh(2026, 1, 10), toMs: sh(2026, 4, 1) },
    ]) {
      expect(periodFromSearch(new URLSearchParams(periodToParams(p)), now)).toEqual({ period: p, problem: null });
    }
    expect(periodToParams({ kind: 'custom', fromMs: sh(2026, 1, 10), toMs: sh(2026, 4, 1) })).toEqual({
      period: 'custom',
      from: '2026-01-10',
      to: '2026-03-31',
    });
  });

  it('falls back and says so for unusable input', () => {
    expect(periodFromSearch(new URLSearchParams('period=month&date=2026-02-31'), now)).toMatchObject({
      problem: 'bad-date',
      period: { kind: 'month', fromMs: sh(2026, 11, 1) },
    });
    expect(periodFromSearch(new URLSearchParams('period=custom&from=2026-05-01&to=2026-04-01'), now).problem).toBe(
      'bad-custom',
    );
    const long = periodFromSearch(new URLSearchParams('period=custom&from=2010-01-01&to=2026-01-01'), now);
    expect(long.problem).toBe('custom-too-long');
    expect(long.period.toMs - long.period.fromMs).toBeLessThanOrEqual(5 * 366 * D);
    expect(parseDayKey('2026-13-01')).toBeNull();
    expect(parseDayKey('x')).toBeNull();
  });
});
