/**
 * CSV export of what the progress screen shows, built in the browser from the same series the charts and tables
 * use (not the service's series.csv, which carries one raw metric at a time and no carbon figures). Two files:
 * the per-bucket detail (long format: one row per bucket and scope) and the period summary against last year.
 * Factors are columns, so each figure in the file carries the factor and year it was computed with.
 * Machine-readable on purpose: plain numbers (dot decimals, no grouping), ISO times with +08:00, CRLF line ends.
 */
import type { CarbonFactors } from '../../../core/domain/carbon';
import { SCOPES_AREA_FIRST, type Scope } from '../../../core/domain/scope';
import { dayKey } from '../../../core/time/shanghai';
import { csvText as lines, csvNumber as num, shanghaiIso } from '../../ui/format/csv';
import type { Period } from './period';
import { FIGURE_IDS, FIGURE_UNIT, type ProgressFigures, type ProgressSeries } from './progress-figures';

/** The report's two CSV files: per-bucket detail, period summary against last year. */
export const CSV_KINDS = ['detail', 'summary'] as const;
export type CsvKind = (typeof CSV_KINDS)[number];

export const DETAIL_CSV_HEADER = [
  'time_asia_shanghai',
  'ts_ms',
  'scope',
  'e_import_kwh',
  'e_pv_kwh',
  'e_ev_kwh',
  'e_consumption_kwh',
  'clean_share_pct',
  'local_green_share_pct',
  'co2_emitted_kg',
  'co2_avoided_by_pv_kg',
  'co2_emitted_cumulative_kg',
  'co2_budget_path_kg',
  'clean_share_target_pct',
  'ef_kg_per_kwh',
  'ef_year',
] as const;

export const SUMMARY_CSV_HEADER = [
  'figure',
  'unit',
  'scope',
  'period_from',
  'period_to',
  'value',
  'last_year_from',
  'last_year_to',
  'last_year_value',
  'change',
  'change_unit',
  'factor',
] as const;

export { shanghaiIso };

export interface FactorYears {
  sc: number;
  cq: number;
}

export function detailCsv(series: ProgressSeries, factors: CarbonFactors, efYear: FactorYears): string {
  const rows: string[][] = [[...DETAIL_CSV_HEADER]];
  series.bucketStartsMs.forEach((t, i) => {
    for (const scope of SCOPES_AREA_FIRST) {
      const energy =
        scope === 'area'
          ? null
          : {
              imp: series.energyKwh[scope].gridImport[i],
              pv: series.energyKwh[scope].pv[i],
              ev: series.energyKwh[scope].ev[i],
              cons: series.energyKwh[scope].consumption[i],
            };
      const sumBoth = (pick: (p: 'sc' | 'cq') => number | null | undefined) => {
        const a = pick('sc');
        const b = pick('cq');
        return a == null || b == null ? null : a + b;
      };
      const imp = energy ? energy.imp : sumBoth((p) => series.energyKwh[p].gridImport[i]);
      const pv = energy ? energy.pv : sumBoth((p) => series.energyKwh[p].pv[i]);
      const ev = energy ? energy.ev : sumBoth((p) => series.energyKwh[p].ev[i]);
      const cons = energy ? energy.cons : sumBoth((p) => series.energyKwh[p].consumption[i]);
      rows.push([
        shanghaiIso(t),
        String(t),
        scope,
        num(imp),
        num(pv),
        num(ev),
        num(cons),
        num(series.cleanSharePct[scope][i], 2),
        num(series.localGreenSharePct[scope][i], 2),
        num(series.co2EmittedKg[scope][i]),
        num(series.co2AvoidedByPvKg[scope][i]),
        num(series.co2CumulativeKg[scope][i]),
        scope === 'area' ? num(series.co2BudgetPathKg[i]) : '',
        scope === 'area' ? num(series.cleanShareTargetPct[i], 2) : '',
        // The area has no factor of its own: it is the sum of the provinces, each with its own.
        scope === 'area' ? '' : String(factors.efKgPerKwh[scope]),
        scope === 'area' ? '' : String(efYear[scope]),
      ]);
    }
  });
  return lines(rows);
}

export interface SummaryWindow {
  fromMs: number;
  /** Exclusive: the moment the figures stop (now, for a period in progress). */
  toMs: number;
}

export function summaryCsv(
  figures: ProgressFigures,
  current: SummaryWindow,
  lastYear: SummaryWindow,
  factorNote: (figure: (typeof FIGURE_IDS)[number], scope: Scope) => string,
): string {
  const rows: string[][] = [[...SUMMARY_CSV_HEADER]];
  for (const id of FIGURE_IDS) {
    for (const scope of SCOPES_AREA_FIRST) {
      const c = figures.comparisons[id][scope];
      rows.push([
        id,
        FIGURE_UNIT[id],
        scope,
        shanghaiIso(current.fromMs),
        shanghaiIso(current.toMs),
        num(c.current),
        shanghaiIso(lastYear.fromMs),
        shanghaiIso(lastYear.toMs),
        num(c.lastYear),
        num(c.change, 2),
        c.change === null ? '' : c.changeKind === 'pp' ? 'pp' : '%',
        factorNote(id, scope),
      ]);
    }
  }
  return lines(rows);
}

/** 'gaozhu-progress-<kind>-<from>_<to>-<what>.csv' (dates of the shown period, last day included). */
export function csvFileName(period: Period, what: 'detail' | 'summary'): string {
  return `gaozhu-progress-${period.kind}-${dayKey(period.fromMs)}_${dayKey(period.toMs - 1)}-${what}.csv`;
}
