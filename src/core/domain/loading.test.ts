import { describe, expect, it } from 'vitest';
import {
  apparentPowerKva,
  frequencyState,
  loadingRate,
  loadingRatePct,
  loadingState,
  ratedCurrentA,
  voltageDeviationPct,
  voltageState,
} from './loading';

/** `classify` puts every one of `inputs` in `state` (the input named on a failure). */
function expectEach(classify: (x: number) => string | null, inputs: number[], state: string) {
  for (const x of inputs) expect(classify(x), `${x}`).toBe(state);
}

describe('ratedCurrentA', () => {
  it('is S / (√3 · U), rounded: 8 MVA at 10 kV carries 462 A', () => {
    expect(ratedCurrentA(8, 10)).toBe(462);
    expect(ratedCurrentA(6, 10)).toBe(346);
  });
});

describe('apparentPowerKva', () => {
  it('is the hypotenuse of P and Q', () => {
    // √(3000² + 4000²) = √(9e6 + 16e6) = √25e6 = 5000 kVA
    expect(apparentPowerKva(3000, 4000)).toBe(5000);
  });
  it('counts reverse flow the same as forward flow', () => {
    // √((−3000)² + 4000²) = 5000 kVA
    expect(apparentPowerKva(-3000, 4000)).toBe(5000);
  });
});

describe('loadingRate', () => {
  it('uses S / S_rated when only power is known', () => {
    // S = √(3000² + 4000²) = 5000 kVA; 5000 / (7 MVA × 1000) = 71.43 %
    const r = loadingRate({ pKw: 3000, qKvar: 4000, ratedMva: 7 });
    expect(r.basis).toBe('power');
    expect(r.pct).toBeCloseTo(71.4286, 3);
  });
  it('uses I / I_rated when only current is known', () => {
    // 303 A / 404 A = 75 %
    expect(loadingRatePct({ iA: 303, ratedA: 404 })).toBeCloseTo(75, 9);
  });
  it('takes the larger of the two (current binds when the voltage sags)', () => {
    // power: 5000 / 7000 = 71.43 %; current: 343.4 / 404 = 85 % → 85 %, basis current
    const r = loadingRate({ pKw: 3000, qKvar: 4000, ratedMva: 7, iA: 343.4, ratedA: 404 });
    expect(r.basis).toBe('current');
    expect(r.pct).toBeCloseTo(85, 9);
    expect(r.powerPct).toBeCloseTo(71.4286, 3);
  });
  it('takes power when it is the larger', () => {
    // power: 5000 / 5000 = 100 %; current: 202 / 404 = 50 % → 100 %
    const r = loadingRate({ pKw: 3000, qKvar: 4000, ratedMva: 5, iA: 202, ratedA: 404 });
    expect(r.basis).toBe('power');
    expect(r.pct).toBeCloseTo(100, 9);
  });
  it('treats a missing Q as 0 when P is known', () => {
    // |−3500| / 7000 = 50 %
    expect(loadingRatePct({ pKw: -3500, ratedMva: 7 })).toBeCloseTo(50, 9);
  });
  it('is null when nothing usable is known', () => {
    expect(loadingRate({ pKw: Number.NaN, ratedMva: 7, iA: 100 })).toEqual({
      pct: null,
      powerPct: null,
      currentPct: null,
      basis: null,
    });
  });
});

describe('loadingState', () => {
  it('classifies with the default thresholds 80 % / 100 %, limits inclusive', () => {
    expectEach(loadingState, [79.9], 'normal');
    expectEach(loadingState, [80, 99.99], 'heavy');
    expectEach(loadingState, [100, 130], 'overload');
  });
  it('follows configured thresholds', () => {
    // heavy from 70, overload from 90: 75 → heavy, 90 → overload
    const t = { heavyLoadingPct: 70, overloadLoadingPct: 90 };
    expect(loadingState(75, t)).toBe('heavy');
    expect(loadingState(90, t)).toBe('overload');
  });
  it('is null for an unknown rate', () => {
    expect(loadingState(null)).toBeNull();
    expect(loadingState(Number.NaN)).toBeNull();
  });
});

describe('voltage', () => {
  it('computes the deviation from nominal', () => {
    // (10.35 − 10) / 10 × 100 = 3.5 %
    expect(voltageDeviationPct(10.35, 10)).toBeCloseTo(3.5, 9);
    // (9.2 − 10) / 10 × 100 = −8 %
    expect(voltageDeviationPct(9.2, 10)).toBeCloseTo(-8, 9);
    expect(voltageDeviationPct(10, 0)).toBeNull();
  });
  it('accepts ±7 % inclusive and flags beyond it', () => {
    // 10.7 kV → +7 % (at the limit, still normal); 10.71 kV → +7.1 % high; 9.2 kV → −8 % low
    expect(voltageState(voltageDeviationPct(10.7, 10))).toBe('normal');
    expect(voltageState(voltageDeviationPct(9.3, 10))).toBe('normal');
    expect(voltageState(voltageDeviationPct(10.71, 10))).toBe('high');
    expect(voltageState(voltageDeviationPct(9.2, 10))).toBe('low');
    expect(voltageState(null)).toBeNull();
  });
});

describe('frequencyState', () => {
  it('accepts 50 ± 0.2 Hz inclusive', () => {
    // 50.2 − 50 = 0.2 ≤ 0.2 → normal; 50.25 − 50 = 0.25 > 0.2 → high; 49.75 − 50 = −0.25 → low
    expectEach(frequencyState, [50.2, 49.8], 'normal');
    expectEach(frequencyState, [50.25], 'high');
    expectEach(frequencyState, [49.75], 'low');
    expect(frequencyState(undefined)).toBeNull();
  });
});
