/**
 * `npm run bench:region`: a region's device count end to end on this machine — the big-area generator's 100,000-feeder
 * area (BENCH_FEEDERS), the mock feeds sharded over processes (BENCH_FEED_SHARDS, `--shard i/n`) with pooled
 * connections (FEEDS_DEVICES_PER_CONNECTION=250) and telemetry not retained (DEVICE_TELEMETRY_RETAIN=false), the live
 * service sharded by province (LIVE_SHARD=sc, cq) with the area rolled up from their figures (LIVE_SHARD=rollup), all
 * through one Mosquitto (the broker is not what is measured; the NATS cluster's own figures: bench:cluster).
 *
 * After a warm-up (every feeder seen by a shard, or BENCH_WARMUP_S), for BENCH_S seconds it measures: the device
 * messages a second the live shards accept (GET /health counts), the lag from a device's publish to the area figure
 * reaching a subscriber (arrival − the figure's dataTimeMs, the newest device time it stands for: at speed 1 device
 * time is the publish time), the area's feeder coverage, and each process's CPU (from /proc, % of one core) and
 * memory (the shards' heap from /health; RSS from /proc for all). Prints one table per area.
 *
 * The screens on that stack (BENCH_SCREENS, default `wall,dispatch`; empty: none), measured one after the other inside
 * the measured window, in headless Chromium at 1920×1080 against the built app (BENCH_DIST, default dist/; Vite's
 * preview server with the runtime-config plugin, so the pages get AREA_CONFIG's file and the broker's users):
 *   - the public wall (/wall?scene=<BENCH_WALL_SCENE, supply>&rotate=off) once its area load shows a figure,
 *   - the dispatcher (/dispatch?substation=<id>) on one substation (the one with most feeders), in substation scope
 *     (DISPATCH_SCOPE=substation unless set: the shards publish the substations' device documents, the broker's ACL
 *     gives the dispatchers' user those and no raw device topic), once its table shows that substation's feeders;
 * each after BENCH_SCREEN_WARMUP_S (3) for BENCH_SCREEN_S (10): frame rate and frame times (requestAnimationFrame),
 * main-thread CPU and busy (task) time (CDP), the bytes a second its MQTT WebSocket received, the load average. With
 * screens, BENCH_FEEDERS defaults to the shipped area's feeders (its 178 devices, unchanged: the baseline) and then
 * 100,000; one table of the screens at the end. BENCH_SCREEN_PROFILE=1 profiles each screen's main thread over its window
 * and prints the functions with the most time (name them with an unminified build, `npx vite build --minify false`).
 *
 *   npx vite build --outDir /tmp/region-dist && BENCH_DIST=/tmp/region-dist npm run bench:region
 *   BENCH_FEEDERS=20000 BENCH_S=30 BENCH_SCREENS= npm run bench:region
 *   BENCH_INTERVAL_S=30 npm run bench:region      # every device every 30 s instead of the area's 5 s
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { bigArea } from '../../mock-feeds/area/big-area';
import { pickableSubstations } from '../../src/browser/live/subscription-scope';
import { type AreaConfig, parseAreaConfig } from '../../src/core/config/area-schema';
import { liveTopics } from '../../src/core/contract/live-core';
import { waitForPort } from '../../src/services/launcher/net';
import { type AppPreview, requireBuild, startAppPreview } from '../support/bench-app';
import { launchChromium } from '../support/chromium';
import { printProfile } from '../support/cpu-profile';
import { freePort } from '../support/free-port';
import { measurePageFrames, type PageFrames, percentile } from '../support/page-frames';

const SCREENS = (process.env.BENCH_SCREENS ?? 'wall,dispatch').split(',').filter((x) => x !== '');
const SCREEN_S = Number(process.env.BENCH_SCREEN_S ?? 10);
const SCREEN_WARMUP_S = Number(process.env.BENCH_SCREEN_WARMUP_S ?? 3);
/** How long a screen may take to show its first live figure (it loads the area file: 34 MB at 100,000 feeders). */
const SCREEN_READY_S = Number(process.env.BENCH_SCREEN_READY_S ?? 90);
const WALL_SCENE = process.env.BENCH_WALL_SCENE ?? 'supply';
/** BENCH_SCREEN_PROFILE=1: a CPU profile of each screen's main thread over its window, summarised (cpu-profile.ts). */
const PROFILE = process.env.BENCH_SCREEN_PROFILE === '1';
const DIST = process.env.BENCH_DIST ?? 'dist';
// A region's dispatcher reads its substations' documents, not the raw stream. Read by the broker's ACL when its module
// loads (acl.ts ROLE_RIGHTS), so set before the fixtures are imported below, and by the live shards and the page.
if (SCREENS.includes('dispatch')) process.env.DISPATCH_SCOPE ??= 'substation';
const { testUsers } = await import('../support/broker-fixture');
const { startMosquitto } = await import('../support/mosquitto-fixture');

