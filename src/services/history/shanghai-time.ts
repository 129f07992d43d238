/**
 * Calendar helpers of the history service on top of src/core/time/shanghai.ts (Asia/Shanghai, whatever the machine's
 * zone). SQL groups minutes and hours into local days with the fixed UTC+8 offset below: China has kept UTC+8 without
 * daylight saving since 1991, so it agrees with the tz database for every date the service stores.
 */
import { dayStartMs, monthStartMs, shanghaiParts, shanghaiWallToMs } from '../../core/time/shanghai';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const SHANGHAI_OFFSET_MIN = 8 * 60;

export { dayStartMs as shanghaiDayStartMs, monthStartMs as shanghaiMonthStartMs };

/** The Shanghai month start `months` months after the month containing tsMs (negative goes back). */
export function addShanghaiMonths(tsMs: number, months: number): number {
  const p = shanghaiParts(tsMs);
  return shanghaiWallToMs(p.year, p.month + months, 1);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 local time in Asia/Shanghai with its offset, e.g. 2026-01-31T08:00:00+08:00. */
export function formatShanghaiIso(tsMs: number): string {
  const p = shanghaiParts(tsMs);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}+08:00`;
}
