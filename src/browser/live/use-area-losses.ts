/** The area's losses between the intake and the feeder heads (area-losses-store.ts), for the desk screens. */
import { useSyncExternalStore } from 'react';
import type { AreaLosses, AreaLossesStore } from './area-losses-store';
import { useRuntime } from './runtime-context';

/** A runtime built without the store (a screen's test) has no losses: the screens then say so. */
const NONE: Pick<AreaLossesStore, 'subscribe' | 'getSnapshot'> = {
  subscribe: () => () => {},
  getSnapshot: () => ({ latest: null, rejected: 0, lastRejected: null }),
};

export function useAreaLosses(): AreaLosses | null {
  const store = useRuntime().areaLosses ?? NONE;
  // The held losses object itself: stable until a newer figure arrives, so rendering follows real changes only.
  const latest = () => store.getSnapshot().latest;
  return useSyncExternalStore(store.subscribe, latest, latest);
}
