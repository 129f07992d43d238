import { describe, expect, it } from 'vitest';
import { shanghaiWallToMs as sh } from '../../../core/time/shanghai';
import { periodContaining } from './period';
import { chosenPeriod, periodLabel, periodSearch, periodWindowsText, periodYear, rangeText } from './period-view';

describe('period names and moves', () => {
  it('writes ranges with the last day included, one day alone, and times when the end is not midnight', () => {
    expect(rangeText(sh(2026, 3, 1), sh(2026, 4, 1))).toBe('2026-03-01 – 2026-03-31');
    expect(rangeText(sh(2026, 3, 1), sh(2026, 3, 2))).toBe('2026-03-01');
    expect(rangeText(sh(2026, 3, 1), sh(2026, 3, 1, 12, 19))).toBe('2026-03-01 00:00 – 2026-03-01 12:19');
  });

  it('labels each kind of period in both languages', () => {
    const month = periodContaining('month', sh(2026, 3, 15));
    expect(periodLabel(month, 'en')).toBe('2026-03');
    expect(periodLabel(month, 'zh')).toBe('2026年3月');
    const year = periodContaining('year', sh(2026, 3, 15));
    expect(periodLabel(year, 'en')).toBe('2026');
    expect(periodLabel(year, 'zh')).toBe('2026年');
    expect(periodLabel(periodContaining('day', sh(2026, 3, 15)), 'zh')).toBe('2026-03-15');
    expect(periodLabel(periodContaining('week', sh(2026, 3, 15)), 'en')).toBe(
      'Week 11, 2026 (2026-03-09 – 2026-03-15)',
    );
    expect(periodLabel({ kind: 'custom', fromMs: sh(2026, 1, 5), toMs: sh(2026, 2, 1) }, 'en')).toBe(
      '2026-01-05 – 2026-01-31',
    );
    expect(periodYear(month)).toBe(2026);
  });

  it('says how far a period in progress goes and which window of last year it is compared with (to the quarter hour)', () => {
    const month = periodContaining('month', sh(2026, 3, 15));
    expect(periodWindowsText(month, sh(2026, 3, 15, 12, 19), 'en')).toBe(
      'to 2026-03-15 12:15 · vs same period last year 2025-03-01 00:00 – 2025-03-15 12:15',
    );
    expect(periodWindowsText(month, sh(2026, 5, 1), 'en')).toBe('vs same period last year 2025-03-01 – 2025-03-31');
  });

  it('keeps the language in the URL of another period', () => {
    const month = periodContaining('month', sh(2026, 3, 15));
    expect(periodSearch(month, 'en').get('lang')).toBe('en');
    expect(periodSearch(month, null).has('lang')).toBe(false);
    expect(periodSearch(month, null).get('period')).toBe('month');
  });

  it('leads a picker button to the period holding now, or the shown period’s nearest end', () => {
    const march = periodContaining('month', sh(2026, 3, 1));
    expect(chosenPeriod('day', march, sh(2026, 3, 15, 9))).toEqual(periodContaining('day', sh(2026, 3, 15)));
    expect(chosenPeriod('day', march, sh(2026, 11, 26))).toEqual(periodContaining('day', sh(2026, 3, 31)));
    expect(chosenPeriod('day', march, sh(2025, 1, 1))).toEqual(periodContaining('day', sh(2026, 3, 1)));
    expect(chosenPeriod('custom', march, 0)).toEqual({ kind: 'custom', fromMs: march.fromMs, toMs: march.toMs });
  });
});
