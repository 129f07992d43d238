/**
 * The four report charts (Sichuan and Chongqing energy bars side by side, clean share against target, cumulative CO₂
 * against the budget path), each with a PNG export. Printing repaints them for paper: on beforeprint (or the print
 * media query) every chart gets its light option and its print size synchronously, because the browser lays out the
 * printed page before any animation frame would run; afterprint restores the screen look.
 */
import { type ComponentProps, useCallback, useEffect, useMemo, useRef } from 'react';
import type { Lang } from '../../../core/lang';
import { Chart } from '../../ui/charts/Chart';
import '../../ui/charts/echarts-progress';
import { chartPalette } from '../../ui/charts/chart-theme';
import type { ChartOption } from '../../ui/charts/echarts-registry';
import { saveHref } from '../../ui/format/csv';
import styles from './progress.module.css';
import { LIGHT_PALETTE, screenPalette, withTitle } from './progress-charts';
import { progressTr } from './progress-messages';
import type { ReportChart } from './report-charts';

/** The chart instance the wrapper hands out (echarts-for-react stays behind the wrapper). */
type EChartsInstance = Parameters<NonNullable<ComponentProps<typeof Chart>['onReady']>>[0];

/**
 * Size of a chart on the A4 landscape page (see progress.module.css, @media print): two to a row across the 279 mm
 * between the page margins (1,054 CSS px), less the gap and each card's padding and border.
 */
export const PRINT_CHART_PX = { width: 506, height: 260 } as const;
/** A chart that has the row to itself (the dual-carbon path). */
export const PRINT_WIDE_CHART_PX = { width: 1036, height: 300 } as const;
const PNG_PX = { width: 1200, height: 600 } as const;

interface Props {
  charts: ReportChart[];
  lang: Lang;
  /** Subtitle of exported PNGs: the period and the area. */
  exportSubtitle: string;
  fileStem: string;
  note?: string;
  /** The printed size of each chart (two to a row unless told). */
  printPx?: { width: number; height: number };
}

export function ProgressCharts({ charts, lang, exportSubtitle, fileStem, note, printPx = PRINT_CHART_PX }: Props) {
  const instances = useRef(new Map<string, EChartsInstance>());
  const builders = useRef(new Map<string, ReportChart>());
  builders.current = new Map(charts.map((c) => [c.id, c]));
  const printing = useRef(false);
  // Stable option objects and ready callbacks: the chart wrapper re-applies an option whenever its identity changes.
  const screenOptions = useMemo(
    () => new Map(charts.map((c) => [c.id, c.build(screenPalette(chartPalette()))])),
    [charts],
  );
  // The printed copies: SVG (vectors) in the paper palette at the page's size, mounted all along and shown only in
  // print, so the printed page needs no repaint before the browser lays it out.
  const printOptions = useMemo(() => new Map(charts.map((c) => [c.id, c.build(LIGHT_PALETTE)])), [charts]);
  const ids = charts.map((c) => c.id).join('|');
  const onReady = useMemo(
    () =>
      new Map(
        ids.split('|').map((id) => [
          id,
          (chart: EChartsInstance) => {
            instances.current.set(id, chart);
          },
        ]),
      ),
    [ids],
  );

  const repaint = useCallback((forPrint: boolean) => {
    if (printing.current === forPrint) return;
    printing.current = forPrint;
    for (const [id, chart] of instances.current) {
      const spec = builders.current.get(id);
      if (!spec || chart.isDisposed()) continue;
      // Resize first: ECharts' resize only schedules a repaint, while a non-lazy setOption paints at once.
      if (forPrint) chart.resize(PRINT_CHART_PX);
      else chart.resize();
      chart.setOption(spec.build(forPrint ? LIGHT_PALETTE : screenPalette(chartPalette())), {
        notMerge: true,
        lazyUpdate: false,
      });
    }
  }, []);

  useEffect(() => {
    const before = () => repaint(true);
    const after = () => repaint(false);
    const media = window.matchMedia?.('print');
    const onMedia = (e: MediaQueryListEvent) => repaint(e.matches);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    media?.addEventListener?.('change', onMedia);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      media?.removeEventListener?.('change', onMedia);
    };
  }, [repaint]);

  const exportPng = (spec: ReportChart) => {
    const chart = instances.current.get(spec.id);
    if (!chart || chart.isDisposed()) return;
    // Paper look with its title for a report or slide; painted and read synchronously, then the screen look is back
    // before the browser paints again.
    chart.resize(PNG_PX);
    chart.setOption(withTitle(spec.build(LIGHT_PALETTE), spec.title, exportSubtitle, LIGHT_PALETTE), {
      notMerge: true,
      lazyUpdate: false,
    });
    const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: LIGHT_PALETTE.background });
    if (printing.current) chart.resize(PRINT_CHART_PX);
    else chart.resize();
    chart.setOption(spec.build(printing.current ? LIGHT_PALETTE : screenPalette(chartPalette())), {
      notMerge: true,
      lazyUpdate: false,
    });
    saveHref(url, `${fileStem}-${spec.id}.png`);
  };

  return (
    <section className={styles.charts} data-testid="progress-charts">
      {charts.map((spec) => (
        <figure key={spec.id} className={styles.chartCard} data-testid={`chart-${spec.id}`}>
          <figcaption className={styles.chartHead}>
            <span className={styles.chartTitle}>{spec.title}</span>
            <button
              type="button"
              className={`${styles.button} ${styles.screenOnly}`}
              data-testid={`png-${spec.id}`}
              onClick={() => exportPng(spec)}
            >
              {progressTr(lang)('action.png')}
            </button>
          </figcaption>
          <div className={styles.chartBox}>
            <Chart
              option={screenOptions.get(spec.id) as ChartOption}
              ariaLabel={spec.title}
              onReady={onReady.get(spec.id)}
            />
          </div>
          <div
            className={styles.printChart}
            style={{ width: printPx.width, height: printPx.height }}
            aria-hidden="true"
            data-testid={`print-chart-${spec.id}`}
          >
            <Chart option={printOptions.get(spec.id) as ChartOption} renderer="svg" size={printPx} />
          </div>
        </figure>
      ))}
      {note ? <p className={styles.chartNote}>{note}</p> : null}
    </section>
  );
}
