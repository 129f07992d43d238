/** The figures, series and chart specs of a loaded period, derived once per load (and per language for the charts). */
import { useMemo } from 'react';
import type { AreaConfig } from '../../../core/config/area-schema';
import { carbonFactorsFromConfig } from '../../../core/domain/carbon';
import type { Lang } from '../../../core/lang';
import { cutOffMs, type DisplayStep, displayStepOf } from './period';
import type { LoadedProgress } from './progress-data';
import { type ProgressFigures, type ProgressSeries, progressFigures, progressSeries } from './progress-figures';
import { type ReportChart, reportCharts } from './report-charts';

export interface ProgressReportModel {
  figures: ProgressFigures;
  series: ProgressSeries;
  step: DisplayStep;
  /** Where the figures stop: now, for a period in progress. */
  cutMs: number;
  charts: ReportChart[];
}

export function useProgressReport(loaded: LoadedProgress, area: AreaConfig, lang: Lang): ProgressReportModel {
  const factors = useMemo(() => carbonFactorsFromConfig(area), [area]);
  const figures = useMemo(() => progressFigures(loaded.current, loaded.lastYear, factors), [loaded, factors]);
  const series = useMemo(
    () => progressSeries(loaded.current, factors, area.targets, loaded.period.toMs),
    [loaded, factors, area.targets],
  );
  const step = displayStepOf(loaded.period);
  // Stable chart specs: a new identity re-applies every chart's option.
  const charts = useMemo(() => reportCharts(series, step, lang), [series, step, lang]);
  return { figures, series, step, cutMs: cutOffMs(loaded.period, loaded.nowMs), charts };
}
