/**
 * Soak run of the screens people leave open (`npm run soak`): broker, feeds at SOAK_SPEED× world speed, the live and
 * history services and the built app, with three pages in headless Chromium at 1920×1080, each in its own context:
 *   - the lobby wall, rotating its scenes (`/wall?dwell=…`),
 *   - the dispatcher's desk (`/dispatch`, signed in as the development dispatcher),
 *   - the overview (`/`).
 * Every SOAK_INTERVAL_S each page is sampled for
 *   - frame rate (requestAnimationFrame callbacks over 3 s),
 *   - JS heap used after a forced garbage collection (CDP HeapProfiler.collectGarbage + Performance.getMetrics
 *     JSHeapUsedSize; the main thread's heap: the ingest worker's is not in it),
 *   - DOM elements in the document, CDP's Nodes (detached ones included) and JSEventListeners,
 *   - ECharts instances alive (elements with `_echarts_instance_`; charts are created once, so this must stay put),
 *   - page errors and console errors since the start,
 * and prints one line per page per sample as it goes (a cut-short run still yields figures), a summary every 10
 * samples and at the end (also on SIGINT / SIGTERM): per page the heap's least-squares slope in MB per hour over the
 * samples after its warm-up. The warm-up is when the page's bounded series are full (computed from the ring sizes
 * and the speed, printed at the start) or a world day has passed (the day curves grow until midnight), whichever is
 * later; before that a growing heap is the rings filling, not a leak.
 *
 *   SOAK_MINUTES=30 SOAK_SPEED=10 SOAK_INTERVAL_S=60 SOAK_DWELL_S=25 npm run soak     (run `npx vite build` first)
 *   SOAK_DIST=/tmp/soak-dist          a build of one's own (`npx vite build --outDir …`): tests rebuild dist/
 *   SOAK_SCREENS=wall,dispatch        a subset of wall, dispatch, overview
 *   SOAK_SNAPSHOTS=/tmp/snaps         heap snapshots of each page at the third sample and at the end, to diff in
 *                                     Chromium's DevTools (Memory → Comparison) when the heap grows
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { MINUTES_KEPT, SAMPLE_CAPACITY } from '../../src/browser/live/live-core-store';
import { SERIES_LIMITS } from '../../src/browser/live/telemetry-store';
import { launchChromium } from '../support/chromium';
import { signInPage } from '../support/sign-in';
import { startStack } from '../support/stack';

const minutes = Number(process.env.SOAK_MINUTES ?? 30);
const speed = Number(process.env.SOAK_SPEED ?? 10);
const intervalS = Number(process.env.SOAK_INTERVAL_S ?? 60);
const dwellS = Number(process.env.SOAK_DWELL_S ?? 25);
const distDir = process.env.SOAK_DIST ?? 'dist';
const snapshotDir = process.env.SOAK_SNAPSHOTS;
const FPS_WINDOW_MS = 3_000;
/** How long one page's sample may take before it is reported as not answering. */
const STEP_TIMEOUT_MS = 90_000;
/** The live service publishes its figures once a second of wall time (live-service.ts publishIntervalMs). */
const LIVE_FIGURES_EVERY_S = 1;

type ScreenName = 'wall' | 'dispatch' | 'overview';
const screenNames = (process.env.SOAK_SCREENS ?? 'wall,dispatch,overview').split(',') as ScreenName[];

const stack = await startStack({ speed, history: true, distDir });
const feedIntervalMaxS = Math.max(...Object.values(stack.config.feedIntervalsS));

/** Wall-clock minutes until a ring of `capacity` points, one every `everyWorldS` of world time, is full. */
const worldFill = (capacity: number, everyWorldS: number) => (capacity * everyWorldS) / speed / 60;
const WORLD_DAY_MIN = (24 * 60) / speed;
const liveCoreRings = {
  'live core raw figures (1 s wall)': (SAMPLE_CAPACITY * LIVE_FIGURES_EVERY_S) / 60,
  'live core minutes': worldFill(MINUTES_KEPT, 60),
  'a world day (day curves)': WORLD_DAY_MIN,
};
const telemetryRings = {
  'device raw points': worldFill(SERIES_LIMITS.deviceRawPoints, feedIntervalMaxS),
  'device minutes': worldFill(SERIES_LIMITS.deviceMinutes, 60),
  'area raw points': worldFill(SERIES_LIMITS.areaRawPoints, SERIES_LIMITS.areaSampleMs / 1000),
  'area minutes': worldFill(SERIES_LIMITS.areaMinutes, 60),
  'a world day (day curves)': WORLD_DAY_MIN,
};

