/**
 * The wall's view of the live-core store: the latest snapshot at most once per `intervalMs` (1 s), not every frame. A lobby
 * screen gains nothing from 60 re-renders a second, and the numbers tween between updates anyway; this keeps the main
 * thread free for the flow animation.
 */
import { useEffect, useState } from 'react';

export interface SnapshotSource<S> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): S;
}

export function useThrottledSnapshot<S>(store: SnapshotSource<S>, intervalMs: number): S {
  const [snap, setSnap] = useState(() => store.getSnapshot());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastMs = 0;
    const flush = () => {
      timer = null;
      lastMs = performance.now();
      setSnap(store.getSnapshot());
    };
    const onChange = () => {
      if (timer) return;
      const wait = Math.max(0, intervalMs - (performance.now() - lastMs));
      timer = setTimeout(flush, wait);
    };
    const unsubscribe = store.subscribe(onChange);
    onChange();
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [store, intervalMs]);
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
