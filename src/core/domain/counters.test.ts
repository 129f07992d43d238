import { describe, expect, it } from 'vitest';
import {
  counterStep,
  dayRegisterCount,
  dayRegisterFrom,
  energyFromCounter,
  energySinceKwh,
  firstIndexAtOrAfter,
  integrateEnergyKwh,
  partialDayStartMs,
  stepDayRegister,
} from './counters';

const MIN = 60_000;
const T0 = Date.UTC(2025, 5, 1, 0, 0, 0);

describe('energyFromCounter', () => {
  it('sums positive deltas, skips duplicates and out-of-order samples, restarts after a reset', () => {
    // 100 → 103 (+3) → dup (ignored) → older (ignored) → 108 (+5) → 2 (reset, +0) → 7 (+5): 3 + 5 + 0 + 5 = 13 kWh
    const r = energyFromCounter([
      { ts: T0, counterKwh: 100 },
      { ts: T0 + 5 * MIN, counterKwh: 103 },
      { ts: T0 + 5 * MIN, counterKwh: 103 },
      { ts: T0 + 3 * MIN, counterKwh: 999 },
      { ts: T0 + 10 * MIN, counterKwh: 108 },
      { ts: T0 + 15 * MIN, counterKwh: 2 },
      { ts: T0 + 20 * MIN, counterKwh: 7 },
    ]);
    expect(r.energyKwh).toBe(13);
    expect(r.resets).toBe(1);
    expect(r.ignored).toBe(2);
    expect(r.samplesUsed).toBe(5);
    expect(r.firstTs).toBe(T0);
    expect(r.lastTs).toBe(T0 + 20 * MIN);
    expect(r.gaps).toEqual([]);
  });

  it('counts energy across a gap but reports the gap', () => {
    // 100 → 130 over 30 min with a 10 min limit: +30 kWh, one 30-min gap
    const r = energyFromCounter(
      [
        { ts: T0, counterKwh: 100 },
        { ts: T0 + 30 * MIN, counterKwh: 130 },
      ],
      { maxGapMs: 10 * MIN },
    );
    expect(r.energyKwh).toBe(30);
    expect(r.gaps).toEqual([{ fromTs: T0, toTs: T0 + 30 * MIN, durationMs: 30 * MIN }]);
  });

  it('is zero with fewer than two samples and skips invalid ones', () => {
    expect(energyFromCounter([]).energyKwh).toBe(0);
    // NaN first sample ignored; 5 → 8 = 3 kWh
    const r = energyFromCounter([
      { ts: T0, counterKwh: Number.NaN },
      { ts: T0 + MIN, counterKwh: 5 },
      { ts: T0 + 2 * MIN, counterKwh: 8 },
    ]);
    expect(r.energyKwh).toBe(3);
    expect(r.ignored).toBe(1);
  });
});

describe('counterStep', () => {
  it('classifies one step', () => {
    const prev = { ts: T0, counterKwh: 50 };
    // 52.5 − 50 = 2.5 kWh
    expect(counterStep(prev, { ts: T0 + MIN, counterKwh: 52.5 })).toEqual({ kind: 'delta', deltaKwh: 2.5 });
    expect(counterStep(prev, { ts: T0 + MIN, counterKwh: 1 })).toEqual({ kind: 'reset' });
    expect(counterStep(prev, { ts: T0, counterKwh: 51 })).toEqual({ kind: 'duplicate' });
    expect(counterStep(prev, { ts: T0 - MIN, counterKwh: 51 })).toEqual({ kind: 'out-of-order' });
    expect(counterStep(prev, { ts: T0 + MIN, counterKwh: -1 })).toEqual({ kind: 'invalid' });
  });
});

describe('energySinceKwh', () => {
  it('is latest − first', () => {
    // 12 345.6 − 12 000 = 345.6 kWh
    expect(energySinceKwh({ ts: T0, counterKwh: 12_000 }, { ts: T0 + 600 * MIN, counterKwh: 12_345.6 })).toBeCloseTo(
      345.6,
      9,
    );
  });
  it('is null across a reset or when the order is reversed', () => {
    expect(energySinceKwh({ ts: T0, counterKwh: 500 }, { ts: T0 + MIN, counterKwh: 10 })).toBeNull();
    expect(energySinceKwh({ ts: T0 + MIN, counterKwh: 5 }, { ts: T0, counterKwh: 10 })).toBeNull();
  });
});

describe('firstIndexAtOrAfter', () => {
  it('finds the first sample of the day', () => {
    const s = [{ ts: 10 }, { ts: 20 }, { ts: 30 }];
    expect(firstIndexAtOrAfter(s, 15)).toBe(1);
    expect(firstIndexAtOrAfter(s, 20)).toBe(1);
    expect(firstIndexAtOrAfter(s, 0)).toBe(0);
    expect(firstIndexAtOrAfter(s, 31)).toBe(-1);
  });
});

