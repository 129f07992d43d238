/**
 * Ingest: MQTT messages → validation at the edge → the store, in batches. Messages are queued as they arrive and
 * applied when the commit scheduler runs (commit-scheduler.ts: once per animation frame at most, at the area's snapshot
 * pace, with a timer fallback so a hidden tab neither stalls nor grows the queue without bound), then the store
 * publishes one snapshot. Rejected messages (including readings implausible for their device) are counted by reason and
 * never reach it.
 */

import type { DataClock } from '../../core/contract/data-clock';
import { DeviceRegistry } from '../../core/contract/device-registry';
import { judgeMessage } from '../../core/contract/edge-judge';
import { ALL_STATUS_FILTER, ALL_TELEMETRY_FILTER, SIM_CLOCK_TOPIC } from '../../core/contract/topics';
import { CommitScheduler, FALLBACK_FLUSH_MS } from './commit-scheduler';
import { snapshotIntervalMs } from './pace';
import type { TelemetryStore } from './telemetry-store';

export interface MessageSource {
  subscribe(filter: string, handler: (topic: string, payload: Uint8Array) => void): () => void;
}

interface Queued {
  topic: string;
  payload: Uint8Array;
  atMs: number;
}

export class TelemetryIngest {
  private queue: Queued[] = [];
  private readonly scheduler: CommitScheduler;
  /** Time spent in the last flush, ms (read by the benchmark). */
  lastFlushMs = 0;
  flushes = 0;
  /** The configured devices and their previous readings, for the judge (as in the worker and the services). */
  readonly devices: DeviceRegistry;

  constructor(
    private readonly store: TelemetryStore,
    private readonly clock: DataClock,
    /**
     * 'frame' (the product): apply and publish at most once per animation frame. 'per-message' applies and publishes
     * each message as it arrives, re-rendering the views every time: the naive baseline `npm run bench` compares with.
     */
    private readonly mode: 'frame' | 'per-message' = 'frame',
  ) {
    this.devices = new DeviceRegistry(store.config);
    this.scheduler = new CommitScheduler(this.applyQueued, {
      intervalMs: snapshotIntervalMs(store.getSnapshot().devices.size),
      fallbackMs: FALLBACK_FLUSH_MS,
    });
  }

  /** Subscribes to the contract's topics; returns a function that stops everything. */
  start(source: MessageSource): () => void {
    const unsubs = [
      // The simulation clock first: its retained value must be known before retained telemetry is judged.
      source.subscribe(SIM_CLOCK_TOPIC, this.handle),
      source.subscribe(ALL_TELEMETRY_FILTER, this.handle),
      source.subscribe(ALL_STATUS_FILTER, this.handle),
    ];
    this.scheduler.startIdle(() => this.store.commit(this.clock.now()));
    return () => {
      for (const u of unsubs) u();
      this.scheduler.stop();
    };
  }

  handle = (topic: string, payload: Uint8Array): void => {
    this.queue.push({ topic, payload, atMs: Date.now() });
    if (this.mode === 'per-message') this.flush();
    else this.scheduler.request();
  };

  /** Applies everything queued now, then commits one snapshot. */
  flush = (): void => this.scheduler.runNow();

  private readonly applyQueued = (): void => {
    const started = performance.now();
    const batch = this.queue;
    this.queue = [];
    for (const m of batch) this.applyOne(m);
    this.store.commit(this.clock.now());
    this.lastFlushMs = performance.now() - started;
    this.flushes++;
  };

  private applyOne(m: Queued): void {
    this.store.applyJudged(judgeMessage(m.topic, m.payload, m.atMs, this.clock, this.devices));
  }
}
