/**
 * When the store publishes a snapshot: at most once per animation frame, no closer together than the area's snapshot
 * pace (pace.ts), and on a slow idle timer so silent devices go stale on screen even when nothing arrives. One
 * scheduler for both ingests (main-thread and worker), so their commits follow the same rules.
 */

/**
 * Longest a requested commit waits when animation frames are not running (background tab, headless), for an ingest
 * that holds messages until the commit: its queue must neither stall nor grow without bound.
 */
export const FALLBACK_FLUSH_MS = 250;
/** Freshness is re-evaluated this often even when nothing arrives, so silent devices go stale on screen. */
export const IDLE_COMMIT_MS = 1_000;
/** A wait shorter than this goes straight to the next frame: the frame is that far away anyway. */
const MIN_DELAY_MS = 4;

export interface CommitSchedulerOptions {
  /** Least time between the starts of two runs, ms (pace.ts snapshotIntervalMs). */
  intervalMs: number;
  /** Also run after this long if no frame comes (see FALLBACK_FLUSH_MS); without it, only the idle timer does. */
  fallbackMs?: number;
}

export class CommitScheduler {
  private pending = false;
  private lastRunAtMs = Number.NEGATIVE_INFINITY;
  private delayTimer: ReturnType<typeof setTimeout> | null = null;
  private fallbackTimer: ReturnType<typeof setTimeout> | null = null;
  private frameHandle: number | null = null;
  private idleTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    /** The work of one commit (apply what is queued, if anything, then store.commit). */
    private readonly run: () => void,
    private readonly opts: CommitSchedulerOptions,
  ) {}

  /** Asks for a run on the next frame the pace allows; further requests until then are the same run. */
  request(): void {
    if (this.pending) return;
    this.pending = true;
    const waitMs = Math.max(0, this.lastRunAtMs + this.opts.intervalMs - performance.now());
    const requestFrame = () => {
      this.delayTimer = null;
      if (typeof requestAnimationFrame === 'function') this.frameHandle = requestAnimationFrame(this.runNow);
    };
    if (waitMs > MIN_DELAY_MS) this.delayTimer = setTimeout(requestFrame, waitMs);
    else requestFrame();
    if (this.opts.fallbackMs !== undefined) this.fallbackTimer = setTimeout(this.runNow, waitMs + this.opts.fallbackMs);
  }

  /** Runs now, dropping whatever run was pending. */
  runNow = (): void => {
    this.cancelPending();
    this.lastRunAtMs = performance.now();
    this.run();
  };

  /** Starts the idle timer (each tick is a plain idleRun, outside the pace: it only re-evaluates freshness). */
  startIdle(idleRun: () => void): void {
    if (this.idleTimer === null) this.idleTimer = setInterval(idleRun, IDLE_COMMIT_MS);
  }

  stop(): void {
    this.cancelPending();
    if (this.idleTimer !== null) clearInterval(this.idleTimer);
    this.idleTimer = null;
  }

  private cancelPending(): void {
    this.pending = false;
    if (this.delayTimer) clearTimeout(this.delayTimer);
    this.delayTimer = null;
    if (this.fallbackTimer) clearTimeout(this.fallbackTimer);
    this.fallbackTimer = null;
    if (this.frameHandle !== null && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this.frameHandle);
    this.frameHandle = null;
  }
}
