/**
 * Which database the history service uses: HISTORY_DB — a SQLite file path, or a PostgreSQL URL
 * `postgres://user[:password]@host:port/db` (storage/open-storage.ts) — else one SQLite file per area file under .data/.
 */
import { basename, resolve } from 'node:path';

export const DEFAULT_AREA_CONFIG = resolve('public/config/area.json');

export function areaConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.AREA_CONFIG ?? DEFAULT_AREA_CONFIG);
}

// One database per area file: another area's devices never mix into the new area's history.
export function historyDbPath(env: NodeJS.ProcessEnv = process.env, configFile = areaConfigFile(env)): string {
  return (
    env.HISTORY_DB ??
    (configFile === DEFAULT_AREA_CONFIG
      ? '.data/history.sqlite'
      : `.data/history-${basename(configFile, '.json')}.sqlite`)
  );
}
