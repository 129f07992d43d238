/**
 * Chart options of the dispatch screen, as pure functions (inputs → ECharts option), unit-tested without a browser.
 * - Feeder curves: P, I, U and loading in four stacked grids sharing one time axis, with zoom and pan (dataZoom inside
 *   + slider) over all four; the range's history from the history service joined to the live tail from the store, and
 *   on the 24 h view the same hours one Beijing day earlier, dashed grey on the P panel (previous-day.ts).
 * - Area load by province: Sichuan and Chongqing consumption stacked, live.
 * Colours come from the shared theme palette (chart-theme.ts, read from theme.css), handed in by the caller.
 */
import { shanghaiParts } from '../../../core/time/shanghai';
import { joinCurve } from '../../history/curve-join';
import { chartTextStyle, rollingTimeAxis, shanghaiTimeLabel, unitValueAxis } from '../../ui/charts/chart-base';
import type { ChartPalette } from '../../ui/charts/chart-theme';
import type { ChartOption } from '../../ui/charts/echarts-registry';
import { alignPreviousDay, hasValues } from './previous-day';

export type Pairs = readonly (readonly [number, number | null])[];

export interface FeederCurvesInput {
  nowMs: number;
  windowMs: number;
  history: { pKw: Pairs; iA: Pairs; uKv: Pairs };
  /** P recorded one Beijing day before the window (24 h view), drawn dashed on the P panel; none or empty: not drawn. */
  previousDay?: { pKw: Pairs; label: string };
  live: { pKw: Pairs; iA: Pairs; uKv: Pairs; loadingPct: Pairs };
  rating: { ratedA: number; ratedMva: number; nominalKv: number };
  thresholds: { heavyLoadingPct: number; overloadLoadingPct: number; voltageDeviationPct: number };
  labels: { p: string; i: string; u: string; loading: string; history: string; live: string };
  palette: Pick<ChartPalette, 'load' | 'textMuted' | 'grid' | 'heavy' | 'overload'>;
}

/**
 * History ends where the live tail begins, so the two never draw the same minutes twice (gaps kept); history loading
 * is I / I_rated (the service keeps no Q), live loading is the full loading rate.
 */
const historyThenLive = (history: Pairs, live: Pairs) =>
  joinCurve(history, live, { handover: 'beforeLive', gaps: true });

