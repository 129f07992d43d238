import { describe, expect, it } from 'vitest';
import { MinuteAccumulator } from './minute-accumulator';

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);
const s = (sec: number, pKw: number, eKwh: number) => ({ tsMs: T0 + sec * 1000, pKw, countersKwh: [eKwh] });

function totals(acc: MinuteAccumulator) {
  const { cells } = acc.drain();
  const byMinute = new Map<number, { n: number; avg: number; e: number; max: number | null }>();
  for (const c of cells)
    byMinute.set(c.minute - T0 / 60_000, { n: c.n, avg: c.n ? c.sumPKw / c.n : Number.NaN, e: c.eKwh, max: c.maxPKw });
  return byMinute;
}

describe('MinuteAccumulator', () => {
  it('averages power per minute and spreads counter differences over the minutes they span', () => {
    const acc = new MinuteAccumulator();
    acc.beginSession(T0);
    acc.add(1, s(0, 60, 100));
    acc.add(1, s(30, 120, 100.5));
    // 30 s → 90 s: 1 kWh, half in minute 0 and half in minute 1.
    acc.add(1, s(90, 60, 101.5));
    const m = totals(acc);
    expect(m.get(0)).toMatchObject({ n: 2, avg: 90, max: 120 });
    expect(m.get(0)?.e).toBeCloseTo(1, 9);
    expect(m.get(1)?.e).toBeCloseTo(0.5, 9);
  });

  it('ignores duplicates and takes no energy from out-of-order readings', () => {
    const acc = new MinuteAccumulator();
    acc.beginSession(T0);
    expect(acc.add(1, s(0, 10, 5))).toBe('accepted');
    expect(acc.add(1, s(20, 10, 6))).toBe('accepted');
    expect(acc.add(1, s(20, 10, 6))).toBe('duplicate');
    expect(acc.add(1, s(10, 30, 5.5))).toBe('out-of-order');
    expect(acc.add(1, s(10, 30, 5.5))).toBe('duplicate');
    const m = totals(acc);
    expect(m.get(0)?.e).toBeCloseTo(1, 9);
    expect(m.get(0)?.n).toBe(3);
  });

  it('treats a counter that goes down as a reset and a long silence as a gap', () => {
    const acc = new MinuteAccumulator();
    acc.beginSession(T0);
    acc.add(1, s(0, 10, 500));
    acc.add(1, s(30, 10, 0.25)); // replaced meter reading 0.25: counting restarts there, the 0.25 is not energy
    acc.add(1, s(30 + 600, 10, 9)); // 10 min later: not spread
    const m = totals(acc);
    expect(m.get(0)?.e).toBeCloseTo(0, 9);
    expect(acc.counts).toMatchObject({ counterResets: 1, counterGaps: 1 });
    expect([...m.values()].reduce((a, c) => a + c.e, 0)).toBeCloseTo(0, 9);
  });

  it('after a restart, readings at or before the last stored one are not counted again', () => {
    const acc = new MinuteAccumulator();
    acc.restoreCursor(1, { lastTsMs: T0 + 50_000, countersKwh: [7] });
    acc.beginSession(T0 + 55_000);
    expect(acc.add(1, s(40, 10, 6.9))).toBe('too-late');
    expect(acc.add(1, s(50, 10, 7))).toBe('duplicate');
    expect(acc.add(1, s(70, 10, 7.2))).toBe('accepted');
    const m = totals(acc);
    expect(m.get(0)?.e).toBeCloseTo(0.1, 9);
    expect(m.get(1)?.e).toBeCloseTo(0.1, 9);
  });

  it('feeders: energy is import minus export', () => {
    const acc = new MinuteAccumulator();
    acc.beginSession(T0);
    acc.add(2, { tsMs: T0, pKw: 0, countersKwh: [10, 3] });
    acc.add(2, { tsMs: T0 + 30_000, pKw: 0, countersKwh: [11, 3.4] });
    expect(totals(acc).get(0)?.e).toBeCloseTo(0.6, 9);
  });
});
