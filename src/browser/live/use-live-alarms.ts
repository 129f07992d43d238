/** The server's active alarms for the dispatcher (live-alarms-store.ts), and whether the service is there to keep them. */
import { useEffect, useState } from 'react';
import type { LiveAlarmsSnapshot } from './live-alarms-store';
import { type LiveServicePresence, liveServicePresence } from './live-status-store';
import { useRuntime, useStoreSnapshot } from './runtime-context';

/** Re-renders once per list the service publishes. */
export function useLiveAlarms(): LiveAlarmsSnapshot {
  return useStoreSnapshot(useRuntime().liveAlarms);
}

/** How often silence is looked for between statuses: a stopped stream sends nothing that would wake a render. */
export const PRESENCE_CHECK_MS = 1_000;

const samePresence = (a: LiveServicePresence, b: LiveServicePresence) =>
  a.state === b.state && (a.state === 'live' || a.lastOnlineTs === b.lastOnlineTs);

/**
 * The live service's presence (live-status-store.ts), judged on each status and once a second in between.
 * Re-renders only when the judgement changes, not on every status (one a publish interval).
 */
export function useLiveServicePresence(): LiveServicePresence {
  const store = useRuntime().liveStatus;
  const [presence, setPresence] = useState(() => liveServicePresence(store.getSnapshot(), Date.now()));
  useEffect(() => {
    const judge = () =>
      setPresence((prev) => {
        const next = liveServicePresence(store.getSnapshot(), Date.now());
        return samePresence(prev, next) ? prev : next;
      });
    judge();
    const stop = store.subscribe(judge);
    const timer = setInterval(judge, PRESENCE_CHECK_MS);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [store]);
  return presence;
}
