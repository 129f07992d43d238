/**
 * The one module that owns the MQTT client (a Biome rule forbids importing `mqtt` anywhere else). Screens and the
 * ingest subscribe through `subscribe(filter, handler)` and get an unsubscribe function back; subscriptions are
 * reference-counted per filter so one screen leaving never cuts another's data, and React StrictMode's double effects
 * never open a second socket.
 *
 * - Worker timers (`timerVariant: 'auto'` picks them in browsers) keep the keepalive ping going in a background tab.
 * - QoS 0 telemetry is not queued while offline (`queueQoSZero: false`): the offline queue cannot grow.
 * - Reconnect with the system's back-off (core/contract/reconnect-backoff.ts: 0.5 s doubling to 2 s, jittered), also
 *   after a refused login, and the state is observable.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { reconnectDelayMs } from '../../core/contract/reconnect-backoff';
import { topicMatches } from '../../core/contract/topic-match';
import { CoalescingWebSocket } from './coalescing-websocket';
import {
  type ConnectionState,
  connectionStateCell,
  filterSubscriptions,
  type MessageHandler,
} from './connection-state';

export type { ConnectionPhase, ConnectionState, MessageHandler } from './connection-state';

export interface MqttConnectionOptions {
  url: string;
  username: string;
  password: string;
  clientIdPrefix?: string;
  /** 'auto' picks worker timers on a page (they survive background-tab throttling); 'native' inside a worker. */
  timerVariant?: 'auto' | 'native';
  /**
   * Hand mqtt.js the WebSocket frames waiting in the task queue as one chunk (coalescing-websocket.ts): for the
   * ingest worker's flood of small packets, where mqtt.js's cost per chunk was most of its time.
   */
  coalesceFrames?: boolean;
}

/** Topics whose handlers are remembered; beyond this the memo starts again (topics come from the broker). */
const DISPATCH_MEMO_TOPICS = 50_000;

export interface MqttConnection {
  subscribe(filter: string, handler: MessageHandler): () => void;
  getState(): ConnectionState;
  onState(listener: (s: ConnectionState) => void): () => void;
  close(): void;
}

export function createMqttConnection(opts: MqttConnectionOptions): MqttConnection {
  const cell = connectionStateCell(opts.url);
  const setState = cell.patch;

  const client: MqttClient = mqtt.connect(opts.url, {
    protocolVersion: 4, // Aedes speaks MQTT 3.1.1 only
    username: opts.username,
    password: opts.password,
    clientId: `${opts.clientIdPrefix ?? 'gaozhu-dash'}-${Math.random().toString(16).slice(2, 10)}`,
    clean: true,
    keepalive: 30,
    connectTimeout: 10_000,
    reconnectPeriod: reconnectDelayMs(1),
    reconnectOnConnackError: true,
    queueQoSZero: false,
    resubscribe: true,
    timerVariant: opts.timerVariant ?? 'auto',
    ...(opts.coalesceFrames
      ? { createWebsocket: (url: string, protocols: string[]) => new CoalescingWebSocket(url, protocols) }
      : {}),
  });

  client.on('connect', () => {
    client.options.reconnectPeriod = reconnectDelayMs(1);
    setState({ phase: 'connected', connectedAtMs: Date.now(), attempts: 0, lastError: null });
  });
  client.on('reconnect', () => {
    setState({ phase: 'reconnecting', attempts: cell.get().attempts + 1 });
  });
  client.on('close', () => {
    // Back off before the next attempt: mqtt.js reads reconnectPeriod each time it schedules one.
    client.options.reconnectPeriod = reconnectDelayMs(cell.get().attempts + 1);
    if (cell.get().phase === 'connected') setState({ phase: 'reconnecting', lostAtMs: Date.now() });
  });
  client.on('offline', () => {
    if (cell.get().phase === 'connected') setState({ phase: 'reconnecting', lostAtMs: Date.now() });
  });
  client.on('error', (err) => {
    setState({ lastError: err.message.slice(0, 200) });
  });
  // The handlers of each topic seen, so a message costs one lookup, not a match against every filter; forgotten on
  // every subscription change.
  const dispatch = new Map<string, MessageHandler[]>();
  const subscriptions = filterSubscriptions({
    subscribeFilter(filter) {
      client.subscribe(filter, { qos: 0 }, (err) => {
        if (err) setState({ lastError: `subscribe ${filter}: ${err.message}` });
      });
    },
    unsubscribeFilter: (filter) => client.unsubscribe(filter),
    changed: () => dispatch.clear(),
  });
  const handlersOf = (topic: string): MessageHandler[] => {
    let hs = dispatch.get(topic);
    if (hs) return hs;
    hs = [];
    for (const [filter, set] of subscriptions.handlers) if (topicMatches(filter, topic)) hs.push(...set);
    if (dispatch.size >= DISPATCH_MEMO_TOPICS) dispatch.clear();
    dispatch.set(topic, hs);
    return hs;
  };
  client.on('message', (topic, payload) => {
    for (const h of handlersOf(topic)) h(topic, payload);
  });

  return {
    subscribe: subscriptions.subscribe,
    getState: cell.get,
    onState: cell.onState,
    close() {
      client.end(true);
      setState({ phase: 'disconnected', lostAtMs: Date.now() });
    },
  };
}
