/**
 * The screens' health API: every screen (the wall in the lobby above all) reports its frame rate, heap and data age to
 * the web server every HEARTBEAT_INTERVAL_MS; an operator sees from elsewhere which screen is stale (stopped
 * reporting: a hidden tab, a frozen main thread, a dead PC) or shows frozen data (reports, but its newest live value is
 * old). One definition of the body, the listing and the state rule for the browser's reporter, the web server and the
 * admin screen.
 *
 *   POST /api/screens/heartbeat  ScreenHeartbeat → 204; 400 {error, field}; public (the wall has no session)
 *   GET  /api/screens            → ScreenList (admin, dispatcher)
 */
import { z } from 'zod';
import {
  FROZEN_DATA_AGE_S,
  HEARTBEAT_INTERVAL_MS,
  SCREEN_STATES,
  type ScreenState,
  STALE_AFTER_INTERVALS,
} from './screen-health-api-terms';

// The paths, timing and states are defined in a zod-free module (./screen-health-api-terms.ts), so every page's
// reporter can take them without these schemas; the server and the tests keep importing them from here.
export type { ScreenState } from './screen-health-api-terms';
export {
  FROZEN_DATA_AGE_S,
  HEARTBEAT_BODY_LIMIT_BYTES,
  HEARTBEAT_INTERVAL_MS,
  SCREEN_HEARTBEAT_PATH,
  SCREEN_STATES,
  SCREENS_PATH,
  STALE_AFTER_INTERVALS,
} from './screen-health-api-terms';

const shortText = (max: number) =>
  z
    .string()
    .max(max)
    // control characters would garble a log line or the admin table
    .regex(/^[^\p{Cc}]*$/u, 'control characters');

export const screenHeartbeatSchema = z
  .object({
    /** Stable per browser: a generated id kept in localStorage. */
    screenId: shortText(64).min(1),
    /** The ?screen= name an installer gave this screen ("lobby-left"), when given. */
    screenName: shortText(64).nullable(),
    /** The route shown ("/wall"). */
    route: shortText(128).min(1),
    /** Frames drawn per second over the few seconds before the report (requestAnimationFrame count). */
    fps: z.number().min(0).max(1000),
    /** performance.memory.usedJSHeapSize where the browser has it (Chromium), else null. */
    heapUsedBytes: z
      .number()
      .int()
      .min(0)
      .max(64 * 2 ** 30)
      .nullable(),
    /** Age of the newest live data the page holds, in the data clock's seconds; null before the first value. */
    dataAgeS: z
      .number()
      .min(0)
      .max(10 * 365 * 86_400)
      .nullable(),
    /** The page's broker connection. */
    connection: z.enum(['connecting', 'connected', 'reconnecting', 'offline', 'none']),
    /** The build the page runs. */
    appVersion: shortText(64),
  })
  .strict();
export type ScreenHeartbeat = z.infer<typeof screenHeartbeatSchema>;

export const screenEntrySchema = z.object({
  /** The server's key: screenId, route and name (one browser may show two screens in two tabs). */
  key: z.string(),
  report: screenHeartbeatSchema,
  /** When the server received the last report (server clock). */
  lastSeenMs: z.number(),
  reportAgeS: z.number(),
  state: z.enum(SCREEN_STATES),
  /** Where the report came from (the screen PC's address). */
  address: z.string(),
});
export type ScreenEntry = z.infer<typeof screenEntrySchema>;

export const screenListSchema = z.object({
  atMs: z.number(),
  intervalMs: z.number(),
  staleAfterS: z.number(),
  frozenDataAgeS: z.number(),
  screens: z.array(screenEntrySchema),
  /** Heartbeats refused since the server started, by reason (invalid, too-large, not-json, rate-limited, other). */
  refused: z.record(z.string(), z.number()),
  /** Screens dropped to keep the list bounded (the one heard from longest ago goes first). */
  evicted: z.number(),
});
export type ScreenList = z.infer<typeof screenListSchema>;

export interface ScreenStateRule {
  intervalMs: number;
  staleAfterIntervals: number;
  frozenDataAgeS: number;
}
export const DEFAULT_SCREEN_STATE_RULE: ScreenStateRule = {
  intervalMs: HEARTBEAT_INTERVAL_MS,
  staleAfterIntervals: STALE_AFTER_INTERVALS,
  frozenDataAgeS: FROZEN_DATA_AGE_S,
};

/**
 * A screen's state. Stale wins: a screen that stopped reporting may be showing anything, its last data age says
 * nothing now. A reporting screen with no data yet (null age) is live: it is connecting, and says so in `connection`.
 */
export function classifyScreen(
  reportAgeMs: number,
  dataAgeS: number | null,
  rule: ScreenStateRule = DEFAULT_SCREEN_STATE_RULE,
): ScreenState {
  if (reportAgeMs >= rule.intervalMs * rule.staleAfterIntervals) return 'stale';
  if (dataAgeS !== null && dataAgeS > rule.frozenDataAgeS) return 'frozen-data';
  return 'live';
}
