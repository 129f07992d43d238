/**
 * Main-thread side of the ingest worker: starts it, applies each batch of judged messages to the store and commits
 * one snapshot per animation frame at most, no closer together than the area's snapshot pace (store/pace.ts), and
 * mirrors the worker's connection state for the views.
 */

import type { DataClock } from '../../core/contract/data-clock';
import type { FromWorker, StartIngest, ToWorker } from './ingest-protocol';
import type { ConnectionState } from './mqtt-connection';
import { snapshotIntervalMs } from './pace';
import type { TelemetryStore } from './telemetry-store';

/** What views need of a connection: its state, observable. */
export interface ConnectionStatusSource {
  getState(): ConnectionState;
  onState(listener: (s: ConnectionState) => void): () => void;
  close(): void;
}

const IDLE_COMMIT_MS = 1_000;

export class WorkerIngest implements ConnectionStatusSource {
  private readonly worker: Worker;
  private state: ConnectionState;
  private readonly listeners = new Set<(s: ConnectionState) => void>();
  private frameRequested = false;
  private lastCommitAtMs = Number.NEGATIVE_INFINITY;
  private readonly commitIntervalMs: number;
  private readonly idle: ReturnType<typeof setInterval>;
  /** Raw messages the worker has judged so far (the benchmark's throughput figure). */
  received = 0;

  constructor(
    private readonly store: TelemetryStore,
    private readonly clock: DataClock,
    start: Omit<StartIngest, 'type' | 'devices'>,
  ) {
    this.state = {
      phase: 'connecting',
      connectedAtMs: null,
      lostAtMs: null,
      attempts: 0,
      lastError: null,
      url: start.url,
    };
    this.commitIntervalMs = snapshotIntervalMs(store.getSnapshot().devices.size);
    this.worker = new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module', name: 'gaozhu-ingest' });
    this.worker.onmessage = (ev: MessageEvent<FromWorker>) => this.onMessage(ev.data);
    this.worker.onerror = (ev) => this.setState({ ...this.state, lastError: `ingest worker: ${ev.message}` });
    const msg: ToWorker = { type: 'start', ...start, devices: store.deviceKeys() };
    this.worker.postMessage(msg);
    this.idle = setInterval(() => this.store.commit(this.clock.now()), IDLE_COMMIT_MS);
  }

  getState = (): ConnectionState => this.state;

  onState = (listener: (s: ConnectionState) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  close(): void {
    this.worker.postMessage({ type: 'stop' } satisfies ToWorker);
    this.worker.terminate();
    clearInterval(this.idle);
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
    this.received += m.received;
    for (const j of m.judged) {
      if (j.type === 'clock') this.clock.setSimClock(j.sim);
      else this.store.applyJudged(j);
    }
    if (this.frameRequested) return;
    this.frameRequested = true;
    // Batches come every WORKER_BATCH_MS; a big area's snapshots wait for their slower pace (the data is applied
    // already, only the O(devices) snapshot waits), then land on the next animation frame.
    const waitMs = Math.max(0, this.lastCommitAtMs + this.commitIntervalMs - performance.now());
    const commit = () =>
      requestAnimationFrame(() => {
        this.frameRequested = false;
        this.lastCommitAtMs = performance.now();
        this.store.commit(this.clock.now());
      });
    if (waitMs > 4) setTimeout(commit, waitMs);
    else commit();
  }
}
