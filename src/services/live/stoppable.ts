/**
 * The life of a background task that a service can stop at any moment: one `stop()` aborts its requests, ends its
 * current wait and tells its loop to finish. For the seeds that ask the history service while it may not be up yet.
 */
export interface Stoppable {
  readonly stopped: boolean;
  /** Aborted by stop(): give it to every request of the task. */
  readonly signal: AbortSignal;
  /** Resolves after `ms`, or at once when stopped. */
  sleep(ms: number): Promise<void>;
  stop(): void;
}

export function stoppable(): Stoppable {
  const controller = new AbortController();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let wake: (() => void) | null = null;
  return {
    get stopped() {
      return stopped;
    },
    signal: controller.signal,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        if (stopped) return resolve();
        wake = resolve;
        timer = setTimeout(resolve, ms);
      }),
    stop() {
      stopped = true;
      controller.abort();
      if (timer) clearTimeout(timer);
      wake?.();
    },
  };
}
