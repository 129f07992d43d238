/**
 * `npm run bench:ingest` (part of `npm run bench`): the highest message rate the dispatcher's page (/dispatch) ingests
 * in Debian Chromium while keeping ≥ 50 fps, for the product's ingest (MQTT client and validation in a worker,
 * batched, ≤ 10 Hz commits), the same batching on the main thread, and a naive render-per-message baseline, all
 * measured in the same run — beside what a raw Node subscriber receives from the same Mosquitto in the same run.
 *
 * A Node publisher sends valid feeder and PV telemetry at a stepped rate over 4 connections; in the page, frames are
 * counted with requestAnimationFrame and accepted messages read from the store. A rate passes when, over the
 * measuring window, the page keeps ≥ 50 fps and accepts ≥ 95 % of what was published (no growing backlog). The raw
 * subscriber (mqtt.js in a Node worker thread, counting messages and nothing else) is measured first, under a flood:
 * the publisher sends as fast as its connections take it; if the subscriber receives all of it, the figure is the
 * publisher's ceiling, and the bench says so.
 *
 *   npx vite build --outDir /tmp/d && BENCH_DIST=/tmp/d npm run bench:ingest   (a build of its own: tests rebuild dist/)
 *   BENCH_STEP_S=5 BENCH_MAX_RATE=60000 BENCH_MODES=worker npm run bench:ingest
 *   BENCH_PROFILE_RATE=8000 npm run bench:ingest   # CPU profile of the ingest worker at 8,000 msg/s, then exit
 *   BENCH_DRIVER=playwright npm run bench:ingest    # the page driven by Playwright, as before 2026-12-04
 *
 * The page is driven over the DevTools protocol with Runtime only (tests/support/bench-page.ts): Playwright
 * enables the Network domain, and Chromium then reports every WebSocket frame to the test process, a cost per MQTT
 * packet no user's browser pays. BENCH_DRIVER=playwright measures with it, for comparison (the profile too).
 *
 * BENCH_PROFILE_RATE writes the worker's profile to BENCH_PROFILE_OUT (default /tmp/ingest-worker.cpuprofile, for
 * Chromium's DevTools) and prints the hottest functions by self time and by source module; the module names are read
 * from the bundle's `// node_modules/…` region comments, so build with `--minify false` for them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MqttClient } from 'mqtt';
import { ALL_TELEMETRY_FILTER } from '../../src/core/contract/topics';
import { requireBuild, startAppPreview } from '../support/bench-app';
import { BENCH_DRIVER_LABEL, type BenchPage, openBenchPage } from '../support/bench-page';
import { testUsers } from '../support/broker-fixture';
import { startMosquitto } from '../support/mosquitto-fixture';
import { connectPublishers, sleep, TelemetryLoad } from './telemetry-load';

const STEP_S = Number(process.env.BENCH_STEP_S ?? 4);
const MAX_RATE = Number(process.env.BENCH_MAX_RATE ?? 64_000);
const RATES = [
  250, 500, 1_000, 2_000, 4_000, 8_000, 12_000, 16_000, 20_000, 24_000, 28_000, 32_000, 40_000, 48_000, 56_000, 64_000,
].filter((r) => r <= MAX_RATE);
const MIN_FPS = 50;
const MIN_ACCEPTED_SHARE = 0.95;
/** The build served: dist/ by default; a directory of its own keeps other work's rebuilds out of a run. */
const DIST = process.env.BENCH_DIST ?? 'dist';
type Mode = 'worker' | 'main' | 'per-message';
const MODES = (process.env.BENCH_MODES ?? 'worker,main,per-message').split(',') as Mode[];
const RAW_S = Number(process.env.BENCH_RAW_S ?? 4);
const PROFILE_RATE = Number(process.env.BENCH_PROFILE_RATE ?? 0);
const PROFILE_OUT = process.env.BENCH_PROFILE_OUT ?? '/tmp/ingest-worker.cpuprofile';
const SAMPLING_US = 200;

interface StepResult {
  rate: number;
  fps: number;
  acceptedPerS: number;
  receivedPerS: number;
  ok: boolean;
}

/** One load for the whole run: every device's timestamps keep increasing from step to step. */
const load = new TelemetryLoad();

