/**
 * A page's store of one live-service document on one topic (the dispatcher's alarm list, the service's status, the
 * area figures' losses): every message is bounded, parsed and validated with the contract's schema (live-payload.ts);
 * a rejected one is counted with its reason and never applied, the last good one stays; an empty retained message
 * (a cleared topic) tells nothing new and is passed over. What a store keeps of an accepted document is its own
 * `accept`; returning the snapshot unchanged takes it without a notification.
 */
import type { z } from 'zod';
import type { LiveCoreSource } from './live-core-store';
import { parseLiveDocument, rejectionLine } from './live-payload';

/** What every such store's snapshot says of the messages it refused. */
export interface LiveDocumentRejections {
  rejected: number;
  /** The last refusal in words ("too large: 70000 B", "schema: alarms.0.severity: …"); null before any. */
  lastRejected: string | null;
}

export interface LiveDocumentOptions<D, S extends LiveDocumentRejections> {
  topic: string;
  schema: z.ZodType<D>;
  /** A larger message is not the service's document: refused before it is parsed. */
  maxBytes: number;
  initial: S;
  /** The snapshot after an accepted document, which arrived at wall time `receivedAtMs`; `prev` itself to ignore it. */
  accept: (prev: S, doc: D, receivedAtMs: number) => S;
  wallNowMs?: () => number;
}

export class LiveDocumentStore<D, S extends LiveDocumentRejections> {
  private readonly listeners = new Set<() => void>();
  private snapshot: S;
  private readonly wallNowMs: () => number;

  constructor(private readonly options: LiveDocumentOptions<D, S>) {
    this.snapshot = options.initial;
    this.wallNowMs = options.wallNowMs ?? Date.now;
  }

  start(source: LiveCoreSource): () => void {
    return source.subscribe(this.options.topic, this.handle);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): S => this.snapshot;

  /** One message of the store's topic; true when taken. */
  handle = (topic: string, payload: Uint8Array): boolean => {
    if (topic !== this.options.topic || payload.byteLength === 0) return false;
    const result = parseLiveDocument(payload, this.options.schema, this.options.maxBytes);
    if (!result.ok) {
      this.set({ ...this.snapshot, rejected: this.snapshot.rejected + 1, lastRejected: rejectionLine(result) });
      return false;
    }
    const next = this.options.accept(this.snapshot, result.data, this.wallNowMs());
    if (next !== this.snapshot) this.set(next);
    return true;
  };

  private set(s: S) {
    this.snapshot = s;
    for (const l of this.listeners) l();
  }
}
