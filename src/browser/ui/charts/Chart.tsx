/**
 * The one chart wrapper: owns an ECharts instance's lifecycle through echarts-for-react's core build. The chart is
 * created once and updated with setOption on each new option (never re-created per tick), resized with its container,
 * and disposed on unmount. `opts`, `theme` and `onEvents` are kept referentially stable here because
 * echarts-for-react disposes and re-creates the chart whenever they change identity.
 */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { EChartsInstance } from 'echarts-for-react/esm/types';
import { type CSSProperties, memo, useEffect, useMemo, useRef } from 'react';
import { useLatest } from '../hooks/use-latest';
import { type ChartOption, echarts, registerChartTheme } from './echarts-registry';

interface Props {
  option: ChartOption;
  style?: CSSProperties;
  className?: string;
  /** Replace these top-level keys instead of merging (e.g. ['series'] when series come and go). */
  replaceMerge?: string[];
  onReady?: (chart: EChartsInstance) => void;
  testId?: string;
  ariaLabel?: string;
  /**
   * Canvas pixels per CSS pixel. Defaults to the screen's devicePixelRatio; a screen that scales its layout with a CSS
   * transform (the wall) passes devicePixelRatio × scale so the canvas is drawn at the final resolution, not
   * up-sampled. Changing it re-creates the chart, so pass a value that changes only on resize.
   */
  pixelRatio?: number;
  /**
   * 'svg' draws vectors (a printed page); with `size` the chart has that size whatever its container (even one not
   * displayed on screen). Changing either re-creates the chart.
   */
  renderer?: 'canvas' | 'svg';
  size?: { width: number; height: number };
}

const OPTS = { renderer: 'canvas' as const };
const NO_EVENTS = {};

export const Chart = memo(function Chart({
  option,
  style,
  className,
  replaceMerge,
  onReady,
  testId,
  ariaLabel,
  pixelRatio,
  renderer,
  size,
}: Props) {
  const width = size?.width;
  const height = size?.height;
  const opts = useMemo(
    () =>
      pixelRatio || renderer || width
        ? {
            ...OPTS,
            ...(pixelRatio ? { devicePixelRatio: pixelRatio } : {}),
            ...(renderer ? { renderer } : {}),
            ...(width && height ? { width, height } : {}),
          }
        : OPTS,
    [pixelRatio, renderer, width, height],
  );
  const mergedStyle = useMemo(() => ({ height: '100%', width: '100%', ...style }), [style]);
  const chartRef = useRef<EChartsInstance | null>(null);
  const optionRef = useLatest(option);
  // Canvas text does not re-draw when a web font arrives: redraw once when font subsets finish loading, so Chinese
  // labels drawn before the font came are not left as boxes.
  useEffect(() => {
    const fonts = typeof document !== 'undefined' ? document.fonts : undefined;
    if (!fonts) return;
    const redraw = () => {
      const chart = chartRef.current;
      if (!chart || chart.isDisposed()) return;
      chart.clear();
      chart.setOption(optionRef.current);
    };
    fonts.addEventListener('loadingdone', redraw);
    return () => fonts.removeEventListener('loadingdone', redraw);
  }, []);
  const handleReady = useMemo(
    () => (chart: EChartsInstance) => {
      chartRef.current = chart;
      onReady?.(chart);
    },
    [onReady],
  );
  return (
    <div
      className={className}
      data-testid={testId}
      role="img"
      aria-label={ariaLabel}
      style={{ height: '100%', width: '100%' }}
    >
      <ReactEChartsCore
        echarts={echarts}
        theme={registerChartTheme()}
        option={option}
        opts={opts}
        onEvents={NO_EVENTS}
        replaceMerge={replaceMerge}
        lazyUpdate
        style={mergedStyle}
        onChartReady={handleReady}
      />
    </div>
  );
});
