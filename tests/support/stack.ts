/**
 * The whole product on free ports for end-to-end tests: embedded broker, mock feeds (with scenario control), the live
 * service (the public screens' figures), optionally the history service, and the built app served by the production
 * web server (buildWebServer: its CSP, sessions with the development users, proxies; run `npx vite build` first; npm
 * test does). Everything runs in the test process so a test can also reach into the broker and the world.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AreaConfig } from '../../src/core/config/area-schema';
import type { RunningBroker } from '../../src/services/broker/broker';
import { createLiveHttpHandler } from '../../src/services/live/live-http';
import { type RunningLiveService, startLiveService } from '../../src/services/live/live-service';
import { ensureInitialUsers, Identity } from '../../src/services/web/identity/identity';
import { buildWebServer } from '../../src/services/web/server';
import type { IdentityStorage } from '../../src/services/web/storage/identity-storage';
import { openIdentitySqlite } from '../../src/services/web/storage/sqlite/identity-sqlite';
import { readAreaConfig } from './area-config';
import { serviceLogin, startTestBroker } from './broker-fixture';
import { freePort } from './free-port';
import { startTestHistoryService } from './history-fixture';
import { tempHistoryDbPath } from './temp-db';

export interface StackOptions {
  speed?: number;
  seed?: number;
  history?: boolean;
  /** History backfill before the test starts (default 2 days, awaited: 13 months would cost every test a minute). */
  historyBackfill?: false | { days?: number; months?: number };
  /** Extra options passed to startFeeds. */
  feeds?: Record<string, unknown>;
  /** The live service (default on): the wall and the overview draw only what it publishes. */
  live?: boolean;
  /**
   * The build the web server serves (default: GAOZHU_E2E_DIST, else dist/). A benchmark serves its own, so a rebuild of dist/ by a test run
   * meanwhile does not pull files from under it.
   */
  distDir?: string;
}

export interface Stack {
  appUrl: string;
  broker: RunningBroker;
  config: AreaConfig;
  feedsControlUrl: string;
  historyUrl: string | null;
  live: RunningLiveService | null;
  /** The web server's users (the development ones; a test may add its own). */
  users: IdentityStorage;
  // biome-ignore lint/suspicious/noExplicitAny: the feeds handle's type lives in mock-feeds/feeds
  feeds: any;
  /** POST a scenario to the feeds' control endpoint; returns its id. */
  scenario(body: Record<string, unknown>): Promise<string>;
  clearScenarios(): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const distDir = resolve(opts.distDir ?? process.env.GAOZHU_E2E_DIST ?? 'dist');
  if (!existsSync(join(distDir, 'index.html')))
    throw new Error(`${distDir} is missing: run \`npx vite build\` (npm test builds it)`);
  const config = readAreaConfig();
  const broker = await startTestBroker();
  const { startFeeds } = await import('../../mock-feeds/feeds/feeds');
  const feeds = await startFeeds({
    ...serviceLogin(broker, 'feeds'),
    config,
    seed: opts.seed ?? 1,
    speed: opts.speed ?? 1,
    controlPort: 0,
    log: () => {},
    // Faults only on a test's demand (the scenario control): a random trip would add alarms a test does not expect.
    randomOutages: false,
    ...opts.feeds,
  });

  let history: { port: number; backfillDone: Promise<void>; close(): Promise<void> } | null = null;
  if (opts.history) {
    const { createWorldSeeder } = await import('../../mock-feeds/backfill/world-backfill');
    const backfill = opts.historyBackfill ?? { days: 2 };
    history = await startTestHistoryService(broker, config, {
      dbPath: tempHistoryDbPath('gaozhu-e2e-'),
      seeder: backfill ? createWorldSeeder({ seed: opts.seed ?? 1, ...backfill }) : undefined,
      log: () => {},
    });
    await history.backfillDone;
  }

  const live =
    opts.live === false
      ? null
      : await startLiveService({
          ...serviceLogin(broker, 'live'),
          config,
          // A live service started mid-day counts today from midnight by seeding from the history.
          historyUrl: history ? `http://127.0.0.1:${history.port}` : undefined,
        });

  // The live service's HTTP side (acknowledgements, the active list), as its main.ts serves it.
  let liveHttp: Server | null = null;
  if (live) {
    const handler = createLiveHttpHandler(live);
    liveHttp = createServer((req, res) => void handler(req, res));
    const livePort = await freePort();
    await new Promise<void>((resolve) => liveHttp?.listen(livePort, '127.0.0.1', resolve));
    process.env.LIVE_PORT = String(livePort);
  }

  // The production web server (its CSP, sessions and proxies), as npm start runs it; runtime.json and the CSP read
  // the broker's WebSocket port per request.
  process.env.MQTT_WS_PORT = String(broker.wsPort);
  process.env.HISTORY_PORT = String(history?.port ?? (await freePort()));
  // The development users (dispatcher/dispatcher-dev, manager/manager-dev, admin/admin-dev), in memory.
  const users = openIdentitySqlite(':memory:');
  await ensureInitialUsers(users, {});
  const server: FastifyInstance = await buildWebServer({
    distDir,
    historyUrl: `http://127.0.0.1:${process.env.HISTORY_PORT}`,
    liveUrl: `http://127.0.0.1:${process.env.LIVE_PORT ?? (await freePort())}`,
    identity: new Identity(users),
    // Tests load many pages from one address in a minute; the limits themselves are tested in integration.
    rateLimits: { windowMs: 60_000, readMax: 100_000, writeMax: 10_000 },
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const appPort = (server.server.address() as { port: number }).port;

  const feedsControlUrl = `http://127.0.0.1:${feeds.controlPort}`;
  return {
    appUrl: `http://127.0.0.1:${appPort}`,
    broker,
    config,
    feeds,
    feedsControlUrl,
    historyUrl: history ? `http://127.0.0.1:${history.port}` : null,
    live,
    users,
    async scenario(body) {
      const res = await fetch(`${feedsControlUrl}/scenarios`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`scenario ${JSON.stringify(body)}: HTTP ${res.status} ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    },
    async clearScenarios() {
      await fetch(`${feedsControlUrl}/scenarios`, { method: 'DELETE' });
    },
    async close() {
      await server.close();
      await users.close();
      await history?.close();
      if (liveHttp) await new Promise<void>((r) => liveHttp?.close(() => r()));
      await live?.close();
      await feeds.close();
      await broker.close();
    },
  };
}