/**
 * The raw Node subscriber: mqtt.js in its own thread (so the publisher does not share its event loop), subscribed as
 * the dispatcher's broker user to every device's telemetry, counting messages. Plain JavaScript: an eval'd worker.
 */
const RAW_SUBSCRIBER = `
const { parentPort, workerData } = require('node:worker_threads');
const mqtt = require('mqtt');
const c = mqtt.connect(workerData.url, { ...workerData.login, protocolVersion: 4, reconnectPeriod: 0 });
let n = 0;
c.on('message', () => { n++; });
c.on('connect', () => c.subscribe(workerData.filter, { qos: 0 }, () => parentPort.postMessage({ n, atMs: Date.now() })));
parentPort.on('message', (m) => {
  if (m === 'count') parentPort.postMessage({ n, atMs: Date.now() });
  else c.end(true, () => parentPort.close());
});
`;

async function measureRawSubscriber(tcpUrl: string) {
  const sub = new Worker(RAW_SUBSCRIBER, {
    eval: true,
    workerData: { url: tcpUrl, login: testUsers.dashboard, filter: ALL_TELEMETRY_FILTER },
  });
  const replies: ((m: { n: number; atMs: number }) => void)[] = [];
  sub.on('message', (m) => replies.shift()?.(m));
  const reply = () => new Promise<{ n: number; atMs: number }>((r) => replies.push(r));
  const ready = reply();
  await ready;
  const clients = await connectPublishers(tcpUrl);
  const sent = { n: 0 };
  const start = Date.now();
  const floodDone = load.flood(clients, start + (RAW_S + 1) * 1000, sent);
  // One second's warm-up, then the window.
  await sleep(1000);
  const sent0 = sent.n;
  const askA = reply();
  sub.postMessage('count');
  const a = await askA;
  await floodDone;
  const sent1 = sent.n;
  const askB = reply();
  sub.postMessage('count');
  const b = await askB;
  const seconds = (b.atMs - a.atMs) / 1000;
  for (const c of clients) c.end(true);
  sub.postMessage('end');
  await sleep(200);
  await sub.terminate();
  // Let the broker's queues to the subscriber empty before the page is measured.
  await sleep(1000);
  return { receivedPerS: (b.n - a.n) / seconds, publishedPerS: (sent1 - sent0) / seconds };
}

