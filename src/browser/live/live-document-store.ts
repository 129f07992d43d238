/**
 * A page's store of one live-service document on one topic (the dispatcher's alarm list, the service's status, the
 * area figures' losses): every message arrives judged by the worker that holds the MQTT client (live-documents.ts:
 * bounded, parsed, checked with the contract's schema); this store bounds it again by its own size, counts a refusal
 * with its reason and never applies it, so the last good one stays; an empty retained message (a cleared topic) tells
 * nothing new and is passed over. What a store keeps of an accepted document is its own `accept`; returning the
 * snapshot unchanged takes it without a notification.
 */
import type { LiveDocument, LiveDocumentKind, LiveDocumentSource, LiveJudgement } from './live-documents';
import { rejectionLine } from './live-payload';

/** What every such store's snapshot says of the messages it refused. */
export interface LiveDocumentRejections {
  rejected: number;
  /** The last refusal in words ("too large: 70000 B", "schema: alarms.0.severity: …"); null before any. */
  lastRejected: string | null;
}

type DataOf<K extends LiveDocumentKind> = Extract<LiveDocument, { kind: K; data: unknown }>['data'];

export interface LiveDocumentOptions<K extends LiveDocumentKind, S extends LiveDocumentRejections> {
  topic: string;
  /** What the topic carries (live-documents.ts names each topic's document). */
  kind: K;
  /** A larger message is not the service's document: refused as too large, whatever its judgement. */
  maxBytes: number;
  initial: S;
  /** The snapshot after an accepted document, which arrived at wall time `receivedAtMs`; `prev` itself to ignore it. */
  accept: (prev: S, doc: DataOf<K>, receivedAtMs: number) => S;
  wallNowMs?: () => number;
}

export class LiveDocumentStore<K extends LiveDocumentKind, S extends LiveDocumentRejections> {
  private readonly listeners = new Set<() => void>();
  private snapshot: S;
  private readonly wallNowMs: () => number;

  constructor(private readonly options: LiveDocumentOptions<K, S>) {
    this.snapshot = options.initial;
    this.wallNowMs = options.wallNowMs ?? Date.now;
  }

  start(source: LiveDocumentSource): () => void {
    return source.subscribe(this.options.topic, this.handle);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): S => this.snapshot;

  /** One judged message of the store's topic; true when taken. */
  handle = (topic: string, judged: LiveJudgement): boolean => {
    if (topic !== this.options.topic || judged.bytes === 0) return false;
    if (judged.bytes > this.options.maxBytes)
      return this.refuse({ ok: false, reason: 'too-large', detail: `${judged.bytes} B` });
    if (!judged.ok) return this.refuse(judged);
    const { doc } = judged;
    // The judge names a topic's document by the topic: another kind here is a store subscribed to the wrong topic.
    if (doc.kind !== this.options.kind || !('data' in doc))
      return this.refuse({ ok: false, reason: 'bad-topic', detail: `${doc.kind} on ${topic}` });
    const next = this.options.accept(this.snapshot, doc.data as DataOf<K>, this.wallNowMs());
    if (next !== this.snapshot) this.set(next);
    return true;
  };

  private refuse(r: Parameters<typeof rejectionLine>[0]): false {
    this.set({ ...this.snapshot, rejected: this.snapshot.rejected + 1, lastRejected: rejectionLine(r) });
    return false;
  }

  private set(s: S) {
    this.snapshot = s;
    for (const l of this.listeners) l();
  }
}