const base = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
/** Feeder counts, one run each; the shipped area's count runs the shipped area itself. */
const FEEDER_COUNTS = (process.env.BENCH_FEEDERS ?? (SCREENS.length ? `${base.feeders.length},100000` : '100000'))
  .split(',')
  .map(Number);
const FEED_SHARDS = Number(process.env.BENCH_FEED_SHARDS ?? 2);
const BENCH_S = Number(process.env.BENCH_S ?? 60);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 90);
const PER_CONNECTION = process.env.FEEDS_DEVICES_PER_CONNECTION ?? '250';
const INTERVAL_S = process.env.BENCH_INTERVAL_S ? Number(process.env.BENCH_INTERVAL_S) : null;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const CLK_TCK = 100;
/** CPU seconds (user + system) and RSS of a process, from /proc. */
function procStat(pid: number): { cpuS: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuS = (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuS, rssMb: rss ? Number(rss[1]) / 1024 : Number.NaN };
}

interface Proc {
  name: string;
  child: ChildProcess;
  port?: number;
  out: string;
}

interface Screens {
  browser: Browser;
  appUrl: string;
}

interface ScreenRow {
  devices: number;
  screen: string;
  /** From opening the page to its first live figure (the wall's area load; the dispatcher's feeders with a P). */
  readyS: number;
  frames: PageFrames;
  /** What the page's MQTT WebSocket received a second while measured. */
  pageKBps: number;
  /** What the page showed when measured, so a cheap page that shows nothing is not read as a fast one. */
  shown: string;
  loadAverage: string;
}

const screenLine = (r: ScreenRow) =>
  `${r.screen} at ${r.devices.toLocaleString('en-US')} devices: ready ${r.readyS.toFixed(1)} s, ${r.frames.fps.toFixed(1)} fps, ` +
  `frame p95 ${percentile(r.frames.frameMs, 95).toFixed(1)} ms, main thread CPU ${r.frames.cpuPct.toFixed(1)} %, busy ` +
  `${r.frames.busyPct.toFixed(1)} %, ${r.pageKBps.toFixed(1)} kB/s; ${r.shown}; load ${r.loadAverage}`;

/** Polls `probe` until it holds (true) or SCREEN_READY_S pass (false). */
async function until(probe: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + SCREEN_READY_S * 1000;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return true;
    await sleep(250);
  }
  return false;
}

/**
 * Opens `path`, waits for `ready`, warms up, measures its frames and main thread, and closes it. `shown` describes
 * what the page shows at the end of the window.
 */
