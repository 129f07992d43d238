/**
 * CSV export of a dispatcher's table as it is shown: the rows the filters let through, in the table's sort order
 * (inside each substation group when grouped), the visible columns with their units in the header. Values from the
 * columns' own `csv` (see columns.tsx): numbers plain, times in Beijing time with +08:00, names in the language shown.
 */
import type { Lang } from '../../../core/lang';
import { csvText, shanghaiIso } from '../../ui/format/csv';
import { dt } from './dispatch-messages';
import type { GridColumnMeta } from './use-device-table';

export interface CsvColumn {
  id: string;
  meta: GridColumnMeta;
}

/** The header text of a column: its label and, when it has one, its unit in brackets. */
export function csvHeader(meta: GridColumnMeta, lang: Lang): string {
  const unit = meta.csvUnit ?? meta.unit;
  return unit ? `${dt(lang, meta.label)} (${unit})` : dt(lang, meta.label);
}

export function tableCsv<R>(columns: readonly CsvColumn[], rows: readonly R[], lang: Lang): string {
  const exported = columns.filter((c) => c.meta.csv);
  return csvText([
    exported.map((c) => csvHeader(c.meta, lang)),
    ...rows.map((r) => exported.map((c) => (c.meta.csv as NonNullable<GridColumnMeta['csv']>)(r, lang))),
  ]);
}

/** A row model's device rows in display order: a group row's devices where the group stands. */
export function leafRowsInOrder<R>(rows: readonly GroupedRow<R>[]): R[] {
  const out: R[] = [];
  const walk = (rs: readonly GroupedRow<R>[]) => {
    for (const r of rs) {
      if (r.getIsGrouped()) walk(r.subRows);
      else out.push(r.original);
    }
  };
  walk(rows);
  return out;
}

interface GroupedRow<R> {
  original: R;
  subRows: readonly GroupedRow<R>[];
  getIsGrouped(): boolean;
}

/** 'gaozhu-dispatch-<table>-<yyyy-mm-dd>T<hh-mm-ss>.csv' in Beijing time of the moment exported. */
export function tableCsvFileName(table: string, nowMs: number): string {
  const iso = shanghaiIso(nowMs).replace('+08:00', '').replace(/:/g, '-');
  return `gaozhu-dispatch-${table}-${iso}.csv`;
}
