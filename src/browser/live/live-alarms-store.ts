/**
 * The dispatcher's copy of the server's active alarms: the full list the live service publishes retained on
 * gaozhu/v1/live/alarms/dispatch (src/core/contract/live-core.ts), checked with the contract's liveAlarmsSchema in the page's worker (live-documents.ts). The
 * rule engine runs on the server, always; the browser only mirrors what it says, so every screen and a reloaded page
 * show the same alarms with the same start times.
 *
 * Created with the page's pipeline (runtime.ts), before the connection delivers the retained message, so that message
 * is never missed by a hook that mounts later. A rejected payload is counted and never shown; the last good list stays.
 * The list is published on change only: whether it is current says the service's status (live-status-store.ts).
 */
import type { LiveAlarms } from '../../core/contract/live-core';
import { liveTopics } from '../../core/contract/live-core-terms';
import { type LiveDocumentRejections, LiveDocumentStore } from './live-document-store';

export interface LiveAlarmsSnapshot extends LiveDocumentRejections {
  /** The latest valid list; null until the live service's first arrives. */
  latest: LiveAlarms | null;
  /** Wall time the latest list arrived, ms. */
  receivedAtMs: number | null;
}

/** The contract allows 50,000 alarms a list, a few hundred bytes each: beyond this it is not the service's list. */
export const MAX_ALARMS_PAYLOAD_BYTES = 24 * 1024 * 1024;

export class LiveAlarmsStore extends LiveDocumentStore<'alarms-dispatch', LiveAlarmsSnapshot> {
  constructor(wallNowMs: () => number = Date.now) {
    super({
      topic: liveTopics.alarmsDispatch,
      kind: 'alarms-dispatch',
      maxBytes: MAX_ALARMS_PAYLOAD_BYTES,
      initial: { latest: null, receivedAtMs: null, rejected: 0, lastRejected: null },
      // An empty retained message (no service) is passed over: the last list stays rather than a guess of "no alarms".
      accept: (prev, list, receivedAtMs) => ({ ...prev, latest: list, receivedAtMs }),
      wallNowMs,
    });
  }
}
