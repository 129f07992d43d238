import type { ServerResponse } from 'node:http';
import react from '@vitejs/plugin-react';
import type { Connect, Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { ports } from './src/services/common/ports.ts';
import {
  AREA_CONFIG_PATH,
  areaConfigAnswer,
  type ConfigAnswer,
  RUNTIME_CONFIG_PATH,
  runtimeConfigAnswer,
} from './src/services/web/runtime-config.ts';

/**
 * /config/runtime.json (one role's broker user, `?role=public|dispatcher`) and /config/area.json (AREA_CONFIG's file)
 * at request time, answered by the same module as the production web server (src/services/web/runtime-config.ts), so
 * the dev server and `npm start` say the same. Without AREA_CONFIG the shipped public/config/area.json is served.
 */
function runtimeConfig(): Plugin {
  const send = (res: ServerResponse, answer: ConfigAnswer) => {
    res.statusCode = answer.status;
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Cache-Control', 'no-store');
    res.end(answer.body);
  };
  const handler: Connect.NextHandleFunction = (req, res, next) => {
    const [path, query = ''] = (req.url ?? '').split('?');
    if (path === RUNTIME_CONFIG_PATH) return send(res, runtimeConfigAnswer(query));
    const area = path === AREA_CONFIG_PATH ? areaConfigAnswer() : null;
    if (area) return send(res, area);
    next();
  };
  const install = (server: { middlewares: Connect.Server }) => {
    server.middlewares.use(handler);
  };
  return {
    name: 'gaozhu-runtime-config',
    configureServer: install,
    configurePreviewServer: install,
  };
}

/**
 * The live service answers the alarms API (the active list, acknowledgements) and the thresholds API (no sign-in on
 * these servers: the production web server keeps it to admins); the rest of /api, including the
 * history's alarm log, is the history service's. A key starting with ^ is a RegExp; it comes
 * first so it wins over /api.
 */
const historyProxy = {
  '^/api/(alarms(/[^/?]+/ack)?|thresholds(/revert)?)(\\?.*)?$': {
    target: `http://127.0.0.1:${ports.live}`,
    changeOrigin: false,
  },
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
  // The manifest (dist/.vite/manifest.json) maps each screen to its chunks: tests/e2e/bundle-split.test.ts and
  // `npm run bench:bundle` read it.
  build: { target: 'es2022', chunkSizeWarningLimit: 1500, manifest: true },
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
