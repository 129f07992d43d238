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

export const ports = {
  /** Vite dev server (`npm run dev`). */
  get appDev() {
    return int('APP_PORT', 5173);
  },
  /** Production preview server (`npm start`). */
  get appPreview() {
    return int('APP_PORT', 4173);
  },
  get mqttTcp() {
    return int('MQTT_PORT', 1883);
  },
  get mqttWs() {
    return int('MQTT_WS_PORT', 8083);
  },
  get history() {
    return int('HISTORY_PORT', 8787);
  },
  /** The live service's HTTP side (health; alarm acknowledgements). */
  get live() {
    return int('LIVE_PORT', 8789);
  },
  get feedsControl() {
    return int('FEEDS_CONTROL_PORT', 8788);
  },
  /** The embedded broker's own HTTP side: /health and /metrics (Prometheus). */
  get brokerHttp() {
    return int('BROKER_HTTP_PORT', 8790);
  },
};

export const MQTT_WS_PATH = '/mqtt';
export const BIND_HOST = process.env.BIND_HOST ?? '127.0.0.1';
