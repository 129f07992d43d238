/**
 * What the wall reads from the history service (public/openapi.yaml), so a reload at 15:00 still shows today's curves
 * since midnight: `GET /api/today?entity=area|sc|cq` (today's and yesterday's 1-minute power curves, today's energies)
 * and `GET /api/series?metric=ePvKwh&step=1mo` (this year's PV energy, for CO₂ avoided this year).
 *
 * Responses are untrusted input: they are validated here, and anything that does not fit is treated as "history
 * unavailable" (the wall then counts from page load and says so), never half-used.
 */
import { z } from 'zod';
import type { Province } from '../../contract/topics';

const point = z.tuple([z.number(), z.number().nullable()]);
export type HistoryPoint = z.infer<typeof point>;

const dayCurvesSchema = z.object({
  startMs: z.number(),
  series: z.object({
    gridImportKw: z.array(point).default([]),
    pvKw: z.array(point).default([]),
    evKw: z.array(point).default([]),
    consumptionKw: z.array(point).default([]),
  }),
  energiesKwh: z.object({
    eImportKwh: z.number().nullable().optional(),
    ePvKwh: z.number().nullable().optional(),
    eEvKwh: z.number().nullable().optional(),
    eConsumptionKwh: z.number().nullable().optional(),
  }),
  peakConsumption: z.object({ consumptionKw: z.number(), atMs: z.number() }).nullable(),
});

export const todayResponseSchema = z.object({
  entity: z.enum(['area', 'sc', 'cq']),
  nowMs: z.number(),
  today: dayCurvesSchema,
  yesterday: dayCurvesSchema,
});
export type TodayResponse = z.infer<typeof todayResponseSchema>;
export type DayCurves = z.infer<typeof dayCurvesSchema>;

export const seriesResponseSchema = z.object({ points: z.array(point) });

export type CurveMetric = 'consumptionKw' | 'pvKw' | 'evKw' | 'gridImportKw';

