import { describe, expect, it } from 'vitest';
import { todayResponseSchema as todaySchema } from '../../core/contract/history-api';
import { curvePeak, mergeDayCurve, recentWindow, shiftCurve, sumPoints, todayEnergies, todayEnergyBase } from './today';

const DAY = Date.UTC(2026, 10, 25, 16); // 2026-11-26 00:00 Shanghai
const M = 60_000;

describe('mergeDayCurve', () => {
  it('uses history where it has values and live minutes after its last value', () => {
    const history = [
      [DAY, null],
      [DAY + M, 100],
      [DAY + 2 * M, 110],
      [DAY + 3 * M, null],
    ] as [number, number | null][];
    const live: [number, number][] = [
      [DAY + 2 * M, 5], // partial first minute of the page: history wins
      [DAY + 3 * M, 120],
      [DAY + 4 * M, 130],
    ];
    expect(mergeDayCurve(history, live, DAY, DAY + 4 * M + 30_000)).toEqual([
      [DAY, null],
      [DAY + M, 100],
      [DAY + 2 * M, 110],
      [DAY + 3 * M, 120],
      [DAY + 4 * M, 130],
    ]);
  });
  it('without history, the live minutes alone; never yesterday or the future', () => {
    const live: [number, number][] = [
      [DAY - M, 1],
      [DAY + M, 2],
      [DAY + 10 * M, 3],
    ];
    expect(mergeDayCurve(undefined, live, DAY, DAY + 5 * M)).toEqual([[DAY + M, 2]]);
  });
});

describe('curves', () => {
  it('shifts yesterday onto today and finds the peak', () => {
    expect(shiftCurve([[DAY - 86_400_000, 5]], 86_400_000)).toEqual([[DAY, 5]]);
    expect(
      curvePeak([
        [1, null],
        [2, 7],
        [3, 9],
        [4, 3],
      ]),
    ).toEqual({ kw: 9, atMs: 3 });
    expect(curvePeak([[1, null]])).toBeNull();
  });
  it('sums series points and counts gaps', () => {
    expect(
      sumPoints([
        [1, 2],
        [2, null],
        [3, 3],
      ]),
    ).toEqual({ sum: 5, gaps: 1 });
    expect(sumPoints([[1, null]])).toBeNull();
  });
});

describe('todayEnergies', () => {
  const page = {
    sc: { eImportKwh: 50, ePvKwh: 10, eEvKwh: 2, observedSinceMs: DAY + 900 * M },
    cq: { eImportKwh: 40, ePvKwh: 5, eEvKwh: 1, observedSinceMs: DAY + 901 * M },
  };
  it('history up to its fetch plus what the page counted after it', () => {
    const base = {
      dayStartMs: DAY,
      coveredSinceMs: DAY,
      historyKwh: {
        sc: { eImportKwh: 1000, ePvKwh: 100, eEvKwh: 20 },
        cq: { eImportKwh: 800, ePvKwh: 50, eEvKwh: 10 },
      },
      pageKwhAtFetch: { sc: { eImportKwh: 20, ePvKwh: 4, eEvKwh: 1 }, cq: { eImportKwh: 10, ePvKwh: 1, eEvKwh: 0 } },
    };
    const e = todayEnergies(page, DAY, base);
    expect(e.fromHistory).toBe(true);
    expect(e.countedSinceMs).toBe(DAY);
    expect(e.byProvince.sc).toEqual({ eImportKwh: 1030, ePvKwh: 106, eEvKwh: 21 });
    expect(e.byProvince.cq).toEqual({ eImportKwh: 830, ePvKwh: 54, eEvKwh: 11 });
  });
  it('without history (or yesterday’s), the page counts alone and says since when', () => {
    const e = todayEnergies(page, DAY, null);
    expect(e.fromHistory).toBe(false);
    expect(e.countedSinceMs).toBe(DAY + 901 * M);
    expect(e.byProvince.sc.ePvKwh).toBe(10);
  });
});

describe('todaySchema', () => {
  it('rejects a response of the wrong shape instead of half-using it', () => {
    expect(todaySchema.safeParse({ entity: 'area', nowMs: 1 }).success).toBe(false);
  });
});