async function measureScreen(
  s: Screens,
  screen: string,
  path: string,
  ready: (page: Page) => Promise<boolean>,
  shown: (page: Page) => Promise<string>,
): Promise<Omit<ScreenRow, 'devices'>> {
  const context = await s.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let wsBytes = 0;
  // Playwright reports the sockets of the page's workers too (the MQTT client runs in a worker).
  page.on('websocket', (ws) => ws.on('framereceived', (f) => (wsBytes += Buffer.byteLength(f.payload))));
  try {
    const opened = Date.now();
    await page.goto(`${s.appUrl}${path}`, { timeout: SCREEN_READY_S * 1000 });
    const isReady = await until(() => ready(page));
    const readyS = isReady ? (Date.now() - opened) / 1000 : Number.NaN;
    await sleep(SCREEN_WARMUP_S * 1000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const bytes0 = wsBytes;
    if (PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const frames = await measurePageFrames(page, cdp, SCREEN_S);
    if (PROFILE) {
      console.log(`  profile of ${screen} (main thread, ${SCREEN_S} s):`);
      await printProfile(cdp);
    }
    const pageKBps = (wsBytes - bytes0) / frames.seconds / 1000;
    const what = `${isReady ? '' : `not ready within ${SCREEN_READY_S} s; `}${await shown(page)}`;
    if (errors.length) console.log(`  page errors on ${screen}: ${errors.slice(0, 3).join(' | ')}`);
    return { screen, readyS, frames, pageKBps, shown: what, loadAverage: loadAverage() };
  } finally {
    await context.close();
  }
}

function measureWall(s: Screens) {
  const value = (page: Page) => page.getByTestId('wall-kpi-load-value').innerText({ timeout: 1_000 });
  return measureScreen(
    s,
    `wall (${WALL_SCENE})`,
    `/wall?scene=${WALL_SCENE}&rotate=off`,
    async (page) => /\d/.test(await value(page)),
    async (page) => `area load ${(await value(page).catch(() => '?')).replace(/\s+/g, ' ')}`,
  );
}

/** The dispatcher on the pickable substation with the most feeders. */
function measureDispatch(s: Screens, area: AreaConfig) {
  const counts = new Map<string, number>();
  for (const f of area.feeders) counts.set(f.substationId, (counts.get(f.substationId) ?? 0) + 1);
  const substation = pickableSubstations(area).reduce((a, b) =>
    (counts.get(b.id) ?? 0) > (counts.get(a.id) ?? 0) ? b : a,
  );
  const feeders = counts.get(substation.id) ?? 0;
  const rows = '[data-testid="feeder-table"] tbody tr[data-row-id]';
  // Rows whose P cell shows a number: live values from the substation's document, not the dash of no data.
  const withP = (page: Page) =>
    page.$$eval(`${rows} td[data-col="p"]`, (tds) => tds.filter((td) => /\d/.test(td.textContent ?? '')).length);
  return measureScreen(
    s,
    'dispatch (1 substation)',
    `/dispatch?lang=en&substation=${substation.id}`,
    // The table renders the rows in view only (virtualised): ready when every rendered row, and at least the fewer of
    // the substation's feeders and a screenful, shows a live P.
    async (page) => {
      const rendered = await page.locator(rows).count();
      return rendered >= Math.min(feeders, 20) && (await withP(page)) === rendered;
    },
    async (page) =>
      `${substation.id}: ${await page.locator(rows).count()} rows rendered, ${await withP(page)} with a live P, of ${feeders} feeders`,
  );
}

async function runArea(feeders: number, screens: Screens | null): Promise<ScreenRow[]> {
  const t0 = Date.now();
  const heapBefore = process.memoryUsage().heapUsed;
  const generated = feeders === base.feeders.length ? base : bigArea(base, { feeders });
  // BENCH_INTERVAL_S: every device reports this often instead of the area's intervals (a lighter offered load).
  // The live core's figures are plausible up to 10 GW (live-core.ts): the load-test feeders' loads are scaled down so
  // the whole area's peak stays under 8 GW, else every province figure is rejected as out of range by the roll-up.
  const peakSumKw = generated.feeders.reduce((s, f) => s + f.basePeakKw, 0);
  const loadScale = Math.min(1, 8_000_000 / peakSumKw);
  const scaled = {
    ...generated,
    feeders: generated.feeders.map((f) =>
      f.id.startsWith('load-') ? { ...f, basePeakKw: Math.max(1, Math.round(f.basePeakKw * loadScale)) } : f,
    ),
  };
  const area = INTERVAL_S
    ? {
        ...scaled,
        feedIntervalsS: { substation: INTERVAL_S, feeder: INTERVAL_S, pv: INTERVAL_S, charger: INTERVAL_S },
      }
    : scaled;
  const genMs = Date.now() - t0;
  const genHeapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const devices = area.substations.length + area.feeders.length + area.pvSites.length + area.chargingStations.length;
  const dir = mkdtempSync(join(tmpdir(), 'gaozhu-region-bench-'));
  const areaFile = join(dir, 'area.json');
  writeFileSync(areaFile, JSON.stringify(area));
  const broker = await startMosquitto();
  // Read by the preview server's runtime config per request: this run's broker and area.
  process.env.MQTT_WS_PORT = String(broker.wsPort);
  process.env.AREA_CONFIG = areaFile;
  const mqttUrl = `mqtt://127.0.0.1:${broker.tcpPort}`;
  const procs: Proc[] = [];
  const start = (name: string, script: string, args: string[], env: Record<string, string>, port?: number) => {
    const child = spawn(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', script, ...args], {
      env: { ...process.env, MQTT_URL: mqttUrl, AREA_CONFIG: areaFile, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const p: Proc = { name, child, port, out: '' };
    child.stdout?.on('data', (d) => (p.out = (p.out + d).slice(-4000)));
    child.stderr?.on('data', (d) => (p.out = (p.out + d).slice(-4000)));
    procs.push(p);
    return p;
  };
  const liveEnv = (shard: string, port: number) => ({
    LIVE_SHARD: shard,
    LIVE_PORT: String(port),
    LIVE_STATE_FILE: join(dir, `state-${shard}.json`),
    LIVE_THRESHOLDS_FILE: join(dir, 'thresholds.json'),
    HISTORY_URL: 'http://127.0.0.1:9', // no history service: today counts from the start
  });
  const shards: Proc[] = [];
  for (const p of ['sc', 'cq']) {
    const port = await freePort();
    shards.push(start(`live ${p}`, 'src/services/live/main.ts', [], liveEnv(p, port), port));
  }
  start('live roll-up', 'src/services/live/main.ts', [], liveEnv('rollup', await freePort()));
  for (const s of shards) await waitForPort('127.0.0.1', s.port!, 60_000, new Promise((r) => s.child.once('exit', r)));

  const lags: number[] = [];
  let coverage = { live: 0, configured: 0 };
  const watcher = await mqtt.connectAsync(mqttUrl, { ...testUsers.dashboard, protocolVersion: 4, reconnectPeriod: 0 });
  let measuring = false;
  watcher.on('message', (_t, payload) => {
    const f = JSON.parse(payload.toString()) as { dataTimeMs: number | null; coverage: { feeder: typeof coverage } };
    coverage = f.coverage.feeder;
    if (measuring && f.dataTimeMs !== null) lags.push(Date.now() - f.dataTimeMs);
  });
  await watcher.subscribeAsync(liveTopics.figures('area'));

  const feedsStart = Date.now();
  for (let i = 0; i < FEED_SHARDS; i++)
    start(
      `feeds ${i}/${FEED_SHARDS}`,
      'mock-feeds/feeds/main.ts',
      ['--config', areaFile, '--shard', `${i}/${FEED_SHARDS}`, '--no-random-outages'],
      {
        FEEDS_DEVICES_PER_CONNECTION: PER_CONNECTION,
        DEVICE_TELEMETRY_RETAIN: 'false',
        FEEDS_CONTROL_PORT: String(await freePort()),
      },
    );
  // A shard too busy to answer within 30 s is a result too (its event loop is saturated): null, printed as such.
  const health = async (p: Proc) => {
    try {
      const r = await fetch(`http://127.0.0.1:${p.port}/health`, { signal: AbortSignal.timeout(30_000) });
      return (await r.json()) as { counts: { accepted: number }; heapUsedBytes: number };
    } catch {
      return null;
    }
  };
  // The feeds build the whole area's world before they connect (minutes at 100,000 feeders on a loaded machine).
  const feedsProcs = procs.filter((p) => p.name.startsWith('feeds'));
  while (Date.now() - feedsStart < 600_000 && !feedsProcs.every((p) => / devices → /.test(p.out))) await sleep(1_000);
  const feedsUpS = (Date.now() - feedsStart) / 1000;
  const until = Date.now() + WARMUP_S * 1000;
  while (Date.now() < until && coverage.live < area.feeders.length) await sleep(1_000);
  const warmS = (Date.now() - feedsStart) / 1000;
  console.log(
    `region bench: ${area.feeders.length.toLocaleString('en-US')} feeders, ${devices.toLocaleString('en-US')} devices ` +
      ` (generated in ${genMs} ms, +${genHeapMb.toFixed(0)} MB heap; load-test feeders' loads × ${loadScale.toFixed(3)}); feeds ${FEED_SHARDS} shards × ` +
      `${PER_CONNECTION} devices a connection, not retained; live sc + cq + roll-up; Mosquitto; ` +
      `DISPATCH_SCOPE=${process.env.DISPATCH_SCOPE || 'area'}; ` +
      `feeds up (world built, connected) after ${feedsUpS.toFixed(0)} s; warm-up ${warmS.toFixed(0)} s in all ` +
      `(feeders live ${coverage.live.toLocaleString('en-US')})`,
  );

  const acc0 = await Promise.all(shards.map(health));
  const cpu0 = procs.map((p) => procStat(p.child.pid!));
  const m0 = Date.now();
  measuring = true;
  const coverages: number[] = [];
  const sampler = setInterval(() => coverages.push(coverage.live), 1_000);
  // The screens inside the measured window: what they cost is part of the machine's load the window measures.
  const screenRows: ScreenRow[] = [];
  for (const screen of screens ? SCREENS : []) {
    const r = await (screen === 'wall' ? measureWall(screens!) : measureDispatch(screens!, area));
    screenRows.push({ devices, ...r });
    console.log(`  ${screenLine(screenRows.at(-1)!)}`);
  }
  while (Date.now() < m0 + BENCH_S * 1000) await sleep(250);
  clearInterval(sampler);
  measuring = false;
  const elapsedS = (Date.now() - m0) / 1000;
  const acc1 = await Promise.all(shards.map(health));
  const cpu1 = procs.map((p) => procStat(p.child.pid!));
  const lagNote = lags.length ? '' : ' (no area figure with data arrived while measuring)';
  const answered = acc0.every((h) => h) && acc1.every((h) => h);
  const accepted = answered
    ? acc1.reduce((s, h, i) => s + h!.counts.accepted - acc0[i]!.counts.accepted, 0)
    : Number.NaN;
  const expectedPerS = devices / area.feedIntervalsS.feeder;

  console.log('\nmeasure                                   | value');
  const row = (k: string, v: string) => console.log(`${k.padEnd(42)}| ${v}`);
  row(
    'device msg/s accepted by the live shards',
    `${answered ? Math.round(accepted / elapsedS).toLocaleString('en-US') : 'no answer from a shard within 30 s'} (the area's devices report ${Math.round(expectedPerS).toLocaleString('en-US')}/s at their intervals)`,
  );
  row(
    'publish → area figure lag p50 / p95 (ms)',
    `${Math.round(percentile(lags, 50))} / ${Math.round(percentile(lags, 95))} (${lags.length} figures)${lagNote}`,
  );
  row(
    'area feeders live (min / median)',
    `${Math.min(...coverages).toLocaleString('en-US')} / ${percentile(coverages, 50).toLocaleString('en-US')} of ${area.feeders.length.toLocaleString('en-US')}`,
  );
  console.log('\nprocess          | CPU % of a core | RSS MB | heap MB');
  procs.forEach((p, i) => {
    const cpu = (100 * (cpu1[i]!.cpuS - cpu0[i]!.cpuS)) / elapsedS;
    const si = shards.indexOf(p);
    const h = si >= 0 ? acc1[si] : null;
    const heap = h ? (h.heapUsedBytes / 2 ** 20).toFixed(0) : si >= 0 ? '?' : '—';
    console.log(
      `${p.name.padEnd(17)}| ${cpu.toFixed(0).padStart(15)} | ${cpu1[i]!.rssMb.toFixed(0).padStart(6)} | ${heap.padStart(7)}`,
    );
  });
  console.log(`\nload average at the end: ${loadAverage()}`);

  watcher.end(true);
  for (const p of procs) p.child.kill('SIGKILL');
  await broker.close();
  rmSync(dir, { recursive: true, force: true });
  if (process.env.BENCH_VERBOSE) for (const p of procs) console.log(`--- ${p.name}\n${p.out}`);
  return screenRows;
}

async function main() {
  let screens: Screens | null = null;
  let server: AppPreview | null = null;
  if (SCREENS.length) {
    requireBuild(DIST);
    // Ports nobody answers, fixed before preview() reads vite.config.ts's proxy table: a page's /api never reaches
    // another stack on this machine (the shards serve no alarms; there is no history service here).
    process.env.LIVE_PORT = String(await freePort());
    process.env.HISTORY_PORT = String(await freePort());
    server = await startAppPreview(DIST);
    screens = { browser: await launchChromium(), appUrl: server.appUrl };
  }
  const rows: ScreenRow[] = [];
  try {
    for (const feeders of FEEDER_COUNTS) rows.push(...(await runArea(feeders, screens)));
  } finally {
    await screens?.browser.close();
    await server?.close();
  }
  if (!rows.length) return;
  console.log(
    `\nscreens (${SCREEN_S} s each after ${SCREEN_WARMUP_S} s, 1920×1080, headless Chromium, ${DIST}/; wall scene ${WALL_SCENE}; DISPATCH_SCOPE=${process.env.DISPATCH_SCOPE || 'area'})`,
  );
  console.log(
    '| devices | screen | ready s | fps | frame ms p50 / p95 / p99 / max | frames > 20 ms | main-thread CPU % | main-thread busy % (script %) | to the page kB/s | shown | load average |',
  );
  console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |');
  for (const r of rows) {
    const f = r.frames;
    const q = (p: number) => percentile(f.frameMs, p).toFixed(1);
    console.log(
      `| ${r.devices.toLocaleString('en-US')} | ${r.screen} | ${r.readyS.toFixed(1)} | ${f.fps.toFixed(1)} | ${q(50)} / ${q(95)} / ${q(99)} / ${Math.max(...f.frameMs).toFixed(1)} | ${f.frameMs.filter((d) => d > 20).length} of ${f.frameMs.length} | ${f.cpuPct.toFixed(1)} | ${f.busyPct.toFixed(1)} (${f.scriptPct.toFixed(1)}) | ${r.pageKBps.toFixed(1)} | ${r.shown} | ${r.loadAverage} |`,
    );
  }
}

await main();
