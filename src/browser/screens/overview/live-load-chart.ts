/**
 * Option for the overview's live curve: consumption, grid import, PV and EV over the last minutes. Pure: the data,
 * `nowMs`, the labels and the palette are inputs, so it is unit-tested without a browser.
 */
import { chartTextStyle, rollingTimeAxis, unitValueAxis } from '../../ui/charts/chart-base';
import type { ChartPalette } from '../../ui/charts/chart-theme';
import type { ChartOption } from '../../ui/charts/echarts-registry';

export interface LiveLoadChartInput {
  nowMs: number;
  windowMs: number;
  series: {
    consumption: [number, number][];
    gridImport: [number, number][];
    pv: [number, number][];
    ev: [number, number][];
  };
  labels: { consumption: string; gridImport: string; pv: string; ev: string; unitMw: string };
  palette: Pick<ChartPalette, 'load' | 'pv' | 'ev' | 'textMuted' | 'grid'>;
}

const toMw = (pairs: [number, number][]): [number, number][] => pairs.map(([t, kw]) => [t, kw / 1000]);

export function buildLiveLoadOption(input: LiveLoadChartInput): ChartOption {
  const { labels, palette } = input;
  const line = (name: string, data: [number, number][], color: string, dashed = false) => ({
    type: 'line' as const,
    name,
    data: toMw(data),
    showSymbol: false,
    smooth: false,
    animation: false,
    lineStyle: { width: 2, color, type: dashed ? ('dashed' as const) : ('solid' as const) },
    itemStyle: { color },
  });
  return {
    backgroundColor: 'transparent',
    textStyle: chartTextStyle(palette),
    grid: { left: 56, right: 16, top: 36, bottom: 28 },
    // Names whole (a 96 px cap showed "Consumption …" on a tablet); a narrow chart wraps the legend onto a second row.
    legend: { top: 0, itemGap: 28, textStyle: { color: palette.textMuted } },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (typeof v === 'number' ? `${v.toFixed(2)} ${labels.unitMw}` : '—'),
    },
    xAxis: rollingTimeAxis(input, { text: palette.textMuted, grid: palette.grid }),
    yAxis: unitValueAxis(labels.unitMw, { text: palette.textMuted, grid: palette.grid }),
    series: [
      line(labels.consumption, input.series.consumption, palette.load),
      line(labels.gridImport, input.series.gridImport, palette.load, true),
      line(labels.pv, input.series.pv, palette.pv),
      line(labels.ev, input.series.ev, palette.ev),
    ],
  };
}
