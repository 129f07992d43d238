/**
 * The dual-carbon path: every year from the first configured target to the zero-carbon year, each year's clean-share
 * target and scope-2 CO₂ budget against what the history measured (years with data). For a year in progress, the
 * budget used to date is compared with the budget's pro-rata share over the same measured days (the budget spread
 * evenly over the year, progress-targets.ts), so 108 % means 8 % above the path, not 8 % of the year's budget left.
 * Status is stated in words and signs for the screen (never colour alone). Pure.
 */
import type { AreaConfig } from '../../../core/config/area-schema';
import type { CarbonFactors } from '../../../core/domain/carbon';
import { carbonByScope } from '../../../core/domain/carbon';
import { type BucketValues, coverageOf, totalsOf, type WindowEnergies } from './progress-figures';
import { budgetPathKg, targetForYear, type YearTarget } from './progress-targets';

export interface YearMeasured {
  cleanSharePct: number | null;
  co2EmittedT: number;
  /** Share (0–1) of the year's elapsed days with data from both provinces. */
  coverage: number;
  /** The year is over and every day of it has data. */
  complete: boolean;
  /** The budget over the measured days (pro rata); null without a budget for the year. */
  budgetToDateT: number | null;
  /** co2EmittedT / budgetToDateT × 100. */
  budgetUsedPct: number | null;
}

export type CleanStatus = 'met' | 'below';
export type BudgetStatus = 'within' | 'over';

export interface PathYear {
  year: number;
  cleanTarget: YearTarget | null;
  budgetT: YearTarget | null;
  measured: YearMeasured | null;
  cleanStatus: CleanStatus | null;
  /** Measured minus target, percentage points. */
  cleanGapPts: number | null;
  budgetStatus: BudgetStatus | null;
  zeroCarbon: boolean;
}

type Targets = AreaConfig['targets'];

/** The years the path spans: the first configured target year to the zero-carbon year (or the last target). */
export function pathYears(targets: Targets): number[] {
  const configured = [...Object.keys(targets.cleanSharePctByYear), ...Object.keys(targets.co2BudgetTByYear)].map(
    Number,
  );
  const first = Math.min(...configured);
  const last = Math.max(targets.zeroCarbonYear ?? Number.NEGATIVE_INFINITY, ...configured);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * What a year's history measured, from its daily energies (`w.bucketStartsMs` one per day, `w.cutMs` the end of what
 * is known: the year's end or now). null when the year has no data at all.
 */
export function measureYear(
  w: WindowEnergies,
  factors: CarbonFactors,
  co2BudgetTByYear: Record<string, number>,
  yearEndMs: number,
): YearMeasured | null {
  const both = (i: number) => w.byProvince.sc.eImportKwh[i] != null && w.byProvince.cq.eImportKwh[i] != null;
  if (!w.bucketStartsMs.some((_, i) => both(i))) return null;
  // Only days both provinces reported count: an area figure needs both.
  const onlyCovered = (v: BucketValues) => v.map((x, i) => (both(i) ? x : null));
  const covered: WindowEnergies = {
    ...w,
    byProvince: {
      sc: {
        eImportKwh: onlyCovered(w.byProvince.sc.eImportKwh),
        ePvKwh: onlyCovered(w.byProvince.sc.ePvKwh),
        eEvKwh: onlyCovered(w.byProvince.sc.eEvKwh),
      },
      cq: {
        eImportKwh: onlyCovered(w.byProvince.cq.eImportKwh),
        ePvKwh: onlyCovered(w.byProvince.cq.ePvKwh),
        eEvKwh: onlyCovered(w.byProvince.cq.eEvKwh),
      },
    },
  };
  const area = carbonByScope(totalsOf(covered), factors).area;
  const coverage = coverageOf(w);
  let budgetKg: number | null = 0;
  w.bucketStartsMs.forEach((t, i) => {
    if (budgetKg === null || !both(i)) return;
    const next = w.bucketStartsMs[i + 1] ?? yearEndMs;
    const part = budgetPathKg(co2BudgetTByYear, t, Math.min(next, w.cutMs));
    budgetKg = part === null ? null : budgetKg + part;
  });
  const budgetToDateT = budgetKg === null ? null : (budgetKg as number) / 1000;
  const co2EmittedT = area.co2EmittedKg / 1000;
  return {
    cleanSharePct: area.cleanSharePct,
    co2EmittedT,
    coverage: coverage.fraction,
    complete: w.cutMs >= yearEndMs && coverage.fraction === 1,
    budgetToDateT,
    budgetUsedPct: budgetToDateT && budgetToDateT > 0 ? (co2EmittedT / budgetToDateT) * 100 : null,
  };
}

/** The whole path, year by year; `measured` holds the years the history has data for. */
export function carbonPath(targets: Targets, measured: ReadonlyMap<number, YearMeasured>): PathYear[] {
  return pathYears(targets).map((year) => {
    const cleanTarget = targetForYear(targets.cleanSharePctByYear, year);
    const budgetT = targetForYear(targets.co2BudgetTByYear, year);
    const m = measured.get(year) ?? null;
    const cleanGapPts =
      m?.cleanSharePct != null && cleanTarget ? Math.round((m.cleanSharePct - cleanTarget.value) * 10) / 10 : null;
    return {
      year,
      cleanTarget,
      budgetT,
      measured: m,
      cleanStatus: cleanGapPts === null ? null : cleanGapPts < 0 ? 'below' : 'met',
      cleanGapPts,
      budgetStatus: m?.budgetUsedPct == null ? null : m.budgetUsedPct > 100 ? 'over' : 'within',
      zeroCarbon: year === targets.zeroCarbonYear,
    };
  });
}
