/**
 * The wall's view of the live-core store: the latest snapshot at most once per `intervalMs` (1 s), not every frame. A lobby
 * screen gains nothing from 60 re-renders a second, and the numbers tween between updates anyway; this keeps the main
 * thread free for the flow animation.
 */
import { useEffect, useState } from 'react';
import { subscribePaced } from '../../live/paced-subscription';
import type { ExternalStore } from '../../live/runtime-context';

export function useThrottledSnapshot<S>(store: ExternalStore<S>, intervalMs: number): S {
  const [snap, setSnap] = useState(() => store.getSnapshot());
  useEffect(
    () =>
      subscribePaced(store.subscribe, intervalMs, () => {
        setSnap(store.getSnapshot());
        return true;
      }),
    [store, intervalMs],
  );
  return snap;
}

/** True when the visitor's system asks for reduced motion; follows changes live. */
export function usePrefersReducedMotion(): boolean {
  const query = '(prefers-reduced-motion: reduce)';
  const [reduced, setReduced] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const mql = matchMedia(query);
    const onChange = () => setReduced(mql.matches);
    mql.addEventListener('change', onChange);
    return () => mql.removeEventListener('change', onChange);
  }, []);
  return reduced;
}
