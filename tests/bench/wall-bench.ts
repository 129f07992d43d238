/**
 * `npm run bench:wall`: the public wall's main-thread time per second, frame rate and JS heap with 178, ~10,000 and
 * ~100,000 simulated devices. The wall reads only the live core (a handful of figures, one message per substation
 * with its feeders, one per province with its stations, masked alarms), so its cost should not grow with the number
 * of devices; this prints whether it does.
 *
 * Per area size: a fresh Mosquitto, the live service as its own process (as `npm start` runs it) on that area, and a
 * publisher in this process that sends every device's telemetry once (retained, as the feeds do) and then a steady
 * stream, each device every BENCH_PERIOD_S (capped at BENCH_MAX_RATE msg/s: the point is the wall's cost, not the
 * publisher's). The built app (dist/, Vite's preview server with the runtime-config plugin, so the page gets the
 * wall user and AREA_CONFIG's file) is opened at /wall?scene=<scene>&rotate=off, 1920×1080, in headless Chromium;
 * once the area load shows a figure and after a warm-up, over BENCH_MEASURE_S it measures
 *   - main-thread CPU %: CDP Performance.getMetrics ThreadTime delta / wall time — the wall's own cost, which CPU
 *     contention from other processes does not inflate; main-thread task time % (TaskDuration, wall-clock, so it
 *     does grow under contention), script %, and the renderer process's CPU % (all threads: software raster too),
 *   - fps: requestAnimationFrame callbacks / wall time,
 *   - JS heap used after a forced garbage collection,
 *   - bytes/s the page receives on its MQTT WebSocket (opened by the page's MQTT relay worker).
 *
 * Areas: the shipped area.json; mock-feeds/area/big-area.ts's load-test area (extra 110 kV substations of 50 feeders,
 * each under a 220 kV one) sized to the target; bigArea stops at 50,000 feeders, so the largest area adds PV sites on
 * the extra feeders up to the target (PV reaches the wall only through the figures). The devices counted are
 * substations + feeders + PV sites + charging stations, as in the 178 of the shipped area.
 *
 *   npm run bench:wall                                  (run `npx vite build` first)
 *   BENCH_DEVICES=178,10000 BENCH_SCENES=supply BENCH_MEASURE_S=10 npm run bench:wall
 *   BENCH_DIST=/tmp/wall-dist BENCH_VIEWPORTS=1920x1080,3840x2160,5760x1080 BENCH_DEVICES=178 npm run bench:wall
 *
 * BENCH_DIST serves a build of one's own (`npx vite build --outDir …`): dist/ is rebuilt by test runs, and a bench
 * run reading it meanwhile measures half of two builds. BENCH_VIEWPORTS measures each scene at each size (the 3×1
 * wall and 4K draw 3–4× the pixels of 1920×1080 with software rendering).
 *
 * BENCH_TRACE_S=<s>: after each measured window, a Chromium trace of that many seconds, printed as the main thread's
 * time per event kind (self time: script, style, layout, paint, …) per second — where the wall's busy time goes;
 * BENCH_TRACE_FILE=<prefix> also writes each trace to <prefix>-<scene>-<viewport>.json (for chrome://tracing).
 * BENCH_EVAL=<expression>: evaluated in the page after the warm-up, its result printed — to measure what one thing
 * costs by switching it off, e.g. BENCH_EVAL="document.querySelector('[data-testid=wall-energy-flow]')
 * .removeAttribute('data-animate')".
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import type { Browser, CDPSession } from 'playwright-core';
import { bigArea } from '../../mock-feeds/area/big-area';
import { type AreaConfig, parseAreaConfig } from '../../src/core/config/area-schema';
import { deviceTopic } from '../../src/core/contract/topics';
import { requireBuild, startAppPreview, startLiveProcess } from '../support/bench-app';
import { launchChromium } from '../support/chromium';
import { mainThreadSelfTime, recordTrace } from '../support/chromium-trace';
import { freePort } from '../support/free-port';
import { startMosquitto } from '../support/mosquitto-fixture';
import { connectPublishers } from './telemetry-load';

const TARGETS = (process.env.BENCH_DEVICES ?? '178,10000,100000').split(',').map(Number);
const SCENES = (process.env.BENCH_SCENES ?? 'supply,transition,emobility').split(',');
const MEASURE_S = Number(process.env.BENCH_MEASURE_S ?? 15);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 5);
const PERIOD_S = Number(process.env.BENCH_PERIOD_S ?? 5);
const MAX_RATE = Number(process.env.BENCH_MAX_RATE ?? 5_000);
const DIST = process.env.BENCH_DIST ?? 'dist';
const VIEWPORTS = (process.env.BENCH_VIEWPORTS ?? '1920x1080').split(',').map((v) => {
  const [width, height] = v.split('x').map(Number);
  return { width: width!, height: height!, label: v };
});
const TRACE_S = Number(process.env.BENCH_TRACE_S ?? 0);
const BIG_AREA_MAX_FEEDERS = 50_000;

const base = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
const deviceCount = (a: AreaConfig) =>
  a.substations.length + a.feeders.length + a.pvSites.length + a.chargingStations.length;

/** bigArea's device count for a total feeder count, without building it (2 substations per 50 extra feeders). */
const bigAreaDevices = (feeders: number) =>
  deviceCount(base) + (feeders - base.feeders.length) + 2 * Math.ceil((feeders - base.feeders.length) / 50);

