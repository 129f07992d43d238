/**
 * The browser's copy of supply reliability (src/core/contract/reliability.ts): the outages in progress and of the last
 * 24 h, and the reliability indicators per scope, as the live service computes and publishes them (retained). The
 * one owner of these topics in a page, for both pipelines: the wall's (its relay connection) and the dispatcher's (the
 * ingest worker forwards them, ingest-protocol.ts).
 *
 * - Every message arrives judged by the worker that holds the MQTT client (live-documents.ts: the contract's zod
 *   schema there); a refused one is counted by reason, never drawn, and the last good one stays.
 * - Freshness: the indicators are republished at least once a minute, so they are 'stale' when none has arrived for
 *   STALE_AFTER_MS (or the newest is that old in data time, a retained message left by a service that is gone). The
 *   outages are published on change only; they are as current as the service that publishes both, so a screen says
 *   "may be out of date" beside them when the indicators are stale.
 */
import type { DataClock } from '../../core/contract/data-clock';
import type { LiveScope } from '../../core/contract/live-core-terms';
import type { LiveOutages, LiveReliability } from '../../core/contract/reliability';
import { reliabilityTopics } from '../../core/contract/reliability-terms';
import type { LiveCoreSource } from './live-core-store';
import type { LiveJudgement } from './live-documents';
import { LIVE_REJECT_REASONS, type LiveRejectReason } from './live-payload';

/** The contract republishes the indicators at least once a minute: three missed is silence. */
export const RELIABILITY_STALE_AFTER_MS = 3 * 60_000;
const HEALTH_CHECK_MS = 5_000;

export type ReliabilityFreshness = 'waiting' | 'live' | 'stale';

export interface ReliabilitySnapshot {
  /** Latest valid outages list; null until one arrives. */
  outages: LiveOutages | null;
  indicators: Readonly<Partial<Record<LiveScope, LiveReliability>>>;
  /** Of the area's indicators (what the screens show first). */
  freshness: ReliabilityFreshness;
  /** Data clock at the snapshot. */
  nowMs: number;
  rejected: Record<LiveRejectReason, number>;
  lastRejected: { topic: string; reason: LiveRejectReason; detail: string } | null;
}

export interface LiveReliabilityStoreOptions {
  wallNowMs?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const INDICATORS_PREFIX = reliabilityTopics.indicators('area').slice(0, -'area'.length);

export class LiveReliabilityStore {
  private readonly listeners = new Set<() => void>();
  private readonly wallNowMs: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private outages: LiveOutages | null = null;
  private indicators: Partial<Record<LiveScope, LiveReliability>> = {};
  private areaArrivedAtMs: number | null = null;
  private rejected = Object.fromEntries(LIVE_REJECT_REASONS.map((r) => [r, 0])) as Record<LiveRejectReason, number>;
  private lastRejected: ReliabilitySnapshot['lastRejected'] = null;
  private snapshot: ReliabilitySnapshot;

  constructor(
    private readonly clock: DataClock,
    opts: LiveReliabilityStoreOptions = {},
  ) {
    this.wallNowMs = opts.wallNowMs ?? Date.now;
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.snapshot = this.build();
  }

  start(source: LiveCoreSource): () => void {
    const unsubs = [
      source.subscribe(reliabilityTopics.outages, this.handle),
      source.subscribe(`${INDICATORS_PREFIX}+`, this.handle),
    ];
    let timer: unknown = null;
    // Silence sends no message: freshness is re-judged on a timer, and a change is a new snapshot.
    const tick = () => {
      timer = this.setTimer(tick, HEALTH_CHECK_MS);
      if (this.freshness() !== this.snapshot.freshness) this.commit();
    };
    timer = this.setTimer(tick, HEALTH_CHECK_MS);
    return () => {
      for (const u of unsubs) u();
      if (timer !== null) this.clearTimer(timer);
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ReliabilitySnapshot => this.snapshot;

  /** One message of a reliability topic; true when taken. A handful a minute: each is committed at once. */
  handle = (topic: string, judged: LiveJudgement): boolean => {
    const ok = this.apply(topic, judged);
    this.commit();
    return ok;
  };

  private apply(topic: string, judged: LiveJudgement): boolean {
    if (!judged.ok) return this.reject(topic, judged.reason, judged.detail);
    const { doc } = judged;
    switch (doc.kind) {
      case 'cleared':
        // An empty retained message clears the topic: keep the last good one rather than guess "no outages".
        return false;
      case 'outages':
        // Retained and re-delivered on reconnect: an older list never replaces a newer one.
        if (this.outages && doc.data.ts < this.outages.ts) return false;
        this.outages = doc.data;
        return true;
      case 'indicators':
        this.indicators = { ...this.indicators, [doc.scope]: doc.data };
        if (doc.scope === 'area') this.areaArrivedAtMs = this.wallNowMs();
        return true;
      default:
        return this.reject(topic, 'bad-topic', topic);
    }
  }

  private reject(topic: string, reason: LiveRejectReason, detail: string): false {
    this.rejected = { ...this.rejected, [reason]: this.rejected[reason] + 1 };
    this.lastRejected = { topic: topic.slice(0, 300), reason, detail: detail.slice(0, 300) };
    return false;
  }

  private freshness(): ReliabilityFreshness {
    const area = this.indicators.area;
    if (!area || this.areaArrivedAtMs === null) return 'waiting';
    const arrivedAgoMs = this.wallNowMs() - this.areaArrivedAtMs;
    const dataAgeMs = this.clock.now() - area.ts;
    const stale =
      arrivedAgoMs > RELIABILITY_STALE_AFTER_MS ||
      dataAgeMs > RELIABILITY_STALE_AFTER_MS * Math.max(1, this.clock.speed);
    return stale ? 'stale' : 'live';
  }

  private build(): ReliabilitySnapshot {
    return {
      outages: this.outages,
      indicators: this.indicators,
      freshness: this.freshness(),
      nowMs: this.clock.now(),
      rejected: this.rejected,
      lastRejected: this.lastRejected,
    };
  }

  private commit(): void {
    this.snapshot = this.build();
    for (const l of this.listeners) l();
  }
}
