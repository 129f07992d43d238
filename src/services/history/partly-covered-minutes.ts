/**
 * The minutes the recorder saw only part of. A province's power in a minute is the balance of the devices that
 * reported in it (province-minutes.ts): in a minute that recording began or ended inside, or the minute still being
 * recorded, only the devices that happened to report in the covered seconds count, so its power reads low (a false
 * dip in the day curve when the service restarted mid-minute). Such a minute's scope power is left out of a series
 * (series-query.ts); its energies stay, since a counter delta is true whatever part of the minute carried it.
 */
import { MINUTE_MS } from './shanghai-time';

export interface CoveredInterval {
  startMs: number;
  endMs: number;
}

/**
 * Minutes (since the epoch) in [fromMin, toMin) that the coverage touches but does not cover whole: where a recording
 * session began or ended off a minute boundary. Overlapping and touching intervals count as one (a minute recorded by
 * the seed up to 12:00:20 and live from 12:00:20 on is whole).
 */
export function partlyCoveredMinutes(intervals: readonly CoveredInterval[], fromMin: number, toMin: number): number[] {
  const sorted = [...intervals].sort((a, b) => a.startMs - b.startMs);
  const merged: CoveredInterval[] = [];
  for (const c of sorted) {
    const last = merged.at(-1);
    if (last && c.startMs <= last.endMs) last.endMs = Math.max(last.endMs, c.endMs);
    else merged.push({ ...c });
  }
  const out = new Set<number>();
  for (const c of merged) {
    if (c.endMs <= c.startMs) continue;
    if (c.startMs % MINUTE_MS !== 0) out.add(Math.floor(c.startMs / MINUTE_MS));
    if (c.endMs % MINUTE_MS !== 0) out.add(Math.floor(c.endMs / MINUTE_MS));
  }
  return [...out].filter((m) => m >= fromMin && m < toMin).sort((a, b) => a - b);
}
