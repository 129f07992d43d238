/**
 * A page's CPU profile (CDP Profiler, started by the caller), summarised: the page functions with the most self time,
 * then the app's own functions (its /assets/ scripts) with the most inclusive time. For the benches' BENCH_PROFILE
 * options (dispatch-bench.ts, region-bench.ts); an unminified build (`npx vite build --minify false`) names them.
 */
/** A DevTools session with the Profiler started (Playwright's CDPSession or a bench page's, bench-page.ts). */
interface ProfilerSession {
  send(method: 'Profiler.stop'): Promise<unknown>;
}

/** Stops the profiler on `session` and prints the summary. */
export async function printProfile(session: ProfilerSession): Promise<void> {
  const { profile: p } = (await session.send('Profiler.stop')) as unknown as {
    profile: {
      nodes: {
        id: number;
        callFrame: { functionName: string; url: string; lineNumber: number };
        children?: number[];
      }[];
      samples: number[];
      timeDeltas: number[];
    };
  };
  const self = new Map<string, number>();
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  p.samples.forEach((id, k) => {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[k] ?? 0) / 1000);
  });
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${v.toFixed(0).padStart(6)} ms  ${k}`);
  // Inclusive (self + callees) time of the page's own functions, once per function even when it recurses.
  const selfById = new Map<number, number>();
  p.samples.forEach((id, k) => {
    selfById.set(id, (selfById.get(id) ?? 0) + (p.timeDeltas[k] ?? 0) / 1000);
  });
  const incl = new Map<string, number>();
  const walk = (id: number, open: Set<string>): number => {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    const inner = new Set(open).add(key);
    let t = selfById.get(id) ?? 0;
    for (const c of n.children ?? []) t += walk(c, inner);
    if (!open.has(key) && n.callFrame.url.includes('/assets/')) incl.set(key, (incl.get(key) ?? 0) + t);
    return t;
  };
  walk(p.nodes[0]!.id, new Set());
  console.log('  inclusive:');
  for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.BENCH_PROFILE_TOP ?? 40)))
    console.log(`  ${v.toFixed(0).padStart(6)} ms  ${k}`);
}
