/**
 * After a broker restart the clients are back within about 2 s of the broker answering again: the embedded broker is
 * stopped for longer than the old back-off's first steps (so a 1 s → 30 s doubling would still be waiting), started
 * again on the same ports, and the browser's connection module (over WebSocket, as a page uses it) and the history
 * service's recorder (the services' Node client, over TCP) are polled until connected, within a bounded wait.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMqttConnection, type MqttConnection } from '../../src/browser/live/mqtt-connection';
import { RECONNECT_BACKOFF } from '../../src/core/contract/reconnect-backoff';
import { type RunningBroker, startBroker } from '../../src/services/broker/broker';
import type { RunningHistoryService } from '../../src/services/history/service';
import { readAreaConfig } from '../support/area-config';
import { brokerWsUrl, testUsers } from '../support/broker-fixture';
import { freePort } from '../support/free-port';
import { startTestHistoryService } from '../support/history-fixture';

const config = readAreaConfig();
/** Long enough for several failed attempts: the old back-off would then wait 8 s or more for its next one. */
const OUTAGE_MS = 7_000;
/** The bound: the back-off's cap plus a connect and a poll, with room for a loaded CI machine. */
const BOUND_MS = 5_000;

let tcpPort: number;
let wsPort: number;
let broker: RunningBroker | null = null;
let page: MqttConnection;
let history: RunningHistoryService;

const start = async () => {
  broker = await startBroker({ tcpPort, wsPort, users: testUsers });
};
const recorderState = async () =>
  (
    (await (await fetch(`http://127.0.0.1:${history.port}/api/health`)).json()) as {
      recorder: { state: string };
    }
  ).recorder.state;

/** Polls until `connected()`; resolves with the ms it took, or null after BOUND_MS. */
async function msUntil(connected: () => Promise<boolean> | boolean): Promise<number | null> {
  const t0 = Date.now();
  while (Date.now() - t0 <= BOUND_MS) {
    if (await connected()) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 25));
  }
  return null;
}

beforeAll(async () => {
  tcpPort = await freePort();
  wsPort = await freePort();
  await start();
  page = createMqttConnection({
    url: brokerWsUrl({ wsPort }),
    username: testUsers.wall.username,
    password: testUsers.wall.password,
    timerVariant: 'native',
  });
  history = await startTestHistoryService({ tcpPort }, config, {
    dbPath: ':memory:',
  });
  expect(await msUntil(() => page.getState().phase === 'connected')).not.toBeNull();
  expect(await msUntil(async () => (await recorderState()) === 'connected')).not.toBeNull();
});

afterAll(async () => {
  page?.close();
  await history?.close();
  await broker?.close();
});

describe('reconnect after a broker restart', () => {
  it(`the page and the history recorder are connected again within ${BOUND_MS / 1000} s of the broker's return`, async () => {
    await broker!.close();
    broker = null;
    expect(await msUntil(() => page.getState().phase !== 'connected')).not.toBeNull();
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    expect(page.getState().phase).not.toBe('connected');
    expect(page.getState().attempts).toBeGreaterThanOrEqual(3);

    await start();
    const [pageMs, recorderMs] = await Promise.all([
      msUntil(() => page.getState().phase === 'connected'),
      msUntil(async () => (await recorderState()) === 'connected'),
    ]);
    console.log(
      `reconnect after the broker's restart: page ${pageMs} ms, history recorder ${recorderMs} ms ` +
        `(back-off cap ${RECONNECT_BACKOFF.capMs} ms, outage ${OUTAGE_MS} ms)`,
    );
    expect(pageMs, 'page reconnected within the bound').not.toBeNull();
    expect(recorderMs, 'history recorder reconnected within the bound').not.toBeNull();
  }, 30_000);
});
