/**
 * When the launcher restarts a service that died: 0.5 s after the first crash, doubling up to 30 s for a service that
 * keeps crashing, back to 0.5 s once it had run for a minute (a crash then is news, not the same loop). systemd's
 * units here use the same figures (RestartSec, RestartSteps, RestartMaxDelaySec).
 */
export const RESTART_FIRST_MS = 500;
export const RESTART_CAP_MS = 30_000;
export const RESTART_RESET_AFTER_MS = 60_000;

export interface RestartDecision {
  delayMs: number;
  /** The delay to use after the next crash, if it comes soon. */
  nextDelayMs: number;
  /** At the cap: the service is crashing in a loop. */
  looping: boolean;
}

/** `pendingDelayMs` is what the previous decision left (RESTART_FIRST_MS at first); `upMs` how long it just ran. */
export function decideRestart(pendingDelayMs: number, upMs: number): RestartDecision {
  const delayMs = upMs >= RESTART_RESET_AFTER_MS ? RESTART_FIRST_MS : pendingDelayMs;
  return { delayMs, nextDelayMs: Math.min(RESTART_CAP_MS, delayMs * 2), looping: delayMs >= RESTART_CAP_MS };
}
