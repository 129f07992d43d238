/**
 * From the history service's energy series to the progress screen's figures. Pure. Energies are folded into the
 * buckets the screen shows; every carbon figure is then computed by the domain (carbonByScope), per province with
 * its own factor and summed for the area, never re-derived here.
 */
import type { AreaConfig } from '../../../core/config/area-schema';
import { PROVINCES, type Province } from '../../../core/contract/topics';
import {
  type CarbonFactors,
  type CarbonSummary,
  carbonByScope,
  type ProvinceEnergy,
} from '../../../core/domain/carbon';
import { type ByProvince, type ByScope, SCOPES } from '../../../core/domain/scope';
import { shanghaiParts } from '../../../core/time/shanghai';
import type { SeriesPoint } from '../../history/history-client';
import { bucketStartMs, type DisplayStep } from './period';
import { budgetPathKg, targetForYear } from './progress-targets';

export const ENERGY_METRICS = ['eImportKwh', 'ePvKwh', 'eEvKwh'] as const;
export type EnergyMetric = (typeof ENERGY_METRICS)[number];

/** One metric of one province over a window, one value per shown bucket; null = the service had no data there. */
export type BucketValues = (number | null)[];

export interface WindowEnergies {
  bucketStartsMs: number[];
  /** Buckets starting before this moment are in the past (the rest are still to come and stay empty). */
  cutMs: number;
  byProvince: ByProvince<Record<EnergyMetric, BucketValues>>;
  /**
   * Of eEvKwh, what the province's bus depots charged (their own meters, summed); absent when the area has no bus depot
   * or it was not loaded: then all charging energy counts as cars'.
   */
  eEvBusKwh?: ByProvince<BucketValues>;
}

/**
 * Folds service points (any step at or finer than `step`, e.g. days + a 15 min tail) into the shown buckets.
 * A bucket is null only when none of its points had a value.
 */
export function foldPoints(
  points: readonly SeriesPoint[],
  bucketStartsMs: readonly number[],
  step: DisplayStep,
): BucketValues {
  const index = new Map(bucketStartsMs.map((t, i) => [t, i]));
  const out: BucketValues = bucketStartsMs.map(() => null);
  for (const [ts, v] of points) {
    if (v === null) continue;
    const i = index.get(bucketStartMs(ts, step));
    if (i === undefined) continue;
    out[i] = (out[i] ?? 0) + v;
  }
  return out;
}

const sumKnown = (values: BucketValues): number => values.reduce<number>((a, v) => a + (v ?? 0), 0);

/** A province's EV energy at bus depots in bucket `i` (or over the window), when the window carries it. */
const busKwh = (w: WindowEnergies, p: Province, i?: number): { eEvBusKwh?: number } => {
  const bus = w.eEvBusKwh?.[p];
  if (!bus) return {};
  return { eEvBusKwh: i === undefined ? sumKnown(bus) : (bus[i] ?? 0) };
};

export function totalsOf(w: WindowEnergies): ByProvince<ProvinceEnergy> {
  const out = {} as ByProvince<ProvinceEnergy>;
  for (const p of PROVINCES) {
    const m = w.byProvince[p];
    out[p] = {
      eImportKwh: sumKnown(m.eImportKwh),
      ePvKwh: sumKnown(m.ePvKwh),
      eEvKwh: sumKnown(m.eEvKwh),
      ...busKwh(w, p),
    };
  }
  return out;
}

/**
 * Share (0–1) of the window's elapsed buckets for which both provinces reported grid import; 1 for a window with
 * nothing elapsed yet. Grid import is the backbone of every figure, so it stands for the window's coverage.
 */
export function coverageOf(w: WindowEnergies): { fraction: number; coveredBuckets: number; elapsedBuckets: number } {
  let elapsed = 0;
  let covered = 0;
  w.bucketStartsMs.forEach((t, i) => {
    if (t >= w.cutMs) return;
    elapsed += 1;
    if (PROVINCES.every((p) => w.byProvince[p].eImportKwh[i] !== null)) covered += 1;
  });
  return { fraction: elapsed === 0 ? 1 : covered / elapsed, coveredBuckets: covered, elapsedBuckets: elapsed };
}

export function hasAnyData(w: WindowEnergies): boolean {
  return PROVINCES.some((p) => ENERGY_METRICS.some((m) => w.byProvince[p][m].some((v) => v !== null)));
}

/** Per-scope figures of one bucket; a scope is null when its data is missing (the area when either province's is). */
export type BucketSummary = ByScope<CarbonSummary | null>;