/** 'MM-DD HH:MM' in Beijing time, 'MM-DD' at Beijing midnight. */
function shanghaiDateLabel(tsMs: number): string {
  const p = shanghaiParts(tsMs);
  const day = `${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  return p.hour === 0 && p.minute === 0 ? day : `${day} ${shanghaiTimeLabel(tsMs)}`;
}

/**
 * A threshold line's label inside the grid, above the line's right end: at echarts' default ('end', right of the
 * line) it ran past the grid's right margin and was cut ("10(", "80'").
 */
const thresholdLabel = (color: string, formatter: string) => ({
  color,
  formatter,
  position: 'insideEndTop' as const,
  distance: 2,
});

export function buildFeederCurvesOption(input: FeederCurvesInput): ChartOption {
  const { history, live, rating, thresholds, labels } = input;
  const palette = { ...input.palette, text: input.palette.textMuted };
  const loadingHistory: [number, number | null][] = history.iA.map(([t, i]) => [
    t,
    i === null ? null : (i / rating.ratedA) * 100,
  ]);
  const panels = [
    { name: labels.p, unit: 'kW', data: historyThenLive(history.pKw, live.pKw) },
    { name: labels.i, unit: 'A', data: historyThenLive(history.iA, live.iA) },
    { name: labels.u, unit: 'kV', data: historyThenLive(history.uKv, live.uKv) },
    { name: labels.loading, unit: '%', data: historyThenLive(loadingHistory, live.loadingPct) },
  ];
  const fromMs = input.nowMs - input.windowMs;
  const previousDay = alignPreviousDay(input.previousDay?.pKw ?? [], fromMs, input.nowMs);
  const previousDayLabel = input.previousDay?.label ?? '';
  const withPreviousDay = hasValues(previousDay);
  const h = 19; // % of the height per panel
  // Room above the first panel for the legend (only drawn with the day before) beside its axis name.
  const top = 8;
  const axisIdx = panels.map((_, i) => i);
  // Over more than a day the ticks fall at the browser's midnights, not Beijing's: a 7-day axis said "08:00" seven
  // times. Days are labelled by their Beijing date there.
  const timeLabel =
    input.windowMs > 86_400_000 ? (v: number) => shanghaiDateLabel(v) : (v: number) => shanghaiTimeLabel(v);
  const uLow = rating.nominalKv * (1 - thresholds.voltageDeviationPct / 100);
  const uHigh = rating.nominalKv * (1 + thresholds.voltageDeviationPct / 100);
  return {
    backgroundColor: 'transparent',
    textStyle: chartTextStyle(input.palette),
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'line' } },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: panels.map((_, i) => ({ left: 64, right: 20, top: `${(i * (h + 3) + top).toFixed(0)}%`, height: `${h}%` })),
    ...(withPreviousDay
      ? {
          legend: {
            top: 0,
            right: 20,
            itemHeight: 8,
            data: [labels.p, previousDayLabel],
            textStyle: { color: palette.text },
          },
        }
      : {}),
    xAxis: panels.map((_, i) => ({
      type: 'time' as const,
      gridIndex: i,
      min: fromMs,
      max: input.nowMs,
      axisLabel: { show: i === panels.length - 1, color: palette.text, formatter: timeLabel },
      axisLine: { lineStyle: { color: palette.grid } },
      splitLine: { show: false },
    })),
    yAxis: panels.map((p, i) => ({
      type: 'value' as const,
      gridIndex: i,
      name: `${p.name} ${p.unit}`,
      nameTextStyle: { color: palette.text, align: 'left' as const },
      nameGap: 6,
      scale: true,
      axisLabel: { color: palette.text },
      splitLine: { lineStyle: { color: palette.grid } },
    })),
    dataZoom: [
      { type: 'inside', xAxisIndex: axisIdx, filterMode: 'none' },
      {
        type: 'slider',
        xAxisIndex: axisIdx,
        bottom: 4,
        height: 18,
        filterMode: 'none',
        textStyle: { color: palette.text },
      },
    ],
    series: [
      ...panels.map((p, i) => ({
        type: 'line' as const,
        name: p.name,
        xAxisIndex: i,
        yAxisIndex: i,
        data: p.data as [number, number | null][],
        showSymbol: false,
        connectNulls: false,
        lineStyle: { width: 1.5, color: palette.load },
        itemStyle: { color: palette.load },
        ...(i === 3
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                data: [
                  { yAxis: thresholds.heavyLoadingPct, lineStyle: { color: palette.heavy, type: 'dashed' as const } },
                  {
                    yAxis: thresholds.overloadLoadingPct,
                    lineStyle: { color: palette.overload, type: 'dashed' as const },
                  },
                ],
                label: thresholdLabel(palette.text, '{c}%'),
              },
            }
          : i === 2
            ? {
                markLine: {
                  silent: true,
                  symbol: 'none',
                  data: [
                    { yAxis: Number(uLow.toFixed(3)), lineStyle: { color: palette.overload, type: 'dashed' as const } },
                    {
                      yAxis: Number(uHigh.toFixed(3)),
                      lineStyle: { color: palette.overload, type: 'dashed' as const },
                    },
                  ],
                  label: thresholdLabel(palette.text, '{c} kV'),
                },
              }
            : {}),
      })),
      ...(withPreviousDay
        ? [
            {
              type: 'line' as const,
              name: previousDayLabel,
              xAxisIndex: 0,
              yAxisIndex: 0,
              data: previousDay as [number, number | null][],
              showSymbol: false,
              connectNulls: false,
              z: 1,
              lineStyle: { width: 1.2, color: palette.text, type: 'dashed' as const },
              itemStyle: { color: palette.text },
            },
          ]
        : []),
    ],
  };
}

export interface AreaByProvinceInput {
  nowMs: number;
  windowMs: number;
  sc: Pairs;
  cq: Pairs;
  labels: { sc: string; cq: string; unit: string };
  palette: Pick<ChartPalette, 'sc' | 'cq' | 'textMuted' | 'grid'>;
}

export function buildAreaByProvinceOption(input: AreaByProvinceInput): ChartOption {
  const { labels } = input;
  const palette = { ...input.palette, text: input.palette.textMuted };
  const toMw = (pairs: Pairs) => pairs.map(([t, v]) => [t, v === null ? null : v / 1000] as [number, number | null]);
  const area = (name: string, data: Pairs, color: string) => ({
    type: 'line' as const,
    name,
    stack: 'province',
    data: toMw(data),
    showSymbol: false,
    lineStyle: { width: 1, color },
    itemStyle: { color },
    areaStyle: { color, opacity: 0.35 },
  });
  return {
    backgroundColor: 'transparent',
    textStyle: chartTextStyle(input.palette),
    animation: false,
    grid: { left: 48, right: 12, top: 28, bottom: 24 },
    legend: { top: 0, textStyle: { color: palette.text } },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (typeof v === 'number' ? `${v.toFixed(2)} ${labels.unit}` : '—'),
    },
    xAxis: rollingTimeAxis(input, palette),
    yAxis: unitValueAxis(labels.unit, palette),
    series: [area(labels.sc, input.sc, palette.sc), area(labels.cq, input.cq, palette.cq)],
  };
}

/** Live only: the store's hour. With history: since local midnight, at least the last three hours. */
export const AREA_LIVE_WINDOW_MS = 60 * 60_000;
export const AREA_MIN_HISTORY_WINDOW_MS = 3 * 60 * 60_000;

export function areaChartWindowMs(endMs: number, dayStartMs: number, hasHistory: boolean): number {
  return hasHistory ? Math.max(AREA_MIN_HISTORY_WINDOW_MS, endMs - dayStartMs) : AREA_LIVE_WINDOW_MS;
}
