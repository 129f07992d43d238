/**
 * The wall's honesty under the feeds' scenario control and a broker failure:
 * - a silent PV site greys exactly the tiles whose figure counts PV (load = grid import + PV, today's consumption, PV,
 *   clean share, CO₂ avoided), each saying "数据延迟" with the time of its last good value; the chargers tile stays
 *   live; all recover when the site talks again;
 * - the broker killed (SIGKILL of a broker process) shows one banner with the time of the last good data, and a broker
 *   restarted on the same ports clears it by itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import type { Page } from 'playwright-core';
import { type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningLiveService, startLiveService } from '../../src/services/live/live-service';
import { readAreaConfig } from '../support/area-config';
import { serviceLogin } from '../support/broker-fixture';
import { setUpChromium, setUpStack } from '../support/e2e-stack';
import { freePort } from '../support/free-port';

const SHOTS = 'test-results/screenshots';
const TILES = ['load', 'consumption', 'pv', 'clean', 'co2', 'chargers'] as const;

const chromium = setUpChromium([SHOTS]);

const tileStates = (page: Page) =>
  Promise.all(
    TILES.map(async (id) => [id, await page.getByTestId(`wall-kpi-${id}`).getAttribute('data-state')] as const),
  );

describe('a silent PV site', () => {
  const services = setUpStack({ speed: 10 });

  it('greys exactly the PV tiles, with the time of the last good value, and they recover', async () => {
    const page = await chromium.newPage();
    await page.goto(`${services.stack.appUrl}/wall?rotate=off&scene=transition`);
    const allLive = async () => (await tileStates(page)).every(([, s]) => s === 'live');
    await expect.poll(allLive, { timeout: 30_000 }).toBe(true);

    const pv = services.stack.config.pvSites[1]!;
    await services.stack.scenario({ type: 'silent', deviceId: pv.id, durationS: 3600 });
    const expected = [
      ['load', 'delayed'],
      ['consumption', 'delayed'],
      ['pv', 'delayed'],
      ['clean', 'delayed'],
      ['co2', 'delayed'],
      ['chargers', 'live'],
    ];
    await expect.poll(() => tileStates(page), { timeout: 30_000 }).toEqual(expected);
    // Still true a few seconds later (no flapping), and the note names the cause and the time.
    await page.waitForTimeout(3_000);
    expect(await tileStates(page)).toEqual(expected);
    const note = await page.getByTestId('wall-kpi-pv-delayed').innerText();
    expect(note).toMatch(/数据延迟 · 光伏 1\/100 · 截至 \d\d:\d\d:\d\d/);
    // Its value is still a number (the other 99 sites), never a dash or NaN.
    expect(await page.getByTestId('wall-kpi-pv-value').innerText()).toMatch(/^\d/);
    expect(await page.getByTestId('wall-panel-pvCurve').getAttribute('data-state')).toBe('delayed');
    expect(await page.getByTestId('wall-panel-carbon').getAttribute('data-state')).toBe('delayed');
    await page.screenshot({ path: `${SHOTS}/wall-silent-pv.png` });

    await services.stack.clearScenarios();
    await expect.poll(allLive, { timeout: 30_000 }).toBe(true);
    await page.close();
  });
});

/** Resolves once something listens on the port. */
async function waitForPort(port: number, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on ${port}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The embedded broker as its own process, so the test can kill it hard (every socket drops at once). */
function spawnBroker(tcpPort: number, wsPort: number, httpPort: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/services/broker/main.ts'], {
    // Its health port too: the default (8790) is `npm start`'s, and a broker that cannot bind it exits.
    env: {
      ...process.env,
      MQTT_PORT: String(tcpPort),
      MQTT_WS_PORT: String(wsPort),
      BROKER_HTTP_PORT: String(httpPort),
    },
    stdio: 'ignore',
  });
}

