/**
 * Soak run of the lobby wall (`npm run soak`): broker, feeds at 10× world speed, history service and the built app,
 * with the wall open in headless Chromium at 1920×1080, rotating its scenes. Every minute it samples
 *   - frame rate (requestAnimationFrame callbacks over 5 s),
 *   - JS heap used after a forced garbage collection (CDP HeapProfiler.collectGarbage + Performance.getMetrics),
 *   - DOM node count (elements in the document, and CDP's Nodes metric, which includes detached nodes),
 *   - ECharts instances alive (charts are created once, so this must stay constant),
 * and prints one line per sample, then a summary comparing the first sample after warm-up with the last. The 25 s
 * dwell does not divide the minute, so the samples fall on every scene in turn.
 *
 *   SOAK_MINUTES=30 (default) SOAK_INTERVAL_S=60 SOAK_DWELL_S=25 npm run soak      (run `npx vite build` first)
 */
import type { CDPSession } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startStack } from '../support/stack';

const minutes = Number(process.env.SOAK_MINUTES ?? 30);
const intervalS = Number(process.env.SOAK_INTERVAL_S ?? 60);
const dwellS = Number(process.env.SOAK_DWELL_S ?? 25);
const WARMUP_SAMPLES = 2;

interface Sample {
  minute: number;
  fps: number;
  heapMb: number;
  domElements: number;
  cdpNodes: number;
  charts: number;
  scene: string;
}

async function metric(cdp: CDPSession, name: string): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === name)?.value ?? Number.NaN;
}

const stack = await startStack({ speed: 10, history: true });
const browser = await launchChromium({ args: ['--enable-precise-memory-info'] });
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
const errors: string[] = [];
page.on('pageerror', (e) => errors.push(e.message));
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
await page.goto(`${stack.appUrl}/wall?dwell=${dwellS}`);
console.log(
  `[soak] wall at ${stack.appUrl}/wall?dwell=${dwellS}, feeds 10×, ${minutes} min, a sample every ${intervalS} s`,
);
console.log('[soak] min   fps   heapMB  domElements  cdpNodes  charts  scene');

const samples: Sample[] = [];
const started = Date.now();
for (let i = 0; i <= Math.floor((minutes * 60) / intervalS); i++) {
  const due = started + i * intervalS * 1000;
  if (Date.now() < due) await new Promise((r) => setTimeout(r, due - Date.now()));
  // A string, not a function: tsx's keepNames would inject a `__name` helper the page does not have.
  const fps = (await page.evaluate(`new Promise((resolve) => {
    let frames = 0;
    const t0 = performance.now();
    const tick = () => {
      frames++;
      if (performance.now() - t0 < 5000) requestAnimationFrame(tick);
      else resolve((frames * 1000) / (performance.now() - t0));
    };
    requestAnimationFrame(tick);
  })`)) as number;
  await cdp.send('HeapProfiler.collectGarbage');
  const heapMb = (await metric(cdp, 'JSHeapUsedSize')) / 1e6;
  const cdpNodes = await metric(cdp, 'Nodes');
  const { domElements, charts, scene } = (await page.evaluate(`({
    domElements: document.getElementsByTagName('*').length,
    charts: document.querySelectorAll('[_echarts_instance_]').length,
    scene: document.querySelector('[data-testid="wall-canvas"]')?.getAttribute('data-scene') ?? '?',
  })`)) as { domElements: number; charts: number; scene: string };
  const s: Sample = { minute: (Date.now() - started) / 60_000, fps, heapMb, domElements, cdpNodes, charts, scene };
  samples.push(s);
  console.log(
    `[soak] ${s.minute.toFixed(1).padStart(4)}  ${s.fps.toFixed(1).padStart(5)}  ${s.heapMb.toFixed(1).padStart(6)}  ${String(s.domElements).padStart(11)}  ${String(s.cdpNodes).padStart(8)}  ${String(s.charts).padStart(6)}  ${s.scene}`,
  );
}

const after = samples[Math.min(WARMUP_SAMPLES, samples.length - 1)] as Sample;
const last = samples[samples.length - 1] as Sample;
const fpsAll = samples.map((s) => s.fps);
console.log(
  `[soak] summary over ${last.minute.toFixed(1)} min: fps min ${Math.min(...fpsAll).toFixed(1)} / mean ${(
    fpsAll.reduce((a, b) => a + b, 0) / fpsAll.length
  ).toFixed(
    1,
  )}; after warm-up (sample ${WARMUP_SAMPLES}) → end: heap ${after.heapMb.toFixed(1)} → ${last.heapMb.toFixed(1)} MB, DOM elements ${after.domElements} → ${last.domElements}, CDP nodes ${after.cdpNodes} → ${last.cdpNodes}, charts ${after.charts} → ${last.charts}; page errors: ${errors.length}`,
);
await browser.close();
await stack.close();
process.exit(0);
