/**
 * The reliability section's month-by-month charts: ECharts options, pure like progress-charts.ts (whose axes, series
 * and palette they use), and the section's chart specs from its view. Months not recorded are gaps (null), never zero
 * bars.
 */
import type { Scope } from '../../../core/domain/scope';
import type { Lang } from '../../../core/lang';
import type { ChartOption } from '../../ui/charts/echarts-registry';
import { t } from '../../ui/i18n/messages';
import {
  type BucketChartInput,
  barSeries,
  base,
  bucketAxis,
  percentTooltip,
  type ScopeSeries,
  scopeLines,
  targetLine,
  valueAxis,
} from './progress-charts';
import type { BucketValues } from './progress-figures';
import type { ProgressTr } from './progress-messages';
import type { ReliabilityRow, ReliabilityView } from './reliability-view';
import type { ReportChart } from './report-charts';

export interface ReliabilityMonthsInput extends BucketChartInput {
  /** Per month; null where the history did not record the month (no bar, no point: not a zero). */
  byScope: ScopeSeries<BucketValues>;
  target: BucketValues;
  labels: ScopeSeries<string> & { target: string };
}

/** SAIDI per month, Sichuan and Chongqing bars beside the area's, against the month's share of the yearly target. */
export function buildSaidiMonthsOption(input: ReliabilityMonthsInput): ChartOption {
  const { palette, labels } = input;
  const round2 = (v: BucketValues) => v.map((x) => (x === null ? null : Math.round(x * 100) / 100));
  return {
    ...base(palette, input.lang),
    xAxis: bucketAxis(input),
    yAxis: valueAxis('min', palette),
    series: [
      barSeries(labels.area, round2(input.byScope.area), palette.area, 16),
      barSeries(labels.sc, round2(input.byScope.sc), palette.sc, 16),
      barSeries(labels.cq, round2(input.byScope.cq), palette.cq, 16),
      { ...targetLine(labels.target, round2(input.target), palette), step: 'middle' },
    ],
  };
}

/** RS-1 per month for the area and each province against the year's target; the axis starts near the lowest value. */
export function buildRs1MonthsOption(input: ReliabilityMonthsInput): ChartOption {
  const { palette, labels, byScope } = input;
  const round4 = (v: BucketValues) => v.map((x) => (x === null ? null : Math.floor(x * 1e4) / 1e4));
  const values = [...byScope.area, ...byScope.sc, ...byScope.cq, ...input.target].filter(
    (v): v is number => v !== null,
  );
  const lowest = values.length ? Math.min(...values) : 99.9;
  // Reliability lives in the last decimals: an axis from 0 would draw every month on one flat line at the top.
  const min = Math.max(0, Math.floor((lowest - 0.005) * 100) / 100);
  return {
    ...base(palette, input.lang),
    tooltip: percentTooltip(input.lang, 4),
    xAxis: bucketAxis(input),
    yAxis: valueAxis('%', palette, { min, max: 100 }),
    series: [
      ...scopeLines(
        { area: round4(byScope.area), sc: round4(byScope.sc), cq: round4(byScope.cq) },
        labels,
        palette,
        true,
      ),
      { ...targetLine(labels.target, input.target, palette), step: 'middle' },
    ],
  };
}

/** The section's two charts from its view: each indicator's option, the month's value and target. */
const CHARTS = [
  {
    id: 'reliability-saidi',
    title: 'rel.chart.saidi',
    targetLabel: 'rel.chart.saidiTarget',
    build: buildSaidiMonthsOption,
    value: (p: ScopeIndicators) => p.all.saidiMin,
    target: (m: ReliabilityRow) => m.saidiTargetMin,
  },
  {
    id: 'reliability-rs1',
    title: 'rel.chart.rs1',
    targetLabel: 'rel.chart.rs1Target',
    build: buildRs1MonthsOption,
    value: (p: ScopeIndicators) => p.all.rs1Pct,
    target: (m: ReliabilityRow) => m.rs1TargetPct,
  },
] as const;

type ScopeIndicators = NonNullable<ReliabilityRow['byScope']['area']>;

export function reliabilityCharts(view: ReliabilityView, lang: Lang, tr: ProgressTr): ReportChart[] {
  const months = view.months;
  const bucketStartsMs = months.map((m) => m.fromMs);
  const values = (f: (p: ScopeIndicators) => number) => {
    const of = (s: Scope) => months.map((m) => (m.recorded === 'none' || !m.byScope[s] ? null : f(m.byScope[s])));
    return { area: of('area'), sc: of('sc'), cq: of('cq') };
  };
  return CHARTS.map((c) => ({
    id: c.id,
    title: tr(c.title),
    build: (palette) =>
      c.build({
        bucketStartsMs,
        step: '1mo',
        byScope: values(c.value),
        target: months.map(c.target),
        labels: {
          area: t(lang, 'wholeArea'),
          sc: t(lang, 'sichuan'),
          cq: t(lang, 'chongqing'),
          target: tr(c.targetLabel),
        },
        lang,
        palette,
      }),
  }));
}