/**
 * Carbon figures of each bucket. A province lacking import or PV for a bucket is null there, without hiding the other
 * province's figures; the area needs both.
 */
export function bucketSummaries(w: WindowEnergies, factors: CarbonFactors): BucketSummary[] {
  return w.bucketStartsMs.map((_, i) => {
    const energy = {} as ByProvince<ProvinceEnergy>;
    const missing = new Set<Province>();
    for (const p of PROVINCES) {
      const m = w.byProvince[p];
      const eImportKwh = m.eImportKwh[i];
      const ePvKwh = m.ePvKwh[i];
      if (eImportKwh == null || ePvKwh == null) missing.add(p);
      energy[p] = { eImportKwh: eImportKwh ?? 0, ePvKwh: ePvKwh ?? 0, eEvKwh: m.eEvKwh[i] ?? 0, ...busKwh(w, p, i) };
    }
    const all = carbonByScope(energy, factors);
    return {
      sc: missing.has('sc') ? null : all.sc,
      cq: missing.has('cq') ? null : all.cq,
      area: missing.size > 0 ? null : all.area,
    };
  });
}

// ── Per-bucket series for the charts and the CSV ─────────────────────────────────────────────────────────────────

export interface ProgressSeries {
  bucketStartsMs: number[];
  /** Energies per province, kWh (consumption = import + PV). */
  energyKwh: ByProvince<{ consumption: BucketValues; pv: BucketValues; gridImport: BucketValues; ev: BucketValues }>;
  cleanSharePct: ByScope<BucketValues>;
  localGreenSharePct: ByScope<BucketValues>;
  cleanShareTargetPct: BucketValues;
  co2EmittedKg: ByScope<BucketValues>;
  co2AvoidedByPvKg: ByScope<BucketValues>;
  /** Running total from the period start; null after the cut-off. */
  co2CumulativeKg: ByScope<BucketValues>;
  /** Budget path to each bucket's end (area budget from the configuration); null where a year has no budget. */
  co2BudgetPathKg: BucketValues;
  /** True when any target used was interpolated between configured years. */
  targetsInterpolated: boolean;
}

export function progressSeries(
  w: WindowEnergies,
  factors: CarbonFactors,
  targets: AreaConfig['targets'],
  periodToMs: number,
): ProgressSeries {
  const summaries = bucketSummaries(w, factors);
  const starts = w.bucketStartsMs;
  const endOf = (i: number) => (i + 1 < starts.length ? (starts[i + 1] as number) : periodToMs);
  const perScope = (pick: (s: CarbonSummary) => number | null) =>
    Object.fromEntries(
      SCOPES.map((s) => [s, summaries.map((b) => (b[s] ? pick(b[s] as CarbonSummary) : null))]),
    ) as unknown as ByScope<BucketValues>;

  const energyKwh = {} as ProgressSeries['energyKwh'];
  for (const p of PROVINCES) {
    const m = w.byProvince[p];
    energyKwh[p] = {
      consumption: summaries.map((b) => b[p]?.consumptionKwh ?? null),
      pv: m.ePvKwh,
      gridImport: m.eImportKwh,
      ev: m.eEvKwh,
    };
  }

  let interpolated = false;
  const cleanShareTargetPct = starts.map((t) => {
    const target = targetForYear(targets.cleanSharePctByYear, shanghaiParts(t).year);
    if (target?.interpolated) interpolated = true;
    return target?.value ?? null;
  });
  const co2EmittedKg = perScope((s) => s.co2EmittedKg);
  const co2CumulativeKg = {} as ByScope<BucketValues>;
  for (const s of SCOPES) {
    let running = 0;
    co2CumulativeKg[s] = starts.map((t, i) => {
      if (t >= w.cutMs) return null;
      running += co2EmittedKg[s][i] ?? 0;
      return running;
    });
  }
  const firstMs = starts[0] ?? periodToMs;
  const co2BudgetPathKg = starts.map((_, i) => {
    for (let y = shanghaiParts(firstMs).year; y <= shanghaiParts(endOf(i) - 1).year; y++)
      if (targetForYear(targets.co2BudgetTByYear, y)?.interpolated) interpolated = true;
    return budgetPathKg(targets.co2BudgetTByYear, firstMs, endOf(i));
  });

  return {
    bucketStartsMs: starts,
    energyKwh,
    cleanSharePct: perScope((s) => s.cleanSharePct),
    localGreenSharePct: perScope((s) => s.localGreenSharePct),
    cleanShareTargetPct,
    co2EmittedKg,
    co2AvoidedByPvKg: perScope((s) => s.co2AvoidedByPvKg),
    co2CumulativeKg,
    co2BudgetPathKg,
    targetsInterpolated: interpolated,
  };
}

