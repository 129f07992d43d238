/**
 * How the progress screen names and navigates its period: the header's label, date ranges, the URL of another period
 * and the period a picker button leads to. Pure: "now" and the language are inputs.
 */

import type { Lang } from '../../../core/lang';
import { dayKey, formatDateTime, formatHourMinute } from '../../../core/time/shanghai';
import {
  cutOffMs,
  isoWeek,
  lastYearOf,
  type Period,
  type PeriodKind,
  periodContaining,
  periodToParams,
} from './period';
import { progressTr } from './progress-messages';

/** 'YYYY-MM-DD – YYYY-MM-DD' (last day included), or one day, or with times when the end is not midnight. */
export function rangeText(fromMs: number, toMs: number): string {
  const endsAtMidnight = formatHourMinute(toMs) === '00:00';
  if (!endsAtMidnight) return `${formatDateTime(fromMs).slice(0, 16)} – ${formatDateTime(toMs).slice(0, 16)}`;
  const last = dayKey(toMs - 1);
  return dayKey(fromMs) === last ? last : `${dayKey(fromMs)} – ${last}`;
}

export function periodLabel(period: Period, lang: Lang): string {
  const tr = progressTr(lang);
  const key = dayKey(period.fromMs);
  switch (period.kind) {
    case 'day':
      return key;
    case 'week':
      return `${tr('period.weekLabel', isoWeek(period.fromMs))} (${rangeText(period.fromMs, period.toMs)})`;
    case 'month':
      return tr('period.monthLabel', { year: key.slice(0, 4), month: Number(key.slice(5, 7)), mm: key.slice(5, 7) });
    case 'year':
      return tr('period.yearLabel', { year: key.slice(0, 4) });
    case 'custom':
      return rangeText(period.fromMs, period.toMs);
  }
}

/** The header's note on the compared windows: "to <now> · vs same period last year <range>". */
export function periodWindowsText(period: Period, nowMs: number, lang: Lang): string {
  const tr = progressTr(lang);
  const cut = cutOffMs(period, nowMs);
  const ly = lastYearOf(period.kind, period.fromMs, cut);
  const toDate = cut < period.toMs ? `${tr('period.toDate', { time: formatDateTime(cut).slice(0, 16) })} · ` : '';
  return `${toDate}${tr('period.vsLastYear', { range: rangeText(ly.fromMs, ly.toMs) })}`;
}

/** The URL query of a period, keeping the language the address asked for. */
export function periodSearch(next: Period, langParam: string | null): URLSearchParams {
  const params = new URLSearchParams();
  if (langParam) params.set('lang', langParam);
  for (const [k, v] of Object.entries(periodToParams(next))) params.set(k, v);
  return params;
}

/**
 * The period a picker button leads to: a custom period keeps the shown dates; another kind contains "now" when it
 * lies in the shown period, else the shown period's nearest end.
 */
export function chosenPeriod(kind: PeriodKind, period: Period, nowMs: number): Period {
  if (kind === 'custom') return { kind, fromMs: period.fromMs, toMs: period.toMs };
  return periodContaining(kind, Math.min(period.toMs - 1, Math.max(period.fromMs, nowMs)));
}

/** The calendar year the period starts in (Shanghai): the year of its targets and budget. */
export function periodYear(period: Period): number {
  return Number(dayKey(period.fromMs).slice(0, 4));
}