async function measure(page: Pick<BenchPage, 'evaluate'>, clients: MqttClient[], rate: number): Promise<StepResult> {
  // Warm up one second at the rate, then measure.
  await load.publishAt(clients, rate, 1);
  // Page scripts are passed as strings: tsx's esbuild would wrap named functions in a __name helper the page lacks.
  await page.evaluate(`(() => {
    window.__frames = 0;
    window.__counting = true;
    window.__acc0 = window.__gaozhu.store.getSnapshot().diagnostics.accepted;
    window.__rec0 = window.__gaozhu.connection.received ?? 0;
    const tick = () => { if (!window.__counting) return; window.__frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  const t0 = Date.now();
  const published = await load.publishAt(clients, rate, STEP_S);
  const elapsedS = (Date.now() - t0) / 1000;
  // Messages in flight at the end of the window are not a backlog: give them a moment to land before counting.
  await sleep(250);
  const { frames, accepted, received } = await page.evaluate<{
    frames: number;
    accepted: number;
    received: number;
  }>(`(() => {
    window.__counting = false;
    const d = window.__gaozhu.store.getSnapshot().diagnostics;
    if (${process.env.BENCH_DEBUG ? 'true' : 'false'}) console.log(JSON.stringify(d));
    return {
      frames: window.__frames,
      accepted: d.accepted - window.__acc0,
      received: (window.__gaozhu.connection.received ?? 0) - window.__rec0,
    };
  })()`);
  const fps = frames / elapsedS;
  return {
    rate: published / elapsedS,
    fps,
    acceptedPerS: accepted / elapsedS,
    receivedPerS: received / elapsedS,
    ok: fps >= MIN_FPS && accepted >= published * MIN_ACCEPTED_SHARE,
  };
}

const DISPATCH_READY =
  'document.querySelector(\'[data-testid="connection-state"][data-phase="connected"]\') && window.__gaozhu && window.__gaozhu.store';

/** The dispatcher's page with the given ingest, connected. */
async function openDispatchPage(appUrl: string, mode: Mode): Promise<BenchPage> {
  const page = await openBenchPage(`${appUrl}/dispatch?ingest=${mode}`, { width: 1920, height: 1080 });
  await page.waitFor(DISPATCH_READY, 'the dispatcher page to connect');
  return page;
}

async function runMode(mode: Mode, appUrl: string, tcpUrl: string) {
  const page = await openDispatchPage(appUrl, mode);
  const clients = await connectPublishers(tcpUrl);
  const results: StepResult[] = [];
  for (const rate of RATES) {
    const r = await measure(page, clients, rate);
    results.push(r);
    const received = mode === 'worker' ? `, worker judged ${Math.round(r.receivedPerS).toString().padStart(6)}` : '';
    console.log(
      `  ${mode.padEnd(12)} ${String(Math.round(r.rate)).padStart(6)} msg/s → ${r.fps.toFixed(1).padStart(5)} fps, accepted ${Math.round(
        r.acceptedPerS,
      )
        .toString()
        .padStart(6)} msg/s${received} ${r.ok ? 'ok' : 'FAIL'}`,
    );
    if (!r.ok) break;
    // Let the page drain before the next step.
    await sleep(1000);
  }
  for (const c of clients) c.end(true);
  for (const e of page.errors.slice(0, 5)) console.log('  page error:', e.slice(0, 300));
  await page.close();
  const best = results.filter((r) => r.ok).at(-1);
  return Math.round(best?.rate ?? 0);
}

// --- The worker's CPU profile (BENCH_PROFILE_RATE) ---

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Source module regions of a bundle read from its `// node_modules/…` comments (a --minify false build). */
function moduleRegions(url: string): { line: number; name: string }[] {
  const file = join(DIST, new URL(url).pathname);
  if (!existsSync(file)) return [];
  const regions: { line: number; name: string }[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, line) => {
      const m = /^\s*\/\/ ((?:node_modules|src|build)\/\S+)$/.exec(text);
      if (m) regions.push({ line, name: m[1]! });
    });
  return regions;
}

function regionOf(regions: { line: number; name: string }[], line: number): string {
  let name = '(bundle glue)';
  for (const r of regions) {
    if (r.line > line) break;
    name = r.name;
  }
  // node_modules/<pkg>/… → the package; our sources by file.
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(name);
  return pkg ? pkg[1]! : name;
}

/**
 * Prints where a thread's time went. Busy time per message is given two ways: from the samples' time (wall time,
 * which includes time the thread waited for a core on a loaded machine) and from their count (a sample is taken only
 * while the thread runs, so the count × the interval is close to its CPU time).
 */
function summarizeProfile(title: string, profile: CpuProfile, messages: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const totalUs = profile.endTime - profile.startTime;
  const regionsByUrl = new Map<string, { line: number; name: string }[]>();
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const f = byId.get(id)!.callFrame;
    let module = f.url ? 'other script' : f.functionName || '(native)';
    if (f.url) {
      if (!regionsByUrl.has(f.url)) regionsByUrl.set(f.url, moduleRegions(f.url));
      module = regionOf(regionsByUrl.get(f.url)!, f.lineNumber);
    }
    const fn = `${f.functionName || '(anonymous)'} ${module}:${f.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byModule.set(module, (byModule.get(module) ?? 0) + us);
  }
  const pct = (us: number) => `${((us / totalUs) * 100).toFixed(1).padStart(5)} %`;
  const idleId = profile.nodes.find((n) => n.callFrame.functionName === '(idle)')?.id;
  const busySamples = profile.samples.filter((id) => id !== idleId).length;
  const busyUs = totalUs - (idleId === undefined ? 0 : (selfUs.get(idleId) ?? 0));
  console.log(
    `${title} profile over ${(totalUs / 1e6).toFixed(1)} s (self time; idle is the thread waiting): busy ${(busyUs / messages).toFixed(1)} µs a message by time, ${((busySamples * SAMPLING_US) / messages).toFixed(1)} µs by sample count`,
  );
  console.log('  by module:');
  for (const [m, us] of [...byModule].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${pct(us)}  ${m}`);
  console.log('  by function:');
  for (const [f, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`    ${pct(us)}  ${f}`);
}

async function profileWorker(appUrl: string, tcpUrl: string, rate: number) {
  const page = await openDispatchPage(appUrl, 'worker');
  const clients = await connectPublishers(tcpUrl);
  try {
    const worker = await page.workerCdp('ingest.worker');
    // The page's main thread too: what applying the batches, committing and rendering cost it.
    const main = await page.cdp();
    for (const s of [worker, main]) {
      await s.send('Profiler.enable');
      await s.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
    }
    await load.publishAt(clients, rate, 1);
    const judgedSoFar = () => page.evaluate<number>('window.__gaozhu.connection.received');
    const judged0 = await judgedSoFar();
    await Promise.all([worker.send('Profiler.start'), main.send('Profiler.start')]);
    const r = await measure(page, clients, rate);
    const [{ profile }, { profile: mainProfile }] = await Promise.all([
      worker.send<{ profile: CpuProfile }>('Profiler.stop'),
      main.send<{ profile: CpuProfile }>('Profiler.stop'),
    ]);
    const messages = (await judgedSoFar()) - judged0;
    writeFileSync(PROFILE_OUT, JSON.stringify(profile));
    writeFileSync(PROFILE_OUT.replace(/(\.cpuprofile)?$/, '-main.cpuprofile'), JSON.stringify(mainProfile));
    console.log(
      `profiled at ${Math.round(r.rate)} msg/s offered: ${r.fps.toFixed(1)} fps, accepted ${Math.round(r.acceptedPerS)} msg/s, worker judged ${Math.round(r.receivedPerS)} msg/s; profiles in ${PROFILE_OUT} (and -main)`,
    );
    summarizeProfile('ingest worker', profile, messages);
    summarizeProfile('page main thread', mainProfile, messages);
  } finally {
    for (const c of clients) c.end(true);
    await page.close();
  }
}

async function main() {
  requireBuild(DIST);
  const mosq = await startMosquitto();
  process.env.MQTT_WS_PORT = String(mosq.wsPort);
  const server = await startAppPreview(DIST);
  const { appUrl } = server;
  const tcpUrl = `mqtt://127.0.0.1:${mosq.tcpPort}`;
  try {
    if (PROFILE_RATE > 0) {
      await profileWorker(appUrl, tcpUrl, PROFILE_RATE);
      return;
    }
    console.log(
      `ingest benchmark: Chromium ${appUrl}/dispatch (${BENCH_DRIVER_LABEL}), Mosquitto ${tcpUrl}, ${STEP_S} s per step, pass = ≥ ${MIN_FPS} fps and ≥ ${MIN_ACCEPTED_SHARE * 100} % accepted`,
    );
    const raw = await measureRawSubscriber(tcpUrl);
    const publisherBound = raw.receivedPerS >= raw.publishedPerS * 0.98;
    console.log(
      `  raw Node subscriber (mqtt.js, counting only), flooded for ${RAW_S} s: ${Math.round(raw.receivedPerS)} msg/s received of ${Math.round(raw.publishedPerS)} msg/s published${publisherBound ? ' (all of it: the publisher is the ceiling)' : ''}`,
    );
    const best = new Map<Mode, number>();
    for (const mode of MODES) best.set(mode, await runMode(mode, appUrl, tcpUrl));
    const naive = best.get('per-message');
    const ratio = (a: number | undefined, b: number | undefined) =>
      a === undefined || b === undefined ? '—' : b > 0 ? `${(a / b).toFixed(2)}×` : '∞';
    const line = (label: string, v: number | undefined) =>
      v !== undefined && console.log(`${label}${v} msg/s at ≥ ${MIN_FPS} fps`);
    console.log('');
    line('product (worker ingest, batched, ≤ 10 Hz commits): ', best.get('worker'));
    line('main-thread ingest, frame-batched:                 ', best.get('main'));
    line('naive baseline, render per message:               ', naive);
    console.log(`raw Node subscriber from the same Mosquitto:       ${Math.round(raw.receivedPerS)} msg/s`);
    console.log(
      `ratios: product / naive ${ratio(best.get('worker'), naive)}; main-thread batched / naive ${ratio(best.get('main'), naive)}; product / raw subscriber ${ratio(best.get('worker'), raw.receivedPerS)}`,
    );
  } finally {
    await server.close();
    await mosq.close();
  }
}

await main();