/** Fetches and validates JSON; null on any failure (network, status, shape), with the reason logged once per call. */
export async function fetchValidated<T>(url: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T | null> {
  try {
    const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
    if (!res.ok) {
      console.warn(`[wall] history ${url}: HTTP ${res.status}`);
      return null;
    }
    const parsed = schema.safeParse(await res.json());
    if (!parsed.success) {
      console.warn(`[wall] history ${url}: unexpected shape: ${parsed.error.issues[0]?.message}`);
      return null;
    }
    return parsed.data;
  } catch (e) {
    if ((e as Error).name !== 'AbortError') console.warn(`[wall] history ${url}: ${(e as Error).message}`);
    return null;
  }
}

const MINUTE_MS = 60_000;

/**
 * Today's 1-minute curve: the history service's minutes wherever it has a value, then the page's own live minutes
 * after the history's last one. History wins where both exist because the page's first minute after a load is
 * computed from the few devices whose retained values had arrived, while the recorder saw the whole minute. Points
 * outside [dayStartMs, nowMs] are dropped, so a curve never shows yesterday or the future.
 */
export function mergeDayCurve(
  history: readonly HistoryPoint[] | undefined,
  liveMinutes: readonly [number, number][],
  dayStartMs: number,
  nowMs: number,
): [number, number | null][] {
  const out: [number, number | null][] = [];
  let lastHistoryMs = Number.NEGATIVE_INFINITY;
  for (const [ts, v] of history ?? []) {
    if (ts < dayStartMs || ts > nowMs) continue;
    const value = v !== null && Number.isFinite(v) ? v : null;
    out.push([ts, value]);
    if (value !== null) lastHistoryMs = ts;
  }
  // Drop the history's trailing nulls (minutes not recorded yet): the live minutes take over from there.
  while (out.length && (out[out.length - 1] as [number, number | null])[0] > lastHistoryMs) out.pop();
  for (const [ts, v] of liveMinutes) {
    if (ts <= lastHistoryMs || ts < dayStartMs || ts > nowMs || !Number.isFinite(v)) continue;
    out.push([Math.floor(ts / MINUTE_MS) * MINUTE_MS, v]);
  }
  return out;
}

/** A whole day's curve shifted by `shiftMs` (yesterday drawn on today's axis). Nulls stay gaps. */
export function shiftCurve(points: readonly HistoryPoint[] | undefined, shiftMs: number): [number, number | null][] {
  return (points ?? []).map(([ts, v]) => [ts + shiftMs, v !== null && Number.isFinite(v) ? v : null]);
}

/** Highest point of a curve with its time; null for an empty or all-null curve. */
export function curvePeak(points: readonly [number, number | null][]): { kw: number; atMs: number } | null {
  let peak: { kw: number; atMs: number } | null = null;
  for (const [ts, v] of points)
    if (v !== null && Number.isFinite(v) && (!peak || v > peak.kw)) peak = { kw: v, atMs: ts };
  return peak;
}

export interface ProvinceEnergyKwh {
  eImportKwh: number;
  ePvKwh: number;
  eEvKwh: number;
}

/**
 * Today's energies from the history service as of its fetch, plus what the page's own counters added since then.
 * Counters are exact across gaps, so the page's delta after the fetch is exact too; the history's figure covers
 * midnight to the fetch.
 */
export interface TodayEnergyBase {
  dayStartMs: number;
  /** From when the history's figures cover the day (its first recorded minute; midnight when complete). */
  coveredSinceMs: number;
  historyKwh: Record<Province, ProvinceEnergyKwh>;
  /** The page's own today-counters at the moment the history answered. */
  pageKwhAtFetch: Record<Province, ProvinceEnergyKwh>;
}

export interface TodayEnergies {
  byProvince: Record<Province, ProvinceEnergyKwh>;
  /** Midnight when the history covered the day; else the first sample the page counted from (or null: none yet). */
  countedSinceMs: number | null;
  fromHistory: boolean;
}

const sub0 = (a: number, b: number) => Math.max(0, a - b);

export function todayEnergies(
  page: Record<Province, ProvinceEnergyKwh & { observedSinceMs: number | null }>,
  dayStartMs: number,
  base: TodayEnergyBase | null,
): TodayEnergies {
  if (base && base.dayStartMs === dayStartMs) {
    const byProvince = {} as Record<Province, ProvinceEnergyKwh>;
    for (const p of ['sc', 'cq'] as const) {
      const h = base.historyKwh[p];
      const at = base.pageKwhAtFetch[p];
      const now = page[p];
      byProvince[p] = {
        eImportKwh: h.eImportKwh + (now.eImportKwh - at.eImportKwh),
        ePvKwh: h.ePvKwh + sub0(now.ePvKwh, at.ePvKwh),
        eEvKwh: h.eEvKwh + sub0(now.eEvKwh, at.eEvKwh),
      };
    }
    return { byProvince, countedSinceMs: base.coveredSinceMs, fromHistory: true };
  }
  const since = [page.sc.observedSinceMs, page.cq.observedSinceMs].filter((x): x is number => x !== null);
  return {
    byProvince: {
      sc: { eImportKwh: page.sc.eImportKwh, ePvKwh: page.sc.ePvKwh, eEvKwh: page.sc.eEvKwh },
      cq: { eImportKwh: page.cq.eImportKwh, ePvKwh: page.cq.ePvKwh, eEvKwh: page.cq.eEvKwh },
    },
    countedSinceMs: since.length ? Math.max(...since) : null,
    fromHistory: false,
  };
}

/** History energies of one province's /api/today, or null when the service could not vouch for all three. */
export function historyEnergies(r: TodayResponse | null): ProvinceEnergyKwh | null {
  const e = r?.today.energiesKwh;
  if (!e || e.eImportKwh == null || e.ePvKwh == null || e.eEvKwh == null) return null;
  return { eImportKwh: e.eImportKwh, ePvKwh: e.ePvKwh, eEvKwh: e.eEvKwh };
}

/** Sum of a series' non-null points; null when every point is null (nothing recorded). */
export function sumPoints(points: readonly HistoryPoint[]): { sum: number; gaps: number } | null {
  let sum = 0;
  let n = 0;
  let gaps = 0;
  for (const [, v] of points) {
    if (v === null || !Number.isFinite(v)) gaps++;
    else {
      sum += v;
      n++;
    }
  }
  return n ? { sum, gaps } : null;
}

/** First minute of a day curve with a value: from then on the history service recorded the day. */
export function firstRecordedMs(points: readonly HistoryPoint[] | undefined): number | null {
  for (const [ts, v] of points ?? []) if (v !== null && Number.isFinite(v)) return ts;
  return null;
}
