/**
 * Fetches and validates the two configuration files the app needs before it can show anything. The fetch is here on
 * the main thread; the JSON parse and the schema check run in the document-check worker (document-check.ts), so zod
 * stays off the main thread. A bad file fails with area-config-error.ts's words, the same as parseConfigFile's in Node.
 */
import { AreaConfigError, configIssueError, notJsonConfigError } from '../../core/config/area-config-error';
import type { AreaConfig } from '../../core/config/area-schema';
import { checkDocument, type DocumentCheck, prepareDocumentCheck } from './document-check';
import type { RuntimeConfig } from './runtime-config';

export const AREA_CONFIG_URL = '/config/area.json';
export const RUNTIME_CONFIG_URL = '/config/runtime.json';

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) throw new AreaConfigError(url, '(file)', `HTTP ${res.status} ${res.statusText}`);
  return res.text();
}

/** The checked file's data, or the AreaConfigError that names the file, the field and the problem. */
function configOf<T>(checked: DocumentCheck<T>, file: string): T {
  if (checked.ok) return checked.data;
  if (checked.problem === 'not-json') throw notJsonConfigError(file, checked.message);
  if (checked.problem === 'unchecked') throw new AreaConfigError(file, '(file)', `not checked: ${checked.message}`);
  throw configIssueError(file, checked.path, checked.message);
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
  prepareDocumentCheck();
  const url = areaConfigUrl(globalThis.location?.search ?? '');
  return configOf(await checkDocument('areaConfig', await fetchText(url)), url);
}

/** The run-time configuration of a role: the app server answers each role with that role's broker user only. */
export async function loadRuntimeConfig(role: 'public' | 'dispatcher' = 'public'): Promise<RuntimeConfig> {
  prepareDocumentCheck();
  const text = await fetchText(`${RUNTIME_CONFIG_URL}?role=${role}`);
  return configOf(await checkDocument('runtimeConfig', text), RUNTIME_CONFIG_URL);
}
