/**
 * `npm run bench:dispatch`: the dispatcher's feeder table with 10,000 live feeders in Debian Chromium — frame times
 * while scrolling and the time a sort takes, while every feeder keeps publishing (every 5 s: 2,000 msg/s).
 *
 * The store accepts only configured devices, so the benchmark writes the load-test area of `npm run area:big` (the new
 * area's 40 feeders and 9,960 more, 50 to each extra 110 kV substation; no PV sites or chargers) to dist/config/area-10k.json and
 * opens `/dispatch?area=/config/area-10k.json`. Its own Node publisher (not the feeds: the benchmark wants a fixed
 * spread of loadings) sends retained telemetry for every feeder first (the page sees all 10,000 at once), then live
 * values through Mosquitto.
 *
 *   npx vite build && npm run bench:dispatch
 *   BENCH_FEEDERS=20000 BENCH_SCROLL_FRAMES=600 npm run bench:dispatch
 *   npx vite build --outDir /tmp/d && BENCH_DIST=/tmp/d npm run bench:dispatch   (a build of its own: tests rebuild dist/)
 *   BENCH_DRIVER=playwright npm run bench:dispatch   # the page driven by Playwright, as before 2026-12-04
 *
 * The page is driven over DevTools without the Network domain (tests/support/bench-page.ts): with Playwright, Chromium
 * reports each of the 2,000 WebSocket frames a second to the test process, which no user's browser does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { bigArea } from '../../mock-feeds/area/big-area';
import { type AreaConfig, parseAreaConfig } from '../../src/core/config/area-schema';
import { deviceTopic } from '../../src/core/contract/topics';
import { requireBuild, startAppPreview } from '../support/bench-app';
import { BENCH_DRIVER_LABEL, type BenchPage, openBenchPage } from '../support/bench-page';
import type { TraceEvent } from '../support/chromium-trace';
import { printProfile } from '../support/cpu-profile';
import { startMosquitto } from '../support/mosquitto-fixture';
import { connectPublishers } from './telemetry-load';

const FEEDERS = Number(process.env.BENCH_FEEDERS ?? 10_000);
const SCROLL_FRAMES = Number(process.env.BENCH_SCROLL_FRAMES ?? 400);
/** 120 px (4 rows) a frame is a fast fling, 7,200 px/s; BENCH_SCROLL_PX=40 is a steady wheel scroll. */
const SCROLL_PX = Number(process.env.BENCH_SCROLL_PX ?? 120);
const PUBLISH_INTERVAL_MS = 5_000;
/** The build served (BENCH_DIST): dist/ by default; a directory of its own keeps other work's rebuilds out of a run. */
const DIST = process.env.BENCH_DIST ?? 'dist';
/** How long the live frames are watched for the row refresh's tasks (a refresh comes once a second). */
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 10);
/** A task longer than a frame at 60 Hz drops a frame. */
const LONG_TASK_MS = 16;
const PROFILE_PHASE =
  (['idle', 'sort'] as const).find((p) => p === process.env.BENCH_PROFILE) ??
  (process.env.BENCH_PROFILE ? 'scroll' : null);

function generateArea(): AreaConfig {
  const base = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
  // The load-test area of `npm run area:big`, feeders only: the publisher below sends feeder telemetry.
  return bigArea(base, { feeders: FEEDERS, keepPvAndChargers: false });
}

function feederPayload(i: number, ts: number) {
  // Spread loadings 10–115 % so sorting has work to do and some rows are heavy or overloaded.
  const pKw = 800 + ((i * 7919 + Math.floor(ts / 5000) * 13) % 8400);
  const qKvar = pKw * 0.3;
  return {
    ts,
    pKw,
    qKvar,
    iA: Math.hypot(pKw, qKvar) / (Math.sqrt(3) * 10.3),
    uKv: 10.3,
    eImportKwh: i,
    eExportKwh: 0,
  };
}

interface TaskEvent extends TraceEvent {
  /** The task's CPU time on its thread (µs): what the code costs, not inflated by other processes. */
  tdur?: number;
}

/**
 * The page's main-thread tasks (outermost `RunTask` on the renderer's CrRendererMain) in a trace: wall time and CPU
 * time, ms.
 */
