/**
 * Loads what the wall needs from the history service (through the shared typed client) and keeps it fresh: today's
 * and yesterday's area curves (GET /api/today, every 5 minutes, within 30 s while it could not answer), this year's
 * PV energy per province (GET /api/series ... step=1mo, every 15 minutes) and whether the service is still
 * backfilling its past (GET /api/health), so the year figure is never shown as complete while it is not. Each answer
 * replaces the previous one, so nothing accumulates. Today's energies are the live core's (counted on the server
 * since midnight), not the history's; when the service is down the curves and the year say so.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Province } from '../../../core/contract/topics';
import { yearStartMs } from '../../../core/time/shanghai';
import { createHistoryClient, type HistoryClient } from '../../history/history-client';
import { sumPoints } from '../../history/today';
import { historyWarner } from '../../history/use-today-history';
import type { LiveCoreStore } from '../../live/live-core-store';
import { type AreaTodayHistory, useAreaToday } from '../../live/use-area-today';

const YEAR_REFRESH_MS = 15 * 60_000;
const YEAR_RETRY_MS = 60_000;

/** Today's PV energy per province from the live core (counted since midnight on the server), kWh. */
export function liveTodayPvKwh(store: LiveCoreStore): Record<Province, number> {
  const f = store.getSnapshot().figures;
  return { sc: f.sc?.today.ePvKwh ?? 0, cq: f.cq?.today.ePvKwh ?? 0 };
}

export interface YearPv {
  /** This year's PV energy per province as of the fetch, kWh. */
  historyKwh: Record<Province, number>;
  /** The live core's today-PV at the fetch, so what PV produced after it can be added. */
  pageKwhAtFetch: Record<Province, number>;
  yearStartMs: number;
  /** Months the service could not cover (null buckets). */
  gaps: number;
  /** The service was still backfilling its past when asked: the figure is partial. */
  backfilling: boolean;
}

export interface WallHistory extends AreaTodayHistory {
  yearPv: YearPv | null;
}

/** Backfill state from /api/health: true until it is done (false when the service has none). */
async function backfillRunning(client: HistoryClient, signal: AbortSignal): Promise<boolean | null> {
  const h = await client.health(signal);
  return h.backfill !== null && h.backfill.state !== 'done';
}

export function useWallHistory(baseUrl: string, store: LiveCoreStore, dayStartMs: number): WallHistory {
  const client = useMemo(() => createHistoryClient(baseUrl), [baseUrl]);
  const today = useAreaToday(client, dayStartMs, 'wall');
  const [yearPv, setYearPv] = useState<YearPv | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    const warn = historyWarner('wall', ctl.signal);
    const load = async (): Promise<YearPv | null> => {
      const nowMs = store.getSnapshot().nowMs || Date.now();
      const from = yearStartMs(nowMs);
      const get = (entity: Province) =>
        client
          .series(
            { metric: 'ePvKwh', entity, fromMs: from, toMs: Math.ceil(nowMs) + 1, step: '1mo', agg: 'sum' },
            ctl.signal,
          )
          .catch((e: unknown) => {
            warn(`year PV ${entity}`, e);
            return null;
          });
      const [sc, cq, running] = await Promise.all([
        get('sc'),
        get('cq'),
        backfillRunning(client, ctl.signal).catch((e: unknown) => {
          warn('health', e);
          return null;
        }),
      ]);
      if (ctl.signal.aborted) return null;
      const sSc = sc ? sumPoints(sc.points) : null;
      const sCq = cq ? sumPoints(cq.points) : null;
      const page = liveTodayPvKwh(store);
      const next: YearPv | null =
        sSc && sCq
          ? {
              historyKwh: { sc: sSc.sum, cq: sCq.sum },
              pageKwhAtFetch: page,
              yearStartMs: from,
              gaps: sSc.gaps + sCq.gaps,
              backfilling: running === true,
            }
          : null;
      setYearPv(next);
      return next;
    };
    // Months not covered yet or a backfill still running: asked again within a minute.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const loop = async () => {
      const y = await load();
      const complete = y !== null && y.gaps === 0 && !y.backfilling;
      if (!ctl.signal.aborted) timer = setTimeout(loop, complete ? YEAR_REFRESH_MS : YEAR_RETRY_MS);
    };
    void loop();
    return () => {
      ctl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [client, store]);

  return useMemo(() => ({ ...today, yearPv }), [today, yearPv]);
}

/** This year's PV energy now: the history's figure plus what the live core counted since (never negative). */
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
