import { describe, expect, it } from 'vitest';
import { RECONNECT_BACKOFF, reconnectDelayMs } from './reconnect-backoff';

describe('reconnect back-off', () => {
  it('doubles from 0.5 s and never waits longer than the 2 s cap', () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 50].map((a) => reconnectDelayMs(a, top))).toEqual([500, 1000, 2000, 2000, 2000]);
    expect(reconnectDelayMs(0, top)).toBe(500);
  });

  it('draws each wait from the upper half of its step, so clients lost together spread out', () => {
    expect(reconnectDelayMs(3, () => 0)).toBe(RECONNECT_BACKOFF.capMs / 2);
    const waits = new Set(Array.from({ length: 200 }, () => reconnectDelayMs(5)));
    expect(waits.size).toBeGreaterThan(50);
    for (const w of waits) expect(w).toBeGreaterThanOrEqual(1000);
    for (const w of waits) expect(w).toBeLessThanOrEqual(2000);
  });
});