function mainThreadTasks(events: TaskEvent[]): { wall: number; cpu: number }[] {
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const runs = events
    .filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));
  const out: { wall: number; cpu: number }[] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const e of runs) {
    const ts = e.ts ?? 0;
    if (ts < end) continue; // nested in the task before it
    end = ts + (e.dur ?? 0);
    out.push({ wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? e.dur ?? 0) / 1000 });
  }
  return out;
}

const stats = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return { n: s.length, mean, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s.at(-1) ?? Number.NaN };
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main() {
  requireBuild(DIST);
  const area = generateArea();
  writeFileSync(`${DIST}/config/area-10k.json`, JSON.stringify(area));
  const mosq = await startMosquitto();
  process.env.MQTT_WS_PORT = String(mosq.wsPort);
  const server = await startAppPreview(DIST);
  const { appUrl } = server;
  const clients = await connectPublishers(`mqtt://127.0.0.1:${mosq.tcpPort}`);
  const topics = area.feeders.map((f) =>
    deviceTopic({ kind: 'feeder', province: f.province, deviceId: f.id, channel: 'telemetry' }),
  );
  let stop = false;
  let page: BenchPage | null = null;
  try {
    // Retained first values for every feeder.
    const t0 = Date.now() - 1000;
    for (let start = 0; start < topics.length; start += 400)
      await Promise.all(
        topics.slice(start, start + 400).map((topic, k) =>
          clients[k % clients.length]!.publishAsync(topic, JSON.stringify(feederPayload(start + k, t0)), {
            qos: 0,
            retain: true,
          }),
        ),
      );
    // Live: each feeder every 5 s, spread evenly (2,000 msg/s for 10,000 feeders).
    void (async () => {
      let i = 0;
      const perTick = Math.max(1, Math.round(FEEDERS / (PUBLISH_INTERVAL_MS / 10)));
      while (!stop) {
        const ts = Date.now();
        for (let k = 0; k < perTick; k++, i = (i + 1) % FEEDERS)
          clients[i % clients.length]!.publish(topics[i]!, JSON.stringify(feederPayload(i, ts)), { qos: 0 });
        await new Promise((r) => setTimeout(r, 10));
      }
    })();

    const tLoad = Date.now();
    page = await openBenchPage(`${appUrl}/dispatch?area=/config/area-10k.json`, { width: 1920, height: 1080 });
    await page.waitFor(
      `document.querySelector('[data-testid="connection-state"][data-phase="connected"]')`,
      'the dispatcher page to connect',
    );
    await page.waitFor(
      `document.querySelector('[data-testid="feeder-table-count"]')?.textContent.includes('${FEEDERS} / ${FEEDERS}')`,
      'every feeder in the table',
    );
    await page.waitFor(
      `window.__gaozhu.store.getSnapshot().balance.area.coverage.feeders.reporting >= ${FEEDERS * 0.99}`,
      'every feeder reporting',
      60_000,
    );
    console.log(
      `dispatch benchmark: ${FEEDERS} feeders live (${Math.round(FEEDERS / (PUBLISH_INTERVAL_MS / 1000))} msg/s), Chromium 1920×1080 (${BENCH_DRIVER_LABEL}); table ready in ${((Date.now() - tLoad) / 1000).toFixed(1)} s`,
    );
    const domRows = await page.evaluate<number>(
      `document.querySelectorAll('[data-testid="feeder-table"] tr[data-row-id]').length`,
    );
    const domNodes = await page.evaluate<number>('document.getElementsByTagName("*").length');
    console.log(`rows in the DOM (virtualised): ${domRows} of ${FEEDERS}; DOM nodes in the page: ${domNodes}`);

    // Where the main thread's time goes while scrolling: Chromium's own counters (script, style, layout, tasks).
    const cdp = await page.cdp();
    await cdp.send('Performance.enable');
    const metrics = async () =>
      Object.fromEntries(
        (await cdp.send<{ metrics: { name: string; value: number }[] }>('Performance.getMetrics')).metrics.map((m) => [
          m.name,
          m.value,
        ]),
      ) as Record<string, number>;
    // BENCH_LIVE=0: publishing stops before the measurements (isolates the cost of scrolling from that of updates).
    if (process.env.BENCH_LIVE === '0') {
      stop = true;
      await new Promise((r) => setTimeout(r, 2_000));
      console.log('live publishing stopped for the measurements (BENCH_LIVE=0)');
    }
    const before = await metrics();
    const tracePath = process.env.BENCH_TRACE;
    const tracer = tracePath ? await page.cdp() : null;
    const traceEvents: unknown[] = [];
    if (tracer) {
      tracer.on('Tracing.dataCollected', (d: { value: unknown[] }) => traceEvents.push(...d.value));
      await tracer.send('Tracing.start', {
        categories: process.env.BENCH_TRACE_CATEGORIES ?? 'devtools.timeline',
        transferMode: 'ReportEvents',
      });
    }
    const profile = PROFILE_PHASE ? await page.cdp() : null;
    if (profile) await profile.send('Profiler.enable');
    if (profile && PROFILE_PHASE === 'scroll') await profile.send('Profiler.start');
    // Scrolling: SCROLL_PX per frame down, then back up, while data keeps flowing. Page code is a string: tsx's esbuild
    // would wrap named functions in a helper the page does not have.
    const deltas = (await page.evaluate(`new Promise((resolve) => {
      const el = document.querySelector('[data-testid="feeder-table"]');
      const out = [];
      let last = performance.now();
      let n = 0;
      const step = (now) => {
        out.push(now - last);
        last = now;
        n++;
        const down = n < ${SCROLL_FRAMES / 2};
        el.scrollTop += down ? ${SCROLL_PX} : -${SCROLL_PX};
        if (n < ${SCROLL_FRAMES}) requestAnimationFrame(step); else resolve(out.slice(2));
      };
      requestAnimationFrame((t) => { last = t; requestAnimationFrame(step); });
    })`)) as number[];
    const after = await metrics();
    if (tracer && tracePath) {
      const done = new Promise((r) => tracer.once('Tracing.tracingComplete', r));
      await tracer.send('Tracing.end');
      await done;
      writeFileSync(tracePath, JSON.stringify({ traceEvents }));
      console.log(`trace written to ${tracePath}`);
    }
    const spent = (k: string) => `${(((after[k] ?? 0) - (before[k] ?? 0)) * 1000).toFixed(0)} ms`;
    console.log(
      `while scrolling (${SCROLL_FRAMES} frames, ${SCROLL_PX} px each): script ${spent('ScriptDuration')}, style ${spent('RecalcStyleDuration')}, layout ${spent('LayoutDuration')}, all tasks ${spent('TaskDuration')}; main-thread CPU ${spent('ThreadTime')} (${((((after.ThreadTime ?? 0) - (before.ThreadTime ?? 0)) * 1000) / SCROLL_FRAMES).toFixed(1)} ms a frame)`,
    );
    if (profile && PROFILE_PHASE === 'scroll') await printProfile(profile);
    const f = stats(deltas);
    const slow = deltas.filter((d) => d > 20).length;
    console.log(
      `scroll frames (${f.n}): mean ${ms(f.mean)} (${(1000 / f.mean).toFixed(1)} fps), p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, p99 ${ms(f.p99)}, max ${ms(f.max)}, > 20 ms: ${slow} (${((slow / f.n) * 100).toFixed(1)} %)`,
    );

    // Live frames with the data flowing (the once-a-second row rebuild and re-sort included), IDLE_S seconds: frame
    // times from requestAnimationFrame, and every main-thread task longer than a frame from a Chromium trace (the Long
    // Tasks API reports only tasks over 50 ms).
    if (profile && PROFILE_PHASE === 'idle') await profile.send('Profiler.start');
    const taskTracer = await page.cdp();
    const taskEvents: TaskEvent[] = [];
    taskTracer.on('Tracing.dataCollected', (d: { value: TaskEvent[] }) => {
      taskEvents.push(...d.value);
    });
    await taskTracer.send('Tracing.start', {
      categories: 'toplevel,devtools.timeline,__metadata',
      transferMode: 'ReportEvents',
    });
    const idle = (await page.evaluate(`new Promise((resolve) => {
      const out = []; let last = 0; const end = performance.now() + ${IDLE_S * 1000};
      const step = (now) => { if (last) out.push(now - last); last = now; if (now < end) requestAnimationFrame(step); else resolve(out); };
      requestAnimationFrame(step);
    })`)) as number[];
    const traced = new Promise((r) => taskTracer.once('Tracing.tracingComplete', r));
    await taskTracer.send('Tracing.end');
    await traced;
    if (profile && PROFILE_PHASE === 'idle') await printProfile(profile);
    const fi = stats(idle);
    const dropped = idle.filter((d) => d > 20).length;
    console.log(
      `live frames, not scrolling (${fi.n} in ${IDLE_S} s): mean ${ms(fi.mean)}, p95 ${ms(fi.p95)}, p99 ${ms(fi.p99)}, max ${ms(fi.max)}, > 20 ms: ${dropped}`,
    );
    if (process.env.BENCH_IDLE_TRACE)
      writeFileSync(process.env.BENCH_IDLE_TRACE, JSON.stringify({ traceEvents: taskEvents }));
    const tasks = mainThreadTasks(taskEvents);
    // The machine is shared: a task's wall time grows with the load, its CPU time is what the page's code costs.
    for (const by of ['cpu', 'wall'] as const) {
      const long = tasks.map((t) => t[by]).filter((t) => t > LONG_TASK_MS);
      long.sort((a, b) => b - a);
      console.log(
        `main-thread tasks over ${LONG_TASK_MS} ms of ${by === 'cpu' ? 'CPU' : 'wall'} time in those ${IDLE_S} s: ${long.length} (${(long.length / IDLE_S).toFixed(1)}/s), longest ${
          long
            .slice(0, 8)
            .map((t) => t.toFixed(0))
            .join(', ') || '—'
        } ms; over 50 ms: ${long.filter((t) => t > 50).length}`,
      );
    }

    // Sorting: click a header; time to the table's rows changing in the DOM (a MutationObserver sees React's commit),
    // and to the next frame painted.
    if (profile && PROFILE_PHASE === 'sort') await profile.send('Profiler.start');
    for (const col of ['p', 'loading', 'name', 'state', 'peak']) {
      const runs: { commit: number; frame: number; cpu: number }[] = [];
      for (let k = 0; k < 4; k++) {
        const cpu0 = (await metrics()).ThreadTime ?? 0;
        const run = (await page.evaluate(`new Promise((resolve) => {
            const btn = document.querySelector('[data-testid="feeder-table-sort-${col}"]');
            const tbody = document.querySelector('[data-testid="feeder-table"] tbody');
            let commit = NaN;
            const mo = new MutationObserver(() => { if (Number.isNaN(commit)) commit = performance.now() - t0; });
            mo.observe(tbody, { subtree: true, childList: true, characterData: true, attributes: true });
            const t0 = performance.now();
            btn.click();
            requestAnimationFrame(() => setTimeout(() => { mo.disconnect(); resolve({ commit, frame: performance.now() - t0 }); }, 0));
          })`)) as { commit: number; frame: number };
        runs.push({ ...run, cpu: ((await metrics()).ThreadTime ?? 0) * 1000 - cpu0 * 1000 });
        await new Promise((r) => setTimeout(r, 300));
      }
      const c = stats(runs.map((r) => r.commit));
      const fr = stats(runs.map((r) => r.frame));
      const cpu = stats(runs.map((r) => r.cpu));
      console.log(
        `sort by ${col.padEnd(8)}: click → rows re-ordered in the DOM median ${ms(c.p50)} (max ${ms(c.max)}), click → next frame median ${ms(fr.p50)} (max ${ms(fr.max)}); main-thread CPU median ${ms(cpu.p50)} (max ${ms(cpu.max)})`,
      );
    }

    if (profile && PROFILE_PHASE === 'sort') await printProfile(profile);

    // Filtering 10,000 rows by text.
    const filterMs = (await page.evaluate(`new Promise((resolve) => {
      const input = document.querySelector('[data-testid="feeder-table-filter"]');
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      const t0 = performance.now();
      setter.call(input, 'feeder 12');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    })`)) as number;
    const count = await page.evaluate<string>(
      `document.querySelector('[data-testid="feeder-table-count"]').textContent`,
    );
    console.log(`filter "feeder 12": ${ms(filterMs)} to the next frame → ${count}`);
  } catch (e) {
    if (page) {
      const shot = await (await page.cdp()).send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
      writeFileSync('/tmp/dispatch-bench-failure.png', Buffer.from(shot.data, 'base64'));
      console.log('failure screenshot: /tmp/dispatch-bench-failure.png');
    }
    throw e;
  } finally {
    stop = true;
    await page?.close();
    for (const c of clients) c.end(true);
    await server.close();
    await mosq.close();
  }
}

await main();
