/**
 * Pooled device connections and sharded feeds (src/services/deployment.md, src/core/contract/feed-pools.ts): the area's
 * devices published by two feeds shards, 40 devices a connection; one shard's process killed with SIGKILL (no
 * DISCONNECT, no goodbye) — its pools' Wills name their devices, and the live service counts exactly those out of the
 * live figures at once, while the other shard's devices stay live.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningFeeds } from '../../mock-feeds/feeds/feeds';
import type { RunningBroker } from '../../src/services/broker/broker';
import type { RunningLiveService } from '../../src/services/live/live-service';
import { readAreaConfig, withFastClocks } from '../support/area-config';
import { brokerTcpUrl, startTestBroker } from '../support/broker-fixture';
import { startTestFeeds } from '../support/feeds-fixture';
import { freePort } from '../support/free-port';
import { startTestLiveService } from '../support/live-fixture';
import { waitFor } from '../support/wait-for';

const config = withFastClocks(readAreaConfig());
// The order the feeds shard in: the world's device list (substations, feeders, PV, chargers as configured).
const allIds = [...config.substations, ...config.feeders, ...config.pvSites, ...config.chargingStations].map(
  (d) => d.id,
);
let broker: RunningBroker;
let live: RunningLiveService;
let shard1: RunningFeeds;
let shard0: ChildProcess | undefined;
let output = '';
const workDir = mkdtempSync(join(tmpdir(), 'gaozhu-pools-'));

beforeAll(async () => {
  broker = await startTestBroker();
  live = await startTestLiveService(broker, config);
  const configFile = join(workDir, 'area.json');
  writeFileSync(configFile, JSON.stringify(config));
  shard0 = spawn(
    process.execPath,
    ['--import', 'tsx', 'mock-feeds/feeds/main.ts', '--config', configFile, '--shard', '0/2', '--no-random-outages'],
    {
      env: {
        ...process.env,
        MQTT_URL: brokerTcpUrl(broker),
        FEEDS_DEVICES_PER_CONNECTION: '40',
        FEEDS_CONTROL_PORT: String(await freePort()),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  shard0.stdout?.on('data', (d) => (output += d));
  shard0.stderr?.on('data', (d) => (output += d));
  shard1 = await startTestFeeds(broker, config, { seed: 1, devicesPerConnection: 40, shard: { index: 1, count: 2 } });
}, 60_000);
afterAll(async () => {
  shard0?.kill('SIGKILL');
  await shard1?.close();
  await live?.close();
  await broker?.close();
  rmSync(workDir, { recursive: true, force: true });
});

it('two shards cover every device once; SIGKILL of one shard takes exactly its devices offline at once', async () => {
  const liveIds = () =>
    new Set(
      live.area
        .alarmDevices(Date.now())
        .filter((d) => d.freshness === 'live')
        .map((d) => d.id),
    );
  await waitFor(() => liveIds().size === allIds.length, `every device live from two shards\n${output}`, 40_000);
  const shard0Ids = allIds.filter((_, i) => i % 2 === 0);
  const shard1Ids = allIds.filter((_, i) => i % 2 === 1);
  expect(shard1.stats.connects).toBe(Math.ceil(shard1Ids.length / 40));

  shard0?.kill('SIGKILL');
  const killedAt = Date.now();
  const offline = () =>
    live.area
      .alarmDevices(Date.now())
      .filter((d) => d.freshness === 'offline')
      .map((d) => d.id);
  // The socket closes with the process: the broker publishes the pools' Wills without waiting for a keepalive.
  await waitFor(() => offline().length === shard0Ids.length, 'the killed shard’s devices offline', 10_000);
  const tookMs = Date.now() - killedAt;
  expect(new Set(offline())).toEqual(new Set(shard0Ids));
  expect(tookMs).toBeLessThan(5_000);
  // Counted out of the figures: held at their last value for the hold time (3.5 s here), then missing; the other
  // shard's feeders stay live (waited for: on a loaded machine a 1 s reading may arrive late).
  const feeders0 = config.feeders.filter((f) => shard0Ids.includes(f.id)).length;
  const feeders1 = config.feeders.length - feeders0;
  await waitFor(
    async () => {
      await live.publishNow();
      const cov = live.lastSnapshot()!.figures.area.coverage.feeder;
      return cov.live === feeders1 && cov.missing === feeders0;
    },
    'the killed shard’s feeders missing after the hold time, the others live',
    15_000,
  );
}, 90_000);
