/** The joins of history and live data on the dispatch screen, by hand-worked examples. */
import { describe, expect, it } from 'vitest';
import {
  consumptionFromToday,
  historyPeaksFrom,
  mergeAreaByProvince,
  mergeDailyPeak,
  mergeSparkline,
  sparkSeedFrom,
} from './dispatch-history';
import type { DailyPeak } from './dispatch-rows';

const DAY = Date.UTC(2026, 0, 14, 16); // 2026-01-15 00:00 Asia/Shanghai
const MIN = 60_000;
const at = (h: number, m = 0) => DAY + h * 3_600_000 + m * MIN;

describe('mergeDailyPeak', () => {
  const live: DailyPeak = { dayStartMs: DAY, peakKw: 900, atMs: at(10, 5) };
  const hist: DailyPeak = { dayStartMs: DAY, peakKw: 1200, atMs: at(8, 30) };

  it('takes the higher peak with its own time', () => {
    expect(mergeDailyPeak(live, hist, DAY)).toBe(hist);
    const higherLive = { ...live, peakKw: 1300 };
    expect(mergeDailyPeak(higherLive, hist, DAY)).toBe(higherLive);
  });

  it("keeps history's time on a tie (the same sample, first seen by the recorder)", () => {
    expect(mergeDailyPeak({ ...live, peakKw: 1200 }, hist, DAY)).toBe(hist);
  });

  it('uses whichever exists, and ignores a peak of another day', () => {
    expect(mergeDailyPeak(undefined, hist, DAY)).toBe(hist);
    expect(mergeDailyPeak(live, undefined, DAY)).toBe(live);
    expect(mergeDailyPeak(undefined, undefined, DAY)).toBeUndefined();
    const yesterday = { ...hist, dayStartMs: DAY - 86_400_000, peakKw: 5000 };
    expect(mergeDailyPeak(live, yesterday, DAY)).toBe(live);
    // After midnight neither of yesterday's peaks counts.
    expect(mergeDailyPeak(live, hist, DAY + 86_400_000)).toBeUndefined();
  });
});

describe('historyPeaksFrom', () => {
  const answer = (peakKw: number | null, peakAtMs: number | null) => ({
    dayStartMs: DAY,
    devices: [
      { id: 'f1', province: 'sc' as const, peakKw, peakAtMs, recentKw: [] },
      { id: 'f2', province: 'cq' as const, peakKw: 50, peakAtMs: at(9), recentKw: [] },
    ],
  });

  it('skips devices without a peak today', () => {
    const m = historyPeaksFrom(undefined, answer(null, null));
    expect([...m.keys()]).toEqual(['f2']);
    expect(m.get('f2')).toEqual({ dayStartMs: DAY, peakKw: 50, atMs: at(9) });
  });

  it('keeps the previous object when the peak did not move, so table rows stay the same objects', () => {
    const first = historyPeaksFrom(undefined, answer(700, at(7)));
    const second = historyPeaksFrom(first, answer(700, at(7)));
    expect(second.get('f1')).toBe(first.get('f1'));
    expect(second.get('f2')).toBe(first.get('f2'));
    const third = historyPeaksFrom(second, answer(710, at(11)));
    expect(third.get('f1')).toEqual({ dayStartMs: DAY, peakKw: 710, atMs: at(11) });
    expect(third.get('f2')).toBe(first.get('f2'));
  });
});

