/** How the reliability section writes its figures: decimals per indicator, verdicts, months and the recorded share. */
import type { Lang } from '../../../core/lang';
import { DASH, formatNumber } from '../../ui/format/number';
import { MONTH_LABEL, type ProgressTr } from './progress-messages';
import type { ReliabilityRow } from './reliability-view';

export const pct3 = (v: number | null | undefined, lang: Lang) => formatNumber(v ?? null, lang, { decimals: 3 });
/**
 * RS-1 with four decimals (a minute per customer in a month moves it by 0.0023 pp), cut rather than rounded, so a
 * period with any interruption never reads 100 %.
 */
export const rs1Text = (v: number | null | undefined, lang: Lang) =>
  formatNumber(v === null || v === undefined ? null : Math.floor(v * 1e4) / 1e4, lang, { decimals: 4 });
export const min2 = (v: number | null | undefined, lang: Lang) => formatNumber(v ?? null, lang, { decimals: 2 });

export function seconds(v: number | null, lang: Lang): string {
  if (v === null) return DASH;
  return v < 120 ? `${formatNumber(v, lang, { decimals: 0 })} s` : `${formatNumber(v / 60, lang, { decimals: 1 })} min`;
}

export function verdict(met: boolean | null, tr: ProgressTr): string {
  if (met === null) return '';
  return met ? ` ✓ ${tr('rel.met')}` : ` ✗ ${tr('rel.missed')}`;
}

export function monthLabel(key: string, tr: ProgressTr): string {
  if (key === 'ytd') return tr('rel.ytd');
  const m = Number(key.slice(5, 7));
  return tr(MONTH_LABEL[m - 1] ?? 'month.1');
}

export function recordedPct(row: ReliabilityRow, lang: Lang): string {
  // A few minutes of a year round to 0 %: say "< 1 %" rather than a zero that reads as "nothing".
  return row.recordedPct > 0 && row.recordedPct < 1
    ? '< 1%'
    : `${formatNumber(row.recordedPct, lang, { decimals: 0 })}%`;
}

export function recordedText(row: ReliabilityRow, lang: Lang, tr: ProgressTr): string {
  if (row.recorded === 'none') return tr('rel.notRecordedCell');
  const pct = recordedPct(row, lang);
  return row.recorded === 'partial' ? `${pct} (${tr('rel.partial')})` : pct;
}
