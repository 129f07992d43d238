/**
 * The composition root's choice of pipeline per route: the wall and the overview run on the live core as the public
 * role; /dispatch and /progress keep the dispatcher role and the raw device stream. A page holds one runtime (one
 * broker connection) at a time, created lazily when a route first needs it, outside React so StrictMode's double
 * effects never open a second socket; moving to a route of the other role closes the first.
 * Sign-in and sessions (who may take the dispatcher role) come with the identity issue.
 */
import { type ReactNode, useEffect, useState } from 'react';
import type { AreaConfig } from '../../core/config/area-schema';
import { loadRuntimeConfig } from '../live/load-config';
import { type AnyRuntime, createPublicRuntime, type RuntimeRole } from '../live/runtime';
import { PublicRuntimeContext, RuntimeContext } from '../live/runtime-context';

let current: { role: RuntimeRole; runtime: Promise<AnyRuntime> } | null = null;
/** The runtime the page holds now, once it has one: what the screen's health report reads (screen-health-reporter.ts). */
let settled: AnyRuntime | null = null;
export const currentRuntime = (): AnyRuntime | null => settled;

function runtimeFor(area: AreaConfig, role: RuntimeRole): Promise<AnyRuntime> {
  if (current?.role === role) return current.runtime;
  const previous = current;
  const runtime = loadRuntimeConfig(role).then(async (cfg) => {
    void previous?.runtime.then(
      (rt) => rt.stop(),
      () => {},
    );
    const rt =
      role === 'public'
        ? createPublicRuntime(area, cfg)
        : await (await import('../live/dispatcher-runtime')).createAppRuntime(area, cfg);
    settled = rt;
    // Exposed for the benchmark and end-to-end tests to read ingest figures; not an API for the app itself.
    (window as unknown as { __gaozhu?: unknown }).__gaozhu = rt;
    return rt;
  });
  current = { role, runtime };
  return runtime;
}

/** `access`: the role this route's pipeline runs as. */
export function RuntimeHost({
  area,
  access: role,
  children,
}: {
  area: AreaConfig;
  access: RuntimeRole;
  children: ReactNode;
}) {
  const [state, setState] = useState<{ role: RuntimeRole; rt: AnyRuntime } | { error: string } | null>(null);
  useEffect(() => {
    let cancelled = false;
    runtimeFor(area, role).then(
      (rt) => !cancelled && setState({ role, rt }),
      (e: unknown) => !cancelled && setState({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      cancelled = true;
    };
  }, [area, role]);
  if (state && 'error' in state)
    return (
      <div role="alert" data-testid="config-error" style={{ padding: 40, fontSize: 18, maxWidth: 900 }}>
        <h1 style={{ fontSize: 24 }}>配置错误 · Configuration error</h1>
        <p style={{ whiteSpace: 'pre-wrap' }}>{state.error}</p>
      </div>
    );
  if (!state || state.role !== role) return null;
  const rt = state.rt;
  return rt.role === 'public' ? (
    <PublicRuntimeContext.Provider value={rt}>{children}</PublicRuntimeContext.Provider>
  ) : (
    <RuntimeContext.Provider value={rt}>{children}</RuntimeContext.Provider>
  );
}
