import { describe, expect, it } from 'vitest';
import { durationWords, heapMb } from './screens-format';

describe('durationWords', () => {
  it('says seconds under two minutes, minutes under two hours, then hours, rounded down', () => {
    expect(durationWords(0.4)).toEqual({ id: 'unit.s', n: 0 });
    expect(durationWords(119.9)).toEqual({ id: 'unit.s', n: 119 });
    expect(durationWords(120)).toEqual({ id: 'unit.min', n: 2 });
    expect(durationWords(7199)).toEqual({ id: 'unit.min', n: 119 });
    expect(durationWords(7200)).toEqual({ id: 'unit.h', n: 2 });
    expect(durationWords(-3)).toEqual({ id: 'unit.s', n: 0 });
  });
});

describe('heapMb', () => {
  it('is null where the browser does not say, one decimal below 10 MB', () => {
    expect(heapMb(null)).toBeNull();
    expect(heapMb(5 * 2 ** 20 + 2 ** 19)).toBe(5.5);
    expect(heapMb(48.6 * 2 ** 20)).toBe(49);
  });
});