interface Screen {
  name: ScreenName;
  path: string;
  signedIn: boolean;
  /** What the page's runtime keeps, and when (wall minutes) each is full. */
  rings: Record<string, number>;
}
const SCREENS: Record<ScreenName, Screen> = {
  wall: { name: 'wall', path: `/wall?dwell=${dwellS}`, signedIn: false, rings: liveCoreRings },
  dispatch: { name: 'dispatch', path: '/dispatch', signedIn: true, rings: telemetryRings },
  overview: { name: 'overview', path: '/', signedIn: false, rings: liveCoreRings },
};

interface Sample {
  minute: number;
  fps: number;
  heapMb: number;
  domElements: number;
  cdpNodes: number;
  listeners: number;
  charts: number;
  scene: string;
  load1: number;
}

interface Open {
  screen: Screen;
  page: Page;
  cdp: CDPSession;
  warmupMin: number;
  errors: string[];
  samples: Sample[];
  /** Samples the page did not answer in time. */
  stuck: number;
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function heapSnapshot(cdp: CDPSession, file: string): Promise<void> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  writeFileSync(file, chunks.join(''));
  console.log(`[soak] heap snapshot ${file}`);
}

const browser = await launchChromium({ args: ['--enable-precise-memory-info'] });
const opened: Open[] = [];
for (const name of screenNames) {
  const screen = SCREENS[name];
  if (!screen) throw new Error(`SOAK_SCREENS: unknown screen ${name} (wall, dispatch, overview)`);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('crash', () => errors.push('crash: the page crashed'));
  if (screen.signedIn) await signInPage(page, stack);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${stack.appUrl}${screen.path}`);
  const warmupMin = Math.max(...Object.values(screen.rings));
  opened.push({ screen, page, cdp, warmupMin, errors, samples: [], stuck: 0 });
  const rings = Object.entries(screen.rings)
    .map(([what, min]) => `${what} ${min.toFixed(1)}`)
    .join(', ');
  console.log(
    `[soak] ${name}: ${stack.appUrl}${screen.path}; full after (wall min): ${rings} → warm-up ${warmupMin.toFixed(1)} min`,
  );
}
console.log(
  `[soak] feeds ${speed}× (${((minutes * speed) / 60).toFixed(1)} world hours in ${minutes} min), a sample every ${intervalS} s, build ${distDir}, started ${new Date().toISOString()}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log('[soak] screen     min  world_h   fps  heapMB    dom  nodes  listeners  charts  errors  load1  scene');

/** Least-squares slope of heap (MB) against time, in MB per hour. */
function slopeMbPerHour(samples: Sample[]): number {
  const n = samples.length;
  const mx = samples.reduce((a, s) => a + s.minute, 0) / n;
  const my = samples.reduce((a, s) => a + s.heapMb, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const s of samples) {
    sxy += (s.minute - mx) * (s.heapMb - my);
    sxx += (s.minute - mx) ** 2;
  }
  return sxx === 0 ? Number.NaN : (sxy / sxx) * 60;
}

const range = (xs: number[]) =>
  Math.min(...xs) === Math.max(...xs) ? `${xs[0]}` : `${Math.min(...xs)}–${Math.max(...xs)}`;

function summary(final: boolean): void {
  for (const o of opened) {
    const all = o.samples;
    if (all.length === 0) continue;
    const last = all[all.length - 1] as Sample;
    const warm = all.filter((s) => s.minute >= o.warmupMin);
    // Before the rings are full: the slope after a world day (the day curves have cycled) or else after the first
    // samples, labelled so — that says how fast the page fills, not that it leaks.
    const afterDay = all.filter((s) => s.minute >= WORLD_DAY_MIN);
    const [basis, label] =
      warm.length >= 3
        ? [warm, `after warm-up (${o.warmupMin.toFixed(0)} min)`]
        : afterDay.length >= 3
          ? [afterDay, `after a world day (${WORLD_DAY_MIN.toFixed(0)} min), rings NOT yet full`]
          : [
              all.slice(Math.min(2, all.length - 1)),
              `rings NOT yet full, from minute ${all[Math.min(2, all.length - 1)]?.minute.toFixed(1)}`,
            ];
    const fps = all.map((s) => s.fps);
    console.log(
      `[soak] ${final ? 'summary' : 'so far'} ${o.screen.name} over ${last.minute.toFixed(1)} min (${((last.minute * speed) / 60).toFixed(1)} world h), ${label}: heap ${basis[0]?.heapMb.toFixed(1)} → ${last.heapMb.toFixed(1)} MB, slope ${slopeMbPerHour(basis).toFixed(2)} MB/h over ${basis.length} samples; DOM ${range(basis.map((s) => s.domElements))}, CDP nodes ${range(basis.map((s) => s.cdpNodes))}, listeners ${range(basis.map((s) => s.listeners))}, charts ${range(basis.map((s) => s.charts))}; fps min ${Math.min(...fps).toFixed(1)} / mean ${(fps.reduce((a, b) => a + b, 0) / fps.length).toFixed(1)}; not answering ${o.stuck}; errors ${o.errors.length}${o.errors.length ? `: ${[...new Set(o.errors)].slice(0, 5).join(' | ')}` : ''}`,
    );
  }
}

/** One page's figures: frame rate, then heap after a forced GC, nodes, listeners, charts. */
async function sample(o: Open) {
  // A string, not a function: tsx's keepNames would inject a `__name` helper the page does not have.
  const fps = (await o.page.evaluate(`new Promise((resolve) => {
    let frames = 0;
    const t0 = performance.now();
    const tick = () => {
      frames++;
      if (performance.now() - t0 < ${FPS_WINDOW_MS}) requestAnimationFrame(tick);
      else resolve((frames * 1000) / (performance.now() - t0));
    };
    requestAnimationFrame(tick);
  })`)) as number;
  await o.cdp.send('HeapProfiler.collectGarbage');
  const m = await metrics(o.cdp);
  const { domElements, charts, scene } = (await o.page.evaluate(`({
    domElements: document.getElementsByTagName('*').length,
    charts: document.querySelectorAll('[_echarts_instance_]').length,
    scene: document.querySelector('[data-testid="wall-canvas"]')?.getAttribute('data-scene') ?? '-',
  })`)) as { domElements: number; charts: number; scene: string };
  return { fps, m, domElements, charts, scene };
}

let closing = false;
async function finish(): Promise<never> {
  if (closing) process.exit(1);
  closing = true;
  summary(true);
  await browser.close().catch(() => {});
  await stack.close().catch(() => {});
  process.exit(0);
}
process.on('SIGINT', () => void finish());
process.on('SIGTERM', () => void finish());

const started = Date.now();
const sampleCount = Math.floor((minutes * 60) / intervalS);
for (let i = 0; i <= sampleCount; i++) {
  const due = started + i * intervalS * 1000;
  // A slot already past its successor (pages that did not answer) is skipped: no burst of catch-up samples.
  if (i < sampleCount && Date.now() >= due + intervalS * 1000) continue;
  if (Date.now() < due) await new Promise((r) => setTimeout(r, due - Date.now()));
  for (const o of opened) {
    let taken: Awaited<ReturnType<typeof sample>> | null;
    try {
      taken = await Promise.race([sample(o), new Promise<null>((r) => setTimeout(() => r(null), STEP_TIMEOUT_MS))]);
    } catch (e) {
      o.errors.push(`soak: sampling failed: ${(e as Error).message.split('\n')[0]}`);
      taken = null;
    }
    if (!taken) {
      // A page whose main thread does not answer within the timeout: said, not waited for (the others go on).
      o.stuck++;
      console.log(
        `[soak] ${o.screen.name.padEnd(8)} ${((Date.now() - started) / 60_000).toFixed(1).padStart(5)}  no answer within ${STEP_TIMEOUT_MS / 1000} s (${o.stuck} so far)`,
      );
      continue;
    }
    const { fps, m, domElements, charts, scene } = taken;
    const s: Sample = {
      minute: (Date.now() - started) / 60_000,
      fps,
      heapMb: (m.JSHeapUsedSize ?? Number.NaN) / 1e6,
      domElements,
      cdpNodes: m.Nodes ?? Number.NaN,
      listeners: m.JSEventListeners ?? Number.NaN,
      charts,
      scene,
      load1: loadavg()[0] ?? Number.NaN,
    };
    o.samples.push(s);
    console.log(
      `[soak] ${o.screen.name.padEnd(8)} ${s.minute.toFixed(1).padStart(5)}  ${((s.minute * speed) / 60).toFixed(1).padStart(7)}  ${s.fps.toFixed(1).padStart(4)}  ${s.heapMb.toFixed(2).padStart(6)}  ${String(s.domElements).padStart(5)}  ${String(s.cdpNodes).padStart(5)}  ${String(s.listeners).padStart(9)}  ${String(s.charts).padStart(6)}  ${String(o.errors.length).padStart(6)}  ${s.load1.toFixed(2).padStart(5)}  ${s.scene}`,
    );
    if (snapshotDir && (i === 2 || i === sampleCount))
      await heapSnapshot(o.cdp, join(snapshotDir, `${o.screen.name}-${i === 2 ? 'early' : 'end'}.heapsnapshot`));
  }
  if (i > 0 && i % 10 === 0 && i < sampleCount) summary(false);
}
await finish();
