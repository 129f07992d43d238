/**
 * The answers of /config/runtime.json and /config/area.json, shared by Vite's dev server (the plugin in
 * vite.config.ts) and the production web server (server.ts), so both answer the same. Computed per request from the
 * environment: the broker address and one role's read-only MQTT credentials reach the browser at run time and are
 * never compiled into the bundle.
 */
import { readFileSync } from 'node:fs';
import { parseDispatchScope } from '../../core/contract/substation-devices';
import { loadMqttUsers } from '../common/credentials';
import { MQTT_WS_PATH, ports } from '../common/ports';

export const RUNTIME_CONFIG_PATH = '/config/runtime.json';
export const AREA_CONFIG_PATH = '/config/area.json';

export interface ConfigAnswer {
  status: number;
  /** Always JSON; always `Cache-Control: no-store` (a changed environment or area file shows on the next load). */
  body: string | Buffer;
}

/** What the browser needs to reach the broker and the history API, without credentials: also the CSP's inputs. */
export interface PublicEndpoints {
  /** Empty means: same host as the page, on the broker's WebSocket port. */
  mqttUrl: string;
  mqttWsPort: number;
  mqttWsPath: string;
  historyBaseUrl: string;
}

export function publicEndpoints(env: NodeJS.ProcessEnv = process.env): PublicEndpoints {
  return {
    mqttUrl: env.MQTT_PUBLIC_WS_URL ?? '',
    mqttWsPort: ports.mqttWs,
    mqttWsPath: MQTT_WS_PATH,
    historyBaseUrl: env.HISTORY_PUBLIC_URL ?? '/api',
  };
}

/**
 * Least privilege per screen: `?role=public` (the default: the wall and the overview) gets the wall user, which reads
 * only the live core's public topics; `?role=dispatcher` gets the dashboard user, which reads the raw device stream,
 * when `mayReadRawStream` — the production server passes whether the caller's session allows it (a signed-in
 * dispatcher, manager or admin) and answers everyone else with the wall user. Vite's dev server has no sessions and
 * leaves it true.
 */
export function runtimeConfigAnswer(query: string, mayReadRawStream = true): ConfigAnswer {
  const role = new URLSearchParams(query).get('role') ?? 'public';
  if (role !== 'public' && role !== 'dispatcher')
    return {
      status: 400,
      body: JSON.stringify({ error: `unknown role "${role.slice(0, 40)}": public or dispatcher` }),
    };
  const users = loadMqttUsers();
  const user = role === 'dispatcher' && mayReadRawStream ? users.dashboard : users.wall;
  const { mqttUrl, mqttWsPort, mqttWsPath, historyBaseUrl } = publicEndpoints();
  return {
    status: 200,
    body: JSON.stringify({
      mqttUrl,
      mqttWsPort,
      mqttWsPath,
      mqttUsername: user.username,
      mqttPassword: user.password,
      historyBaseUrl,
      // The broker's ACL and the live service read the same setting: the page subscribes as they expect.
      dispatchScope: parseDispatchScope(process.env.DISPATCH_SCOPE),
    }),
  };
}

/**
 * AREA_CONFIG points the launcher, feeds and history at another area file; the browser gets the same file so all of
 * them agree (read per request: the file is editable without a rebuild or restart). Null when AREA_CONFIG is unset:
 * the caller serves the shipped public/config/area.json.
 */
export function areaConfigAnswer(env: NodeJS.ProcessEnv = process.env): ConfigAnswer | null {
  const file = env.AREA_CONFIG;
  if (!file) return null;
  return { status: 200, body: readFileSync(file) };
}
