import { describe, expect, it } from 'vitest';
import { intakeLosses, intakeSubstationIds } from './losses';

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
