/** The server's active alarms for the dispatcher (live-alarms-store.ts); re-renders once per list the service publishes. */
import { useSyncExternalStore } from 'react';
import type { LiveAlarmsSnapshot } from './live-alarms-store';
import { useRuntime } from './runtime-context';

export function useLiveAlarms(): LiveAlarmsSnapshot {
  const store = useRuntime().liveAlarms;
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
