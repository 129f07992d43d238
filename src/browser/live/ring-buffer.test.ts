import { describe, expect, it } from 'vitest';
import { MinuteRollup, TimeSeriesRing } from './ring-buffer';

describe('TimeSeriesRing', () => {
  it('keeps only the newest `capacity` points, oldest first', () => {
    const r = new TimeSeriesRing(3);
    for (let i = 1; i <= 5; i++) r.push(i * 1000, i * 10);
    expect(r.length).toBe(3);
    expect(r.toPairs()).toEqual([
      [3000, 30],
      [4000, 40],
      [5000, 50],
    ]);
  });

  it('refuses duplicate and out-of-order timestamps', () => {
    const r = new TimeSeriesRing(10);
    expect(r.push(2000, 1)).toBe(true);
    expect(r.push(2000, 2)).toBe(false);
    expect(r.push(1000, 3)).toBe(false);
    expect(r.toPairs()).toEqual([[2000, 1]]);
  });

  it('filters by time', () => {
    const r = new TimeSeriesRing(10);
    r.push(1000, 1);
    r.push(2000, 2);
    r.push(3000, 3);
    expect(r.toPairs(2000)).toEqual([
      [2000, 2],
      [3000, 3],
    ]);
  });
});

describe('MinuteRollup', () => {
  it('averages and maxes within each minute', () => {
    const m = new MinuteRollup(5);
    // minute 0: 10, 20, 60 → mean 30, max 60; minute 1: 5 → mean 5, max 5
    m.add(0, 10);
    m.add(20_000, 20);
    m.add(40_000, 60);
    m.add(60_000, 5);
    expect(m.mean.toPairs()).toEqual([
      [0, 30],
      [60_000, 5],
    ]);
    expect(m.max.toPairs()).toEqual([
      [0, 60],
      [60_000, 5],
    ]);
  });

  it('drops a late sample for a closed minute', () => {
    const m = new MinuteRollup(5);
    m.add(60_000, 5);
    m.add(10_000, 100);
    expect(m.mean.toPairs()).toEqual([[60_000, 5]]);
  });
});