describe('integrateEnergyKwh', () => {
  /** Power samples at [minutes after T0, kW]. */
  const powerAt = (...points: [minutes: number, pKw: number][]) =>
    points.map(([m, pKw]) => ({ ts: T0 + m * MIN, pKw }));

  it('integrates by trapezoids', () => {
    // (100 + 200) / 2 × 0.5 h = 75; (200 + 200) / 2 × 0.5 h = 100; total 175 kWh over 60 min
    const r = integrateEnergyKwh(powerAt([0, 100], [30, 200], [60, 200]), { maxGapMs: 30 * MIN });
    expect(r.energyKwh).toBeCloseTo(175, 9);
    expect(r.coveredMs).toBe(60 * MIN);
  });
  it('does not bridge gaps longer than the limit', () => {
    // 100 kW × 0.25 h = 25 kWh; the 45-min gap (> 20 min) is not bridged → 25 kWh, one gap
    const r = integrateEnergyKwh(powerAt([0, 100], [15, 100], [60, 100]), { maxGapMs: 20 * MIN });
    expect(r.energyKwh).toBeCloseTo(25, 9);
    expect(r.coveredMs).toBe(15 * MIN);
    expect(r.gaps).toEqual([{ fromTs: T0 + 15 * MIN, toTs: T0 + 60 * MIN, durationMs: 45 * MIN }]);
  });
  it('ignores duplicates, out-of-order and non-finite samples', () => {
    // only 0 → 60 min at 60 kW counts: 60 × 1 h = 60 kWh
    const r = integrateEnergyKwh(powerAt([0, 60], [0, 999], [10, Number.NaN], [60, 60], [30, 999]), {
      maxGapMs: 60 * MIN,
    });
    expect(r.energyKwh).toBeCloseTo(60, 9);
    expect(r.ignored).toBe(3);
  });
});

describe('day register', () => {
  const DAY = 24 * 60 * MIN;
  const dayOf = (ts: number) => Math.floor(ts / DAY) * DAY;

  it('counts today from the readings, restarting from the new value after a reset', () => {
    // Yesterday 23:55 reads 90. Today: 00:05 100 (+10, carried on across midnight) → 00:10 103 (+3) → 00:15 40
    // (reset: replacement meter, +0, 13 kept) → 00:20 45 (+5) → 00:25 45 (duplicate ts of nothing new, +0).
    // Today = 10 + 3 + 0 + 5 = 18 kWh, complete since the day start.
    const reg = dayRegisterFrom(
      [
        { ts: T0 - 5 * MIN, counterKwh: 90 },
        { ts: T0 + 5 * MIN, counterKwh: 100 },
        { ts: T0 + 10 * MIN, counterKwh: 103 },
        { ts: T0 + 15 * MIN, counterKwh: 40 },
        { ts: T0 + 20 * MIN, counterKwh: 45 },
        { ts: T0 + 20 * MIN, counterKwh: 45 },
      ],
      dayOf,
    );
    expect(dayRegisterCount(reg, T0)).toBe(18);
    expect(reg?.sinceMs).toBe(T0);
    expect(dayRegisterCount(reg, T0 - DAY)).toBeNull();
  });

  it('counts from first sight when it has nothing of yesterday, and ignores older readings', () => {
    // 08:00 reads 500 (baseline) → 07:00 reads 10 (older: ignored) → 09:00 reads 512: today = 512 − 500 = 12
    let reg = stepDayRegister(null, 500, T0 + 480 * MIN, T0);
    reg = stepDayRegister(reg, 10, T0 + 420 * MIN, T0);
    reg = stepDayRegister(reg, 512, T0 + 540 * MIN, T0);
    expect(dayRegisterCount(reg, T0)).toBe(12);
    expect(reg.sinceMs).toBe(T0 + 480 * MIN);
  });

  it('does not carry across midnight through a reset', () => {
    // Yesterday's last 90, today's first 3 (went down: reset, counts from 3) → 7: today = 7 − 3 = 4
    let reg = stepDayRegister(null, 90, T0 - MIN, T0 - DAY);
    reg = stepDayRegister(reg, 3, T0 + MIN, T0);
    reg = stepDayRegister(reg, 7, T0 + 2 * MIN, T0);
    expect(dayRegisterCount(reg, T0)).toBe(4);
  });
});

describe('a register rebased by the edge judge', () => {
  it('restarts from the confirmed jump without counting it as energy (a swapped meter reading 90,000 kWh)', () => {
    const day = 0;
    // 100 → 105 kWh is 5 kWh; the judge then confirms a jump to 90,000 (a new meter): a new baseline, not 89,895 kWh;
    // 90,000 → 90,003 adds 3 kWh. Today: 5 + 3 = 8 kWh.
    let reg = stepDayRegister(null, 100, 1_000, day);
    reg = stepDayRegister(reg, 105, 2_000, day);
    reg = stepDayRegister(reg, 90_000, 3_000, day, { rebase: true });
    reg = stepDayRegister(reg, 90_003, 4_000, day);
    expect(dayRegisterCount(reg, day)).toBe(8);
  });
});

describe('partialDayStartMs', () => {
  const MIDNIGHT = T0;
  it('names the start of a count that began after the first minute of the day', () => {
    // Counted since 00:01:00.001: a minute and a millisecond late, worth "counted since 00:01".
    expect(partialDayStartMs(MIDNIGHT + 60_001, MIDNIGHT)).toBe(MIDNIGHT + 60_001);
    expect(partialDayStartMs(MIDNIGHT + 9 * 3_600_000, MIDNIGHT)).toBe(MIDNIGHT + 9 * 3_600_000);
  });
  it('says nothing of a whole day, a count within the first minute, or no count yet', () => {
    expect(partialDayStartMs(MIDNIGHT, MIDNIGHT)).toBeNull();
    expect(partialDayStartMs(MIDNIGHT + 60_000, MIDNIGHT)).toBeNull();
    expect(partialDayStartMs(null, MIDNIGHT)).toBeNull();
  });
});
