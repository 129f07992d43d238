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

/** Area load by province: history since local midnight, then live (redrawn at the sampled pace, `nowMs`). */
export function useAreaChartOption(
  { nowMs, series }: { nowMs: number; series: SeriesReader },
  history: Pick<DispatchHistory, 'area' | 'asOfMs'>,
): ChartOption {
  const lang = useLang();
  const { area: historyArea, asOfMs } = history;
  return useMemo(() => {
    const endMs = nowMs || asOfMs || Date.now();
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
  }, [nowMs, series, lang, historyArea, asOfMs]);
}
