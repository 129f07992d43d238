/** The report's two CSV files (per-bucket detail, period summary against last year) from what the screen shows. */
import type { AreaConfig } from '../../../core/config/area-schema';
import { carbonFactorsFromConfig } from '../../../core/domain/carbon';
import type { Lang } from '../../../core/lang';
import { factorNote } from './factor-notes';
import { cutOffMs, lastYearOf } from './period';
import { type CsvKind, csvFileName, detailCsv, summaryCsv } from './progress-csv';
import type { LoadedProgress } from './progress-data';
import { progressFigures, progressSeries } from './progress-figures';

export interface CsvFile {
  text: string;
  fileName: string;
}

export function progressCsv(loaded: LoadedProgress, area: AreaConfig, lang: Lang, what: CsvKind): CsvFile {
  const factors = carbonFactorsFromConfig(area);
  const fileName = csvFileName(loaded.period, what);
  if (what === 'detail') {
    const series = progressSeries(loaded.current, factors, area.targets, loaded.period.toMs);
    const efYear = { sc: area.emissionFactors.sc.year, cq: area.emissionFactors.cq.year };
    return { text: detailCsv(series, factors, efYear), fileName };
  }
  const cut = cutOffMs(loaded.period, loaded.nowMs);
  const figures = progressFigures(loaded.current, loaded.lastYear, factors);
  const ly = lastYearOf(loaded.period.kind, loaded.period.fromMs, cut);
  const text = summaryCsv(figures, { fromMs: loaded.period.fromMs, toMs: cut }, ly, (id, scope) =>
    factorNote(area, id, scope, lang),
  );
  return { text, fileName };
}
