/** The area's losses between the intake and the feeder heads (area-losses-store.ts), for the desk screens. */
import { useSyncExternalStore } from 'react';
import type { AreaLosses, AreaLossesStore } from './area-losses-store';
import { useRuntime } from './runtime-context';

/** A runtime built without the store (a screen's test) has no losses: the screens then say so. */
const NONE: Pick<AreaLossesStore, 'subscribe' | 'getSnapshot'> = { subscribe: () => () => {}, getSnapshot: () => null };

export function useAreaLosses(): AreaLosses | null {
  const store = useRuntime().areaLosses ?? NONE;
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
