/**
 * The MQTT relay worker: the public screens' (wall, overview) broker connection, off the main thread, so the page's
 * own bundle carries neither mqtt.js nor zod. It subscribes to what the page asks for, judges each message of the live
 * service here (live-documents.ts: bounded, JSON, the contract's schema for its topic) and posts the judgement with the
 * filter it matched; the page side (worker-connection.ts) calls that filter's handlers with it.
 */
/// <reference lib="webworker" />

import './zod-jitless';
import { judgeLiveMessage } from './live-documents';
import { createMqttConnection, type MqttConnection } from './mqtt-connection';
import type { FromRelay, ToRelay } from './mqtt-relay-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: FromRelay) => scope.postMessage(m);

let connection: MqttConnection | null = null;
const unsubscribes = new Map<string, () => void>();

scope.onmessage = (ev: MessageEvent<ToRelay>) => {
  const msg = ev.data;
  if (msg.type === 'connect') {
    if (connection) return; // one connection per worker
    connection = createMqttConnection({
      url: msg.url,
      username: msg.username,
      password: msg.password,
      clientIdPrefix: msg.clientIdPrefix,
      // Dedicated workers are not subject to background-tab timer throttling, so plain timers keep the keepalive.
      timerVariant: 'native',
    });
    connection.onState((state) => post({ type: 'connection', state }));
    post({ type: 'connection', state: connection.getState() });
    return;
  }
  if (!connection) return;
  if (msg.type === 'subscribe') {
    const { filter } = msg;
    if (unsubscribes.has(filter)) return;
    unsubscribes.set(
      filter,
      connection.subscribe(filter, (topic, payload) =>
        post({ type: 'message', filter, topic, judged: judgeLiveMessage(topic, payload) }),
      ),
    );
  } else if (msg.type === 'unsubscribe') {
    unsubscribes.get(msg.filter)?.();
    unsubscribes.delete(msg.filter);
  } else {
    connection.close();
    connection = null;
    unsubscribes.clear();
  }
};
