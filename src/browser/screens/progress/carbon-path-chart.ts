/**
 * The dual-carbon path chart as a report spec (ProgressCharts draws it, exports it and repaints it for paper): years
 * on the axis, the clean-share target as a dashed line and the measured share as bars (left, %), the CO₂ budget as a
 * dashed line and the measured CO₂ as bars (right; a year in progress is its CO₂ to date), the zero-carbon year
 * marked. Pure.
 */
import type { Lang } from '../../../core/lang';
import { CHART_FONT_FAMILY } from '../../ui/charts/chart-base';
import type { ChartOption } from '../../ui/charts/echarts-registry';
import { formatNumber } from '../../ui/format/number';
import type { PathYear } from './carbon-path';
import { massAxisUnit, type ReportPalette } from './progress-charts';
import { progressTr } from './progress-messages';
import type { ReportChart } from './report-charts';

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

export function buildCarbonPathOption(path: readonly PathYear[], lang: Lang, palette: ReportPalette): ChartOption {
  const tr = progressTr(lang);
  const maxT = Math.max(0, ...path.map((y) => Math.max(y.budgetT?.value ?? 0, y.measured?.co2EmittedT ?? 0)));
  const mass = massAxisUnit(maxT * 1000, lang);
  const toUnit = (t: number | null | undefined) => (t == null ? null : round((t * 1000) / mass.divisor, 2));
  const zero = path.find((y) => y.zeroCarbon);
  const dashed = (name: string, data: (number | null)[], color: string, yAxisIndex: number) => ({
    type: 'line' as const,
    name,
    data,
    yAxisIndex,
    connectNulls: true,
    showSymbol: true,
    symbolSize: 5,
    lineStyle: { width: 2, type: 'dashed' as const, color },
    itemStyle: { color },
  });
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { fontFamily: CHART_FONT_FAMILY, color: palette.text },
    // The legend on its own row above the plot, inside the chart's padding (never at the card's edge).
    legend: { top: 4, left: 'center', textStyle: { color: palette.text, fontSize: 12 }, itemWidth: 16, itemHeight: 10 },
    grid: { left: 12, right: 12, top: 56, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? formatNumber(v, lang) : '—'),
    },
    xAxis: {
      type: 'category',
      data: path.map((y) => String(y.year)),
      axisLabel: { color: palette.text },
      axisLine: { lineStyle: { color: palette.grid } },
      axisTick: { show: false },
    },
    yAxis: [
      {
        type: 'value',
        name: '%',
        min: 0,
        max: 100,
        nameTextStyle: { color: palette.text },
        axisLabel: { color: palette.text },
        splitLine: { lineStyle: { color: palette.grid } },
      },
      {
        type: 'value',
        name: `CO₂ ${mass.unit}`,
        min: 0,
        nameTextStyle: { color: palette.text },
        axisLabel: { color: palette.text },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        type: 'bar',
        name: tr('path.cleanMeasured'),
        yAxisIndex: 0,
        barMaxWidth: 18,
        data: path.map((y) => (y.measured?.cleanSharePct == null ? null : round(y.measured.cleanSharePct, 1))),
        itemStyle: { color: palette.clean },
        label: { show: true, position: 'top', color: palette.text, formatter: '{c}%' },
      },
      {
        ...dashed(
          tr('path.cleanTarget'),
          path.map((y) => y.cleanTarget?.value ?? null),
          palette.target,
          0,
        ),
        ...(zero
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { color: palette.clean, type: 'solid' as const, width: 2 },
                label: {
                  color: palette.text,
                  formatter: tr('path.zeroCarbon', { year: zero.year }),
                  position: 'insideEndTop' as const,
                },
                data: [{ xAxis: String(zero.year) }],
              },
            }
          : {}),
      },
      {
        type: 'bar',
        name: tr('path.co2Measured'),
        yAxisIndex: 1,
        barMaxWidth: 18,
        data: path.map((y) => toUnit(y.measured?.co2EmittedT)),
        itemStyle: { color: palette.gridImport },
      },
      dashed(
        tr('path.co2Budget'),
        path.map((y) => toUnit(y.budgetT?.value)),
        palette.cq,
        1,
      ),
    ],
  };
}

export function carbonPathChart(path: readonly PathYear[], lang: Lang): ReportChart {
  return {
    id: 'carbon-path',
    title: progressTr(lang)('path.chartTitle'),
    build: (palette) => buildCarbonPathOption(path, lang, palette),
  };
}
