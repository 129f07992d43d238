import { describe, expect, it } from 'vitest';
import { decideRestart, RESTART_CAP_MS, RESTART_FIRST_MS } from './restart-policy';

describe('restart back-off', () => {
  it('doubles from 0.5 s to the 30 s cap for a service crashing in a loop, and says it is looping there', () => {
    const delays: number[] = [];
    let pending = RESTART_FIRST_MS;
    let looping = false;
    for (let i = 0; i < 9; i++) {
      const d = decideRestart(pending, 100);
      delays.push(d.delayMs);
      pending = d.nextDelayMs;
      looping = d.looping;
    }
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(looping).toBe(true);
  });

  it('starts again at 0.5 s after a minute up', () => {
    expect(decideRestart(RESTART_CAP_MS, 60_000)).toEqual({ delayMs: 500, nextDelayMs: 1_000, looping: false });
    expect(decideRestart(RESTART_CAP_MS, 59_000).delayMs).toBe(RESTART_CAP_MS);
  });
});
