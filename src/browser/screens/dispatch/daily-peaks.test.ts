import { describe, expect, it } from 'vitest';
import { joinPeaks, NO_LIVE_PEAKS, trackLivePeaks } from './daily-peaks';

const DAY = Date.UTC(2026, 0, 14, 16); // Shanghai midnight of the 15th
const H = 3_600_000;
const view = (ts: number, pKw: number) => ({ lastTs: ts, latest: { pKw } });
/** The store's f1 and f2, each last seen at [ts, pKw]. */
const twoFeeders = (f1: [number, number], f2: [number, number]) =>
  new Map([
    ['f1', view(...f1)],
    ['f2', view(...f2)],
  ]);

describe('trackLivePeaks', () => {
  const minutes = new Map<string, [number, number][]>([['f1', [[DAY + H, 900]]]]);
  const minutesOf = (id: string) => minutes.get(id) ?? [];

  it('seeds a feeder seen for the first time from the store minutes, then keeps the higher sample', () => {
    const a = trackLivePeaks(NO_LIVE_PEAKS, {
      feederIds: ['f1', 'f2'],
      devices: twoFeeders([DAY + 2 * H, 500], [DAY + 2 * H, 300]),
      dayStartMs: DAY,
      minutesOf,
    });
    expect(a.byId.get('f1')).toEqual({ dayStartMs: DAY, peakKw: 900, atMs: DAY + H });
    expect(a.byId.get('f2')).toEqual({ dayStartMs: DAY, peakKw: 300, atMs: DAY + 2 * H });
    const b = trackLivePeaks(a, {
      feederIds: ['f1', 'f2'],
      devices: twoFeeders([DAY + 3 * H, 1000], [DAY + 2 * H, 300]),
      dayStartMs: DAY,
      minutesOf,
    });
    expect(b.byId.get('f1')).toEqual({ dayStartMs: DAY, peakKw: 1000, atMs: DAY + 3 * H });
    expect(b.byId.get('f2')).toBe(a.byId.get('f2')); // unchanged feeder keeps its peak object
    expect(a.byId.get('f1')?.peakKw).toBe(900); // copy-on-write: the previous value is untouched
  });

  it('returns the previous value itself when no sample is new', () => {
    const input = { feederIds: ['f2'], devices: new Map([['f2', view(DAY + H, 10)]]), dayStartMs: DAY, minutesOf };
    const a = trackLivePeaks(NO_LIVE_PEAKS, input);
    expect(trackLivePeaks(a, input)).toBe(a);
  });
});

describe('joinPeaks', () => {
  it('takes the higher of live and history of the same day, history of another day not at all', () => {
    const live = trackLivePeaks(NO_LIVE_PEAKS, {
      feederIds: ['f1', 'f2'],
      devices: twoFeeders([DAY + H, 100], [DAY + H, 100]),
      dayStartMs: DAY,
      minutesOf: () => [],
    });
    const history = new Map([
      ['f1', { dayStartMs: DAY, peakKw: 200, atMs: DAY + 2 * H }],
      ['f2', { dayStartMs: DAY - 24 * H, peakKw: 500, atMs: DAY - H }],
    ]);
    const joined = joinPeaks(['f1', 'f2'], live, history, DAY);
    expect(joined.get('f1')?.peakKw).toBe(200);
    expect(joined.get('f2')?.peakKw).toBe(100);
  });
});
