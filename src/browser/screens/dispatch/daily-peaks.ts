/**
 * Today's peak per feeder: tracked from every sample the screen sees (a feeder seen for the first time is seeded from
 * the store's minute means of the day), then joined to the history service's peak of the day, the higher of the two
 * with its time. Pure and copy-on-write: an unchanged feeder keeps its peak object, which the incremental rows compare.
 */
import { mergeDailyPeak } from './dispatch-history';
import { type DailyPeak, updateDailyPeak } from './dispatch-rows';

export interface LivePeaks {
  byId: ReadonlyMap<string, DailyPeak>;
  /** The last sample time taken per feeder, so a sample is counted once. */
  seenTs: ReadonlyMap<string, number>;
}

export const NO_LIVE_PEAKS: LivePeaks = { byId: new Map(), seenTs: new Map() };

export interface PeakSample {
  feederIds: readonly string[];
  devices: ReadonlyMap<string, { lastTs: number | null; latest: unknown }>;
  dayStartMs: number;
  /** The store's minute means of a feeder since the day started. */
  minutesOf: (id: string, sinceMs: number) => Iterable<[number, number]>;
}

export function trackLivePeaks(prev: LivePeaks, { feederIds, devices, dayStartMs: day, minutesOf }: PeakSample) {
  let byId: Map<string, DailyPeak> | null = null;
  let seenTs: Map<string, number> | null = null;
  const peakOf = (id: string) => (byId ?? prev.byId).get(id);
  const setPeak = (id: string, p: DailyPeak | undefined) => {
    if (p === peakOf(id)) return;
    byId ??= new Map(prev.byId);
    if (p) byId.set(id, p);
    else byId.delete(id);
  };
  for (const id of feederIds) {
    const v = devices.get(id);
    if (!v || v.lastTs === null || prev.seenTs.get(id) === v.lastTs) continue;
    if (!prev.seenTs.has(id))
      for (const [ts, p] of minutesOf(id, day)) setPeak(id, updateDailyPeak(peakOf(id), ts, p, day) ?? peakOf(id));
    seenTs ??= new Map(prev.seenTs);
    seenTs.set(id, v.lastTs);
    const p = (v.latest as { pKw?: number } | null)?.pKw;
    if (typeof p === 'number') setPeak(id, updateDailyPeak(peakOf(id), v.lastTs, p, day));
  }
  return byId || seenTs ? { byId: byId ?? prev.byId, seenTs: seenTs ?? prev.seenTs } : prev;
}

/** The live peaks joined to the history service's: a new map per call, the peak objects themselves kept. */
export function joinPeaks(
  feederIds: readonly string[],
  live: LivePeaks,
  history: ReadonlyMap<string, DailyPeak> | null | undefined,
  day: number,
): ReadonlyMap<string, DailyPeak> {
  const joined = new Map<string, DailyPeak>();
  for (const id of feederIds) {
    const p = mergeDailyPeak(live.byId.get(id), history?.get(id), day);
    if (p) joined.set(id, p);
  }
  return joined;
}
