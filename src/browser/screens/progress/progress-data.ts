/**
 * Loads what the progress screen shows from the history service: the service's clock and coverage (/api/health),
 * then grid import, PV and EV energy per province for the period and the same period last year, each window asked
 * for exactly up to the same moment (see period.ts). The area is never fetched: it is the provinces' sum, as in the
 * domain. Plain async code with an injected client, so it is tested without React.
 */
import { PROVINCES } from '../../../core/contract/topics';
import type { HealthResponse, HistoryClient, SeriesPoint } from '../../history/history-client';
import {
  bucketStarts,
  cutOffMs,
  displayStepOf,
  fetchStepOf,
  lastYearOf,
  type Period,
  planWindowRequests,
} from './period';
import { ENERGY_METRICS, type EnergyMetric, foldPoints, type WindowEnergies } from './progress-figures';

export interface LoadedProgress {
  period: Period;
  nowMs: number;
  health: HealthResponse;
  current: WindowEnergies;
  lastYear: WindowEnergies & { fromMs: number; toMs: number };
  /** Messages of the service when it truncated a range (capped) or added a note. */
  serviceNotes: string[];
}

async function loadWindow(
  client: HistoryClient,
  fromMs: number,
  cutMs: number,
  periodToMs: number,
  period: Period,
  notes: string[],
  signal?: AbortSignal,
): Promise<WindowEnergies> {
  const fetchStep = fetchStepOf(period);
  const displayStep = displayStepOf(period);
  const starts = bucketStarts(fromMs, periodToMs, displayStep);
  const requests = planWindowRequests(fromMs, cutMs, fetchStep);
  const jobs = PROVINCES.flatMap((province) =>
    ENERGY_METRICS.map(async (metric) => {
      const responses = await Promise.all(
        requests.map((r) =>
          client.series({ metric, entity: province, fromMs: r.fromMs, toMs: r.toMs, step: r.step, agg: 'sum' }, signal),
        ),
      );
      const points: SeriesPoint[] = [];
      for (const res of responses) {
        if (res.capped) notes.push(res.capped.reason);
        if (res.note) notes.push(res.note);
        points.push(...res.points);
      }
      return { province, metric, values: foldPoints(points, starts, displayStep) };
    }),
  );
  const byProvince = Object.fromEntries(
    PROVINCES.map((p) => [p, {} as Record<EnergyMetric, (number | null)[]>]),
  ) as WindowEnergies['byProvince'];
  for (const r of await Promise.all(jobs)) byProvince[r.province][r.metric] = r.values;
  return { bucketStartsMs: starts, cutMs, byProvince };
}

export async function loadProgress(
  client: HistoryClient,
  period: Period,
  signal?: AbortSignal,
): Promise<LoadedProgress> {
  const health = await client.health(signal);
  // The service's clock is the world's (a sped-up simulation publishes its own); "now" must agree with the data.
  const nowMs = health.nowMs;
  const cutMs = cutOffMs(period, nowMs);
  const ly = lastYearOf(period.kind, period.fromMs, period.toMs);
  const lyCut = lastYearOf(period.kind, period.fromMs, cutMs).toMs;
  const serviceNotes: string[] = [];
  const [current, lastYear] = await Promise.all([
    loadWindow(client, period.fromMs, cutMs, period.toMs, period, serviceNotes, signal),
    loadWindow(client, ly.fromMs, Math.max(ly.fromMs, lyCut), ly.toMs, period, serviceNotes, signal),
  ]);
  return {
    period,
    nowMs,
    health,
    current,
    lastYear: { ...lastYear, fromMs: ly.fromMs, toMs: ly.toMs },
    serviceNotes: [...new Set(serviceNotes)],
  };
}
