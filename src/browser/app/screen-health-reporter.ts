/**
 * Every screen's health report (src/core/contract/screen-health-api.ts): every HEARTBEAT_INTERVAL_MS the page posts
 * its frame rate (requestAnimationFrame count over the FPS_WINDOW_MS before the report), JS heap, the age of the newest live data it holds,
 * its broker connection and its build to /api/screens/heartbeat, so an operator sees a frozen lobby wall from the desk.
 * A hidden tab does not send (its frames stop; it shows nobody anything) and a frozen main thread cannot: silence is
 * the signal, the server calls it stale. Started once per page from main.tsx, outside React, so it runs on every
 * route (the sign-in page and a configuration error included) and StrictMode's double effects never start two.
 */

import { version } from '../../../package.json';
import type { ScreenHeartbeat } from '../../core/contract/screen-health-api';
// The values from the zod-free module: this runs on every page's main thread, which carries no zod.
import { HEARTBEAT_INTERVAL_MS, SCREEN_HEARTBEAT_PATH } from '../../core/contract/screen-health-api-terms';
import type { AnyRuntime } from '../live/runtime';

/** A screen opened or reloaded shows up this soon. */
const FIRST_REPORT_MS = 5_000;
/**
 * Frames are counted over this window before each report, not all the time: a requestAnimationFrame loop kept
 * running between reports would make a still page (the desk between updates) draw every frame only to be measured.
 */
export const FPS_WINDOW_MS = 3_000;
const SCREEN_ID_KEY = 'gaozhu.screenId';
const NAME_MAX = 64;
const ROUTE_MAX = 128;

/**
 * Age of the newest live data the runtime holds, in wall seconds: the data clock's age divided by its speed, so a
 * sped-up simulated world (60×) is not "a minute behind" one wall second after its last message. Null before any.
 * The public screens hold the live core's area figures; the dispatcher's the newest device reading.
 */
export function newestDataAgeS(rt: AnyRuntime | null): number | null {
  if (!rt) return null;
  let newestMs: number | null = null;
  if (rt.role === 'public') newestMs = rt.liveCore.getSnapshot().health.lastFiguresMs;
  else
    for (const d of rt.store.getSnapshot().devices.values())
      if (d.lastTs !== null && (newestMs === null || d.lastTs > newestMs)) newestMs = d.lastTs;
  if (newestMs === null) return null;
  const ageS = (rt.clock.now() - newestMs) / rt.clock.speed / 1000;
  return Math.round(Math.max(0, ageS) * 10) / 10;
}

export function connectionOf(rt: AnyRuntime | null): ScreenHeartbeat['connection'] {
  if (!rt) return 'none';
  const phase = rt.connection.getState().phase;
  return phase === 'disconnected' ? 'offline' : phase;
}

/** Control characters would be refused by the server: the whole report would be lost for a stray tab in a name. */
const clean = (s: string, max: number) =>
  s
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, max);

/** ?screen=lobby-left: the name an installer gave this screen, when given. */
export function screenNameFrom(search: string): string | null {
  const name = clean(new URLSearchParams(search).get('screen') ?? '', NAME_MAX);
  return name || null;
}

/** Stable per browser (localStorage); a private window that refuses storage gets one per page load. */
export function screenIdFrom(storage: Pick<Storage, 'getItem' | 'setItem'> | null): string {
  try {
    const kept = storage?.getItem(SCREEN_ID_KEY);
    if (kept && /^[0-9a-f]{16}$/.test(kept)) return kept;
  } catch {
    // storage refused: a new id below
  }
  // getRandomValues, not randomUUID: a wall reached by LAN address over plain HTTP is not a secure context.
  const id = [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, '0')).join('');
  try {
    storage?.setItem(SCREEN_ID_KEY, id);
  } catch {
    // kept for this page only
  }
  return id;
}

/** The package version and the build's hash, read from the entry chunk's hashed name (/assets/index-<hash>.js). */
export function appVersionFrom(moduleUrl: string): string {
  const hash = /-([A-Za-z0-9_-]{6,})\.js$/.exec(new URL(moduleUrl).pathname)?.[1];
  return hash ? `${version}+${hash}` : `${version}+dev`;
}

interface PerformanceWithMemory extends Performance {
  memory?: { usedJSHeapSize: number };
}

export interface ReporterOptions {
  /** The page's runtime once it has one (runtime-host.tsx). */
  runtime: () => AnyRuntime | null;
  intervalMs?: number;
}

/** Starts the reporter; returns a function that stops it. */
export function startScreenHealthReporter({
  runtime,
  intervalMs = HEARTBEAT_INTERVAL_MS,
}: ReporterOptions): () => void {
  const screenId = screenIdFrom(typeof localStorage === 'undefined' ? null : localStorage);
  const appVersion = appVersionFrom(import.meta.url);
  let frames = 0;
  let since = performance.now();
  let raf = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let windowTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const countFrame = () => {
    frames++;
    raf = requestAnimationFrame(countFrame);
  };
  const restartCount = () => {
    frames = 0;
    since = performance.now();
  };
  const startCount = () => {
    cancelAnimationFrame(raf);
    restartCount();
    raf = requestAnimationFrame(countFrame);
  };
  const schedule = (delayMs: number) => {
    timer = setTimeout(report, delayMs);
    windowTimer = setTimeout(startCount, Math.max(0, delayMs - FPS_WINDOW_MS));
  };
  // Back from hidden: the frames of the hidden time were never drawn, so they say nothing of this screen's speed.
  const onVisibility = () => {
    if (document.visibilityState === 'visible') restartCount();
  };

  const report = () => {
    if (stopped) return;
    cancelAnimationFrame(raf);
    schedule(intervalMs);
    if (document.visibilityState !== 'visible') return;
    const elapsedS = (performance.now() - since) / 1000;
    const fps = elapsedS > 0 ? Math.min(1000, Math.round((frames / elapsedS) * 10) / 10) : 0;
    const rt = runtime();
    const heap = (performance as PerformanceWithMemory).memory?.usedJSHeapSize;
    const body: ScreenHeartbeat = {
      screenId,
      screenName: screenNameFrom(location.search),
      route: clean(location.pathname, ROUTE_MAX) || '/',
      fps,
      heapUsedBytes: typeof heap === 'number' ? Math.round(heap) : null,
      dataAgeS: newestDataAgeS(rt),
      connection: connectionOf(rt),
      appVersion,
    };
    // keepalive: a report sent as the page goes away still arrives. No cookie: the report needs no session.
    fetch(SCREEN_HEARTBEAT_PATH, {
      method: 'POST',
      keepalive: true,
      credentials: 'omit',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).catch(() => {
      // The server is down or restarting: the next report tries again; the operator sees this screen go stale.
    });
  };

  document.addEventListener('visibilitychange', onVisibility);
  schedule(Math.min(FIRST_REPORT_MS, intervalMs));
  return () => {
    stopped = true;
    cancelAnimationFrame(raf);
    clearTimeout(timer);
    clearTimeout(windowTimer);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
