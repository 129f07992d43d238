/** What a poll returns: a value when the awaited thing is there, a falsy one while it is not. */
export type Probe<T> = () => T | null | undefined | false | Promise<T | null | undefined | false>;

/** Polls `probe` every `pollMs` until it returns a value; throws naming `what` after `timeoutMs`. */
export async function waitForValue<T>(what: string, probe: Probe<T>, timeoutMs = 10_000, pollMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** Polls `cond` every 50 ms until it holds; throws naming `what` after `timeoutMs` (for hooks and helpers). */
export async function waitFor(cond: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  await waitForValue(what, cond, timeoutMs);
}