function areaOf(target: number): { config: AreaConfig; what: string } {
  if (target <= deviceCount(base)) return { config: base, what: 'the shipped area.json' };
  let feeders = base.feeders.length;
  while (feeders < BIG_AREA_MAX_FEEDERS && bigAreaDevices(feeders + 1) <= target) feeders++;
  const big = bigArea(base, { feeders });
  const extraPv = target - deviceCount(big);
  if (extraPv <= 0)
    return { config: big, what: `bigArea: ${big.feeders.length} feeders, ${big.substations.length} substations` };
  const hosts = big.feeders.slice(base.feeders.length);
  const pvSites = Array.from({ length: extraPv }, (_, i) => {
    const f = hosts[i % hosts.length]!;
    return {
      id: `load-pv${i}`,
      name: { zh: `负荷测试光伏${i}`, en: `Load test PV ${i}` },
      province: f.province,
      feederId: f.id,
      kWp: 200 + (i % 5) * 100,
    };
  });
  const config = parseAreaConfig({ ...big, pvSites: [...big.pvSites, ...pvSites] }, `load-test area (${target})`);
  return {
    config,
    what: `bigArea: ${big.feeders.length} feeders, ${big.substations.length} substations, + ${extraPv} PV sites`,
  };
}

interface Device {
  topic: string;
  /** Next payload at `ts`, `dtH` hours after the previous one (counters grow by what the power delivered). */
  body: (ts: number, dtH: number) => string;
}

/** One plausible reading per device, as the edge judges it: powers within rating, currents from S/(√3·U). */
function devicesOf(config: AreaConfig): Device[] {
  const out: Device[] = [];
  // A load-test area's feeders at their usual 60 % of peak would sum to tens of GW, beyond the live core's figure
  // ceiling (10 GW, src/core/contract/live-core.ts): the whole area is scaled down to ≤ 4 GW load and ≤ 1 GW PV so
  // its figures stay publishable. The wall's cost does not depend on the values.
  const loadScale = Math.min(1, 4e6 / config.feeders.reduce((sum, f) => sum + f.basePeakKw * 0.6, 0));
  const pvScale = Math.min(1, 1e6 / config.pvSites.reduce((sum, p) => sum + p.kWp * 0.4, 0));
  for (const s of config.substations) {
    const pKw = s.ratedMva * 1000 * 0.3 * loadScale;
    out.push({
      topic: deviceTopic({ kind: 'substation', province: s.province, deviceId: s.id, channel: 'telemetry' }),
      body: (ts) => JSON.stringify({ ts, pKw, qKvar: pKw * 0.2, uKv: s.voltageKv * 1.01, fHz: 50 }),
    });
  }
  for (const f of config.feeders) {
    const pKw = f.basePeakKw * 0.6 * loadScale;
    const uKv = f.nominalKv * 1.02;
    const iA = Math.hypot(pKw, pKw * 0.2) / (Math.sqrt(3) * uKv);
    let eKwh = 1000;
    out.push({
      topic: deviceTopic({ kind: 'feeder', province: f.province, deviceId: f.id, channel: 'telemetry' }),
      body: (ts, dtH) => {
        eKwh += pKw * dtH;
        return JSON.stringify({ ts, pKw, qKvar: pKw * 0.2, iA, uKv, eImportKwh: eKwh, eExportKwh: 0 });
      },
    });
  }
  for (const p of config.pvSites) {
    const pKw = p.kWp * 0.4 * pvScale;
    let eKwh = 100;
    out.push({
      topic: deviceTopic({ kind: 'pv', province: p.province, deviceId: p.id, channel: 'telemetry' }),
      body: (ts, dtH) => {
        eKwh += pKw * dtH;
        return JSON.stringify({ ts, pKw, eKwh, state: 'producing' });
      },
    });
  }
  for (const c of config.chargingStations) {
    const connectors = c.connectors.map((k, j) => ({
      id: k.id,
      state: j === 0 ? 'charging' : 'available',
      pKw: j === 0 ? Math.min(7, k.ratedKw) : 0,
      sessionKwh: j === 0 ? 3 : 0,
    }));
    const pKw = connectors[0]!.pKw;
    let eKwh = 50;
    out.push({
      topic: deviceTopic({ kind: 'charger', province: c.province, deviceId: c.id, channel: 'telemetry' }),
      body: (ts, dtH) => {
        eKwh += pKw * dtH;
        return JSON.stringify({ ts, pKw, eKwh, sessionsTotal: 10, connectors });
      },
    });
  }
  return out;
}

