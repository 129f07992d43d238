/**
 * The ingest worker: the MQTT client, the packet parsing, JSON decoding and edge validation run here, off the main
 * thread, so a flood of messages costs the page one postMessage per batch instead of one task per message. The
 * worker posts judged messages in batches (WORKER_BATCH_MS) and connection-state changes; the main thread applies
 * them to the store (src/browser/live/worker-ingest.ts).
 */
/// <reference lib="webworker" />

import { z } from 'zod';
import { DataClock } from '../../core/contract/data-clock';
import { DeviceRegistry } from '../../core/contract/device-registry';
import { type Judged, judgeMessage } from '../../core/contract/edge-judge';
import { ALL_STATUS_FILTER, ALL_TELEMETRY_FILTER, SIM_CLOCK_TOPIC } from '../../core/contract/topics';
import {
  DISPATCH_LIVE_TOPICS,
  type FromWorker,
  SUBSTATION_SEED_FILTER,
  type ToWorker,
  WORKER_BATCH_MS,
} from './ingest-protocol';
import { createMqttConnection, type MqttConnection } from './mqtt-connection';

// The CSP allows no eval: zod's JIT probe (new Function) would only raise a violation report.
z.config({ jitless: true });

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: FromWorker) => scope.postMessage(m);

let connection: MqttConnection | null = null;
let pending: Judged[] = [];
let received = 0;
let suspect = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
const clock = new DataClock();

function flush() {
  timer = null;
  if (pending.length === 0) return;
  post({ type: 'batch', judged: pending, received, suspect });
  pending = [];
  received = 0;
  suspect = 0;
}

scope.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  if (msg.type === 'stop') {
    connection?.close();
    connection = null;
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
  });
  connection.onState((state) => post({ type: 'connection', state }));
  post({ type: 'connection', state: connection.getState() });
  const onMessage = (topic: string, payload: Uint8Array) => {
    received++;
    const judged = judgeMessage(topic, payload, Date.now(), clock, devices);
    if (judged.type === 'telemetry' && judged.suspect) suspect++;
    pending.push(judged);
    if (!timer) timer = setTimeout(flush, WORKER_BATCH_MS);
  };
  connection.subscribe(SIM_CLOCK_TOPIC, onMessage);
  connection.subscribe(ALL_TELEMETRY_FILTER, onMessage);
  connection.subscribe(ALL_STATUS_FILTER, onMessage);
  // The server's alarms and status: about one message a second each, posted at once (their stores validate them).
  for (const topic of DISPATCH_LIVE_TOPICS)
    connection.subscribe(topic, (t, payload) => post({ type: 'live', topic: t, payload }));
  // Seeds once per substation: its first snapshot with a feeder value (a bare JSON probe; the store validates it).
  // Later snapshots are dropped here, so a 10,000-feeder area does not cost the page a parse of every feeder a second.
  const seededTopics = new Set<string>();
  connection.subscribe(SUBSTATION_SEED_FILTER, (t, payload) => {
    if (seededTopics.has(t) || !hasFeederValue(payload)) return;
    seededTopics.add(t);
    post({ type: 'seed', topic: t, payload });
  });
};

const decoder = new TextDecoder();
/** True when the snapshot names at least one feeder with a P (not every feeder missing, as before any reading). */
function hasFeederValue(payload: Uint8Array): boolean {
  return /"pKw":-?\d/.test(decoder.decode(payload));
}
