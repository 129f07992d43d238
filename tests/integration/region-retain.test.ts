/**
 * Less retained traffic at region scale (src/services/deployment.md): with the feeds publishing device telemetry not retained
 * (DEVICE_TELEMETRY_RETAIN=false), a subscriber connecting late gets no retained device reading, but the live service's
 * retained per-substation snapshots — and the dispatcher's store seeded from them has every reporting feeder at once.
 */
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningFeeds } from '../../mock-feeds/feeds/feeds';
import { TelemetryStore } from '../../src/browser/live/telemetry-store';
import { parseSubstationSeed } from '../../src/browser/live/worker-ingest';
import { LIVE_ROOT } from '../../src/core/contract/live-core';
import { ALL_TELEMETRY_FILTER } from '../../src/core/contract/topics';
import { dayStartMs } from '../../src/core/time/shanghai';
import type { RunningBroker } from '../../src/services/broker/broker';
import type { RunningLiveService } from '../../src/services/live/live-service';
import { readAreaConfig } from '../support/area-config';
import { brokerTcpUrl, connectAs, startTestBroker } from '../support/broker-fixture';
import { startTestFeeds } from '../support/feeds-fixture';
import { startTestLiveService } from '../support/live-fixture';
import { waitFor } from '../support/wait-for';

const config = readAreaConfig();
let broker: RunningBroker;
let feeds: RunningFeeds;
let live: RunningLiveService;
let late: MqttClient | undefined;

beforeAll(async () => {
  broker = await startTestBroker();
  live = await startTestLiveService(broker, config);
  feeds = await startTestFeeds(broker, config, { seed: 3, speed: 60, retainTelemetry: false });
}, 30_000);
afterAll(async () => {
  late?.end(true);
  await feeds?.close();
  await live?.close();
  await broker?.close();
});

it('a late subscriber gets no retained device telemetry, but every substation snapshot, and seeds every feeder', async () => {
  // Every feeder has reported at least once and the live service has published it.
  await waitFor(
    () => {
      const subs = live.lastSnapshot()?.substations ?? [];
      return subs.reduce((n, s) => n + s.feeders.filter((f) => f.pKw !== null).length, 0) === config.feeders.length;
    },
    'the live service to see every feeder',
    20_000,
  );
  expect(feeds.stats.published).toBeGreaterThan(config.feeders.length);

  late = await connectAs(brokerTcpUrl(broker), 'dashboard');
  const retainedTelemetry: string[] = [];
  const snapshots = new Map<string, Uint8Array>();
  late.on('message', (topic, payload, packet) => {
    if (topic.startsWith(`${LIVE_ROOT}/substations/`)) {
      if (packet.retain && !snapshots.has(topic)) snapshots.set(topic, new Uint8Array(payload));
    } else if (packet.retain) retainedTelemetry.push(topic);
  });
  await late.subscribeAsync([ALL_TELEMETRY_FILTER, `${LIVE_ROOT}/substations/+`]);
  await waitFor(() => snapshots.size === config.substations.length, 'every substation snapshot, retained', 5_000);
  // Retained messages are delivered right after SUBACK; a while more for any stragglers.
  await new Promise((r) => setTimeout(r, 500));
  expect(retainedTelemetry).toEqual([]);

  const store = new TelemetryStore(config, { dayStartMs });
  let seeded = 0;
  for (const [topic, payload] of snapshots) {
    const s = parseSubstationSeed(topic, payload);
    expect(s, topic).not.toBeNull();
    seeded += store.seedFromSubstation(s!);
  }
  expect(seeded).toBe(config.feeders.length);
  store.commit(Date.now());
  const views = store.getSnapshot().devices;
  for (const f of config.feeders) expect(views.get(f.id)?.seeded?.pKw, f.id).toEqual(expect.any(Number));
}, 40_000);