// ── KPI comparison ────────────────────────────────────────────────────────────────────────────────────────────────

export const FIGURE_IDS = [
  'consumption',
  'pv',
  'gridImport',
  'cleanShare',
  'localGreenShare',
  'co2Emitted',
  'co2AvoidedByPv',
  'evEnergy',
  'evNetCo2Avoided',
  'coalSaved',
] as const;
export type FigureId = (typeof FIGURE_IDS)[number];
export type FigureUnit = 'kWh' | '%' | 'kg';

export const FIGURE_UNIT: Record<FigureId, FigureUnit> = {
  consumption: 'kWh',
  pv: 'kWh',
  gridImport: 'kWh',
  cleanShare: '%',
  localGreenShare: '%',
  co2Emitted: 'kg',
  co2AvoidedByPv: 'kg',
  evEnergy: 'kWh',
  evNetCo2Avoided: 'kg',
  coalSaved: 'kg',
};

const FIGURE_VALUE: Record<FigureId, (s: CarbonSummary) => number | null> = {
  consumption: (s) => s.consumptionKwh,
  pv: (s) => s.ePvKwh,
  gridImport: (s) => s.eImportKwh,
  cleanShare: (s) => s.cleanSharePct,
  localGreenShare: (s) => s.localGreenSharePct,
  co2Emitted: (s) => s.co2EmittedKg,
  co2AvoidedByPv: (s) => s.co2AvoidedByPvKg,
  evEnergy: (s) => s.eEvKwh,
  evNetCo2Avoided: (s) => s.ev.netCo2AvoidedKg,
  coalSaved: (s) => s.coalSavedKg,
};

export function figureValue(id: FigureId, s: CarbonSummary): number | null {
  return FIGURE_VALUE[id](s);
}

export interface FigureComparison {
  current: number | null;
  lastYear: number | null;
  /**
   * Amounts: relative change, %. Shares: change in percentage points. null when either side is missing, last year is
   * zero, or the two windows are not equally covered by data (an undercount is not a saving).
   */
  change: number | null;
  changeKind: 'pct' | 'pp';
}

/** Windows whose coverage differs by more than this are not compared (1 day in 100). */
const COMPARABLE_COVERAGE_GAP = 0.01;

export function compareFigure(
  id: FigureId,
  current: CarbonSummary,
  lastYear: CarbonSummary,
  comparable: boolean,
): FigureComparison {
  const a = figureValue(id, current);
  const b = figureValue(id, lastYear);
  const changeKind = FIGURE_UNIT[id] === '%' ? 'pp' : 'pct';
  let change: number | null = null;
  if (comparable && a !== null && b !== null) {
    if (changeKind === 'pp') change = a - b;
    else if (b !== 0) change = ((a - b) / Math.abs(b)) * 100;
  }
  return { current: a, lastYear: b, change, changeKind };
}

export interface ProgressFigures {
  current: ByScope<CarbonSummary>;
  lastYear: ByScope<CarbonSummary>;
  coverage: { current: ReturnType<typeof coverageOf>; lastYear: ReturnType<typeof coverageOf> };
  /** Both windows fully (≥ 99 %) and equally covered: changes are meaningful. */
  comparable: boolean;
  comparisons: Record<FigureId, ByScope<FigureComparison>>;
}

export function progressFigures(
  current: WindowEnergies,
  lastYear: WindowEnergies,
  factors: CarbonFactors,
): ProgressFigures {
  const cur = carbonByScope(totalsOf(current), factors);
  const prev = carbonByScope(totalsOf(lastYear), factors);
  const coverage = { current: coverageOf(current), lastYear: coverageOf(lastYear) };
  const comparable =
    coverage.current.elapsedBuckets > 0 &&
    coverage.lastYear.fraction >= 1 - COMPARABLE_COVERAGE_GAP &&
    coverage.current.fraction >= 1 - COMPARABLE_COVERAGE_GAP;
  const comparisons = {} as ProgressFigures['comparisons'];
  for (const id of FIGURE_IDS) {
    comparisons[id] = {
      sc: compareFigure(id, cur.sc, prev.sc, comparable),
      cq: compareFigure(id, cur.cq, prev.cq, comparable),
      area: compareFigure(id, cur.area, prev.area, comparable),
    };
  }
  return { current: cur, lastYear: prev, coverage, comparable, comparisons };
}