/** Every device once, then each every PERIOD_S (capped at MAX_RATE) until stopped; timestamps strictly increase. */
function startPublisher(clients: MqttClient[], devices: Device[]) {
  const lastTs = new Float64Array(devices.length);
  let n = 0;
  let sent = 0;
  let stopped = false;
  const send = (i: number) => {
    const ts = Math.max(Date.now(), lastTs[i]! + 1);
    const dtH = lastTs[i] ? (ts - lastTs[i]!) / 3_600_000 : 0;
    lastTs[i] = ts;
    clients[sent++ % clients.length]!.publish(devices[i]!.topic, devices[i]!.body(ts, dtH), { qos: 0, retain: true });
  };
  const rate = Math.min(MAX_RATE, devices.length / PERIOD_S);
  const initial = (async () => {
    for (let i = 0; i < devices.length; i++) {
      send(i);
      if (i % 2_000 === 1_999) await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const steady = initial.then(async () => {
    const start = Date.now();
    const sent0 = sent;
    // Paced by elapsed time, not by tick count: timers run late, and a tick-counted publisher under-sends.
    while (!stopped) {
      const due = Math.floor(((Date.now() - start) / 1000) * rate);
      // A stalled event loop does not turn into a burst later: a backlog beyond 100 ms' worth is dropped.
      if (due - n > rate / 10) n = due - Math.ceil(rate / 10);
      for (; n < due; n++) send(n % devices.length);
      await new Promise((r) => setTimeout(r, 5));
    }
    return { sent: sent - sent0, seconds: (Date.now() - start) / 1000 };
  });
  return {
    initial,
    rate,
    /** Messages sent since the steady stream began (for the achieved rate over a window). */
    sent: () => sent,
    stop: async () => {
      stopped = true;
      return steady;
    },
  };
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

interface Row {
  devices: number;
  scene: string;
  viewport: string;
  /** Main-thread CPU time / wall time (CDP ThreadTime): what the wall costs, whatever else runs on the machine. */
  cpuPct: number;
  /** Main-thread task time / wall time (CDP TaskDuration): wall-clock, so it grows when the cores are contended. */
  busyPct: number;
  scriptPct: number;
  /** The renderer process's CPU time, every thread (software raster included) / wall time. */
  processPct: number;
  fps: number;
  /** Layouts and style recalculations a second (CDP LayoutCount, RecalcStyleCount): how calm the page is, whatever
   * the machine's load — a page that lays out every frame is not calm however fast the machine. */
  layoutsPerS: number;
  stylesPerS: number;
  heapMb: number;
  pageKBps: number;
  publishedPerS: number;
  acceptedPerS: number;
  substationMsgs: number;
}

async function traceBreakdown(cdp: CDPSession, name: string): Promise<string> {
  const events = await recordTrace(cdp, TRACE_S, 'toplevel,devtools.timeline,blink.animations,v8.execute');
  if (process.env.BENCH_TRACE_FILE)
    writeFileSync(`${process.env.BENCH_TRACE_FILE}-${name}.json`, JSON.stringify({ traceEvents: events }));
  return mainThreadSelfTime(events, TRACE_S)
    .filter(([, ms]) => ms >= 0.5)
    .slice(0, 14)
    .map(([event, ms]) => `${event} ${ms.toFixed(1)}`)
    .join(', ');
}

async function liveAccepted(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/health`);
  return ((await res.json()) as { counts: { accepted: number } }).counts.accepted;
}

async function measureScene(
  browser: Browser,
  appUrl: string,
  scene: string,
  viewport: (typeof VIEWPORTS)[number],
  publisher: ReturnType<typeof startPublisher>,
  livePort: number,
): Promise<Omit<Row, 'devices' | 'substationMsgs'>> {
  const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  let wsBytes = 0;
  // Playwright reports the sockets of the page's workers too (the wall's MQTT client runs in a relay worker, which
  // the page's own CDP Network domain does not see).
  page.on('websocket', (ws) => ws.on('framereceived', (f) => (wsBytes += Buffer.byteLength(f.payload))));
  await page.goto(`${appUrl}/wall?scene=${scene}&rotate=off`);
  const kpi = page.getByTestId('wall-kpi-load-value');
  const deadline = Date.now() + 60_000;
  while (!/\d/.test((await kpi.innerText({ timeout: 60_000 }).catch(() => '')) ?? '')) {
    if (Date.now() > deadline) {
      const health = await fetch(`http://127.0.0.1:${livePort}/health`).then((r) => r.text());
      const text = (await page.locator('body').innerText()).slice(0, 300);
      const diag = await page.evaluate('JSON.stringify(window.__gaozhu?.liveCore?.getSnapshot?.()?.diagnostics)');
      throw new Error(
        `${scene}: no area load on the wall within 60 s; live /health ${health}; page's live-core store ${diag}; page: ${text}`,
      );
    }
    await page.waitForTimeout(250);
  }
  await page.waitForTimeout(WARMUP_S * 1000);
  if (process.env.BENCH_EVAL)
    console.log(`  BENCH_EVAL on ${scene}: ${JSON.stringify(await page.evaluate(process.env.BENCH_EVAL))}`);

  // Page scripts are passed as strings: tsx's esbuild would wrap named functions in a __name helper the page lacks.
  await page.evaluate(`(() => {
    window.__frames = 0;
    window.__counting = true;
    window.__t0 = performance.now();
    const tick = () => { if (!window.__counting) return; window.__frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  const m0 = await metrics(cdp);
  const bytes0 = wsBytes;
  // Each count over its own interval: a saturated live service answers /health seconds late.
  const sent0 = publisher.sent();
  const t0 = Date.now();
  const acc0 = await liveAccepted(livePort);
  const accT0 = Date.now();
  await new Promise((r) => setTimeout(r, MEASURE_S * 1000));
  const { frames, frameS } = (await page.evaluate(
    '(window.__counting = false, { frames: window.__frames, frameS: (performance.now() - window.__t0) / 1000 })',
  )) as { frames: number; frameS: number };
  const m1 = await metrics(cdp);
  const elapsedS = (Date.now() - t0) / 1000;
  // Ratios over the renderer's own clock between the two samples: a saturated page answers CDP late, and the
  // bench's wall time would then not be the interval the counters cover.
  const metricS = m1.Timestamp! - m0.Timestamp!;
  if (process.env.BENCH_DEBUG)
    console.log(
      Object.keys(m1)
        .map((k) => `${k} ${(m1[k]! - (m0[k] ?? 0)).toFixed(3)}`)
        .join(', '),
    );
  const bytes = wsBytes - bytes0;
  const sent = publisher.sent() - sent0;
  const accepted = (await liveAccepted(livePort)) - acc0;
  const acceptedS = (Date.now() - accT0) / 1000;
  if (TRACE_S > 0)
    console.log(
      `  ${scene} ${viewport.label}: main thread, ms a second: ${await traceBreakdown(cdp, `${scene}-${viewport.label}`)}`,
    );
  await cdp.send('HeapProfiler.collectGarbage');
  const heapMb = (await metrics(cdp)).JSHeapUsedSize! / 1e6;
  if (errors.length) console.log(`  page errors on ${scene}: ${errors.slice(0, 3).join(' | ')}`);
  await context.close();
  return {
    scene,
    viewport: viewport.label,
    cpuPct: (100 * (m1.ThreadTime! - m0.ThreadTime!)) / metricS,
    busyPct: (100 * (m1.TaskDuration! - m0.TaskDuration!)) / metricS,
    processPct: (100 * (m1.ProcessTime! - m0.ProcessTime!)) / metricS,
    scriptPct: (100 * (m1.ScriptDuration! - m0.ScriptDuration!)) / metricS,
    fps: frames / frameS,
    layoutsPerS: (m1.LayoutCount! - m0.LayoutCount!) / metricS,
    stylesPerS: (m1.RecalcStyleCount! - m0.RecalcStyleCount!) / metricS,
    heapMb,
    pageKBps: bytes / elapsedS / 1000,
    publishedPerS: sent / elapsedS,
    acceptedPerS: accepted / acceptedS,
  };
}

async function main() {
  requireBuild(DIST);
  // One live port and a history port nobody answers, fixed before preview() reads vite.config.ts's proxy table:
  // the wall's /api/alarms reaches this run's live service, and /api never reaches another stack on the machine.
  const livePort = await freePort();
  process.env.LIVE_PORT = String(livePort);
  process.env.HISTORY_PORT = String(await freePort());
  const server = await startAppPreview(DIST);
  const { appUrl } = server;
  const browser = await launchChromium({ args: ['--enable-precise-memory-info'] });
  const dir = mkdtempSync(join(tmpdir(), 'gaozhu-wall-bench-'));
  const rows: Row[] = [];
  console.log(
    `wall benchmark: ${appUrl}/wall?scene=<scene>&rotate=off (${DIST}/) at ${VIEWPORTS.map((v) => v.label).join(', ')}, ${WARMUP_S} s warm-up, ${MEASURE_S} s measured; ` +
      `each device every ${PERIOD_S} s, at most ${MAX_RATE} msg/s`,
  );
  try {
    for (const target of TARGETS) {
      const { config, what } = areaOf(target);
      const devices = devicesOf(config);
      const areaFile = join(dir, `area-${target}.json`);
      writeFileSync(areaFile, JSON.stringify(config));
      process.env.AREA_CONFIG = areaFile;
      const mosq = await startMosquitto();
      process.env.MQTT_WS_PORT = String(mosq.wsPort);
      const mqttUrl = `mqtt://127.0.0.1:${mosq.tcpPort}`;
      const live = await startLiveProcess({
        mqttUrl,
        areaFile,
        port: livePort,
        stateFile: join(dir, `state-${target}.json`),
        readyTimeoutMs: 60_000,
      });
      const clients = await connectPublishers(mqttUrl);
      const publisher = startPublisher(clients, devices);
      await publisher.initial;
      const substationMsgs = new Set(config.feeders.map((f) => f.substationId)).size;
      console.log(
        `${devices.length} devices (${what}); ${substationMsgs} substation messages a second to the wall; stream ${Math.round(publisher.rate)} msg/s`,
      );
      try {
        for (const scene of SCENES)
          for (const viewport of VIEWPORTS) {
            const r = await measureScene(browser, appUrl, scene, viewport, publisher, livePort);
            const row = { devices: devices.length, substationMsgs, ...r };
            rows.push(row);
            console.log(
              `  ${scene.padEnd(10)} ${viewport.label.padEnd(9)} main thread CPU ${row.cpuPct.toFixed(1)} %, tasks ${row.busyPct.toFixed(1)} % (script ${row.scriptPct.toFixed(1)} %), renderer CPU ${row.processPct.toFixed(1)} %, ${row.fps.toFixed(1)} fps, ${row.layoutsPerS.toFixed(1)} layouts/s, ${row.stylesPerS.toFixed(1)} style recalcs/s, heap ${row.heapMb.toFixed(1)} MB, page ${row.pageKBps.toFixed(1)} kB/s; published ${Math.round(row.publishedPerS)} msg/s, live accepted ${Math.round(row.acceptedPerS)} msg/s`,
            );
          }
      } finally {
        await publisher.stop();
        for (const c of clients) c.end(true);
        await live.stop();
        await mosq.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('');
  console.log(
    '| devices | scene | viewport | main-thread CPU % | main-thread task time % (script %) | renderer CPU % | fps | layouts / style recalcs a second | heap MB | live core to the page, kB/s | stream published / accepted by the live service, msg/s |',
  );
  console.log('| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows)
    console.log(
      `| ${r.devices.toLocaleString('en-US')} | ${r.scene} | ${r.viewport} | ${r.cpuPct.toFixed(1)} | ${r.busyPct.toFixed(1)} (${r.scriptPct.toFixed(1)}) | ${r.processPct.toFixed(1)} | ${r.fps.toFixed(1)} | ${r.layoutsPerS.toFixed(1)} / ${r.stylesPerS.toFixed(1)} | ${r.heapMb.toFixed(1)} | ${r.pageKBps.toFixed(1)} | ${Math.round(r.publishedPerS).toLocaleString('en-US')} / ${Math.round(r.acceptedPerS).toLocaleString('en-US')} |`,
    );
  process.exit(0);
}

await main();
