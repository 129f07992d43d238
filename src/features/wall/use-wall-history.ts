/**
 * Loads what the wall needs from the history service and keeps it fresh: today's and yesterday's curves and today's
 * energies (GET /api/today for the area and each province, every 5 minutes and at each new day) and this year's PV
 * energy per province (GET /api/series ... step=1mo, every 15 minutes). Each answer replaces the previous one, so
 * nothing accumulates. When the service is down the wall carries on with the page's own counts and says so.
 */
import { useEffect, useState } from 'react';
import type { Province } from '../../contract/topics';
import { yearStartMs } from '../../lib/time/shanghai';
import type { TelemetryStore } from '../../store/telemetry-store';
import {
  fetchValidated,
  firstRecordedMs,
  historyEnergies,
  type ProvinceEnergyKwh,
  seriesResponseSchema,
  sumPoints,
  type TodayEnergyBase,
  type TodayResponse,
  todayResponseSchema,
} from './today-history';

const TODAY_REFRESH_MS = 5 * 60_000;
const YEAR_REFRESH_MS = 15 * 60_000;
const YEAR_RETRY_MS = 60_000;

export interface YearPv {
  /** This year's PV energy per province as of the fetch, kWh. */
  historyKwh: Record<Province, number>;
  /** The page's today-PV counters at the fetch, so the live part after it can be added. */
  pageKwhAtFetch: Record<Province, number>;
  yearStartMs: number;
  /** Months the service could not cover (null buckets). */
  gaps: number;
}

export interface WallHistory {
  area: TodayResponse | null;
  energyBase: TodayEnergyBase | null;
  yearPv: YearPv | null;
  status: 'loading' | 'ok' | 'unavailable';
}

const pageEnergies = (store: TelemetryStore): Record<Province, ProvinceEnergyKwh> => {
  const t = store.getSnapshot().today;
  return {
    sc: { eImportKwh: t.sc.eImportKwh, ePvKwh: t.sc.ePvKwh, eEvKwh: t.sc.eEvKwh },
    cq: { eImportKwh: t.cq.eImportKwh, ePvKwh: t.cq.ePvKwh, eEvKwh: t.cq.eEvKwh },
  };
};

export function useWallHistory(baseUrl: string, store: TelemetryStore, dayStartMs: number): WallHistory {
  const [state, setState] = useState<WallHistory>({ area: null, energyBase: null, yearPv: null, status: 'loading' });
  const base = baseUrl.replace(/\/+$/, '');

  // biome-ignore lint/correctness/useExhaustiveDependencies: dayStartMs is a trigger: a new day refetches today's curves
  useEffect(() => {
    const ctl = new AbortController();
    const load = async () => {
      const get = (entity: string) =>
        fetchValidated(`${base}/today?entity=${entity}&step=1m`, todayResponseSchema, ctl.signal);
      const [area, sc, cq] = await Promise.all([get('area'), get('sc'), get('cq')]);
      if (ctl.signal.aborted) return;
      const atFetch = pageEnergies(store);
      const hSc = historyEnergies(sc);
      const hCq = historyEnergies(cq);
      const snapDay = store.getSnapshot().dayStartMs;
      const energyBase: TodayEnergyBase | null =
        hSc && hCq && sc?.today.startMs === snapDay && cq?.today.startMs === snapDay
          ? {
              dayStartMs: snapDay,
              // The service reports today's energies since it started recording; say from when, not "since midnight".
              coveredSinceMs: Math.max(
                firstRecordedMs(sc.today.series.gridImportKw) ?? snapDay,
                firstRecordedMs(cq.today.series.gridImportKw) ?? snapDay,
              ),
              historyKwh: { sc: hSc, cq: hCq },
              pageKwhAtFetch: atFetch,
            }
          : null;
      setState((s) => ({ ...s, area, energyBase, status: area ? 'ok' : 'unavailable' }));
    };
    void load();
    const timer = setInterval(load, TODAY_REFRESH_MS);
    return () => {
      ctl.abort();
      clearInterval(timer);
    };
  }, [base, store, dayStartMs]);

  useEffect(() => {
    const ctl = new AbortController();
    const load = async () => {
      const nowMs = store.getSnapshot().nowMs || Date.now();
      const from = yearStartMs(nowMs);
      const get = (entity: Province) =>
        fetchValidated(
          `${base}/series?metric=ePvKwh&entity=${entity}&from=${from}&to=${Math.ceil(nowMs) + 1}&step=1mo&agg=sum`,
          seriesResponseSchema,
          ctl.signal,
        );
      const [sc, cq] = await Promise.all([get('sc'), get('cq')]);
      if (ctl.signal.aborted) return -1;
      const sSc = sc ? sumPoints(sc.points) : null;
      const sCq = cq ? sumPoints(cq.points) : null;
      const page = pageEnergies(store);
      const yearPv: YearPv | null =
        sSc && sCq
          ? {
              historyKwh: { sc: sSc.sum, cq: sCq.sum },
              pageKwhAtFetch: { sc: page.sc.ePvKwh, cq: page.cq.ePvKwh },
              yearStartMs: from,
              gaps: sSc.gaps + sCq.gaps,
            }
          : null;
      setState((s) => ({ ...s, yearPv }));
      return yearPv ? yearPv.gaps : -1;
    };
    // Months the service has not covered yet (e.g. its backfill is still running) are retried within a minute.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const loop = async () => {
      const gaps = await load();
      if (!ctl.signal.aborted) timer = setTimeout(loop, gaps === 0 ? YEAR_REFRESH_MS : YEAR_RETRY_MS);
    };
    void loop();
    return () => {
      ctl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [base, store]);

  return state;
}

/** This year's PV energy now: the history's figure plus what the page counted since (never negative). */
export function yearPvNow(
  yearPv: YearPv | null,
  pageTodayPvKwh: Record<Province, number>,
  nowMs: number,
): Record<Province, number> | null {
  if (!yearPv || nowMs < yearPv.yearStartMs) return null;
  return {
    sc: yearPv.historyKwh.sc + Math.max(0, pageTodayPvKwh.sc - yearPv.pageKwhAtFetch.sc),
    cq: yearPv.historyKwh.cq + Math.max(0, pageTodayPvKwh.cq - yearPv.pageKwhAtFetch.cq),
  };
}
