/** How the screens tab words its figures: pure, so the rounding is tested without a browser. */
import type { ScreensMessageId } from './screens-messages';

/** An age in the largest unit that keeps it readable: 42 s, 7 min, 3 h (whole units, rounded down: "7 min" is at
 * least seven minutes, never an overstatement of freshness). */
export function durationWords(seconds: number): { id: ScreensMessageId; n: number } {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 120) return { id: 'unit.s', n: s };
  if (s < 2 * 3600) return { id: 'unit.min', n: Math.floor(s / 60) };
  return { id: 'unit.h', n: Math.floor(s / 3600) };
}

/** Heap in MB with one decimal below 10 MB, whole above; null where the browser does not say. */
export function heapMb(bytes: number | null): number | null {
  if (bytes === null) return null;
  const mb = bytes / 2 ** 20;
  return mb < 10 ? Math.round(mb * 10) / 10 : Math.round(mb);
}
