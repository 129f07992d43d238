/**
 * A wall clock and timers that move only when a test says so, for the live stores that take `wallNowMs`, `setTimer`
 * and `clearTimer` (their throttles and staleness checks run on these in their tests).
 */
export function manualTimers(startMs: number) {
  let wall = startMs;
  const timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => wall,
    /** The store options that put the store on this clock. */
    options: {
      wallNowMs: () => wall,
      setTimer: (fn: () => void, ms: number): unknown => {
        const t = { at: wall + ms, fn };
        timers.push(t);
        return t;
      },
      clearTimer: (h: unknown) => {
        const i = timers.indexOf(h as (typeof timers)[number]);
        if (i >= 0) timers.splice(i, 1);
      },
    },
    /** Moves the clock `ms` on, firing every timer due on the way in time order. */
    advance(ms: number) {
      const until = wall + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > until) break;
        timers.shift();
        wall = next.at;
        next.fn();
      }
      wall = until;
    },
  };
}
