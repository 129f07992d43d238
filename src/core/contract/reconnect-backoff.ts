/**
 * How every MQTT client of the system waits before its next connection attempt (the browser's mqtt-connection.ts and
 * the services' mqtt-client.ts): 0.5 s doubling to a 2 s cap, each wait drawn from its upper half. The low cap brings
 * screens and services back within about 2 s of a restarted broker answering (a cap of 30 s could leave the wall dark
 * for half a minute after a 10 s restart); the jitter spreads the hundreds of wall pages and feed devices that lost
 * the broker at the same instant over a second, so they do not all knock again in the same millisecond.
 */
export const RECONNECT_BACKOFF = { firstMs: 500, capMs: 2_000 } as const;

/** The wait before reconnect attempt `attempt` (1 = the first after a loss); `random` in [0, 1). */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const { firstMs, capMs } = RECONNECT_BACKOFF;
  const ceiling = Math.min(capMs, firstMs * 2 ** Math.max(0, Math.min(attempt - 1, 10)));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
