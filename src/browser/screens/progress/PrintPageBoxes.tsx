/**
 * The printed report's running header and page numbers, as CSS @page margin boxes (Chromium prints them, in its
 * print dialog and its print-to-PDF alike): the product and report title with the period top left, when it was
 * printed (Beijing time) top right, "page / pages" bottom right. A plain <style> because margin-box content is a CSS
 * string: the period and the print time are known only here, and the time is taken again at each `beforeprint`.
 */
import { useEffect, useState } from 'react';
import { formatClock } from '../../../core/time/shanghai';
import { shanghaiIso } from '../../ui/format/csv';

interface Props {
  title: string;
  /** e.g. "printed 2026-12-02 15:30" in the language shown; {time} is replaced. */
  printedAt: (time: string) => string;
  nowMs: () => number;
}

/** A CSS string literal of any text. */
export function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\A ')}"`;
}

export function printPageCss(title: string, printed: string): string {
  return `@media print {
  @page {
    margin: 14mm 9mm 12mm;
    @top-left { content: ${cssString(title)}; font-size: 9px; color: #33414e; }
    @top-right { content: ${cssString(printed)}; font-size: 9px; color: #33414e; }
    @bottom-right { content: counter(page) " / " counter(pages); font-size: 9px; color: #33414e; }
  }
}`;
}

const beijingMinute = (ms: number) => `${shanghaiIso(ms).slice(0, 10)} ${formatClock(ms).slice(0, 5)}`;

export function PrintPageBoxes({ title, printedAt, nowMs }: Props) {
  const [printedMs, setPrintedMs] = useState(nowMs);
  useEffect(() => {
    const before = () => setPrintedMs(nowMs());
    window.addEventListener('beforeprint', before);
    return () => window.removeEventListener('beforeprint', before);
  }, [nowMs]);
  return <style data-testid="print-page-boxes">{printPageCss(title, printedAt(beijingMinute(printedMs)))}</style>;
}
