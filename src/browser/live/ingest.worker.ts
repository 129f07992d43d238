/**
 * The ingest worker: the MQTT client, the packet parsing, JSON decoding and edge validation run here, off the main
 * thread, so a flood of messages costs the page one postMessage per batch instead of one task per message. The
 * worker posts judged messages in batches (WORKER_BATCH_MS), coalesced per device (ingest-batch.ts), and
 * connection-state changes; the main thread applies them to the store (src/browser/live/worker-ingest.ts).
 */
/// <reference lib="webworker" />

import './zod-jitless';
import { DataClock } from '../../core/contract/data-clock';
import { DeviceRegistry } from '../../core/contract/device-registry';
import { type Judged, judgeMessage } from '../../core/contract/edge-judge';
import type { DispatchScope } from '../../core/contract/substation-devices';
import { dayStartMs } from '../../core/time/shanghai';
import { IngestBatcher } from './ingest-batch';
import type { FromWorker, ToWorker } from './ingest-protocol';
import { WORKER_BATCH_MS } from './ingest-protocol';
import { judgeLiveMessage } from './live-documents';
import { createMqttConnection, type MqttConnection } from './mqtt-connection';
import {
  type PlannedSubscription,
  planChange,
  type SelectSubstations,
  type SubscriptionRoute,
  subscriptionPlan,
} from './subscription-scope';
import { SubstationDevicesReader } from './substation-devices-reader';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: FromWorker) => scope.postMessage(m);

let connection: MqttConnection | null = null;
const batcher = new IngestBatcher(dayStartMs);
let timer: ReturnType<typeof setTimeout> | null = null;
const clock = new DataClock();

function flush() {
  timer = null;
  const batch = batcher.take();
  if (batch) post(batch);
}

/** What the connection is subscribed to now (subscription-scope.ts), and how to unsubscribe each. */
let plan: PlannedSubscription[] = [];
const unsubscribes = new Map<string, () => void>();
let dispatchScope: DispatchScope = 'area';
let documents: SubstationDevicesReader | null = null;

function applyPlan(
  next: PlannedSubscription[],
  handlers: Record<SubscriptionRoute, (t: string, p: Uint8Array) => void>,
) {
  if (!connection) return;
  const change = planChange(plan, next);
  for (const filter of change.unsubscribe) {
    unsubscribes.get(filter)?.();
    unsubscribes.delete(filter);
  }
  for (const p of change.subscribe) unsubscribes.set(p.filter, connection.subscribe(p.filter, handlers[p.route]));
  plan = next;
}

/** The handler of each route, once the connection is up. */
let routes: Record<SubscriptionRoute, (t: string, p: Uint8Array) => void> | null = null;

/** The selection (subscription-scope.ts) to start with or to move to. */
let substationIds: readonly string[] = [];

scope.onmessage = (ev: MessageEvent<ToWorker | SelectSubstations>) => {
  const msg = ev.data;
  if (msg.type === 'stop') {
    connection?.close();
    connection = null;
    return;
  }
  if (msg.type === 'select') {
    dispatchScope = msg.dispatchScope;
    substationIds = msg.substationIds;
    // The page's store keeps what it held of the previous selection (telemetry-store.ts rescope): nothing to replay.
    if (routes) applyPlan(subscriptionPlan(dispatchScope, substationIds), routes);
    return;
  }
  if (connection) return; // one connection per worker, whatever StrictMode does
  const devices = new DeviceRegistry(msg.config);
  connection = createMqttConnection({
    url: msg.url,
    username: msg.username,
    password: msg.password,
    // Dedicated workers are not subject to background-tab timer throttling, so plain timers keep the keepalive.
    timerVariant: 'native',
    coalesceFrames: true,
  });
  connection.onState((state) => post({ type: 'connection', state }));
  post({ type: 'connection', state: connection.getState() });
  const judged = (j: Judged) => {
    batcher.add(j, Date.now());
    if (!timer) timer = setTimeout(flush, WORKER_BATCH_MS);
  };
  documents = new SubstationDevicesReader(clock, devices);
  // Seeds once per substation: its first snapshot with a feeder value (a bare JSON probe; the store validates it).
  // Later snapshots are dropped here, so a 10,000-feeder area does not cost the page a parse of every feeder a second.
  const seededTopics = new Set<string>();
  routes = {
    judge: (topic, payload) => judged(judgeMessage(topic, payload, Date.now(), clock, devices)),
    // The server's alarms, status and figures: about one message a second each, posted at once (their stores validate them).
    live: (topic, payload) => post({ type: 'live', topic, judged: judgeLiveMessage(topic, payload) }),
    seed: (topic, payload) => {
      if (seededTopics.has(topic) || !hasFeederValue(payload)) return;
      seededTopics.add(topic);
      post({ type: 'seed', topic, payload });
    },
    devices: (topic, payload) => {
      for (const j of documents?.read(topic, payload, Date.now()) ?? []) judged(j);
    },
  };
  applyPlan(subscriptionPlan(dispatchScope, substationIds), routes);
};

const decoder = new TextDecoder();
/** True when the snapshot names at least one feeder with a P (not every feeder missing, as before any reading). */
function hasFeederValue(payload: Uint8Array): boolean {
  return /"pKw":-?\d/.test(decoder.decode(payload));
}
