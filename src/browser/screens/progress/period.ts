/**
 * Report periods of the progress screen in Asia/Shanghai (day, ISO week, month, year, custom), their URL form, the
 * same period last year, and the history requests that cover a window exactly. Pure: "now" is always an input.
 *
 * Why the request planning: the history service widens its last bucket to the whole step (a 1d bucket is the whole
 * day even when `to` is 12:19). A period still in progress is compared with last year *to the same moment*, so the
 * window is asked for in whole buckets up to the last boundary and the ragged tail at 15 min.
 */
import type { HistoryStep } from '../../../core/contract/history-api';
import {
  addDaysStartMs,
  dayKey,
  dayStartMs,
  monthStartMs,
  nextDayStartMs,
  shanghaiParts,
  shanghaiWallToMs,
  yearStartMs,
} from '../../../core/time/shanghai';

export const PERIOD_KINDS = ['day', 'week', 'month', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Step the service is asked for (one its contract has); months are folded from days in the browser (module note). */
export type FetchStep = Extract<HistoryStep, '1h' | '1d'>;
/** Step the charts show. */
export type DisplayStep = '1h' | '1d' | '1mo';

export interface Period {
  kind: PeriodKind;
  /** Start, inclusive (Shanghai local midnight). */
  fromMs: number;
  /** End of the calendar period, exclusive. */
  toMs: number;
}

const HOUR_MS = 3_600_000;
const QUARTER_HOUR_MS = 15 * 60_000;
/** Longest custom period accepted (a bit over five years); longer asks are clamped with a note. */
export const MAX_CUSTOM_DAYS = 5 * 366;
/** Custom periods longer than this are shown in months. */
const CUSTOM_MONTHLY_AFTER_DAYS = 93;

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Start of the Shanghai day written as 'YYYY-MM-DD'; null when it is not a real date. */
export function parseDayKey(key: string | null | undefined): number | null {
  const m = key ? DAY_KEY.exec(key) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2099 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const ms = shanghaiWallToMs(y, mo, d);
  // 2026-02-31 would roll over into March: refuse it rather than show another day.
  return dayKey(ms) === key ? ms : null;
}

/** Monday 00:00 of the ISO week containing tsMs (Shanghai). */
export function weekStartMs(tsMs: number): number {
  const p = shanghaiParts(tsMs);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay(); // 0 = Sunday
  return addDaysStartMs(tsMs, -((weekday + 6) % 7));
}

/** ISO 8601 week number and its year for the week containing tsMs. */
export function isoWeek(tsMs: number): { year: number; week: number } {
  const p = shanghaiParts(tsMs);
  const date = new Date(Date.UTC(p.year, p.month - 1, p.day));
  const weekday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - weekday + 3); // Thursday of this week decides the year
  const year = date.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week1ThursdayMs = jan4.getTime() + (3 - ((jan4.getUTCDay() + 6) % 7)) * 86_400_000;
  const week = 1 + Math.round((date.getTime() - week1ThursdayMs) / (7 * 86_400_000));
  return { year, week };
}

/** The day, week, month or year containing anchorMs. */
export function periodContaining(kind: Exclude<PeriodKind, 'custom'>, anchorMs: number): Period {
  switch (kind) {
    case 'day':
      return { kind, fromMs: dayStartMs(anchorMs), toMs: nextDayStartMs(anchorMs) };
    case 'week': {
      const fromMs = weekStartMs(anchorMs);
      return { kind, fromMs, toMs: addDaysStartMs(fromMs, 7) };
    }
    case 'month': {
      const p = shanghaiParts(anchorMs);
      return { kind, fromMs: monthStartMs(anchorMs), toMs: shanghaiWallToMs(p.year, p.month + 1, 1) };
    }
    case 'year': {
      const p = shanghaiParts(anchorMs);
      return { kind, fromMs: yearStartMs(anchorMs), toMs: shanghaiWallToMs(p.year + 1, 1, 1) };
    }
  }
}

/** The next (+1) or previous (−1) period of the same kind; a custom period moves by its own length in days. */
export function shiftPeriod(period: Period, direction: 1 | -1): Period {
  if (period.kind === 'custom') {
    const days = Math.round((period.toMs - period.fromMs) / 86_400_000);
    return {
      kind: 'custom',
      fromMs: addDaysStartMs(period.fromMs, direction * days),
      toMs: addDaysStartMs(period.toMs, direction * days),
    };
  }
  const anchor = direction === 1 ? period.toMs : period.fromMs - 1;
  return periodContaining(period.kind, anchor);
}

/** Same wall-clock moment one calendar year earlier; 29 Feb becomes 28 Feb. */
export function oneYearEarlierMs(tsMs: number): number {
  const p = shanghaiParts(tsMs);
  const lastDay = new Date(Date.UTC(p.year - 1, p.month, 0)).getUTCDate();
  const ms = shanghaiWallToMs(p.year - 1, p.month, Math.min(p.day, lastDay), p.hour, p.minute, p.second);
  return ms + (tsMs % 1000);
}

/**
 * Same period last year. Weeks move back 52 weeks (364 days) so weekdays line up (a Monday is compared with a
 * Monday); days, months, years and custom periods move back one calendar year (同比).
 */
