/**
 * The pieces the browser and live-service benches start the same way: the built app on Vite's preview server (its
 * runtime-config plugin reads MQTT_WS_PORT, AREA_CONFIG, LIVE_PORT and HISTORY_PORT per request, so set them for the
 * run) and the live service as its own process, as `npm start` runs it. No broker import here: region-bench.ts sets
 * DISPATCH_SCOPE before the broker's modules load.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { preview } from 'vite';
import { waitForPort } from '../../src/services/launcher/net';
import { freePort } from './free-port';

/** Throws the build command when `distDir` holds no built app (a bench measures a build, not the sources). */
export function requireBuild(distDir: string): void {
  if (!existsSync(join(distDir, 'index.html'))) throw new Error(`${distDir}/ is missing: run \`npx vite build\` first`);
}

export interface AppPreview {
  /** http://127.0.0.1:<port> */
  appUrl: string;
  close(): Promise<void>;
}

/** `distDir` served by Vite's preview server on a free port of 127.0.0.1 (vite.config.ts's proxies and plugins). */
export async function startAppPreview(distDir: string): Promise<AppPreview> {
  const appPort = await freePort();
  const server = await preview({
    logLevel: 'silent',
    build: { outDir: distDir },
    preview: { port: appPort, strictPort: true, host: '127.0.0.1' },
  });
  return {
    appUrl: `http://127.0.0.1:${appPort}`,
    close: () => new Promise<void>((r) => server.httpServer.close(() => r())),
  };
}

export interface LiveProcessOptions {
  mqttUrl: string;
  areaFile: string;
  /** Its HTTP port (GET /health, the alarms). */
  port: number;
  stateFile: string;
  /** How long it may take to answer on `port` (a big area takes a while to load). */
  readyTimeoutMs: number;
}

export interface LiveProcess {
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  /** SIGTERM, and waits for the exit. */
  stop(): Promise<void>;
}

/** src/services/live/main.ts in a process of its own (stderr shown), resolved once its HTTP port answers. */
export async function startLiveProcess(o: LiveProcessOptions): Promise<LiveProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/services/live/main.ts'], {
    env: {
      ...process.env,
      MQTT_URL: o.mqttUrl,
      AREA_CONFIG: o.areaFile,
      LIVE_PORT: String(o.port),
      LIVE_STATE_FILE: o.stateFile,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForPort('127.0.0.1', o.port, o.readyTimeoutMs, exited);
  return {
    child,
    exited,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