describe('mergeSparkline', () => {
  // History: 10:00–10:59 (60 minutes), the last two minutes not recorded yet.
  const kw = Array.from({ length: 60 }, (_, i) => (i >= 58 ? null : 100 + i));
  const history = { fromMs: at(10), stepMs: MIN, kw };

  it('draws history minutes, then live minutes after the last history minute', () => {
    const live: [number, number][] = [
      [at(10, 56), 999], // already in history: dropped
      [at(10, 57), 999], // the last history minute itself: dropped
      [at(10, 58), 500],
      [at(10, 59), 501],
      [at(11, 0), 502],
    ];
    const r = mergeSparkline(history, live, 3_600_000)!;
    expect(r.endMs).toBe(at(11, 0));
    // Window (10:00, 11:00]: history from 10:00 is exactly one hour before the end, so it is kept.
    expect(r.points[0]).toEqual([at(10, 0), 100]);
    expect(r.points.slice(-4)).toEqual([
      [at(10, 57), 157],
      [at(10, 58), 500],
      [at(10, 59), 501],
      [at(11, 0), 502],
    ]);
    expect(r.points.length).toBe(58 + 3);
  });

  it('is the live minutes alone without history, and history alone without live data', () => {
    const live: [number, number][] = [
      [at(11, 0), 1],
      [at(11, 1), 2],
    ];
    expect(mergeSparkline(undefined, live, 3_600_000)).toEqual({ endMs: at(11, 1), points: live });
    const r = mergeSparkline(history, [], 3_600_000)!;
    expect(r.endMs).toBe(at(10, 57));
    expect(r.points.length).toBe(58);
    expect(mergeSparkline(undefined, [], 3_600_000)).toBeNull();
    expect(mergeSparkline({ ...history, kw: kw.map(() => null) }, [], 3_600_000)).toBeNull();
  });

  it('keeps only the last hour when the page has been open longer than the history window', () => {
    const live: [number, number][] = Array.from({ length: 90 }, (_, i) => [at(11, i), i]);
    const r = mergeSparkline(history, live, 3_600_000)!;
    expect(r.endMs).toBe(at(12, 29));
    expect(r.points[0]).toEqual([at(11, 29), 29]);
    expect(r.points.length).toBe(61);
  });

  it('reads the seed built from a service answer', () => {
    const seed = sparkSeedFrom({
      recentFromMs: at(10),
      stepMs: MIN,
      devices: [{ id: 'f1', province: 'sc', peakKw: null, peakAtMs: null, recentKw: kw }],
    });
    expect(seed.byId.get('f1')).toBe(kw);
    expect(seed.fromMs).toBe(at(10));
  });
});

describe('area by province', () => {
  it("joins yesterday's and today's curves of an /api/today answer", () => {
    const day = (startMs: number, v: number) => ({
      startMs,
      series: { consumptionKw: [[startMs, v]] as [number, number | null][] },
      energiesKwh: {},
      peakConsumption: null,
    });
    expect(consumptionFromToday({ yesterday: day(DAY - 86_400_000, 1), today: day(DAY, 2) })).toEqual([
      [DAY - 86_400_000, 1],
      [DAY, 2],
    ]);
  });

  it('uses history up to the first live sample, on the minutes both provinces have, then live', () => {
    const history = {
      sc: [
        [at(9), 10],
        [at(9, 1), 11],
        [at(9, 2), 12],
        [at(9, 3), 13],
      ] as [number, number | null][],
      // One minute short: the two requests straddled a minute boundary.
      cq: [
        [at(9), 20],
        [at(9, 1), null],
        [at(9, 2), 22],
      ] as [number, number | null][],
    };
    const live = {
      sc: [
        [at(9, 2) + 30_000, 100],
        [at(9, 2) + 35_000, 101],
      ] as [number, number][],
      cq: [
        [at(9, 2) + 30_000, 200],
        [at(9, 2) + 35_000, 201],
      ] as [number, number][],
    };
    const r = mergeAreaByProvince(history, live, at(9, 1));
    expect(r.sc).toEqual([
      [at(9, 1), 11],
      [at(9, 2), 12],
      [at(9, 2) + 30_000, 100],
      [at(9, 2) + 35_000, 101],
    ]);
    expect(r.cq).toEqual([
      [at(9, 1), null],
      [at(9, 2), 22],
      [at(9, 2) + 30_000, 200],
      [at(9, 2) + 35_000, 201],
    ]);
    expect(r.sc.map((p) => p[0])).toEqual(r.cq.map((p) => p[0]));
  });

  it('is live only without history, and history only before any live sample', () => {
    const live = { sc: [[at(9), 1]] as [number, number][], cq: [[at(9), 2]] as [number, number][] };
    expect(mergeAreaByProvince(null, live, at(8))).toEqual(live);
    const history = { sc: [[at(9), 5]] as [number, number | null][], cq: [[at(9), 6]] as [number, number | null][] };
    expect(mergeAreaByProvince(history, { sc: [], cq: [] }, at(8))).toEqual(history);
  });
});
