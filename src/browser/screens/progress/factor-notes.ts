/**
 * The words that tie each figure to the factor and year it was computed with, e.g. "EF 四川 0.1404 kg/kWh (2022,
 * MEE)". Sources in area.json are full citations; the notes use a short name and the full citation is listed in the
 * report's footnotes (and a tooltip). A '*' marks a source the configuration says is still to be verified.
 */
import type { AreaConfig } from '../../../core/config/area-schema';
import type { Scope } from '../../../core/domain/scope';
import type { Lang } from '../../../core/lang';
import { t, translate } from '../../ui/i18n/messages';
import type { FigureId } from './progress-figures';
import { progressMessages } from './progress-messages';

const KNOWN_SOURCES: [RegExp, string][] = [
  [/Ministry of Ecology and Environment|生态环境部/i, 'MEE'],
  [/China Electricity Council|中电联|\bCEC\b/i, 'CEC'],
  [/assumption/i, 'assumptions'],
];

/** Short name of a citation: a known agency's abbreviation, else its first clause (≤ 32 characters). */
export function shortSource(source: string): string {
  // A citation the configuration itself marks as unverified keeps a mark, so the screen never hides the caveat.
  const caveat = /verify|unverified|待核实/i.test(source) ? '*' : '';
  for (const [pattern, short] of KNOWN_SOURCES) if (pattern.test(source)) return `${short}${caveat}`;
  const first = source.split(/[,(;，（；]/)[0]?.trim() ?? source;
  return `${first.length > 32 ? `${first.slice(0, 31)}…` : first}${caveat}`;
}

const tr = (lang: Lang, id: keyof typeof progressMessages, params?: Record<string, string | number>) =>
  translate(progressMessages, lang, id, params);

export function efNote(area: AreaConfig, province: 'sc' | 'cq', lang: Lang): string {
  const ef = area.emissionFactors[province];
  return tr(lang, 'factor.ef', {
    name: t(lang, province === 'sc' ? 'sichuan' : 'chongqing'),
    value: ef.kgCo2PerKwh,
    year: ef.year,
    source: shortSource(ef.source),
  });
}

/** The factor note of one figure for one scope ('' never: metered figures say they are metered). */
export function factorNote(area: AreaConfig, figure: FigureId, scope: Scope, lang: Lang): string {
  const ef = (p: 'sc' | 'cq') => efNote(area, p, lang);
  const efOfScope = scope === 'area' ? `${ef('sc')}; ${ef('cq')}` : ef(scope);
  const fossil = area.emissionFactors.fossil;
  switch (figure) {
    case 'consumption':
    case 'pv':
    case 'gridImport':
    case 'evEnergy':
    case 'localGreenShare':
      return tr(lang, 'factor.metered');
    case 'cleanShare':
      return `${efOfScope}; ${tr(lang, 'factor.clean', { value: fossil.kgCo2PerKwh, year: fossil.year })}`;
    case 'co2Emitted':
    case 'co2AvoidedByPv':
      return efOfScope;
    case 'evNetCo2Avoided': {
      const a = area.evAssumptions;
      return `${tr(lang, 'factor.ev', { kwh: a.kwhPer100Km, l: a.petrolLPer100Km, kg: a.petrolKgCo2PerL, year: a.year })}; ${efOfScope}`;
    }
    case 'coalSaved':
      return tr(lang, 'factor.coal', {
        value: area.coal.gcePerKwh,
        year: area.coal.year,
        source: shortSource(area.coal.source),
      });
  }
}
