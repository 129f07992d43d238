import { describe, expect, it } from 'vitest';
import { intakeLosses, intakeLossesOfParts, intakeSubstationIds, lossesFigure, lossTerms, newLossDay } from './losses';

describe('losses between the 220 kV intake and the feeder heads (hand-worked)', () => {
  it('two intakes, three feeders: 10 030 − 9 950 = 80 kW, 0.80 % of the intake', () => {
    // 6 020 + 4 010 = 10 030 in; 3 300 + 3 350 + 3 300 = 9 950 at the heads; 80 / 10 030 = 0.7976 %.
    const r = intakeLosses([6020, 4010], [3300, 3350, 3300]);
    expect(r).toEqual({ computable: true, intake: 10_030, feederHeads: 9950, losses: 80, pctOfIntake: 80 / 100.3 });
    expect(r.computable && r.pctOfIntake?.toFixed(2)).toBe('0.80');
  });

  it('exporting through the intake: −985 − (−995) = 10 kW of losses, no share of a negative intake', () => {
    // PV pushes 995 kW out at the heads; 10 kW is used on the way, so 985 kW leaves at 220 kV.
    expect(intakeLosses([-985], [-500, -495])).toEqual({
      computable: true,
      intake: -985,
      feederHeads: -995,
      losses: 10,
      pctOfIntake: null,
    });
  });

  it('one side importing, the other exporting: the sums still balance', () => {
    // 1 200 − 300 = 900 in; 1 180 − 310 = 870 at the heads: 30 kW.
    const r = intakeLosses([1200, -300], [1180, -310]);
    expect(r.computable && r.losses).toBe(30);
  });

  it('a missing intake or feeder head is not computable, never a smaller number', () => {
    expect(intakeLosses([6020, null], [3300])).toEqual({ computable: false, reason: 'intake-missing' });
    expect(intakeLosses([], [3300])).toEqual({ computable: false, reason: 'intake-missing' });
    expect(intakeLosses([6020], [3300, null])).toEqual({ computable: false, reason: 'feeder-missing' });
    expect(intakeLosses([6020], [3300, Number.NaN])).toEqual({ computable: false, reason: 'feeder-missing' });
  });

  it('an intake below the feeder heads is inconsistent, not a negative loss', () => {
    expect(intakeLosses([9900], [5000, 5000])).toEqual({ computable: false, reason: 'inconsistent' });
  });

  it('no intake and no load: zero losses, no share', () => {
    expect(intakeLosses([0], [0])).toEqual({
      computable: true,
      intake: 0,
      feederHeads: 0,
      losses: 0,
      pctOfIntake: null,
    });
  });

  it('the intake is the substations with no upstream one', () => {
    const subs = [
      { id: 'a-220', parentIds: [] },
      { id: 'b-110', parentIds: ['a-220'] },
      { id: 'c-220', parentIds: [] },
      { id: 'd-110', parentIds: ['a-220', 'c-220'] },
    ];
    expect(intakeSubstationIds(subs)).toEqual(['a-220', 'c-220']);
  });
});

describe('the area’s losses from its parts (a sharded live service’s provinces)', () => {
  it('adds the parts’ sums, not their differences: a 110 kV station fed across the border', () => {
    // Sichuan's 220 kV station takes in 6 000 kW and its feeders draw 6 500 kW: 600 kW of its feeders' supply comes
    // across the border from Chongqing's 220 kV station (4 100 in, 3 450 at its own heads). Each province's difference
    // (−500, +650) is no loss; the area's is 10 100 − 9 950 = 150 kW.
    const sc = lossTerms([6000], [3000, 3500]);
    const cq = lossTerms([4100], [3450]);
    expect(sc).toEqual({ intakeKw: 6000, feederHeadsKw: 6500 });
    const area = intakeLossesOfParts([sc, cq]);
    expect(area).toEqual(intakeLosses([6000, 4100], [3000, 3500, 3450]));
    expect(area.computable && area.losses).toBe(150);
  });

  it('a part without a live term makes the area not computable, with which term', () => {
    expect(lossTerms([6000], [3000, null])).toEqual({ intakeKw: 6000, feederHeadsKw: null });
    expect(lossTerms([], [1])).toEqual({ intakeKw: null, feederHeadsKw: 1 });
    const ok = { intakeKw: 100, feederHeadsKw: 99 };
    expect(intakeLossesOfParts([ok, { intakeKw: null, feederHeadsKw: 5 }])).toEqual({
      computable: false,
      reason: 'intake-missing',
    });
    expect(intakeLossesOfParts([ok, { intakeKw: 5, feederHeadsKw: null }])).toEqual({
      computable: false,
      reason: 'feeder-missing',
    });
    expect(intakeLossesOfParts([])).toEqual({ computable: false, reason: 'intake-missing' });
  });
});

describe('today’s losses: trapezoids between computable instants (hand-worked)', () => {
  const DAY = 1_000_000;
  const at = (intake: number, heads: number) => intakeLosses([intake], [heads]);
  it('two instants 36 s apart: (100+120)/2 × 0.01 h − (99+118)/2 × 0.01 h = 0.015 kWh', () => {
    let day = newLossDay(DAY);
    day = lossesFigure(at(100, 99), DAY + 1_000, DAY, day).day;
    const { figure } = lossesFigure(at(120, 118), DAY + 37_000, DAY, day);
    expect(figure.kw).toBe(2);
    expect(figure.today.countedMs).toBe(36_000);
    expect(figure.today.countedSinceMs).toBe(DAY + 1_000);
    expect(figure.today.kwh).toBeCloseTo(1.1 - 1.085, 9);
  });
  it('an instant not computable breaks the chain; a new day starts from nothing', () => {
    let day = lossesFigure(at(100, 99), DAY + 1_000, DAY, newLossDay(DAY)).day;
    day = lossesFigure({ computable: false, reason: 'feeder-missing' }, DAY + 2_000, DAY, day).day;
    const gap = lossesFigure(at(100, 99), DAY + 3_000, DAY, day);
    expect(gap.figure.today).toMatchObject({ kwh: null, countedMs: 0 });
    const next = lossesFigure(at(100, 99), DAY + 90_000_000, DAY + 86_400_000, gap.day);
    expect(next.figure.today).toMatchObject({ kwh: null, countedMs: 0, countedSinceMs: DAY + 90_000_000 });
  });
});
