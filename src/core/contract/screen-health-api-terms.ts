/**
 * The screens' health API's paths, timing and states without its schemas (./screen-health-api.ts, which re-exports all
 * of this). Every page's reporter (src/browser/app/screen-health-reporter.ts) imports the path and the interval from
 * here: a value import from screen-health-api.ts would bring its zod schemas onto every route's main thread (zod's
 * calls are not known to be pure, so the bundler keeps them).
 */

export const SCREEN_HEARTBEAT_PATH = '/api/screens/heartbeat';
export const SCREENS_PATH = '/api/screens';

/** How often a screen reports. */
export const HEARTBEAT_INTERVAL_MS = 15_000;
/** No report for this many intervals: stale (a missed report or two is a busy network, three is a stopped screen). */
export const STALE_AFTER_INTERVALS = 3;
/** A reporting screen whose newest live value is older than this shows frozen data (the wall's own "delayed" mark
 * comes after 30 s of silence per device; a whole screen a minute behind is an operator's business). */
export const FROZEN_DATA_AGE_S = 60;
/** The largest heartbeat body the server reads. A real one is about 300 bytes. */
export const HEARTBEAT_BODY_LIMIT_BYTES = 2048;

export const SCREEN_STATES = ['live', 'stale', 'frozen-data'] as const;
export type ScreenState = (typeof SCREEN_STATES)[number];
