/**
 * The words that tie each figure to the factor and year it was computed with, e.g. "EF 四川 0.1404 kg/kWh (2022,
 * MEE)". Sources in area.json are full citations; the notes use a short name and the full citation is listed in the
 * report's footnotes (and a tooltip). A '*' marks a source the configuration says is still to be verified.
 */
import type { AreaConfig } from '../../../core/config/area-schema';
import type { Scope } from '../../../core/domain/scope';
import type { Lang } from '../../../core/lang';
import { formatMass } from '../../ui/format/number';
import { type MessageParams, t } from '../../ui/i18n/messages';
import type { FigureId } from './progress-figures';
import { type ProgressMessageId, progressTr } from './progress-messages';
import { targetForYear } from './progress-targets';

const KNOWN_SOURCES: [RegExp, string][] = [
  [/Ministry of Ecology and Environment|生态环境部/i, 'MEE'],
  [/China Electricity Council|中电联|\bCEC\b/i, 'CEC'],
  [/assumption/i, 'assumptions'],
];

/** Short name of a citation: a known agency's abbreviation, else its first clause (≤ 32 characters). */
export function shortSource(source: string): string {
  // A citation the configuration itself marks as unverified keeps a mark, so the screen never hides the caveat.
  const caveat = /verify|unverified|unconfirmed|待核实/i.test(source) ? '*' : '';
  for (const [pattern, short] of KNOWN_SOURCES) if (pattern.test(source)) return `${short}${caveat}`;
  const first = source.split(/[,(;，（；]/)[0]?.trim() ?? source;
  return `${first.length > 32 ? `${first.slice(0, 31)}…` : first}${caveat}`;
}

const tr = (lang: Lang, id: ProgressMessageId, params?: MessageParams) => progressTr(lang)(id, params);

export function efNote(area: AreaConfig, province: 'sc' | 'cq', lang: Lang): string {
  const ef = area.emissionFactors[province];
  return tr(lang, 'factor.ef', {
    name: t(lang, province === 'sc' ? 'sichuan' : 'chongqing'),
    value: ef.kgCo2PerKwh,
    year: ef.year,
    source: shortSource(ef.source),
  });
}

function cleanNote(area: AreaConfig, lang: Lang): string {
  const fossil = area.emissionFactors.fossil;
  return tr(lang, 'factor.clean', { value: fossil.kgCo2PerKwh, year: fossil.year });
}

function evNote(area: AreaConfig, lang: Lang): string {
  const a = area.evAssumptions;
  return tr(lang, 'factor.ev', { kwh: a.kwhPer100Km, l: a.petrolLPer100Km, kg: a.petrolKgCo2PerL, year: a.year });
}

function coalNote(area: AreaConfig, lang: Lang): string {
  return tr(lang, 'factor.coal', {
    value: area.coal.gcePerKwh,
    year: area.coal.year,
    source: shortSource(area.coal.source),
  });
}

/** The factor note of one figure for one scope ('' never: metered figures say they are metered). */
export function factorNote(area: AreaConfig, figure: FigureId, scope: Scope, lang: Lang): string {
  const ef = (p: 'sc' | 'cq') => efNote(area, p, lang);
  const efOfScope = scope === 'area' ? `${ef('sc')}; ${ef('cq')}` : ef(scope);
  switch (figure) {
    case 'consumption':
    case 'pv':
    case 'gridImport':
    case 'evEnergy':
    case 'localGreenShare':
      return tr(lang, 'factor.metered');
    case 'cleanShare':
      return `${efOfScope}; ${cleanNote(area, lang)}`;
    case 'co2Emitted':
    case 'co2AvoidedByPv':
      return efOfScope;
    case 'evNetCo2Avoided':
      return `${evNote(area, lang)}; ${efOfScope}`;
    case 'coalSaved':
      return coalNote(area, lang);
  }
}

/** The factor note of a table row without the per-province EF (that one heads each province's columns). */
export function rowFactor(area: AreaConfig, id: FigureId, lang: Lang): string {
  switch (id) {
    case 'cleanShare':
      return `EF; ${cleanNote(area, lang)}`;
    case 'co2Emitted':
    case 'co2AvoidedByPv':
      return 'EF';
    case 'evNetCo2Avoided':
      return `EF; ${evNote(area, lang)}`;
    default:
      return factorNote(area, id, 'area', lang);
  }
}

export interface Footnote {
  note: string;
  /** The full citation. */
  source: string;
}

/** Every factor the report uses, with its full citation, for the footnotes. */
export function footnotes(area: AreaConfig, lang: Lang): Footnote[] {
  const ef = area.emissionFactors;
  const f = ef.fossil;
  return [
    { note: efNote(area, 'sc', lang), source: ef.sc.source },
    { note: efNote(area, 'cq', lang), source: ef.cq.source },
    {
      note: tr(lang, 'factor.ef', {
        name: f.name[lang],
        value: f.kgCo2PerKwh,
        year: f.year,
        source: shortSource(f.source),
      }),
      source: f.source,
    },
    { note: coalNote(area, lang), source: area.coal.source },
    { note: evNote(area, lang), source: area.evAssumptions.source },
  ];
}

/** The year's CO₂ budget line of the footnotes; null when the configuration has no budget for the year. */
export function budgetFootnote(area: AreaConfig, year: number, lang: Lang): string | null {
  const budget = targetForYear(area.targets.co2BudgetTByYear, year);
  if (!budget) return null;
  const text = tr(lang, 'factor.budget', { budget: formatMass(budget.value * 1000, lang).text, year });
  return budget.interpolated ? `${text} (${tr(lang, 'chart.targetInterpolated')})` : text;
}

/** Is a configured citation marked by the configuration itself as still to be verified (shown with '*')? */
const unverified = (source: string) => /verify|unverified|unconfirmed|待核实/i.test(source);

/**
 * The method notes of the report: what Scope 2 covers (net import at the feeder heads, losses above them left out),
 * why coal saved and CO₂ avoided differ, how EV substitution treats bus depots and cars, the factor's year against
 * the data's, how replayed PV is scaled to the basin's yield, and which sources are unconfirmed.
 */
export function methodNotes(area: AreaConfig, dataYear: number, lang: Lang): string[] {
  const ef = area.emissionFactors;
  const notes = [
    tr(lang, 'method.scope2'),
    tr(lang, 'method.coalVsCo2', {
      gce: area.coal.gcePerKwh,
      coalYear: area.coal.year,
      efsc: ef.sc.kgCo2PerKwh,
      efcq: ef.cq.kgCo2PerKwh,
    }),
  ];
  const bus = area.evAssumptions.bus;
  if (bus && area.chargingStations.some((c) => c.vehicles === 'bus'))
    notes.push(tr(lang, 'method.evBus', { bkwh: bus.kwhPer100Km, bl: bus.dieselLPer100Km }));
  const efYear = Math.max(ef.sc.year, ef.cq.year);
  if (dataYear > efYear) notes.push(tr(lang, 'method.factorYear', { efYear, dataYear }));
  const pvYield = area.pvReplayYield;
  if (pvYield)
    notes.push(
      tr(lang, 'method.pvReplayYield', {
        value: pvYield.kwhPerKwpYear,
        source: shortSource(pvYield.source),
        year: pvYield.year,
      }),
    );
  const marked = [ef.sc, ef.cq, ef.national, ef.fossil].filter((f) => unverified(f.source)).map((f) => f.name[lang]);
  if (pvYield && unverified(pvYield.source)) marked.push(tr(lang, 'method.pvReplayYieldName'));
  if (marked.length) notes.push(tr(lang, 'method.unconfirmed', { names: marked.join(lang === 'zh' ? '、' : ', ') }));
  return notes;
}
