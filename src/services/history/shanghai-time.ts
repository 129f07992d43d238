/**
 * Time constants of the history service; the calendar itself (Asia/Shanghai days and months, whatever the machine's
 * zone) is src/core/time/shanghai.ts. SQL groups minutes and hours into local days with the fixed UTC+8 offset below:
 * China has kept UTC+8 without daylight saving since 1991, so it agrees with the tz database for every date the
 * service stores.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const SHANGHAI_OFFSET_MIN = 8 * 60;
