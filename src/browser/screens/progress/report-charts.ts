/**
 * The report's four charts as specs: an id (test ids, PNG file names), a title, and an option builder per palette
 * (dark for the screen, light for paper and PNG). Pure.
 */
import type { Lang } from '../../../core/lang';
import type { ChartOption } from '../../ui/charts/echarts-registry';
import { scopeMessageId, t } from '../../ui/i18n/messages';
import type { DisplayStep } from './period';
import {
  buildCleanShareOption,
  buildCumulativeCo2Option,
  buildEnergyBarsOption,
  type ReportPalette,
} from './progress-charts';
import type { ProgressSeries } from './progress-figures';
import { progressTr } from './progress-messages';

export interface ReportChart {
  id: string;
  title: string;
  build: (palette: ReportPalette) => ChartOption;
}

export function reportCharts(series: ProgressSeries, step: DisplayStep, lang: Lang): ReportChart[] {
  const tr = progressTr(lang);
  const bars = (p: 'sc' | 'cq'): ReportChart => ({
    id: `energy-${p}`,
    title: tr('chart.energy', { scope: t(lang, scopeMessageId(p)) }),
    build: (palette) =>
      buildEnergyBarsOption({
        bucketStartsMs: series.bucketStartsMs,
        step,
        consumptionKwh: series.energyKwh[p].consumption,
        pvKwh: series.energyKwh[p].pv,
        gridImportKwh: series.energyKwh[p].gridImport,
        labels: { consumption: t(lang, 'consumption'), pv: t(lang, 'pvOutput'), gridImport: t(lang, 'gridImport') },
        lang,
        palette,
      }),
  });
  return [
    bars('sc'),
    bars('cq'),
    {
      id: 'clean-share',
      title: tr('chart.cleanShare'),
      build: (palette) =>
        buildCleanShareOption({
          bucketStartsMs: series.bucketStartsMs,
          step,
          sharePct: series.cleanSharePct,
          targetPct: series.cleanShareTargetPct,
          labels: {
            area: t(lang, 'wholeArea'),
            sc: t(lang, 'sichuan'),
            cq: t(lang, 'chongqing'),
            target: tr('chart.target'),
          },
          lang,
          palette,
        }),
    },
    {
      id: 'co2-cumulative',
      title: tr('chart.co2'),
      build: (palette) =>
        buildCumulativeCo2Option({
          bucketStartsMs: series.bucketStartsMs,
          step,
          cumulativeKg: { sc: series.co2CumulativeKg.sc, cq: series.co2CumulativeKg.cq },
          budgetPathKg: series.co2BudgetPathKg,
          labels: { sc: t(lang, 'sichuan'), cq: t(lang, 'chongqing'), budget: tr('chart.budget') },
          lang,
          palette,
        }),
    },
  ];
}
