/**
 * "Today since midnight" from the history service (GET /api/today, see src/browser/history/history-client.ts) joined with the
 * page's own live data, so a screen reloaded at 15:00 still shows today's curves and energies since midnight:
 * history curves before the page's own minutes, and today's energies as the history's figure at its fetch plus what
 * the page's counters added since. Pure: the wall, the overview and their tests use the same functions.
 */
import type { Province } from '../../core/contract/topics';
import { joinCurve } from './curve-join';
import type { SeriesPoint, TodayResponse } from './history-client';

export type HistoryPoint = SeriesPoint;
export type CurveMetric = 'consumptionKw' | 'pvKw' | 'evKw' | 'gridImportKw';

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
  return joinCurve(history, liveMinutes, {
    handover: 'afterHistory',
    gaps: true,
    fromMs: dayStartMs,
    toMs: nowMs,
    liveStepMs: MINUTE_MS,
  });
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

const ZERO_KWH: ProvinceEnergyKwh = { eImportKwh: 0, ePvKwh: 0, eEvKwh: 0 };
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
  const eImportKwh = e?.eImportKwh;
  const ePvKwh = e?.ePvKwh;
  const eEvKwh = e?.eEvKwh;
  if (eImportKwh == null || ePvKwh == null || eEvKwh == null) return null;
  return { eImportKwh, ePvKwh, eEvKwh };
}

/**
 * The energy base of `todayEnergies` from the two provinces' /api/today answers and the page's today-counters at the
 * moment they arrived (counting day `pageDayStartMs`); null unless both answers vouch for all their energies of the
 * same day. A page that had not reached the history's day yet (just loaded, or a minute before its midnight) had
 * counted nothing of it: its counters at the fetch are zero for that day.
 */
export function todayEnergyBase(
  sc: TodayResponse | null,
  cq: TodayResponse | null,
  page: { dayStartMs: number; kwh: Record<Province, ProvinceEnergyKwh> },
): TodayEnergyBase | null {
  const hSc = historyEnergies(sc);
  const hCq = historyEnergies(cq);
  if (!sc || !cq || !hSc || !hCq || sc.today.startMs !== cq.today.startMs) return null;
  const dayStartMs = sc.today.startMs;
  return {
    dayStartMs,
    // The service reports today's energies since it started recording; say from when, not "since midnight".
    coveredSinceMs: Math.max(
      firstRecordedMs(sc.today.series.gridImportKw) ?? dayStartMs,
      firstRecordedMs(cq.today.series.gridImportKw) ?? dayStartMs,
    ),
    historyKwh: { sc: hSc, cq: hCq },
    pageKwhAtFetch: page.dayStartMs === dayStartMs ? page.kwh : { sc: { ...ZERO_KWH }, cq: { ...ZERO_KWH } },
  };
}

/**
 * A live chart's window [fromMs, nowMs]: the history's 1-minute points (yesterday's, then today's, so a window across
 * midnight is whole) before the page's first live sample, then the live samples. Gaps stay gaps (nulls dropped).
 */
export function recentWindow(
  history: TodayResponse | null,
  metric: CurveMetric,
  live: readonly [number, number][],
  fromMs: number,
  nowMs: number,
): [number, number][] {
  const days = history ? [...(history.yesterday.series[metric] ?? []), ...(history.today.series[metric] ?? [])] : [];
  return joinCurve(days, live, { handover: 'beforeLive', gaps: false, fromMs, toMs: nowMs });
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