const today = (
  startMs: number,
  e: Record<string, number | null>,
  series: Record<string, [number, number | null][]> = {},
) =>
  todaySchema.parse({
    entity: 'sc',
    timeZone: 'Asia/Shanghai',
    step: '1m',
    nowMs: startMs + 900 * M,
    today: { startMs, series, energiesKwh: e, peakConsumption: null },
    yesterday: { startMs: startMs - 1440 * M, series: {}, energiesKwh: {}, peakConsumption: null },
  });

describe('todayEnergyBase', () => {
  const kwh = { sc: { eImportKwh: 20, ePvKwh: 4, eEvKwh: 1 }, cq: { eImportKwh: 10, ePvKwh: 1, eEvKwh: 0 } };
  const full = { eImportKwh: 1000, ePvKwh: 100, eEvKwh: 20 };
  it('both provinces of the same day, with the page counters at the fetch', () => {
    const b = todayEnergyBase(today(DAY, full), today(DAY, full), { dayStartMs: DAY, kwh });
    expect(b?.dayStartMs).toBe(DAY);
    expect(b?.coveredSinceMs).toBe(DAY);
    expect(b?.historyKwh.sc).toEqual(full);
    expect(b?.pageKwhAtFetch).toEqual(kwh);
  });
  it('says from when the service recorded the day', () => {
    const series = {
      gridImportKw: [
        [DAY, null],
        [DAY + 5 * M, 1],
      ] as [number, number | null][],
    };
    const b = todayEnergyBase(today(DAY, full, series), today(DAY, full), { dayStartMs: DAY, kwh });
    expect(b?.coveredSinceMs).toBe(DAY + 5 * M);
  });
  it('a page still on the previous day had counted nothing of this one', () => {
    const b = todayEnergyBase(today(DAY, full), today(DAY, full), { dayStartMs: DAY - 1440 * M, kwh });
    expect(b?.pageKwhAtFetch.sc).toEqual({ eImportKwh: 0, ePvKwh: 0, eEvKwh: 0 });
  });
  it('null when an energy is missing, a province did not answer, or the days differ', () => {
    const page = { dayStartMs: DAY, kwh };
    expect(todayEnergyBase(today(DAY, { ...full, ePvKwh: null }), today(DAY, full), page)).toBeNull();
    expect(todayEnergyBase(today(DAY, full), null, page)).toBeNull();
    expect(todayEnergyBase(today(DAY, full), today(DAY - 1440 * M, full), page)).toBeNull();
  });
});

describe('recentWindow', () => {
  it('history minutes before the first live sample, then the live samples; across midnight', () => {
    const r = todaySchema.parse({
      entity: 'area',
      timeZone: 'Asia/Shanghai',
      step: '1m',
      nowMs: DAY + 10 * M,
      today: {
        startMs: DAY,
        series: {
          pvKw: [
            [DAY, 3],
            [DAY + M, null],
            [DAY + 2 * M, 5],
            [DAY + 3 * M, 6],
            [DAY + 4 * M, 7],
          ],
        },
        energiesKwh: {},
        peakConsumption: null,
      },
      yesterday: {
        startMs: DAY - 1440 * M,
        series: {
          pvKw: [
            [DAY - 20 * M, 0.5],
            [DAY - 2 * M, 1],
            [DAY - M, 2],
          ],
        },
        energiesKwh: {},
        peakConsumption: null,
      },
    });
    const live: [number, number][] = [
      [DAY + 3 * M + 5_000, 60],
      [DAY + 3 * M + 10_000, 61],
    ];
    expect(recentWindow(r, 'pvKw', live, DAY - 5 * M, DAY + 4 * M)).toEqual([
      [DAY - 2 * M, 1],
      [DAY - M, 2],
      [DAY, 3],
      [DAY + 2 * M, 5],
      [DAY + 3 * M, 6],
      [DAY + 3 * M + 5_000, 60],
      [DAY + 3 * M + 10_000, 61],
    ]);
  });
  it('without history, the live samples alone', () => {
    expect(recentWindow(null, 'pvKw', [[DAY, 1]], DAY - M, DAY + M)).toEqual([[DAY, 1]]);
  });
});
