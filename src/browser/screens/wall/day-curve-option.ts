/**
 * Option for a "today against yesterday" curve on a fixed 00:00–24:00 Shanghai axis (area load, PV, EV charging).
 * Pure: data, nowMs, labels and palette in, option out. Values arrive in kW and are drawn in MW.
 */
import { CHART_FONT_FAMILY, shanghaiTimeLabel } from '../../ui/charts/chart-base';
import type { ChartPalette } from '../../ui/charts/chart-theme';
import type { ChartOption } from '../../ui/charts/echarts-registry';

export interface DayCurveInput {
  dayStartMs: number;
  nowMs: number;
  /** Today's 1-minute points, kW (null = gap). */
  today: readonly [number, number | null][];
  /** Yesterday's points already shifted onto today's axis, kW. */
  yesterday: readonly [number, number | null][];
  peak: { kw: number; atMs: number } | null;
  labels: { today: string; yesterday: string; unit: string; peak: string };
  color: string;
  /** text for labels, grid for axes, textFaint for yesterday's line. */
  palette: Pick<ChartPalette, 'text' | 'grid' | 'textFaint'>;
  /** Draw in kW instead of MW (small quantities such as EV charging). */
  unitDivisor?: number;
}

const DAY_MS = 86_400_000;

export function buildDayCurveOption(input: DayCurveInput): ChartOption {
  const div = input.unitDivisor ?? 1000;
  const scaled = (pts: readonly [number, number | null][]) =>
    pts.map(
      ([t, v]) => [t, v === null || !Number.isFinite(v) ? null : Math.max(0, v) / div] as [number, number | null],
    );
  const fontSize = 18;
  const peak = input.peak;
  return {
    backgroundColor: 'transparent',
    // A live curve gains a point a minute: drawn at once, no tween.
    animation: false,
    textStyle: { fontFamily: CHART_FONT_FAMILY, color: input.palette.text, fontSize },
    grid: { left: 64, right: 24, top: 44, bottom: 36 },
    legend: {
      top: 0,
      left: 'center',
      itemWidth: 28,
      textStyle: { color: input.palette.text, fontSize, fontFamily: CHART_FONT_FAMILY },
      data: [input.labels.today, input.labels.yesterday],
    },
    xAxis: {
      type: 'time',
      min: input.dayStartMs,
      max: input.dayStartMs + DAY_MS,
      interval: 3 * 3_600_000,
      axisLabel: {
        color: input.palette.text,
        fontSize,
        // Hours only: the axis is always one day, so no date labels (midnight reads 00:00, the end 24:00).
        formatter: (v: number) =>
          v >= input.dayStartMs + DAY_MS ? '24:00' : v <= input.dayStartMs ? '00:00' : shanghaiTimeLabel(v),
      },
      axisLine: { lineStyle: { color: input.palette.grid } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: input.labels.unit,
      min: 0,
      // Three steps: the curve panels are ~100 px of plot tall, where five 18 px labels would touch.
      splitNumber: 3,
      nameTextStyle: { color: input.palette.text, fontSize, align: 'right' },
      axisLabel: { color: input.palette.text, fontSize },
      splitLine: { lineStyle: { color: input.palette.grid } },
    },
    series: [
      {
        type: 'line',
        name: input.labels.yesterday,
        data: scaled(input.yesterday),
        showSymbol: false,
        connectNulls: false,
        lineStyle: { width: 2, type: 'dashed', color: input.palette.textFaint },
        itemStyle: { color: input.palette.textFaint },
      },
      {
        type: 'line',
        name: input.labels.today,
        data: scaled(input.today),
        showSymbol: false,
        connectNulls: false,
        lineStyle: { width: 3, color: input.color },
        itemStyle: { color: input.color },
        areaStyle: { color: input.color, opacity: 0.14 },
        markPoint: peak
          ? {
              symbol: 'pin',
              symbolSize: 44,
              itemStyle: { color: input.color },
              label: { show: false },
              data: [{ name: input.labels.peak, coord: [peak.atMs, Math.max(0, peak.kw) / div] }],
            }
          : undefined,
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: input.palette.text, type: 'dotted', width: 1, opacity: 0.6 },
          label: { show: false },
          data: [{ xAxis: input.nowMs }],
        },
      },
    ],
  };
}
