import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import type { Connect, Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { loadMqttUsers } from './src/services/common/credentials.ts';
import { MQTT_WS_PATH, ports } from './src/services/common/ports.ts';

/**
 * Serves /config/runtime.json from the environment at request time: the broker address and one role's read-only MQTT
 * credentials reach the browser at run time and are never compiled into the bundle. Least privilege per screen:
 * `?role=public` (the default: the wall and the overview) gets the wall user, which reads only the live core's public
 * topics; `?role=dispatcher` gets the dashboard user, which reads the raw device stream. Until the identity issue
 * brings sign-in and sessions, any visitor may still ask for the dispatcher role; the public screens just never do.
 */
function runtimeConfig(): Plugin {
  const handler: Connect.NextHandleFunction = (req, res, next) => {
    const [path, query = ''] = (req.url ?? '').split('?');
    if (path !== '/config/runtime.json') return next();
    const role = new URLSearchParams(query).get('role') ?? 'public';
    if (role !== 'public' && role !== 'dispatcher') {
      res.statusCode = 400;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ error: `unknown role "${role.slice(0, 40)}": public or dispatcher` }));
      return;
    }
    const users = loadMqttUsers();
    const user = role === 'dispatcher' ? users.dashboard : users.wall;
    const body = {
      // Empty means: same host as the page, the broker's WebSocket port.
      mqttUrl: process.env.MQTT_PUBLIC_WS_URL ?? '',
      mqttWsPort: ports.mqttWs,
      mqttWsPath: MQTT_WS_PATH,
      mqttUsername: user.username,
      mqttPassword: user.password,
      historyBaseUrl: process.env.HISTORY_PUBLIC_URL ?? '/api',
    };
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Cache-Control', 'no-store');
    res.end(JSON.stringify(body));
  };
  // AREA_CONFIG points the launcher, feeds and history at another area file; serve the same file to the browser so
  // all of them agree (read per request: the file is editable without a rebuild or restart).
  const areaHandler: Connect.NextHandleFunction = (req, res, next) => {
    const file = process.env.AREA_CONFIG;
    if (!file || req.url?.split('?')[0] !== '/config/area.json') return next();
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Cache-Control', 'no-store');
    res.end(readFileSync(file));
  };
  const install = (server: { middlewares: Connect.Server }) => {
    server.middlewares.use(handler);
    server.middlewares.use(areaHandler);
  };
  return {
    name: 'gaozhu-runtime-config',
    configureServer: install,
    configurePreviewServer: install,
  };
}

/**
 * The live service answers the alarms API (the active list, acknowledgements); the rest of /api, including the
 * history's /api/alarms/acks and alarm log, is the history service's. A key starting with ^ is a RegExp; it comes
 * first so it wins over /api.
 */
const historyProxy = {
  '^/api/alarms(/[^/?]+/ack)?(\\?.*)?$': { target: `http://127.0.0.1:${ports.live}`, changeOrigin: false },
  '/api': { target: `http://127.0.0.1:${ports.history}`, changeOrigin: false },
};

export default defineConfig({
  plugins: [react(), runtimeConfig()],
  server: { port: ports.appDev, strictPort: true, host: process.env.BIND_HOST ?? '127.0.0.1', proxy: historyProxy },
  preview: {
    port: ports.appPreview,
    strictPort: true,
    host: process.env.BIND_HOST ?? '127.0.0.1',
    proxy: historyProxy,
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  /**
   * Three test projects, one runner: `unit` (pure code and components, beside the code), `integration` (real Aedes and
   * Mosquitto brokers, feeds, history service, in Node) and `e2e` (the built app in Debian Chromium through
   * playwright-core). `npm test` runs all three through tests/run-all.mjs, which prints the closing "N passed, N failed".
   */
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'mock-feeds/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
