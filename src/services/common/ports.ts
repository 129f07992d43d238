/**
 * Default ports and addresses of every process, each overridable by an environment variable (documented in README).
 * Imported by the launcher, the services, vite.config.ts and the tests so the defaults live in one place.
 */
const int = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name}="${raw}" is not a port number`);
  return n;
};

/** Each port's variable and default, read when asked (tests set the variables after import). */
const PORTS = {
  /** Vite dev server (`npm run dev`). */
  appDev: ['APP_PORT', 5173],
  /** Production preview server (`npm start`). */
  appPreview: ['APP_PORT', 4173],
  mqttTcp: ['MQTT_PORT', 1883],
  mqttWs: ['MQTT_WS_PORT', 8083],
  history: ['HISTORY_PORT', 8787],
  /** The live service's HTTP side (health; alarm acknowledgements). */
  live: ['LIVE_PORT', 8789],
  feedsControl: ['FEEDS_CONTROL_PORT', 8788],
  /** The embedded broker's own HTTP side: /health and /metrics (Prometheus). */
  brokerHttp: ['BROKER_HTTP_PORT', 8790],
} as const satisfies Record<string, readonly [string, number]>;

/** A port's environment variable (APP_PORT once: the dev and the preview server share it). */
export type PortEnvName = (typeof PORTS)[keyof typeof PORTS][0];
export const PORT_ENV_NAMES: readonly PortEnvName[] = [...new Set(Object.values(PORTS).map(([name]) => name))];

export const ports = Object.defineProperties(
  {},
  Object.fromEntries(
    Object.entries(PORTS).map(([key, [name, fallback]]) => [key, { get: () => int(name, fallback), enumerable: true }]),
  ),
) as { readonly [K in keyof typeof PORTS]: number };

export const MQTT_WS_PATH = '/mqtt';
export const BIND_HOST = process.env.BIND_HOST ?? '127.0.0.1';
