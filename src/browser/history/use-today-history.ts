/**
 * Today since midnight from the history service, kept fresh: GET /api/today for the area and each province on mount,
 * every few minutes (within 30 s while it could not answer) and at each new day (`dayStartMs` is the trigger). Each
 * answer replaces the previous one, so nothing accumulates. The energy base records the page's own today-counters at the moment the answers arrived, so
 * `todayEnergies` (src/browser/history/today.ts) can add what the page counted since. When the service is down the status
 * says so and the screens count from page load.
 */
import { useEffect, useState } from 'react';
import type { Province } from '../../core/contract/topics';
import type { TelemetryStore } from '../live/telemetry-store';
import { type HistoryClient, HistoryError, type TodayResponse } from './history-client';
import { type ProvinceEnergyKwh, type TodayEnergyBase, todayEnergyBase } from './today';

export const TODAY_REFRESH_MS = 5 * 60_000;
const RETRY_MS = 30_000;

export interface TodayHistory {
  /** The area's today and yesterday (curves, energies, peak); null until it answered or when it could not. */
  area: TodayResponse | null;
  /** null when the service could not vouch for both provinces' energies of today. */
  energyBase: TodayEnergyBase | null;
  status: 'loading' | 'ok' | 'unavailable';
}

/** The page's own today-counters per province, kWh. */
export function pageTodayEnergies(store: TelemetryStore): Record<Province, ProvinceEnergyKwh> {
  const t = store.getSnapshot().today;
  return {
    sc: { eImportKwh: t.sc.eImportKwh, ePvKwh: t.sc.ePvKwh, eEvKwh: t.sc.eEvKwh },
    cq: { eImportKwh: t.cq.eImportKwh, ePvKwh: t.cq.ePvKwh, eEvKwh: t.cq.eEvKwh },
  };
}

/**
 * One failure logged per kind of failure and screen, not one per poll. Nothing is said of requests this screen
 * aborted itself (an abort while the body is read surfaces as a malformed answer).
 */
export function historyWarner(who: string, signal: AbortSignal): (what: string, e: unknown) => void {
  const said = new Set<string>();
  return (what, e) => {
    if (signal.aborted || (e instanceof HistoryError && e.kind === 'aborted')) return;
    const kind = e instanceof HistoryError ? e.kind : 'error';
    if (said.has(`${what}:${kind}`)) return;
    said.add(`${what}:${kind}`);
    console.warn(`[${who}] history ${what}: ${(e as Error).message}`);
  };
}

export function useTodayHistory(
  client: HistoryClient,
  store: TelemetryStore,
  dayStartMs: number,
  who = 'history',
  refreshMs = TODAY_REFRESH_MS,
): TodayHistory {
  const [state, setState] = useState<TodayHistory>({ area: null, energyBase: null, status: 'loading' });

  // biome-ignore lint/correctness/useExhaustiveDependencies: dayStartMs is a trigger: a new day refetches today's curves
  useEffect(() => {
    const ctl = new AbortController();
    const warn = historyWarner(who, ctl.signal);
    const load = async (): Promise<boolean> => {
      const get = (entity: 'area' | Province) =>
        client.today(entity, ctl.signal).catch((e: unknown) => {
          warn(`today ${entity}`, e);
          return null;
        });
      const [area, sc, cq] = await Promise.all([get('area'), get('sc'), get('cq')]);
      if (ctl.signal.aborted) return false;
      const energyBase = todayEnergyBase(sc, cq, {
        dayStartMs: store.getSnapshot().dayStartMs,
        kwh: pageTodayEnergies(store),
      });
      setState({ area, energyBase, status: area ? 'ok' : 'unavailable' });
      return area !== null && energyBase !== null;
    };
    // A service that could not answer (down, or busy backfilling) is asked again soon, not in five minutes.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const loop = async () => {
      const complete = await load();
      if (!ctl.signal.aborted) timer = setTimeout(loop, complete ? refreshMs : Math.min(refreshMs, RETRY_MS));
    };
    void loop();
    return () => {
      ctl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [client, store, dayStartMs, who, refreshMs]);

  return state;
}