export function lastYearOf(kind: PeriodKind, fromMs: number, toMs: number): { fromMs: number; toMs: number } {
  if (kind === 'week') return { fromMs: fromMs - 364 * 86_400_000, toMs: toMs - 364 * 86_400_000 };
  return { fromMs: oneYearEarlierMs(fromMs), toMs: oneYearEarlierMs(toMs) };
}

export function fetchStepOf(period: Period): FetchStep {
  return period.kind === 'day' || period.toMs - period.fromMs <= 2 * 86_400_000 ? '1h' : '1d';
}

export function displayStepOf(period: Period): DisplayStep {
  if (fetchStepOf(period) === '1h') return '1h';
  if (period.kind === 'year') return '1mo';
  if (period.kind === 'custom' && period.toMs - period.fromMs > CUSTOM_MONTHLY_AFTER_DAYS * 86_400_000) return '1mo';
  return '1d';
}

/**
 * Where the figures of a period stop: now for a period in progress (floored to 15 min, the finest step the tail is
 * asked at), the period's end for a past one, its start for one still to come.
 */
export function cutOffMs(period: Period, nowMs: number): number {
  const flooredNow = Math.floor(nowMs / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  return Math.min(period.toMs, Math.max(period.fromMs, flooredNow));
}

/** Start of the bucket of `step` containing tsMs. */
export function bucketStartMs(tsMs: number, step: DisplayStep): number {
  if (step === '1h') return Math.floor(tsMs / HOUR_MS) * HOUR_MS;
  if (step === '1d') return dayStartMs(tsMs);
  return monthStartMs(tsMs);
}

function nextBucketMs(tsMs: number, step: DisplayStep): number {
  if (step === '1h') return tsMs + HOUR_MS;
  if (step === '1d') return nextDayStartMs(tsMs);
  const p = shanghaiParts(tsMs);
  return shanghaiWallToMs(p.year, p.month + 1, 1);
}

/** Bucket starts of [fromMs, toMs) at `step`; fromMs is expected on a boundary. */
export function bucketStarts(fromMs: number, toMs: number, step: DisplayStep): number[] {
  const out: number[] = [];
  for (let t = bucketStartMs(fromMs, step); t < toMs && out.length < 20_000; t = nextBucketMs(t, step)) out.push(t);
  return out;
}

export interface WindowRequest {
  fromMs: number;
  toMs: number;
  step: FetchStep | '15m';
}

/**
 * Requests covering [fromMs, cutMs) exactly: whole buckets of `step` up to the last boundary at or before the cut,
 * then the tail at 15 min (≤ 96 points). Empty when the window is empty.
 */
export function planWindowRequests(fromMs: number, cutMs: number, step: FetchStep): WindowRequest[] {
  if (!(cutMs > fromMs)) return [];
  const boundaryMs = Math.max(fromMs, bucketStartMs(cutMs, step));
  const out: WindowRequest[] = [];
  if (boundaryMs > fromMs) out.push({ fromMs, toMs: boundaryMs, step });
  if (cutMs > boundaryMs) out.push({ fromMs: boundaryMs, toMs: cutMs, step: '15m' });
  return out;
}

// ── URL form ──────────────────────────────────────────────────────────────────────────────────────────────────────

export interface PeriodFromUrl {
  period: Period;
  /** Set when the URL asked for something that could not be used as is (and what was shown instead). */
  problem: 'bad-date' | 'bad-custom' | 'custom-too-long' | null;
}

/**
 * `?period=day|week|month|year&date=YYYY-MM-DD` or `?period=custom&from=YYYY-MM-DD&to=YYYY-MM-DD` (both days
 * included). Missing parts default to the year containing now; unusable parts fall back and say so.
 */
export function periodFromSearch(search: URLSearchParams, nowMs: number): PeriodFromUrl {
  const raw = search.get('period');
  const kind: PeriodKind = (PERIOD_KINDS as readonly string[]).includes(raw ?? '') ? (raw as PeriodKind) : 'year';
  if (kind === 'custom') {
    const fromMs = parseDayKey(search.get('from'));
    const lastDayMs = parseDayKey(search.get('to'));
    if (fromMs === null || lastDayMs === null || lastDayMs < fromMs)
      return { period: periodContaining('month', nowMs), problem: 'bad-custom' };
    const maxEndMs = addDaysStartMs(fromMs, MAX_CUSTOM_DAYS);
    const toMs = nextDayStartMs(lastDayMs);
    if (toMs > maxEndMs) return { period: { kind, fromMs, toMs: maxEndMs }, problem: 'custom-too-long' };
    return { period: { kind, fromMs, toMs }, problem: null };
  }
  const date = search.get('date');
  const anchorMs = date === null ? nowMs : parseDayKey(date);
  if (anchorMs === null) return { period: periodContaining(kind, nowMs), problem: 'bad-date' };
  return { period: periodContaining(kind, anchorMs), problem: null };
}

/** URL parameters of a period (the language and other parameters are the caller's). */
export function periodToParams(period: Period): Record<string, string> {
  if (period.kind === 'custom') return { period: 'custom', from: dayKey(period.fromMs), to: dayKey(period.toMs - 1) };
  return { period: period.kind, date: dayKey(period.fromMs) };
}
