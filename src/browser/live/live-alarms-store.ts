/**
 * The dispatcher's copy of the server's active alarms: the full list the live service publishes retained on
 * gaozhu/v1/live/alarms/dispatch (src/core/contract/live-core.ts), validated with the contract's liveAlarmsSchema. The
 * rule engine runs on the server, always; the browser only mirrors what it says, so every screen and a reloaded page
 * show the same alarms with the same start times.
 *
 * Created with the page's pipeline (runtime.ts), before the connection delivers the retained message, so that message
 * is never missed by a hook that mounts later. A rejected payload is counted and never shown; the last good list stays.
 */
import { type LiveAlarms, liveAlarmsSchema, liveTopics } from '../../core/contract/live-core';
import type { LiveCoreSource } from './live-core-store';
import { parseLiveDocument, rejectionLine } from './live-payload';

export interface LiveAlarmsSnapshot {
  /** The latest valid list; null until the live service's first arrives. */
  latest: LiveAlarms | null;
  /** Wall time the latest list arrived, ms. */
  receivedAtMs: number | null;
  rejected: number;
  lastRejected: string | null;
}

/** The contract allows 50,000 alarms a list, a few hundred bytes each: beyond this it is not the service's list. */
export const MAX_ALARMS_PAYLOAD_BYTES = 24 * 1024 * 1024;

export class LiveAlarmsStore {
  private readonly listeners = new Set<() => void>();
  private snapshot: LiveAlarmsSnapshot = { latest: null, receivedAtMs: null, rejected: 0, lastRejected: null };

  constructor(private readonly wallNowMs: () => number = Date.now) {}

  start(source: LiveCoreSource): () => void {
    return source.subscribe(liveTopics.alarmsDispatch, this.handle);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveAlarmsSnapshot => this.snapshot;

  /** One message of the dispatch alarms topic; true when taken. */
  handle = (topic: string, payload: Uint8Array): boolean => {
    if (topic !== liveTopics.alarmsDispatch) return false;
    // An empty retained message clears the topic (no service): keep the last list rather than guess "no alarms".
    if (payload.byteLength === 0) return false;
    const result = parseLiveDocument(payload, liveAlarmsSchema, MAX_ALARMS_PAYLOAD_BYTES);
    if (!result.ok) {
      this.set({ ...this.snapshot, rejected: this.snapshot.rejected + 1, lastRejected: rejectionLine(result) });
      return false;
    }
    this.set({ ...this.snapshot, latest: result.data, receivedAtMs: this.wallNowMs() });
    return true;
  };

  private set(s: LiveAlarmsSnapshot) {
    this.snapshot = s;
    for (const l of this.listeners) l();
  }
}
