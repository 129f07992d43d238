/**
 * The clean-share gauge: an outer ring for the share of what is consumed right now, an inner ring for today's share so
 * far, and a marker at this year's target. Pure; null shares draw empty rings (the panel says why in words).
 *
 * Calm by design: the rings move in steps of RING_STEP_PCT (a few pixels of arc; the exact figure is the number in the
 * middle), so the caller rebuilds the option only when a ring moves, and without ECharts' tween — a glide every second
 * redrew the whole canvas at 60 fps for most of each second.
 */
import { CHART_FONT_FAMILY } from '../../ui/charts/chart-base';
import type { ChartPalette } from '../../ui/charts/chart-theme';
import type { ChartOption } from '../../ui/charts/echarts-registry';

export interface CleanGaugeInput {
  nowPct: number | null;
  todayPct: number | null;
  targetPct: number | null;
  labels: { now: string; today: string; target: string };
  palette: Pick<ChartPalette, 'clean' | 'pv' | 'text' | 'grid' | 'textMuted'>;
}

export const RING_STEP_PCT = 0.5;

/** A share as a ring draws it: 0–100 in steps of RING_STEP_PCT, 0 for none. */
export const ringPct = (x: number | null) =>
  x === null || !Number.isFinite(x) ? 0 : Math.round(Math.min(100, Math.max(0, x)) / RING_STEP_PCT) * RING_STEP_PCT;

export function buildCleanGaugeOption(input: CleanGaugeInput): ChartOption {
  const base = {
    type: 'gauge' as const,
    min: 0,
    max: 100,
    startAngle: 220,
    endAngle: -40,
    center: ['50%', '56%'],
    splitLine: { show: false },
    axisTick: { show: false },
    axisLabel: { show: false },
    pointer: { show: false },
    title: { show: false },
    detail: { show: false },
  };
  return {
    backgroundColor: 'transparent',
    animation: false,
    textStyle: { fontFamily: CHART_FONT_FAMILY },
    series: [
      {
        ...base,
        radius: '92%',
        progress: { show: true, width: 26, roundCap: true, itemStyle: { color: input.palette.clean } },
        axisLine: { roundCap: true, lineStyle: { width: 26, color: [[1, input.palette.grid]] } },
        data: [{ value: ringPct(input.nowPct), name: input.labels.now }],
      },
      {
        ...base,
        radius: '70%',
        progress: { show: true, width: 12, roundCap: true, itemStyle: { color: input.palette.textMuted } },
        axisLine: { roundCap: true, lineStyle: { width: 12, color: [[1, input.palette.grid]] } },
        data: [{ value: ringPct(input.todayPct), name: input.labels.today }],
      },
      {
        ...base,
        radius: '100%',
        axisLine: { show: false },
        progress: { show: false },
        pointer: {
          show: input.targetPct !== null,
          icon: 'triangle',
          length: 18,
          width: 16,
          offsetCenter: [0, '-96%'],
          itemStyle: { color: input.palette.text },
        },
        data: [{ value: ringPct(input.targetPct), name: input.labels.target }],
      },
    ],
  };
}
