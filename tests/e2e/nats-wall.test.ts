/**
 * The public wall in real Chromium on a 3-node nats-server cluster: the feeds publish on node 1, the live service
 * reads and publishes on node 2, and the production web server hands the page node 3's MQTT-over-WebSocket URL
 * (MQTT_PUBLIC_WS_URL, as a region's deployment sets it). The wall's figures appear, and node 3 is where the page is
 * connected, as the wall's user.
 */
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFeeds, startFeeds } from '../../mock-feeds/feeds/feeds';
import { type RunningLiveService, startLiveService } from '../../src/services/live/live-service';
import { ensureInitialUsers, Identity } from '../../src/services/web/identity/identity';
import { buildWebServer } from '../../src/services/web/server';
import { openIdentitySqlite } from '../../src/services/web/storage/sqlite/identity-sqlite';
import { readAreaConfig } from '../support/area-config';
import { testUsers } from '../support/broker-fixture';
import { setUpChromium } from '../support/e2e-stack';
import { freePort } from '../support/free-port';
import { type RunningNatsCluster, startNatsCluster } from '../support/nats-cluster-fixture';

const config = readAreaConfig();
const browser = setUpChromium();
let cluster: RunningNatsCluster;
let feeds: RunningFeeds;
let live: RunningLiveService;
let server: FastifyInstance;
let appUrl: string;
const identity = openIdentitySqlite(':memory:');

beforeAll(async () => {
  // Each step's time in the output: a set-up that outlasts its hook on a loaded machine then says where it waited.
  const t0 = Date.now();
  const step = (what: string) => console.log(`[nats-wall] ${what} after ${Date.now() - t0} ms`);
  cluster = await startNatsCluster(3);
  step('cluster ready');
  const [n1, n2, n3] = cluster.nodes as [
    (typeof cluster.nodes)[0],
    (typeof cluster.nodes)[0],
    (typeof cluster.nodes)[0],
  ];
  feeds = await startFeeds({
    mqttUrl: n1.mqttUrl,
    username: testUsers.feeds.username,
    password: testUsers.feeds.password,
    config,
    seed: 3,
    speed: 1,
    controlPort: null,
    // Pooled, as a region's feeds run on a cluster (src/services/deployment.md): 4 MQTT sessions, not 170, each of
    // which nats-server keeps in JetStream — the wall's figures are the same either way.
    devicesPerConnection: 50,
    log: () => {},
  });
  step('feeds connected');
  live = await startLiveService({
    mqttUrl: n2.mqttUrl,
    username: testUsers.live.username,
    password: testUsers.live.password,
    config,
  });
  step('live service connected');
  // The browser's broker: read by /config/runtime.json and the CSP per request.
  process.env.MQTT_PUBLIC_WS_URL = n3.wsUrl;
  await ensureInitialUsers(identity, {});
  server = await buildWebServer({
    distDir: resolve('dist'),
    historyUrl: `http://127.0.0.1:${await freePort()}`,
    liveUrl: `http://127.0.0.1:${await freePort()}`,
    identity: new Identity(identity),
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
  appUrl = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await identity.close();
  await live?.close();
  await feeds?.close();
  await cluster?.close();
});

/** MQTT clients node 3 holds for `user`, from its monitoring endpoint. */
async function connectionsOn(nodeIndex: number, user: string): Promise<number> {
  const node = cluster.nodes[nodeIndex]!;
  const res = await fetch(`http://127.0.0.1:${node.ports.monitor}/connz?auth=true`);
  const body = (await res.json()) as { connections?: { authorized_user?: string }[] };
  return (body.connections ?? []).filter((c) => c.authorized_user === user).length;
}

describe('the wall on a NATS cluster', () => {
  it('shows the live figures, from node 3 over MQTT over WebSocket', async () => {
    const runtime = (await (await fetch(`${appUrl}/config/runtime.json`)).json()) as { mqttUrl: string };
    expect(runtime.mqttUrl).toBe(cluster.nodes[2]!.wsUrl);
    expect(await connectionsOn(2, testUsers.wall.username)).toBe(0);

    const page = await browser.newPage();
    page.on('pageerror', (e) => console.log(`[wall] pageerror: ${e.message}`));
    await page.goto(`${appUrl}/wall?rotate=off`);
    await expect.poll(() => page.getByTestId('wall-kpi-load-value').innerText(), { timeout: 45_000 }).toMatch(/^\d/);
    await expect.poll(() => page.getByTestId('wall-kpi-pv-value').innerText(), { timeout: 15_000 }).toMatch(/^\d/);
    // The page's one broker connection is on node 3, as the wall's user; nodes 1 and 2 hold none of the wall's.
    expect(await connectionsOn(2, testUsers.wall.username)).toBe(1);
    expect(await connectionsOn(0, testUsers.wall.username)).toBe(0);
    expect(await connectionsOn(1, testUsers.wall.username)).toBe(0);
    expect(await page.locator('body').innerText()).not.toMatch(/NaN|undefined|Infinity/);
    await page.close();
  });
});