describe('the broker killed and restarted', () => {
  let broker: ChildProcess | null = null;
  let server: PreviewServer | null = null;
  // biome-ignore lint/suspicious/noExplicitAny: the feeds handle's type lives in mock-feeds/feeds
  let feeds: any = null;
  let live: RunningLiveService | null = null;
  let tcpPort = 0;
  let wsPort = 0;
  let httpPort = 0;

  beforeAll(async () => {
    tcpPort = await freePort();
    wsPort = await freePort();
    httpPort = await freePort();
    broker = spawnBroker(tcpPort, wsPort, httpPort);
    await waitForPort(wsPort);
    const config = readAreaConfig();
    const { startFeeds } = await import('../../mock-feeds/feeds/feeds');
    feeds = await startFeeds({
      ...serviceLogin({ tcpPort }, 'feeds'),
      config,
      seed: 1,
      speed: 10,
      controlPort: 0,
      log: () => {},
      randomOutages: false,
    });
    // The wall draws the live service's figures: it runs beside the feeds and reconnects with them.
    live = await startLiveService({
      ...serviceLogin({ tcpPort }, 'live'),
      config,
    });
    process.env.MQTT_WS_PORT = String(wsPort);
    process.env.HISTORY_PORT = String(await freePort());
    const appPort = await freePort();
    server = await preview({
      logLevel: 'silent',
      // The build the other e2e stacks serve (tests/support/stack.ts): GAOZHU_E2E_DIST, else dist/.
      build: { outDir: process.env.GAOZHU_E2E_DIST ?? 'dist' },
      preview: { port: appPort, strictPort: true, host: '127.0.0.1' },
    });
  });

  afterAll(async () => {
    if (server) await new Promise<void>((r) => server?.httpServer.close(() => r()));
    await live?.close();
    await feeds?.close();
    broker?.kill('SIGKILL');
  });

  it('shows one banner with the time of the last good data, and clears it on recovery', async () => {
    const address = server?.httpServer.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const page = await chromium.newPage();
    await page.goto(`http://127.0.0.1:${port}/wall?rotate=off`);
    await expect
      .poll(() => page.getByTestId('wall-connection').getAttribute('data-phase'), { timeout: 30_000 })
      .toBe('connected');
    await expect.poll(() => page.getByTestId('wall-kpi-load-value').innerText(), { timeout: 30_000 }).toMatch(/^\d/);
    expect(await page.getByTestId('wall-banner').count()).toBe(0);

    broker?.kill('SIGKILL');
    await expect.poll(() => page.getByTestId('wall-banner').count(), { timeout: 20_000 }).toBe(1);
    const banner = await page.getByTestId('wall-banner').innerText();
    expect(banner).toMatch(/实时数据连接中断 · 最后数据 \d\d:\d\d:\d\d · 正在自动重连/);
    // Over the scene tabs' row: never over the title, the clock or a figure.
    const covered = await page.evaluate(() => {
      const b = document.querySelector('[data-testid="wall-banner"]')?.getBoundingClientRect();
      if (!b) return ['no banner'];
      const others = document.querySelectorAll(
        '[data-testid="wall-canvas"] h1, [data-testid="wall-clock"], [data-testid="wall-kpis"] > section',
      );
      return [...others]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top;
        })
        .map((el) => el.getAttribute('data-testid') ?? el.tagName);
    });
    expect(covered, 'what the banner covers').toEqual([]);
    // One banner, not one per tile: tiles grey out with the short word only.
    await expect
      .poll(() => page.getByTestId('wall-kpi-load').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('delayed');
    expect(await page.getByTestId('wall-kpi-load-delayed').innerText()).toBe('◔ 数据延迟');
    // The header's device count was the last figures' coverage: it says when, not "all live".
    const freshness = page.getByTestId('wall-freshness');
    expect(await freshness.getAttribute('data-service-down')).toBe('true');
    expect(await freshness.innerText()).toMatch(/^◌ 实时数据中断 · 设备状态截至 \d\d:\d\d:\d\d$/);
    await page.screenshot({ path: `${SHOTS}/wall-broker-lost.png` });

    broker = spawnBroker(tcpPort, wsPort, httpPort);
    await waitForPort(wsPort);
    await expect.poll(() => page.getByTestId('wall-banner').count(), { timeout: 60_000 }).toBe(0);
    await expect
      .poll(() => page.getByTestId('wall-kpi-load').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('live');
    expect(await freshness.getAttribute('data-service-down')).toBe('false');
    await page.close();
  });
});
