/**
 * Failed sign-ins counted per client address and per user name in a sliding window: after `maxFailures` in
 * `windowMs` either key is refused (429) until its oldest failure leaves the window. Per name stops a spread-out guess
 * at one account; per address stops one machine trying many names. A success clears neither (an attacker who knows
 * one password must not reset the count for the others). In memory: a restart forgets, which costs an attacker a
 * restart each time.
 */
export interface SignInLimits {
  windowMs: number;
  maxFailures: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { windowMs: 60_000, maxFailures: 5 };

/** Never more keys than this: a flood of made-up names cannot grow the map without bound. */
const MAX_KEYS = 10_000;

export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();
  readonly counts = { succeeded: 0, failed: 0, limited: 0 };

  constructor(private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS) {}

  private recent(key: string, nowMs: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > nowMs - this.limits.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds until a sign-in from this address for this name may be tried again; 0 when it may now. */
  retryAfterS(address: string, name: string, nowMs: number): number {
    let waitMs = 0;
    for (const key of [`a ${address}`, `u ${name.toLowerCase()}`]) {
      const list = this.recent(key, nowMs);
      if (list.length >= this.limits.maxFailures)
        waitMs = Math.max(waitMs, list[list.length - this.limits.maxFailures]! + this.limits.windowMs - nowMs);
    }
    return Math.ceil(waitMs / 1000);
  }

  failed(address: string, name: string, nowMs: number): void {
    this.counts.failed++;
    if (this.failures.size >= MAX_KEYS) for (const key of [...this.failures.keys()]) this.recent(key, nowMs);
    if (this.failures.size >= MAX_KEYS) this.failures.delete(this.failures.keys().next().value!);
    for (const key of [`a ${address}`, `u ${name.toLowerCase()}`])
      this.failures.set(key, [...this.recent(key, nowMs), nowMs]);
  }
}
