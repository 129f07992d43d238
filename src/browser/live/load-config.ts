/** Fetches and validates the two configuration files the app needs before it can show anything. */
import { type AreaConfig, AreaConfigError, parseAreaConfig, parseConfigFile } from '../../core/config/area-schema';
import { type RuntimeConfig, runtimeConfigSchema } from './runtime-config';

export const AREA_CONFIG_URL = '/config/area.json';
export const RUNTIME_CONFIG_URL = '/config/runtime.json';

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) throw new AreaConfigError(url, '(file)', `HTTP ${res.status} ${res.statusText}`);
  return res.text();
}

/**
 * `?area=/config/<name>.json` loads another area file beside the default (the dispatch benchmark's 10,000-device area,
 * written into dist/config/ by tests/bench/dispatch-bench.ts). Only same-origin files under /config/ are accepted.
 */
export function areaConfigUrl(search: string): string {
  const requested = new URLSearchParams(search).get('area');
  return requested && /^\/config\/[a-z0-9-]{1,60}\.json$/.test(requested) ? requested : AREA_CONFIG_URL;
}

export async function loadAreaConfig(): Promise<AreaConfig> {
  const url = areaConfigUrl(globalThis.location?.search ?? '');
  return parseAreaConfig(await fetchText(url), url);
}

/** The run-time configuration of a role: the app server answers each role with that role's broker user only. */
export async function loadRuntimeConfig(role: 'public' | 'dispatcher' = 'public'): Promise<RuntimeConfig> {
  return parseConfigFile(
    runtimeConfigSchema,
    await fetchText(`${RUNTIME_CONFIG_URL}?role=${role}`),
    RUNTIME_CONFIG_URL,
  );
}
