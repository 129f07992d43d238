/**
 * The one CSV writer of the browser's exports (progress report, dispatcher tables): RFC 4180 quoting, CRLF line ends,
 * Beijing time as ISO 8601 with its offset, and saving through a temporary link with a BOM (spreadsheet programs open
 * UTF-8 with Chinese names correctly only with it). Machine-readable on purpose: plain numbers, no grouping.
 */
import { dayKey, formatClock } from '../../../core/time/shanghai';

/** Shanghai local time as ISO 8601 with its offset, e.g. 2026-03-01T00:00:00+08:00. */
export function shanghaiIso(tsMs: number): string {
  return `${dayKey(tsMs)}T${formatClock(tsMs)}+08:00`;
}

/** One field, quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows of fields as CSV text, CRLF after every line. */
export const csvText = (rows: readonly (readonly string[])[]): string =>
  `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;

/** A number rounded to `decimals` places, '' when there is none. */
export function csvNumber(v: number | null | undefined, decimals = 3): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  const m = 10 ** decimals;
  return String(Math.round(v * m) / m);
}

export function saveHref(href: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function saveCsv(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  saveHref(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
