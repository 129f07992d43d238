/**
 * `npm run bench:pixel`: how long a published value takes to reach the dispatcher's screen, at 100, 1,000 and 5,000
 * msg/s of other devices' telemetry through Mosquitto. One feeder is the marker: every ~0.7 s (jittered, so its
 * publishes fall at every phase of the page's batch, commit and row-refresh periods) it publishes a new P, and the
 * page watches that feeder's P cell in the feeder table (filtered to the marker, so the row stays in view whatever the
 * sort) with a MutationObserver; the first animation frame after the cell shows a value is when it is painted. The
 * publisher stamps its wall clock when it publishes; the page's frame time is on the same machine's clock
 * (performance.timeOrigin + the frame's timestamp), so the two compare directly. A value the cell never showed (a
 * newer one replaced it first) is counted as not shown.
 *
 *   npx vite build --outDir /tmp/d && BENCH_DIST=/tmp/d npm run bench:pixel
 *   BENCH_RATES=5000 BENCH_STEP_S=30 npm run bench:pixel
 *   BENCH_DRIVER=playwright npm run bench:pixel   # the page driven by Playwright, as before 2026-12-04
 *
 * The page is driven over DevTools with Runtime only (tests/support/bench-page.ts): with Playwright, Chromium reports
 * every WebSocket frame to the test process, a cost per packet no user's browser pays.
 */
import type { MqttClient } from 'mqtt';
import { deviceTopic } from '../../src/core/contract/topics';
import { requireBuild, startAppPreview } from '../support/bench-app';
import { BENCH_DRIVER_LABEL, type BenchPage, openBenchPage } from '../support/bench-page';
import { startMosquitto } from '../support/mosquitto-fixture';
import { benchArea, connectPublishers, feederReading, sleep, TelemetryLoad } from './telemetry-load';

const DIST = process.env.BENCH_DIST ?? 'dist';
const RATES = (process.env.BENCH_RATES ?? '100,1000,5000').split(',').map(Number);
const STEP_S = Number(process.env.BENCH_STEP_S ?? 20);
const MARKER_EVERY_MS = 700;
const TARGET_P95_MS = 200;

const marker = benchArea.feeders[0]!;
const markerTopic = deviceTopic({
  kind: 'feeder',
  province: marker.province,
  deviceId: marker.id,
  channel: 'telemetry',
});

/** The page side: paint times of each value the marker's P cell shows (epoch ms of the frame after the change). */
const WATCH = `(() => {
  window.__painted = [];
  let last = null;
  const read = () => {
    const cell = document.querySelector('[data-testid="feeder-table"] tbody tr[data-row-id="${marker.id}"] td[data-col="p"]');
    const text = cell ? cell.textContent.replace(/[^0-9.-]/g, '') : '';
    if (text === '' || text === last) return;
    last = text;
    const value = Number(text);
    requestAnimationFrame((t) => window.__painted.push({ value, paintedAtMs: performance.timeOrigin + t }));
  };
  new MutationObserver(read).observe(document.querySelector('[data-testid="feeder-table"]'), {
    subtree: true, childList: true, characterData: true,
  });
  read();
})()`;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

async function measureRate(
  page: BenchPage,
  clients: MqttClient[],
  markerClient: MqttClient,
  load: TelemetryLoad,
  rate: number,
  energy: { kwh: number },
) {
  let stop = false;
  const background = load.publishAt(clients, rate, STEP_S + 2, () => stop);
  await sleep(1500);
  await page.evaluate('window.__painted = []');
  const published = new Map<number, number>();
  let seq = 0;
  const end = Date.now() + STEP_S * 1000;
  while (Date.now() < end) {
    // A P the cell has not shown lately (whole kW: the feeder column shows no decimals).
    const pKw = 2000 + (seq++ % 400);
    const ts = Date.now();
    energy.kwh += 0.5;
    published.set(pKw, ts);
    markerClient.publish(markerTopic, JSON.stringify(feederReading(ts, pKw, energy.kwh)), { qos: 0 });
    await sleep(MARKER_EVERY_MS * (0.5 + Math.random()));
  }
  await sleep(1500);
  stop = true;
  await background;
  const painted = await page.evaluate<{ value: number; paintedAtMs: number }[]>('window.__painted');
  const latencies: number[] = [];
  for (const p of painted) {
    const at = published.get(p.value);
    if (at !== undefined && p.paintedAtMs >= at) latencies.push(p.paintedAtMs - at);
  }
  const fps = await page.evaluate<number>(`new Promise((resolve) => {
    let n = 0; const t0 = performance.now();
    const tick = () => { n++; if (performance.now() - t0 < 1000) requestAnimationFrame(tick); else resolve(n); };
    requestAnimationFrame(tick);
  })`);
  return { sent: published.size, latencies, fps };
}

async function main() {
  requireBuild(DIST);
  const mosq = await startMosquitto();
  process.env.MQTT_WS_PORT = String(mosq.wsPort);
  const server = await startAppPreview(DIST);
  let page: BenchPage | null = null;
  try {
    // The marker on a connection of its own: behind the load's queued packets it would time the publisher, not the app.
    const [markerClient, ...clients] = await connectPublishers(`mqtt://127.0.0.1:${mosq.tcpPort}`, 5);
    if (!markerClient) throw new Error('no publisher connection');
    const load = new TelemetryLoad([marker.id]);
    const energy = { kwh: Date.now() / 3_600_000 };
    // A first value so the marker's row exists, then the table filtered to it.
    markerClient.publish(markerTopic, JSON.stringify(feederReading(Date.now(), 1999, energy.kwh)), { qos: 0 });
    page = await openBenchPage(`${server.appUrl}/dispatch`, { width: 1920, height: 1080 });
    await page.waitFor(
      `document.querySelector('[data-testid="connection-state"][data-phase="connected"]')`,
      'the dispatcher page to connect',
    );
    await page.waitFor(`document.querySelector('[data-testid="feeder-table-filter"]')`, 'the feeder table');
    await page.typeInto('[data-testid="feeder-table-filter"]', marker.id);
    markerClient.publish(markerTopic, JSON.stringify(feederReading(Date.now(), 1998, energy.kwh)), { qos: 0 });
    await page.waitFor(
      `document.querySelector('[data-testid="feeder-table"] tbody tr[data-row-id="${marker.id}"] td[data-col="p"]')`,
      "the marker's row",
    );
    await page.evaluate(WATCH);
    console.log(
      `publish → pixel: marker feeder ${marker.id} every ~${MARKER_EVERY_MS} ms beside the load, ${STEP_S} s a rate, /dispatch in Chromium 1920×1080 (${BENCH_DRIVER_LABEL})`,
    );
    for (const rate of RATES) {
      const r = await measureRate(page, clients, markerClient, load, rate, energy);
      const p50 = quantile(r.latencies, 0.5);
      const p95 = quantile(r.latencies, 0.95);
      const verdict =
        rate === 5000 ? (p95 <= TARGET_P95_MS ? ' (target ≤ 200 ms: met)' : ' (target ≤ 200 ms: not met)') : '';
      console.log(
        `  ${String(rate).padStart(5)} msg/s: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${Math.max(...r.latencies).toFixed(0)} ms over ${r.latencies.length} values painted of ${r.sent} published; ${r.fps} fps after${verdict}`,
      );
    }
    for (const c of [markerClient, ...clients]) c.end(true);
    for (const e of page.errors.slice(0, 5)) console.log('  page error:', e.slice(0, 300));
  } finally {
    await page?.close();
    await server.close();
    await mosq.close();
  }
}

await main();
