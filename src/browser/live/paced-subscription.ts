/**
 * A store's changes, taken at most once a period: what a view that need not follow every snapshot subscribes with
 * (the wall's once a second, the dispatcher's rows at the table's pace). The first change after a quiet period is
 * taken at once, later ones at the end of the period — the store's state then, never a queue of old ones.
 */

/**
 * Calls `take` after `subscribe`'s store changes (and once at the start), at most once every `periodMs`. `take` may
 * return false to decline (the dispatcher is scrolling a table): it is asked again a period later. Returns the stop.
 */
export function subscribePaced(
  subscribe: (listener: () => void) => () => void,
  periodMs: number,
  take: () => boolean | undefined,
): () => void {
  let lastTakenMs = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    if (take() === false) {
      timer = setTimeout(run, periodMs);
      return;
    }
    lastTakenMs = performance.now();
  };
  const onChange = () => {
    if (timer) return;
    const waitMs = lastTakenMs + periodMs - performance.now();
    if (waitMs <= 0) run();
    else timer = setTimeout(run, waitMs);
  };
  const unsubscribe = subscribe(onChange);
  onChange();
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}
