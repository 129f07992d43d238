/**
 * Loads what the dual-carbon path measured: each target year up to now that the history covers, as daily grid
 * import, PV and EV energies per province (the same requests as a year's report: whole days, then the day so far at
 * 15 min), each year cut at the service's "now". Years before the history's first record are not asked for.
 */
import { PROVINCES } from '../../../core/contract/topics';
import type { CarbonFactors } from '../../../core/domain/carbon';
import { shanghaiParts, shanghaiWallToMs } from '../../../core/time/shanghai';
import type { HistoryClient, SeriesPoint } from '../../history/history-client';
import { measureYear, type YearMeasured } from './carbon-path';
import { bucketStarts, cutOffMs, planWindowRequests } from './period';
import { ENERGY_METRICS, type EnergyMetric, foldPoints, type WindowEnergies } from './progress-figures';

export interface LoadedPath {
  nowMs: number;
  measured: Map<number, YearMeasured>;
}

export async function loadCarbonPath(
  client: HistoryClient,
  years: readonly number[],
  factors: CarbonFactors,
  co2BudgetTByYear: Record<string, number>,
  signal?: AbortSignal,
): Promise<LoadedPath> {
  const health = await client.health(signal);
  const nowMs = health.nowMs;
  const firstMs = health.coverage.firstMs;
  const nowYear = shanghaiParts(nowMs).year;
  const firstYear = firstMs === null ? nowYear + 1 : shanghaiParts(firstMs).year;
  const asked = years.filter((y) => y >= firstYear && y <= nowYear);
  const measured = new Map<number, YearMeasured>();
  await Promise.all(
    asked.map(async (year) => {
      const fromMs = shanghaiWallToMs(year, 1, 1);
      const toMs = shanghaiWallToMs(year + 1, 1, 1);
      const cutMs = cutOffMs({ kind: 'year', fromMs, toMs }, nowMs);
      const starts = bucketStarts(fromMs, toMs, '1d');
      const requests = planWindowRequests(fromMs, cutMs, '1d');
      const byProvince = Object.fromEntries(
        PROVINCES.map((p) => [p, {} as Record<EnergyMetric, (number | null)[]>]),
      ) as WindowEnergies['byProvince'];
      await Promise.all(
        PROVINCES.flatMap((province) =>
          ENERGY_METRICS.map(async (metric) => {
            const points: SeriesPoint[] = [];
            for (const r of requests) {
              const res = await client.series(
                { metric, entity: province, fromMs: r.fromMs, toMs: r.toMs, step: r.step, agg: 'sum' },
                signal,
              );
              points.push(...res.points);
            }
            byProvince[province][metric] = foldPoints(points, starts, '1d');
          }),
        ),
      );
      const m = measureYear({ bucketStartsMs: starts, cutMs, byProvince }, factors, co2BudgetTByYear, toMs);
      if (m) measured.set(year, m);
    }),
  );
  return { nowMs, measured };
}
