/**
 * Main-thread side of the ingest worker: starts it, applies each batch of judged messages to the store and commits
 * one snapshot per animation frame at most, no closer together than the area's snapshot pace (commit-scheduler.ts), and
 * mirrors the worker's connection state for the views.
 */

import type { DataClock } from '../../core/contract/data-clock';
import { LIVE_ROOT, type SubstationLive, substationLiveSchema } from '../../core/contract/live-core';
import { topicMatches } from '../../core/contract/topic-match';
import { CommitScheduler } from './commit-scheduler';
import type { FromWorker, StartIngest, ToWorker } from './ingest-protocol';
import type { LiveJudgement } from './live-documents';
import type { ConnectionState } from './mqtt-connection';
import { snapshotIntervalMs } from './pace';
import type { SelectSubstations } from './subscription-scope';
import type { TelemetryStore } from './telemetry-store';

/** What views need of a connection: its state, observable. */
export interface ConnectionStatusSource {
  getState(): ConnectionState;
  onState(listener: (s: ConnectionState) => void): () => void;
  close(): void;
}

export class WorkerIngest implements ConnectionStatusSource {
  private readonly worker: Worker;
  /** Handlers of the live-core topics the worker forwards (ingest-protocol.ts DISPATCH_LIVE_TOPICS). */
  private readonly liveHandlers = new Set<{
    filter: string;
    handler: (topic: string, judged: LiveJudgement) => void;
  }>();
  private state: ConnectionState;
  private readonly listeners = new Set<(s: ConnectionState) => void>();
  /**
   * Batches come every WORKER_BATCH_MS and are applied at once; only the O(devices) snapshot waits for the pace. No
   * fallback timer: nothing is queued, and the idle commit covers a tab without frames.
   */
  private readonly scheduler: CommitScheduler;
  /** Raw messages the worker has judged so far (the benchmark's throughput figure). */
  received = 0;
  /** Readings the worker accepted but flagged suspect so far (device-registry.ts SUSPECT_REASONS). */
  suspect = 0;

  constructor(
    private readonly store: TelemetryStore,
    private readonly clock: DataClock,
    start: Omit<StartIngest, 'type' | 'config'>,
    /** Region scope (subscription-scope.ts): the worker starts with these subscriptions instead of the raw stream. */
    scope?: Omit<SelectSubstations, 'type'>,
    /** The configuration the worker judges with (default the store's; a region's store holds only a selection). */
    config: StartIngest['config'] = store.config,
  ) {
    this.state = {
      phase: 'connecting',
      connectedAtMs: null,
      lostAtMs: null,
      attempts: 0,
      lastError: null,
      url: start.url,
    };
    const commit = () => this.store.commit(this.clock.now());
    this.scheduler = new CommitScheduler(commit, { intervalMs: snapshotIntervalMs(store.getSnapshot().devices.size) });
    this.worker = new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module', name: 'gaozhu-ingest' });
    this.worker.onmessage = (ev: MessageEvent<FromWorker>) => this.onMessage(ev.data);
    this.worker.onerror = (ev) => this.setState({ ...this.state, lastError: `ingest worker: ${ev.message}` });
    if (scope) this.worker.postMessage({ type: 'select', ...scope } satisfies SelectSubstations);
    const msg: ToWorker = { type: 'start', ...start, config };
    this.worker.postMessage(msg);
    this.scheduler.startIdle(commit);
  }

  getState = (): ConnectionState => this.state;

  onState = (listener: (s: ConnectionState) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A live-core topic forwarded by the worker (only DISPATCH_LIVE_TOPICS arrive); the same shape as MqttConnection's. */
  subscribe(filter: string, handler: (topic: string, judged: LiveJudgement) => void): () => void {
    const entry = { filter, handler };
    this.liveHandlers.add(entry);
    return () => this.liveHandlers.delete(entry);
  }

  /** A new selection in region scope (subscription-scope.ts): the worker moves the subscriptions to it. */
  select(substationIds: readonly string[]): void {
    const msg: SelectSubstations = { type: 'select', dispatchScope: 'substation', substationIds };
    this.worker.postMessage(msg);
    this.scheduler.request();
  }

  close(): void {
    this.worker.postMessage({ type: 'stop' } satisfies ToWorker);
    this.worker.terminate();
    this.scheduler.stop();
    this.setState({ ...this.state, phase: 'disconnected', lostAtMs: Date.now() });
  }

  private setState(s: ConnectionState) {
    this.state = s;
    for (const l of this.listeners) l(s);
  }

  private onMessage(m: FromWorker) {
    if (m.type === 'connection') {
      this.setState(m.state);
      return;
    }
    if (m.type === 'seed') {
      const r = parseSubstationSeed(m.topic, m.payload);
      if (r) this.store.seedFromSubstation(r);
      else this.store.recordRejection(m.topic, 'schema', 'not a substation snapshot', Date.now());
      this.scheduler.request();
      return;
    }
    if (m.type === 'live') {
      for (const h of this.liveHandlers) if (topicMatches(h.filter, m.topic)) h.handler(m.topic, m.judged);
      return;
    }
    this.received += m.received;
    this.suspect += m.suspect;
    if (m.sim) this.clock.setSimClock(m.sim);
    this.store.applyBatch(m);
    this.scheduler.request();
  }
}

/** A substation snapshot as the seeding takes it: valid JSON of the contract's schema, for the substation its topic names. */
export function parseSubstationSeed(topic: string, payload: Uint8Array): SubstationLive | null {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    return null;
  }
  const r = substationLiveSchema.safeParse(json);
  if (!r.success || topic !== `${LIVE_ROOT}/substations/${r.data.substationId}`) return null;
  return r.data;
}
