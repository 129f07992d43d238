/** A figure and its year-on-year change as the KPI tiles and the comparison table write them. Pure. */

import type { Lang } from '../../../core/lang';
import { DASH, type FormattedValue, formatEnergy, formatMass, formatNumber, formatPct } from '../../ui/format/number';
import { FIGURE_UNIT, type FigureComparison, type FigureId } from './progress-figures';

export function formatFigure(id: FigureId, v: number | null, lang: Lang): FormattedValue {
  const unit = FIGURE_UNIT[id];
  if (unit === '%') return formatPct(v, lang);
  if (unit === 'kg') return formatMass(v, lang);
  return formatEnergy(v, lang);
}

/** '▲ +3.2%' / '▼ −1.0 pp'; a square when the change rounds to nothing. */
export function formatChange(c: FigureComparison, lang: Lang): string {
  if (c.change === null) return DASH;
  const arrow = c.change > 0.05 ? '▲' : c.change < -0.05 ? '▼' : '■';
  const value = formatNumber(c.change, lang, { decimals: 1, signed: true });
  return `${arrow} ${value}${c.changeKind === 'pp' ? ' pp' : '%'}`;
}
