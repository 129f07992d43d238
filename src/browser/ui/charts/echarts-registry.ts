/**
 * The one place ECharts is assembled: tree-shaken from `echarts/core`, registering only the charts and components
 * the screens use. Add a chart type here (not in a feature) when a screen needs it. Exports the composed option type.
 */

import type {
  BarSeriesOption,
  GaugeSeriesOption,
  GraphSeriesOption,
  LineSeriesOption,
  LinesSeriesOption,
  PieSeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import { BarChart, GaugeChart, GraphChart, LineChart, LinesChart, PieChart, ScatterChart } from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GraphicComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  ToolboxComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import {
  DataZoomComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { CHART_FONT_FAMILY } from './chart-base';
import { type ChartPalette, chartPalette } from './chart-theme';

echarts.use([
  LineChart,
  BarChart,
  GaugeChart,
  PieChart,
  GraphChart,
  LinesChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  DataZoomComponent,
  MarkLineComponent,
  MarkAreaComponent,
  MarkPointComponent,
  GraphicComponent,
  ToolboxComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | GaugeSeriesOption
  | PieSeriesOption
  | GraphSeriesOption
  | LinesSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | DataZoomComponentOption
  | MarkLineComponentOption
  | GraphicComponentOption
  | ToolboxComponentOption
>;

/** The name every chart is created with (see registerChartTheme). */
export const CHART_THEME = 'gaozhu';

/** The ECharts theme built from the palette: the text every chart shares, on the panels' own background. */
export function chartThemeOf(palette: ChartPalette) {
  return {
    backgroundColor: 'transparent',
    textStyle: { fontFamily: CHART_FONT_FAMILY, color: palette.textMuted },
  };
}

let themeRegistered = false;

/** Registers the theme from the page's CSS custom properties, once, before the first chart is created. */
export function registerChartTheme(): typeof CHART_THEME {
  if (!themeRegistered) {
    echarts.registerTheme(CHART_THEME, chartThemeOf(chartPalette()));
    themeRegistered = true;
  }
  return CHART_THEME;
}

export { echarts };
