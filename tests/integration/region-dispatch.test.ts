/**
 * A region's dispatcher subscribes to what it shows (src/services/deployment.md, DISPATCH_SCOPE=substation): on a big area
 * (the big-area generator's 2,000 feeders on 40-odd substations), against a real broker with the region's ACL and the
 * live service publishing the substations' device documents, a dispatcher's connection that subscribes by the page's
 * own plan (browser/live/subscription-scope.ts) receives the selected substation's document and the live core, and
 * nothing of any other substation or of the raw stream; the counts it shows match the area's configuration and the live
 * service; a new selection moves the subscription; and the broker refuses the raw stream to that user.
 */
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bigArea } from '../../mock-feeds/area/big-area';
import type { RunningFeeds } from '../../mock-feeds/feeds/feeds';
import { planChange, scopedArea, subscriptionPlan } from '../../src/browser/live/subscription-scope';
import { SubstationDevicesReader } from '../../src/browser/live/substation-devices-reader';
import { TelemetryStore } from '../../src/browser/live/telemetry-store';
import type { AreaConfig } from '../../src/core/config/area-schema';
import { DataClock } from '../../src/core/contract/data-clock';
import { DeviceRegistry } from '../../src/core/contract/device-registry';
import { LIVE_ROOT, liveTopics } from '../../src/core/contract/live-core';
import { substationDevicesTopic, substationMembers } from '../../src/core/contract/substation-devices';
import { topicMatches } from '../../src/core/contract/topic-match';
import { ALL_TELEMETRY_FILTER, TOPIC_ROOT } from '../../src/core/contract/topics';
import { dayStartMs } from '../../src/core/time/shanghai';
import { type RunningBroker, startBroker } from '../../src/services/broker/broker';
import type { RunningLiveService } from '../../src/services/live/live-service';
import { readAreaConfig } from '../support/area-config';
import { brokerTcpUrl, clientTracker, connectAs, testUsers } from '../support/broker-fixture';
import { startTestFeeds } from '../support/feeds-fixture';
import { startTestLiveService } from '../support/live-fixture';
import { waitFor } from '../support/wait-for';

const FEEDERS = 2_000;
const generated = bigArea(readAreaConfig(), { feeders: FEEDERS });
// The live core's figures are plausible up to 10 GW (live-core.ts): the load-test feeders' loads scaled as bench:region does.
const loadScale = Math.min(1, 4_000_000 / generated.feeders.reduce((s, f) => s + f.basePeakKw, 0));
const config: AreaConfig = {
  ...generated,
  feeders: generated.feeders.map((f) =>
    f.id.startsWith('load-') ? { ...f, basePeakKw: Math.max(1, Math.round(f.basePeakKw * loadScale)) } : f,
  ),
};
const members = substationMembers(config);
const [subA, subB] = ['load-sub-3', 'load-sub-4'];
const feedersOf = (id: string) => config.feeders.filter((f) => f.substationId === id);

let broker: RunningBroker;
let live: RunningLiveService;
let feeds: RunningFeeds;
const clients = clientTracker();

beforeAll(async () => {
  broker = await startBroker({ tcpPort: 0, wsPort: 0, users: testUsers, dispatchScope: 'substation' });
  live = await startTestLiveService(broker, config, { substationDevices: true, publishIntervalMs: 500 });
  feeds = await startTestFeeds(broker, config, { seed: 5, retainTelemetry: false, devicesPerConnection: 250 });
}, 120_000);
afterAll(async () => {
  clients.endAll();
  await feeds?.close();
  await live?.close();
  await broker?.close();
});

