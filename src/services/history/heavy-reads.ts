/**
 * Bounds the heavy reads of the HTTP API (series, CSV exports, the alarm log). better-sqlite3 is synchronous, so a
 * query and the serialisation of its answer hold the event loop; eight clients looping a 20,000-point CSV queued eight
 * of them in one poll phase and /api/health waited behind all of them (tests/bench/README.md, history flood). Here at
 * most `maxConcurrent` run at once, at most `maxQueued` wait, and anything beyond is turned away at once (the API
 * answers 503 with Retry-After) and counted. Every read starts from a `setImmediate`, i.e. after the event loop has
 * polled its sockets, so a health check waits for at most the reads already running, never for the queue.
 */
import { Counter, Gauge, type Registry } from '../common/metrics';

export interface HeavyReadLimits {
  /** Heavy reads running at once (default 1: they are synchronous anyway; more only lengthens each one's hold). */
  maxConcurrent: number;
  /**
   * Heavy reads waiting for a slot (default 32: the progress screen alone asks for about a dozen series at once, and
   * several screens load together); one more is rejected. The bound is against a backlog without end (memory, answers
   * nobody waits for any more); what keeps health prompt is that each read starts from the check phase.
   */
  maxQueued: number;
  /** What a rejected request is told to wait, seconds (Retry-After). */
  retryAfterS: number;
}

export const HEAVY_READ_DEFAULTS: HeavyReadLimits = { maxConcurrent: 1, maxQueued: 32, retryAfterS: 1 };

export class HeavyReadsBusy extends Error {
  constructor(readonly retryAfterS: number) {
    super('too many heavy history reads at once; retry later');
  }
}

export class HeavyReads {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly rejected: Counter;
  private readonly served: Counter;

  constructor(
    readonly limits: HeavyReadLimits,
    registry: Registry,
  ) {
    this.rejected = new Counter({
      name: 'history_heavy_reads_rejected_total',
      help: 'Heavy reads (series, CSV, alarm log) answered 503 because the bounded queue was full',
      registers: [registry],
    });
    this.served = new Counter({
      name: 'history_heavy_reads_total',
      help: 'Heavy reads (series, CSV, alarm log) run',
      registers: [registry],
    });
    const self = this;
    new Gauge({
      name: 'history_heavy_reads_queued',
      help: 'Heavy reads waiting for a slot now',
      registers: [registry],
      collect() {
        this.set(self.waiting.length);
      },
    });
    new Gauge({
      name: 'history_heavy_reads_in_progress',
      help: 'Heavy reads holding a slot now',
      registers: [registry],
      collect() {
        this.set(self.running);
      },
    });
  }

  get queued(): number {
    return this.waiting.length;
  }

  get inProgress(): number {
    return this.running;
  }

  /** Runs `read` when a slot is free; throws HeavyReadsBusy at once when the queue is full. */
  async run<T>(read: () => Promise<T> | T): Promise<T> {
    await this.acquire();
    try {
      this.served.inc();
      return await read();
    } finally {
      this.release();
    }
  }

  /**
   * Takes a slot without a read and returns its release (tests: to fill the slots with something that does not end
   * by itself, so what waits and what is turned away does not depend on how fast a query is).
   */
  async hold(): Promise<() => void> {
    await this.acquire();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release();
    };
  }

  private acquire(): Promise<void> {
    if (this.running < this.limits.maxConcurrent) {
      this.running++;
      // Even a free slot starts its read in the check phase, not in the socket's callback: a read run there would
      // hold the poll phase, and every request whose data arrived in the same poll (a health check among them) would
      // wait behind it — the gate measured empty while health took a second (tests/bench/README.md).
      return new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (this.waiting.length >= this.limits.maxQueued) {
      this.rejected.inc();
      return Promise.reject(new HeavyReadsBusy(this.limits.retryAfterS));
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (!next) {
      this.running--;
      return;
    }
    // The slot passes to the next waiter in the next loop iteration's check phase, after a poll: a health check that
    // arrived meanwhile is answered before the next synchronous read starts.
    setImmediate(next);
  }
}
