import { describe, expect, it } from 'vitest';
import { type CurvePoint, joinCurve } from './curve-join';

const M = 60_000;

describe("joinCurve, handover 'afterHistory' (day curves: history wins)", () => {
  const opts = { handover: 'afterHistory', gaps: true, fromMs: 0, toMs: 10 * M, liveStepMs: M } as const;
  it('keeps history with its gaps, drops its trailing nulls and takes live minutes after its last value', () => {
    const history: CurvePoint[] = [
      [0, 10],
      [M, null],
      [2 * M, 12],
      [3 * M, null],
      [4 * M, null],
    ];
    // Live at 1 and 2 min is covered by history (its last value is at 2 min); 2.5 min comes after and is floored.
    const live: CurvePoint[] = [
      [M, 99],
      [2 * M, 98],
      [2.5 * M, 13],
      [3 * M + 5_000, 14],
    ];
    expect(joinCurve(history, live, opts)).toEqual([
      [0, 10],
      [M, null],
      [2 * M, 12],
      [2 * M, 13],
      [3 * M, 14],
    ]);
  });
  it('drops points outside [fromMs, toMs] and non-finite live values', () => {
    const r = joinCurve(
      [
        [-M, 1],
        [0, Number.NaN],
      ],
      [
        [M, Number.POSITIVE_INFINITY],
        [2 * M, 5],
        [11 * M, 6],
      ],
      opts,
    );
    // NaN in history is an unrecorded minute: a gap, then dropped as trailing (no history value at all).
    expect(r).toEqual([[2 * M, 5]]);
  });
  it('is the live minutes alone without history', () => {
    expect(joinCurve(undefined, [[M + 1, 3]], opts)).toEqual([[M, 3]]);
  });
});

describe("joinCurve, handover 'beforeLive' (live windows: live wins)", () => {
  it('uses history before the first live sample in range, sorted, without nulls, then live', () => {
    const history: CurvePoint[] = [
      [3 * M, 30],
      [M, 10],
      [2 * M, null],
      [5 * M, 50],
    ];
    const live: CurvePoint[] = [
      [-M, 0],
      [4 * M, 40],
      [4.5 * M, 45],
      [9 * M, 90],
    ];
    const r = joinCurve(history, live, { handover: 'beforeLive', gaps: false, fromMs: 0, toMs: 8 * M });
    expect(r).toEqual([
      [M, 10],
      [3 * M, 30],
      [4 * M, 40],
      [4.5 * M, 45],
    ]);
  });
  it('keeps nulls as gaps when asked, with no range', () => {
    const r = joinCurve(
      [
        [0, 1],
        [M, null],
        [2 * M, 2],
      ],
      [
        [2 * M, 3],
        [3 * M, null],
      ],
      { handover: 'beforeLive', gaps: true },
    );
    expect(r).toEqual([
      [0, 1],
      [M, null],
      [2 * M, 3],
      [3 * M, null],
    ]);
  });
});
