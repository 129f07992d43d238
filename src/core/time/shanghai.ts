/**
 * Calendar arithmetic in the area's time zone, Asia/Shanghai, whatever the zone of the machine or browser running the
 * code (a display PC set to UTC, a CI runner, a visitor's laptop abroad). "Today" on every screen and in the history
 * service is the Shanghai day.
 *
 * China has kept UTC+8 without DST since 1991, so a fixed offset would give the same answers for any current date; the
 * offset is still read from Intl's tz database so the rule is explicit and correct for any timestamp it is given.
 */
import { type Lang, LOCALE_BY_LANG } from '../lang';

export const AREA_TIME_ZONE = 'Asia/Shanghai';
const DASH = '—';

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: AREA_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

export interface ZonedParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Wall-clock fields of tsMs in Asia/Shanghai. */
export function shanghaiParts(tsMs: number): ZonedParts {
  const p: Record<string, number> = {};
  for (const part of partsFormatter.formatToParts(tsMs)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return {
    year: p.year ?? Number.NaN,
    month: p.month ?? Number.NaN,
    day: p.day ?? Number.NaN,
    hour: p.hour ?? Number.NaN,
    minute: p.minute ?? Number.NaN,
    second: p.second ?? Number.NaN,
  };
}

/** Offset of Shanghai wall time from UTC at tsMs, ms (8 h today). */
function offsetMsAt(tsMs: number): number {
  const p = shanghaiParts(tsMs);
  const wallAsUtcMs = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wallAsUtcMs - Math.floor(tsMs / 1000) * 1000;
}

/** Epoch ms of a Shanghai wall-clock time; month is 1-based and may overflow (Date.UTC normalises it). */
export function shanghaiWallToMs(year: number, month: number, day = 1, hour = 0, minute = 0, second = 0): number {
  const wallAsUtcMs = Date.UTC(year, month - 1, day, hour, minute, second);
  // Two passes: the offset is read at a first guess, then at the result, which would settle a DST change if Shanghai
  // ever had one again.
  const guessMs = wallAsUtcMs - offsetMsAt(wallAsUtcMs);
  return wallAsUtcMs - offsetMsAt(guessMs);
}

// The live store asks for the day start on every message; almost all fall in the same day, so remember the last one.
let cachedDay: { startMs: number; endMs: number } | null = null;

/** Start (00:00:00.000) of the Shanghai day containing tsMs. NaN for a non-finite input. */
export function dayStartMs(tsMs: number): number {
  if (!Number.isFinite(tsMs)) return Number.NaN;
  if (cachedDay && tsMs >= cachedDay.startMs && tsMs < cachedDay.endMs) return cachedDay.startMs;
  const p = shanghaiParts(tsMs);
  const startMs = shanghaiWallToMs(p.year, p.month, p.day);
  cachedDay = { startMs, endMs: shanghaiWallToMs(p.year, p.month, p.day + 1) };
  return startMs;
}

/** Start of the next Shanghai day (the end, exclusive, of the day containing tsMs). */
export function nextDayStartMs(tsMs: number): number {
  if (!Number.isFinite(tsMs)) return Number.NaN;
  const p = shanghaiParts(tsMs);
  return shanghaiWallToMs(p.year, p.month, p.day + 1);
}

/** Start of the Shanghai day `days` days away from the day containing tsMs (−1 = yesterday). */
export function addDaysStartMs(tsMs: number, days: number): number {
  if (!Number.isFinite(tsMs)) return Number.NaN;
  const p = shanghaiParts(tsMs);
  return shanghaiWallToMs(p.year, p.month, p.day + days);
}

export function monthStartMs(tsMs: number): number {
  if (!Number.isFinite(tsMs)) return Number.NaN;
  const p = shanghaiParts(tsMs);
  return shanghaiWallToMs(p.year, p.month, 1);
}

export function yearStartMs(tsMs: number): number {
  if (!Number.isFinite(tsMs)) return Number.NaN;
  return shanghaiWallToMs(shanghaiParts(tsMs).year, 1, 1);
}

/** Start of the Shanghai month `months` months away from the month containing tsMs (−1 = last month). */
export function addMonthsStartMs(tsMs: number, months: number): number {
  if (!Number.isFinite(tsMs)) return Number.NaN;
  const p = shanghaiParts(tsMs);
  return shanghaiWallToMs(p.year, p.month + months, 1);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 local time in Asia/Shanghai with its offset, e.g. 2026-01-31T08:00:00+08:00 (CSV exports). */
export function formatShanghaiIso(tsMs: number): string {
  const p = shanghaiParts(tsMs);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}+08:00`;
}

/** 'YYYY-MM-DD' of the Shanghai day: the key of daily rollups in the store and the history API. */
export function dayKey(tsMs: number): string {
  if (!Number.isFinite(tsMs)) return DASH;
  const p = shanghaiParts(tsMs);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** 'YYYY-MM' of the Shanghai month. */
export function monthKey(tsMs: number): string {
  if (!Number.isFinite(tsMs)) return DASH;
  const p = shanghaiParts(tsMs);
  return `${p.year}-${pad2(p.month)}`;
}

/** 'HH:mm:ss' (24 h) in Shanghai. Both languages use the same digits; `lang` keeps the call shape of the others. */
export function formatClock(tsMs: number, _lang: Lang = 'zh'): string {
  if (!Number.isFinite(tsMs)) return DASH;
  const p = shanghaiParts(tsMs);
  return `${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

/** 'HH:mm' in Shanghai, for chart axes and alarm lists. */
export function formatHourMinute(tsMs: number): string {
  if (!Number.isFinite(tsMs)) return DASH;
  const p = shanghaiParts(tsMs);
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** 'YYYY-MM-DD HH:mm:ss' in Shanghai: unambiguous in both languages, sorts as text, fits a table cell. */
export function formatDateTime(tsMs: number, _lang: Lang = 'zh'): string {
  if (!Number.isFinite(tsMs)) return DASH;
  return `${dayKey(tsMs)} ${formatClock(tsMs)}`;
}

const longDateFormatters: Record<Lang, Intl.DateTimeFormat> = {
  zh: new Intl.DateTimeFormat(LOCALE_BY_LANG.zh, {
    timeZone: AREA_TIME_ZONE,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'long',
  }),
  en: new Intl.DateTimeFormat(LOCALE_BY_LANG.en, {
    timeZone: AREA_TIME_ZONE,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }),
};

/** Long date for headers, e.g. zh '2025年6月1日星期日', en 'Sun, Jun 1, 2025' (Shanghai day). */
export function formatLongDate(tsMs: number, lang: Lang): string {
  if (!Number.isFinite(tsMs)) return DASH;
  return longDateFormatters[lang].format(tsMs);
}
