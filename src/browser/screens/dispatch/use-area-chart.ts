import { useMemo } from 'react';
import { dayStartMs } from '../../../core/time/shanghai';
import type { SeriesReader } from '../../live/telemetry-store';
import { chartPalette } from '../../ui/charts/chart-theme';
import type { ChartOption } from '../../ui/charts/echarts-registry';
import { useLang } from '../../ui/i18n/lang-context';
import { t } from '../../ui/i18n/messages';
import { areaChartWindowMs, buildAreaByProvinceOption } from './dispatch-charts';
import { mergeAreaByProvince } from './dispatch-history';
import type { DispatchHistory } from './use-dispatch-history';

/**
 * Area load by province: history since local midnight, then live. Redrawn when the area series gain a sample (every
 * 5 s of data time, `series.areaVersion`, the sample's time), not at every snapshot the tables follow: between two
 * samples the picture would not change but its redraw would cost the page a chart update each time.
 */
export function useAreaChartOption(
  { nowMs, series }: { nowMs: number; series: SeriesReader },
  history: Pick<DispatchHistory, 'area' | 'asOfMs'>,
): ChartOption {
  const lang = useLang();
  const { area: historyArea, asOfMs } = history;
  const sampledAtMs = Number.isFinite(series.areaVersion) ? series.areaVersion : nowMs;
  return useMemo(() => {
    const endMs = sampledAtMs || asOfMs || Date.now();
    const windowMs = areaChartWindowMs(endMs, dayStartMs(endMs), historyArea !== null);
    const sinceMs = endMs - windowMs;
    const joined = mergeAreaByProvince(
      historyArea,
      {
        sc: series.area('sc', 'consumptionKw', sinceMs),
        cq: series.area('cq', 'consumptionKw', sinceMs),
      },
      sinceMs,
    );
    return buildAreaByProvinceOption({
      nowMs: endMs,
      windowMs,
      sc: joined.sc,
      cq: joined.cq,
      labels: { sc: t(lang, 'sichuan'), cq: t(lang, 'chongqing'), unit: 'MW' },
      palette: chartPalette(),
    });
  }, [sampledAtMs, series, lang, historyArea, asOfMs]);
}
