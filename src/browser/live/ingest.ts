/**
 * Ingest: MQTT messages → validation at the edge → the store, in batches. Messages are queued as they arrive and
 * applied at most once per animation frame and at most every MIN_COMMIT_INTERVAL_MS (with a timer fallback so a hidden tab neither stalls nor grows the queue
 * without bound), then the store publishes one snapshot. Rejected messages are counted by reason and never reach it.
 */

import type { DataClock } from '../../core/contract/data-clock';
import { judgeMessage } from '../../core/contract/edge-judge';
import { ALL_STATUS_FILTER, ALL_TELEMETRY_FILTER, SIM_CLOCK_TOPIC } from '../../core/contract/topics';
import type { TelemetryStore } from './telemetry-store';

export interface MessageSource {
  subscribe(filter: string, handler: (topic: string, payload: Uint8Array) => void): () => void;
}

interface Queued {
  topic: string;
  payload: Uint8Array;
  atMs: number;
}

/** Longest a queued message waits when animation frames are not running (background tab, headless). */
const FALLBACK_FLUSH_MS = 250;
/**
 * Views re-render at most this often (≈ 10 Hz): live numbers tween between updates, and the frames in between stay
 * free for animation. Telemetry arrives every 5–10 s per device, so nothing a person can see is lost.
 */
export const MIN_COMMIT_INTERVAL_MS = 100;
/** Freshness is re-evaluated this often even when nothing arrives, so silent devices go stale on screen. */
const IDLE_COMMIT_MS = 1_000;

export class TelemetryIngest {
  private queue: Queued[] = [];
  private frameRequested = false;
  private fallbackTimer: ReturnType<typeof setTimeout> | null = null;
  private frameHandle: number | null = null;
  /** Time spent in the last flush, ms (read by the benchmark). */
  lastFlushMs = 0;
  flushes = 0;

  constructor(
    private readonly store: TelemetryStore,
    private readonly clock: DataClock,
    /**
     * 'frame' (the product): apply and publish at most once per animation frame. 'per-message' applies and publishes
     * each message as it arrives, re-rendering the views every time: the naive baseline `npm run bench` compares with.
     */
    private readonly mode: 'frame' | 'per-message' = 'frame',
  ) {}

  /** Subscribes to the contract's topics; returns a function that stops everything. */
  start(source: MessageSource): () => void {
    const unsubs = [
      // The simulation clock first: its retained value must be known before retained telemetry is judged.
      source.subscribe(SIM_CLOCK_TOPIC, this.handle),
      source.subscribe(ALL_TELEMETRY_FILTER, this.handle),
      source.subscribe(ALL_STATUS_FILTER, this.handle),
    ];
    const idle = setInterval(() => this.store.commit(this.clock.now()), IDLE_COMMIT_MS);
    return () => {
      for (const u of unsubs) u();
      clearInterval(idle);
      if (this.fallbackTimer) clearTimeout(this.fallbackTimer);
      if (this.frameHandle !== null && typeof cancelAnimationFrame === 'function')
        cancelAnimationFrame(this.frameHandle);
    };
  }

  handle = (topic: string, payload: Uint8Array): void => {
    this.queue.push({ topic, payload, atMs: Date.now() });
    if (this.mode === 'per-message') this.flush();
    else this.scheduleFlush();
  };

  private lastFlushAtMs = Number.NEGATIVE_INFINITY;
  private delayTimer: ReturnType<typeof setTimeout> | null = null;

  private scheduleFlush(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    const wait = this.lastFlushAtMs + MIN_COMMIT_INTERVAL_MS - performance.now();
    const requestFrame = () => {
      this.delayTimer = null;
      if (typeof requestAnimationFrame === 'function') this.frameHandle = requestAnimationFrame(this.flush);
    };
    if (wait > 0) this.delayTimer = setTimeout(requestFrame, wait);
    else requestFrame();
    this.fallbackTimer = setTimeout(this.flush, Math.max(wait, 0) + FALLBACK_FLUSH_MS);
  }

  /** Applies everything queued, then commits one snapshot. */
  flush = (): void => {
    const started = performance.now();
    this.frameRequested = false;
    if (this.fallbackTimer) clearTimeout(this.fallbackTimer);
    this.fallbackTimer = null;
    if (this.delayTimer) clearTimeout(this.delayTimer);
    this.delayTimer = null;
    if (this.frameHandle !== null && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this.frameHandle);
    this.frameHandle = null;
    const batch = this.queue;
    this.queue = [];
    for (const m of batch) this.applyOne(m);
    this.store.commit(this.clock.now());
    this.lastFlushAtMs = performance.now();
    this.lastFlushMs = this.lastFlushAtMs - started;
    this.flushes++;
  };

  private applyOne(m: Queued): void {
    this.store.applyJudged(
      judgeMessage(m.topic, m.payload, m.atMs, this.clock, (k, p, id) => this.store.knows(k, p, id)),
    );
  }
}
