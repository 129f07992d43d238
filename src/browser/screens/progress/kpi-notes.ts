/**
 * The extra line of some KPI tiles: the clean-share target of the year, the CO₂ budget to date and how much of it
 * was used, the distance and petrol behind the EV figure. Pure.
 */
import type { AreaConfig } from '../../../core/config/area-schema';
import type { Lang } from '../../../core/lang';
import { formatMass, formatNumber, formatPct } from '../../ui/format/number';
import type { Period } from './period';
import { periodYear } from './period-view';
import type { FigureId, ProgressFigures } from './progress-figures';
import { progressTr } from './progress-messages';
import { budgetPathKg, targetForYear } from './progress-targets';

export function kpiNotes(
  figures: ProgressFigures,
  period: Period,
  cutMs: number,
  area: AreaConfig,
  lang: Lang,
): Partial<Record<FigureId, string>> {
  const tr = progressTr(lang);
  const a = figures.current.area;
  const budgetKg = budgetPathKg(area.targets.co2BudgetTByYear, period.fromMs, cutMs);
  const cleanTarget = targetForYear(area.targets.cleanSharePctByYear, periodYear(period));
  return {
    cleanShare: cleanTarget ? tr('kpi.target', { value: formatPct(cleanTarget.value, lang).text }) : undefined,
    co2Emitted:
      budgetKg !== null && budgetKg > 0
        ? tr('kpi.budgetToDate', {
            budget: formatMass(budgetKg, lang).text,
            pct: formatPct((a.co2EmittedKg / budgetKg) * 100, lang).text,
          })
        : undefined,
    evNetCo2Avoided:
      a.ev.dieselL > 0
        ? tr('kpi.evDetailBus', {
            km: formatNumber(a.ev.km, lang, { decimals: 0 }),
            litres: formatNumber(a.ev.petrolL, lang, { decimals: 0 }),
            diesel: formatNumber(a.ev.dieselL, lang, { decimals: 0 }),
          })
        : tr('kpi.evDetail', {
            km: formatNumber(a.ev.km, lang, { decimals: 0 }),
            litres: formatNumber(a.ev.petrolL, lang, { decimals: 0 }),
          }),
  };
}
