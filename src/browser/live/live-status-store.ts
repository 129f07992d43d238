/**
 * The dispatcher's one reader of the live service's status (gaozhu/v1/live/status: retained, republished every
 * publish interval; its Last Will says offline). Two things follow from it:
 * - the thresholds in force (thresholds-in-force.ts is fed from here);
 * - whether the server's alarm list is current. The list is published only when it changes, so its own age says
 *   nothing: a quiet hour and a dead service look alike. The status's age tells them apart.
 *
 * A rejected status is counted and never applied; the last good one stays (live-document-store.ts).
 */
import type { LiveStatus } from '../../core/contract/live-core';
import {
  DEFAULT_LIVE_PUBLISH_INTERVAL_MS,
  LIVE_SILENT_AFTER_INTERVALS,
  liveTopics,
} from '../../core/contract/live-core-terms';
import { type LiveDocumentRejections, LiveDocumentStore } from './live-document-store';

/** A status is a few hundred bytes; anything near this is not the live service's. */
export const MAX_STATUS_PAYLOAD_BYTES = 64 * 1024;

export interface LiveStatusSnapshot extends LiveDocumentRejections {
  /** The latest valid status; null until the first arrives. */
  latest: LiveStatus | null;
  /** Wall time the latest status arrived, ms. */
  receivedAtMs: number | null;
  /**
   * The last status that said 'online': its data time (what the screen says "as of") and its arrival (wall ms).
   * The Last Will's own ts is when the service connected, so it cannot say when the service was last heard.
   */
  lastOnline: { ts: number; receivedAtMs: number } | null;
}

export type LiveServicePresenceState = 'waiting' | 'live' | 'silent' | 'offline';

export interface LiveServicePresence {
  /**
   * waiting: no status yet; live: an online status within LIVE_SILENT_AFTER_INTERVALS intervals; silent: none since
   * (hung, or cut off before the broker sends its Last Will); offline: the Last Will or a clean stop.
   */
  state: LiveServicePresenceState;
  /** Data time of the last online status (what the service's lists stand for); null if it was never heard online. */
  lastOnlineTs: number | null;
}

/** What the status says about the service at wall time `wallNowMs`. Pure. */
export function liveServicePresence(s: LiveStatusSnapshot, wallNowMs: number): LiveServicePresence {
  const lastOnlineTs = s.lastOnline?.ts ?? null;
  if (!s.latest || s.receivedAtMs === null) return { state: 'waiting', lastOnlineTs };
  if (s.latest.state === 'offline') return { state: 'offline', lastOnlineTs };
  const limitMs = LIVE_SILENT_AFTER_INTERVALS * (s.latest.publishIntervalMs || DEFAULT_LIVE_PUBLISH_INTERVAL_MS);
  return { state: wallNowMs - s.receivedAtMs > limitMs ? 'silent' : 'live', lastOnlineTs };
}

export class LiveStatusStore extends LiveDocumentStore<'status', LiveStatusSnapshot> {
  constructor(wallNowMs: () => number = Date.now) {
    super({
      topic: liveTopics.status,
      kind: 'status',
      maxBytes: MAX_STATUS_PAYLOAD_BYTES,
      initial: { latest: null, receivedAtMs: null, lastOnline: null, rejected: 0, lastRejected: null },
      accept: (prev, status, receivedAtMs) => ({
        ...prev,
        latest: status,
        receivedAtMs,
        lastOnline: status.state === 'online' ? { ts: status.ts, receivedAtMs } : prev.lastOnline,
      }),
      wallNowMs,
    });
  }
}
