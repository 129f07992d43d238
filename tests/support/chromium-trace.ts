/**
 * A Chromium trace of a page over a few seconds (CDP Tracing), and readings of its renderer main thread: for benches
 * that say where a page's main-thread time goes (tests/bench/wall-bench.ts).
 */
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  args?: { name?: string };
}

/** Every event the page's renderer traced in `seconds`, in the given categories. */
export async function recordTrace(cdp: CDPSession, seconds: number, categories: string): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => {
    events.push(...(d.value as unknown as TraceEvent[]));
  });
  await cdp.send('Tracing.start', { categories: `${categories},__metadata`, transferMode: 'ReportEvents' } as never);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  return events;
}

/** The complete ('X') events of the renderer main thread (CrRendererMain), in time order, outer before inner. */
export function mainThreadEvents(events: readonly TraceEvent[]): TraceEvent[] {
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  return events
    .filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`) && e.ts !== undefined)
    .sort((a, b) => a.ts! - b.ts! || (b.dur ?? 0) - (a.dur ?? 0));
}

/**
 * The main thread's self time per event name, ms per second of trace, largest first: each event's duration less that
 * of the events nested in it, so a FunctionCall's forced layout counts as Layout.
 */
export function mainThreadSelfTime(events: readonly TraceEvent[], seconds: number): [string, number][] {
  const self = new Map<string, number>();
  const open: { end: number; name: string }[] = [];
  for (const e of mainThreadEvents(events)) {
    const dur = e.dur ?? 0;
    while (open.length && open.at(-1)!.end <= e.ts!) open.pop();
    const parent = open.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - dur);
    self.set(e.name, (self.get(e.name) ?? 0) + dur);
    open.push({ end: e.ts! + dur, name: e.name });
  }
  return [...self].map(([name, us]) => [name, us / 1000 / seconds] as [string, number]).sort((a, b) => b[1] - a[1]);
}
