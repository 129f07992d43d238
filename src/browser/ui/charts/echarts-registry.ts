/**
 * The one place ECharts is assembled: tree-shaken from `echarts/core`, registering the renderer and the parts every
 * screen's charts share (line series on a grid, legend, mark lines). A screen's own chart types and components are
 * registered by its set beside this file (echarts-wall.ts, echarts-overview.ts, echarts-dispatch.ts,
 * echarts-progress.ts), imported by the component that draws them, so each screen's chunk carries only what it draws
 * (the wall's route loads no bar chart, data zoom or tooltip). Add a chart type to the set of the screen that needs it.
 * The grid and legend are their plain forms: the axis pointer (≈ 6 KB gzipped) comes only with a screen's tooltip,
 * which installs it, and no legend scrolls (≈ 2 KB). Exports the composed option type.
 */

import type {
  BarSeriesOption,
  GaugeSeriesOption,
  LineSeriesOption,
  LinesSeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import { LineChart } from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { GridSimpleComponent, LegendPlainComponent, MarkLineComponent } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { CHART_FONT_FAMILY } from './chart-base';
import { type ChartPalette, chartPalette } from './chart-theme';

echarts.use([LineChart, GridSimpleComponent, LegendPlainComponent, MarkLineComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | GaugeSeriesOption
  | LinesSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | DataZoomComponentOption
  | MarkLineComponentOption
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
