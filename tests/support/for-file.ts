/**
 * A server or harness a whole test file shares, in one call where the file would write a `let` and two hooks: started
 * before the file's tests (hooks registered where this is called, so before the caller's later ones) and closed after
 * them (after the caller's later afterAll hooks: Vitest runs them in reverse order).
 */
import { afterAll, beforeAll } from 'vitest';

/** The returned function is the running thing, inside tests and later hooks; it throws, naming `what`, before that. */
export function startedForFile<T extends { close(): Promise<void> }>(what: string, start: () => Promise<T>): () => T {
  let running: T | undefined;
  beforeAll(async () => {
    running = await start();
  });
  afterAll(async () => {
    await running?.close();
  });
  return () => {
    if (!running) throw new Error(`${what} is not started yet: use it inside a test or a later hook`);
    return running;
  };
}
