/**
 * What the dispatcher's page refused of the live service's own documents (the alarm list, the status, the area
 * losses, reliability), per document: the raw-device ingest's refusals are counted in the telemetry store; these are
 * counted by their stores (live-document-store.ts, live-reliability-store.ts) and shown beside them in diagnostics.
 */
import type { ExternalStore } from './runtime-context';
import { useRuntime, useStoreSnapshot } from './runtime-context';

export interface LiveDocumentRefusals {
  alarms: number;
  status: number;
  losses: number;
  reliability: number;
  /** The last refusal of any of them in words, or null. */
  last: string | null;
}

type Refusing = { rejected: number; lastRejected: string | null };
/** A runtime built without a store (a screen's test) has refused nothing there. */
const NONE: ExternalStore<Refusing> = {
  subscribe: () => () => {},
  getSnapshot: () => ({ rejected: 0, lastRejected: null }),
};

export function useLiveDocumentRefusals(): LiveDocumentRefusals {
  const rt = useRuntime();
  const alarms = useStoreSnapshot<Refusing>(rt.liveAlarms ?? NONE);
  const status = useStoreSnapshot<Refusing>(rt.liveStatus ?? NONE);
  const losses = useStoreSnapshot<Refusing>(rt.areaLosses ?? NONE);
  const reliability = useStoreSnapshot(rt.reliability);
  const reliabilityCount = Object.values(reliability.rejected).reduce((a, b) => a + b, 0);
  const reliabilityLast = reliability.lastRejected
    ? `${reliability.lastRejected.reason}: ${reliability.lastRejected.detail}`
    : null;
  return {
    alarms: alarms.rejected,
    status: status.rejected,
    losses: losses.rejected,
    reliability: reliabilityCount,
    last: alarms.lastRejected ?? status.lastRejected ?? losses.lastRejected ?? reliabilityLast,
  };
}