it('receives only the selected substation’s devices, counts that match, and moves with a new selection', async () => {
  expect(feedersOf(subA!).length).toBeGreaterThan(10);
  // Every feeder of both substations reported and the live service holds it.
  await waitFor(
    () => [subA!, subB!].every((s) => feedersOf(s).every((f) => live.area.device(f.id)?.latest)),
    'the live service to hold both substations’ feeders',
    60_000,
  );

  const dispatcher = clients.track(await connectAs(brokerTcpUrl(broker), 'dashboard'));
  // The broker gives a region's dispatcher no raw device stream, nor the whole root.
  for (const filter of [ALL_TELEMETRY_FILTER, `${TOPIC_ROOT}/#`])
    await expect(dispatcher.subscribeAsync(filter), filter).rejects.toThrow();

  const received: string[] = [];
  const docs = new Map<string, Uint8Array>();
  dispatcher.on('message', (topic, payload) => {
    received.push(topic);
    if (topic.startsWith(`${LIVE_ROOT}/devices/`)) docs.set(topic, new Uint8Array(payload));
  });
  const planA = subscriptionPlan('substation', [subA!]);
  const granted = await subscribe(
    dispatcher,
    planA.map((p) => p.filter),
  );
  expect(granted.every((q) => q !== 128)).toBe(true);
  // The retained document at once, then the next ones as the feeders report (every 5 s, published within a tick).
  await waitFor(() => docs.has(substationDevicesTopic(subA!)), 'the retained document of the substation', 5_000);
  await new Promise((r) => setTimeout(r, 6_000));

  // Nothing but the plan's topics: no other substation's document, no raw device topic.
  const outside = received.filter((t) => !planA.some((p) => topicMatches(p.filter, t)));
  expect(outside).toEqual([]);
  expect(
    received.filter((t) => t.startsWith(`${LIVE_ROOT}/devices/`)).every((t) => t === substationDevicesTopic(subA!)),
  ).toBe(true);
  expect(received.some((t) => t === liveTopics.figures('area'))).toBe(true);

  // What the page makes of it: a store of the substation's devices, every one of its feeders with a reading whose P
  // is the live service's for that feeder.
  const store = new TelemetryStore(scopedArea(config, [subA!]), { dayStartMs });
  const reader = new SubstationDevicesReader(new DataClock(), new DeviceRegistry(config));
  const doc = docs.get(substationDevicesTopic(subA!))!;
  const judged = reader.read(substationDevicesTopic(subA!), doc, Date.now());
  expect(judged.filter((j) => j.type === 'rejected')).toEqual([]);
  for (const j of judged) store.applyJudged(j);
  store.commit(Date.now());
  const views = store.getSnapshot().devices;
  const listed = (JSON.parse(new TextDecoder().decode(doc)) as { devices: { id: string }[] }).devices;
  expect(listed.map((d) => d.id)).toEqual(members.get(subA!)!.map((m) => m.id));
  expect(views.size).toBe(members.get(subA!)!.length);
  const withReading = feedersOf(subA!).filter((f) => views.get(f.id)?.latest);
  expect(withReading.length).toBe(feedersOf(subA!).length);
  const liveSub = live.lastSnapshot()!.substations.find((s) => s.substationId === subA)!;
  expect(liveSub.feeders.filter((f) => f.pKw !== null).length).toBe(withReading.length);

  // A new selection: the next substation's document arrives, the first one's stop.
  const change = planChange(planA, subscriptionPlan('substation', [subB!]));
  expect(change.unsubscribe).toEqual([substationDevicesTopic(subA!)]);
  await dispatcher.unsubscribeAsync(change.unsubscribe);
  await subscribe(
    dispatcher,
    change.subscribe.map((p) => p.filter),
  );
  await waitFor(() => docs.has(substationDevicesTopic(subB!)), 'the next substation’s document', 5_000);
  received.length = 0;
  await new Promise((r) => setTimeout(r, 6_000));
  const docTopics = new Set(received.filter((t) => t.startsWith(`${LIVE_ROOT}/devices/`)));
  expect([...docTopics]).toEqual([substationDevicesTopic(subB!)]);
}, 120_000);

async function subscribe(client: MqttClient, filters: string[]): Promise<number[]> {
  const granted = await client.subscribeAsync(filters, { qos: 0 });
  return granted.map((g) => g.qos);
}
