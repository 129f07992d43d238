import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { subscribePaced } from './paced-subscription';

function changingStore() {
  const listeners = new Set<() => void>();
  return {
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    change: () => {
      for (const l of listeners) l();
    },
    listeners,
  };
}

describe('subscribePaced', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('takes at once after a quiet period, then at most once a period, whatever the rate of changes', () => {
    const store = changingStore();
    const taken: number[] = [];
    subscribePaced(store.subscribe, 1_000, () => {
      taken.push(performance.now());
      return true;
    });
    expect(taken).toEqual([0]); // the start
    // 10 changes a second for 3 s: one take per second, each at the end of its period (the last change, at 3 s just
    // after that second's take, at 4 s).
    for (let i = 0; i < 30; i++) {
      vi.advanceTimersByTime(100);
      store.change();
    }
    vi.advanceTimersByTime(1_000);
    expect(taken).toEqual([0, 1_000, 2_000, 3_000, 4_000]);
    // Quiet for longer than a period: the next change is taken at once.
    vi.advanceTimersByTime(5_000);
    const before = taken.length;
    store.change();
    expect(taken.length).toBe(before + 1);
  });

  it('asks again a period later when take declines (a table being scrolled), and stops cleanly', () => {
    const store = changingStore();
    let holding = true;
    let takes = 0;
    const stop = subscribePaced(store.subscribe, 500, () => {
      if (holding) return false;
      takes++;
      return true;
    });
    vi.advanceTimersByTime(1_600);
    expect(takes).toBe(0);
    holding = false;
    vi.advanceTimersByTime(500);
    expect(takes).toBe(1);
    stop();
    expect(store.listeners.size).toBe(0);
    store.change();
    vi.advanceTimersByTime(5_000);
    expect(takes).toBe(1);
  });
});
