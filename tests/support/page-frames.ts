/**
 * How smooth and how busy a page is over a window: the time between its animation frames (requestAnimationFrame) and
 * its renderer main thread's time (CDP Performance counters), for benches that measure a screen while a stack runs
 * under it (tests/bench/region-bench.ts).
 */
import type { CDPSession, Page } from 'playwright-core';

export interface PageFrames {
  /** Time between consecutive animation frames, ms. */
  frameMs: number[];
  /** Animation frames a second over the window. */
  fps: number;
  /** Main-thread CPU time / wall time (CDP ThreadTime): the page's own cost, not inflated by other processes. */
  cpuPct: number;
  /** Main-thread task time / wall time (CDP TaskDuration): how long the thread was busy, contention included. */
  busyPct: number;
  scriptPct: number;
  seconds: number;
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** Frames and main-thread time of `page` over `seconds`; `cdp` is a session on it with Performance enabled. */
export async function measurePageFrames(page: Page, cdp: CDPSession, seconds: number): Promise<PageFrames> {
  const m0 = await metrics(cdp);
  // A string, not a function: tsx's esbuild would wrap a named function in a __name helper the page lacks.
  const { frameMs, frameS } = (await page.evaluate(`new Promise((resolve) => {
    const out = [];
    let last = 0;
    let first = 0;
    const end = performance.now() + ${seconds * 1000};
    const step = (now) => {
      if (last) out.push(now - last); else first = now;
      last = now;
      if (now < end) requestAnimationFrame(step);
      else resolve({ frameMs: out, frameS: (now - first) / 1000 });
    };
    requestAnimationFrame(step);
  })`)) as { frameMs: number[]; frameS: number };
  const m1 = await metrics(cdp);
  // Over the renderer's own clock between the two samples: a saturated page answers CDP late.
  const metricS = m1.Timestamp! - m0.Timestamp!;
  const pct = (k: string) => (100 * (m1[k]! - m0[k]!)) / metricS;
  return {
    frameMs,
    fps: frameS > 0 ? frameMs.length / frameS : 0,
    cpuPct: pct('ThreadTime'),
    busyPct: pct('TaskDuration'),
    scriptPct: pct('ScriptDuration'),
    seconds: metricS,
  };
}

/** p-th percentile (0–100) of `xs`, NaN when empty. */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
