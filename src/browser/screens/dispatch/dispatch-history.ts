/**
 * How the dispatcher console joins what the history service recorded before the page was opened to what the page sees
 * live. Pure functions (no React, no fetch), unit-tested in dispatch-history.test.ts:
 * - today's peak = the higher of the history peak and the live peak, with the time of whichever is higher;
 * - a sparkline = the history minutes, then the store's own live minutes after the last history minute;
 * - the area chart = history minutes up to where the store's live samples begin, then the live samples.
 */
import { joinCurve } from '../../history/curve-join';
import type { DevicesTodayResponse, TodayResponse } from '../../history/history-client';
import type { Pairs } from './dispatch-charts';
import type { DailyPeak } from './dispatch-rows';

/** Today's peak from history and from live data; a peak of another day counts for nothing. Ties keep history's time. */
export function mergeDailyPeak(
  live: DailyPeak | undefined,
  history: DailyPeak | undefined,
  dayStartMs: number,
): DailyPeak | undefined {
  const h = history?.dayStartMs === dayStartMs ? history : undefined;
  const l = live?.dayStartMs === dayStartMs ? live : undefined;
  if (!h) return l;
  if (!l) return h;
  return l.peakKw > h.peakKw ? l : h;
}

/**
 * History peaks of one answer, keyed by device id. A peak equal to the previous answer's keeps the previous object, so
 * a refresh re-creates only the table rows whose peak really moved (rows are keyed on the peak object's identity).
 */
export function historyPeaksFrom(
  prev: ReadonlyMap<string, DailyPeak> | undefined,
  res: Pick<DevicesTodayResponse, 'dayStartMs' | 'devices'>,
): Map<string, DailyPeak> {
  const out = new Map<string, DailyPeak>();
  for (const d of res.devices) {
    if (d.peakKw === null || d.peakAtMs === null) continue;
    const old = prev?.get(d.id);
    out.set(
      d.id,
      old && old.dayStartMs === res.dayStartMs && old.peakKw === d.peakKw && old.atMs === d.peakAtMs
        ? old
        : { dayStartMs: res.dayStartMs, peakKw: d.peakKw, atMs: d.peakAtMs },
    );
  }
  return out;
}

/** The last hour of 1-minute means per device, as the service sent them (one shared time grid, compact arrays). */
export interface SparkSeed {
  fromMs: number;
  stepMs: number;
  byId: ReadonlyMap<string, readonly (number | null)[]>;
}

export function sparkSeedFrom(res: Pick<DevicesTodayResponse, 'recentFromMs' | 'stepMs' | 'devices'>): SparkSeed {
  return {
    fromMs: res.recentFromMs,
    stepMs: res.stepMs,
    byId: new Map(res.devices.map((d) => [d.id, d.recentKw])),
  };
}

/**
 * One sparkline: history minutes, then live minutes after the last history minute (live minutes before it would draw
 * the same minutes twice; the live tail is the newer, partial minute). The window ends at the newest point of either.
 */
export function mergeSparkline(
  history: { fromMs: number; stepMs: number; kw: readonly (number | null)[] } | undefined,
  live: readonly (readonly [number, number])[],
  windowMs: number,
): { endMs: number; points: [number, number][] } | null {
  let lastHistoryMs = Number.NEGATIVE_INFINITY;
  if (history)
    for (let i = history.kw.length - 1; i >= 0; i--)
      if (history.kw[i] !== null && history.kw[i] !== undefined) {
        lastHistoryMs = history.fromMs + i * history.stepMs;
        break;
      }
  const lastLive = live[live.length - 1];
  const endMs = Math.max(lastHistoryMs, lastLive ? lastLive[0] : Number.NEGATIVE_INFINITY);
  if (!Number.isFinite(endMs)) return null;
  const historyPairs = history?.kw.map((v, i): [number, number | null] => [
    history.fromMs + i * history.stepMs,
    v ?? null,
  ]);
  const points = joinCurve(historyPairs, live, { handover: 'afterHistory', gaps: false, fromMs: endMs - windowMs });
  return { endMs, points };
}

/** Yesterday's and today's 1-minute consumption of a province, from one /api/today answer. */
export function consumptionFromToday(res: Pick<TodayResponse, 'today' | 'yesterday'>): Pairs {
  return [...(res.yesterday.series.consumptionKw ?? []), ...(res.today.series.consumptionKw ?? [])];
}

/**
 * The two provinces of the stacked area chart: history before the live samples begin, then the live samples, from
 * sinceMs on. ECharts stacks a time axis by index, so history keeps only the minutes both provinces have (two requests
 * can straddle a minute) and the live part cuts over at the same instant for both.
 */
export function mergeAreaByProvince(
  history: { sc: Pairs; cq: Pairs } | null,
  live: { sc: Pairs; cq: Pairs },
  sinceMs: number,
): { sc: Pairs; cq: Pairs } {
  const liveStartMs = Math.min(
    live.sc[0]?.[0] ?? Number.POSITIVE_INFINITY,
    live.cq[0]?.[0] ?? Number.POSITIVE_INFINITY,
  );
  const sc: [number, number | null][] = [];
  const cq: [number, number | null][] = [];
  if (history) {
    const cqAt = new Map(history.cq.map(([ts, v]) => [ts, v]));
    for (const [ts, v] of history.sc)
      if (ts >= sinceMs && ts < liveStartMs && cqAt.has(ts)) {
        sc.push([ts, v]);
        cq.push([ts, cqAt.get(ts) ?? null]);
      }
  }
  // History is already cut at the common instant; the join adds each province's live samples from sinceMs on.
  const opts = { handover: 'beforeLive', gaps: true, fromMs: sinceMs } as const;
  return { sc: joinCurve(sc, live.sc, opts), cq: joinCurve(cq, live.cq, opts) };
}
