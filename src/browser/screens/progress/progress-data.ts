/**
 * Loads what the progress screen shows from the history service: the service's clock and coverage (/api/health),
 * then grid import, PV and EV energy per province for the period and the same period last year, each window asked
 * for exactly up to the same moment (see period.ts), and the bus depots' own charging energy (device eKwh). The area is never fetched: it is the provinces' sum, as in the
 * domain. Plain async code with an injected client, so it is tested without React.
 */
import type { AreaConfig } from '../../../core/config/area-schema';
import { PROVINCES, type Province } from '../../../core/contract/topics';
import type { ByProvince } from '../../../core/domain/scope';
import type { HealthResponse, HistoryClient, SeriesPoint } from '../../history/history-client';
import {
  bucketStartMs,
  bucketStarts,
  cutOffMs,
  displayStepOf,
  fetchStepOf,
  lastYearOf,
  type Period,
  planWindowRequests,
} from './period';
import {
  type BucketValues,
  ENERGY_METRICS,
  type EnergyMetric,
  foldPoints,
  type WindowEnergies,
} from './progress-figures';

export interface LoadedProgress {
  period: Period;
  nowMs: number;
  health: HealthResponse;
  current: WindowEnergies;
  lastYear: WindowEnergies & { fromMs: number; toMs: number };
  /** Messages of the service when it truncated a range (capped) or added a note. */
  serviceNotes: string[];
}

/** The bus depots of each province (charging stations with `vehicles: 'bus'`), whose energy drives e-buses. */
export type BusDepots = ByProvince<readonly string[]>;

export function busDepotsOf(area: Pick<AreaConfig, 'chargingStations'>): BusDepots {
  const out: Record<Province, string[]> = { sc: [], cq: [] };
  for (const c of area.chargingStations) if (c.vehicles === 'bus') out[c.province].push(c.id);
  return out;
}

/** Bucket-wise sum of several series; a bucket is null only when every series is null there. */
function addBuckets(series: readonly BucketValues[], n: number): BucketValues {
  const out: BucketValues = Array.from({ length: n }, () => null);
  for (const s of series)
    s.forEach((v, i) => {
      if (v !== null) out[i] = (out[i] ?? 0) + v;
    });
  return out;
}

async function loadWindow(
  client: HistoryClient,
  fromMs: number,
  cutMs: number,
  periodToMs: number,
  period: Period,
  busDepots: BusDepots,
  notes: string[],
  signal?: AbortSignal,
): Promise<WindowEnergies> {
  const fetchStep = fetchStepOf(period);
  const displayStep = displayStepOf(period);
  const starts = bucketStarts(fromMs, periodToMs, displayStep);
  const requests = planWindowRequests(fromMs, cutMs, fetchStep);
  // A device's older rows are hourly only (the service compacts them): its tail is asked for in whole hours, so the
  // depots' share of the last part-hour counts as cars' until the hour is complete (min(bus, EV) in the domain).
  const deviceRequests = requests.flatMap((r) => {
    if (r.step !== '15m') return [r];
    const toMs = bucketStartMs(r.toMs, '1h');
    return toMs > r.fromMs ? [{ ...r, toMs, step: '1h' as const }] : [];
  });
  /** One series of the window, folded into its buckets (a province's metric, or a device's eKwh). */
  const load = async (metric: EnergyMetric | 'eKwh', entity: string) => {
    const responses = await Promise.all(
      (metric === 'eKwh' ? deviceRequests : requests).map((r) =>
        client.series({ metric, entity, fromMs: r.fromMs, toMs: r.toMs, step: r.step, agg: 'sum' }, signal),
      ),
    );
    const points: SeriesPoint[] = [];
    for (const res of responses) {
      if (res.capped) notes.push(res.capped.reason);
      if (res.note) notes.push(res.note);
      points.push(...res.points);
    }
    return foldPoints(points, starts, displayStep);
  };
  const jobs = PROVINCES.flatMap((province) =>
    ENERGY_METRICS.map(async (metric) => ({ province, metric, values: await load(metric, province) })),
  );
  // The bus depots' own charging energy, so the report drives it as e-buses against diesel buses, like the wall.
  const busJobs = PROVINCES.map(async (province) => ({
    province,
    values: addBuckets(await Promise.all(busDepots[province].map((id) => load('eKwh', id))), starts.length),
  }));
  const byProvince = Object.fromEntries(
    PROVINCES.map((p) => [p, {} as Record<EnergyMetric, (number | null)[]>]),
  ) as WindowEnergies['byProvince'];
  // Awaited together: a failed request rejects the load once, with no other one left unhandled.
  const [provinceSeries, busSeries] = await Promise.all([Promise.all(jobs), Promise.all(busJobs)]);
  for (const r of provinceSeries) byProvince[r.province][r.metric] = r.values;
  const window: WindowEnergies = { bucketStartsMs: starts, cutMs, byProvince };
  if (PROVINCES.some((p) => busDepots[p].length)) {
    const bus = {} as Record<Province, BucketValues>;
    for (const r of busSeries) bus[r.province] = r.values;
    window.eEvBusKwh = bus;
  }
  return window;
}

export async function loadProgress(
  client: HistoryClient,
  period: Period,
  busDepots: BusDepots,
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
    loadWindow(client, period.fromMs, cutMs, period.toMs, period, busDepots, serviceNotes, signal),
    loadWindow(client, ly.fromMs, Math.max(ly.fromMs, lyCut), ly.toMs, period, busDepots, serviceNotes, signal),
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
