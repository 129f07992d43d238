/**
 * The page side of the MQTT relay worker (mqtt-relay.worker.ts): an MqttConnection whose client runs in the worker.
 * Same contract as createMqttConnection — handlers reference-counted per filter (the worker subscribes a filter once
 * and unsubscribes when its last handler leaves), the connection state observable — so the stores that read it do not
 * know where the socket lives.
 */

import type { ConnectionState, MessageHandler, MqttConnection, MqttConnectionOptions } from './mqtt-connection';
import type { FromRelay, ToRelay } from './mqtt-relay-protocol';

export function createWorkerMqttConnection(opts: Omit<MqttConnectionOptions, 'timerVariant'>): MqttConnection {
  const handlers = new Map<string, Set<MessageHandler>>();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = {
    phase: 'connecting',
    connectedAtMs: null,
    lostAtMs: null,
    attempts: 0,
    lastError: null,
    url: opts.url,
  };
  const setState = (s: ConnectionState) => {
    state = s;
    for (const l of stateListeners) l(state);
  };
  const worker = new Worker(new URL('./mqtt-relay.worker.ts', import.meta.url), {
    type: 'module',
    name: 'gaozhu-mqtt',
  });
  const send = (m: ToRelay) => worker.postMessage(m);
  worker.onmessage = (ev: MessageEvent<FromRelay>) => {
    const m = ev.data;
    if (m.type === 'connection') {
      setState(m.state);
      return;
    }
    for (const h of handlers.get(m.filter) ?? []) h(m.topic, m.payload);
  };
  worker.onerror = (ev) => setState({ ...state, lastError: `mqtt worker: ${ev.message}` });
  send({ type: 'connect', ...opts });

  return {
    subscribe(filter, handler) {
      let set = handlers.get(filter);
      if (!set) {
        set = new Set();
        handlers.set(filter, set);
        send({ type: 'subscribe', filter });
      }
      set.add(handler);
      return () => {
        const current = handlers.get(filter);
        if (!current) return;
        current.delete(handler);
        if (current.size === 0) {
          handlers.delete(filter);
          send({ type: 'unsubscribe', filter });
        }
      };
    },
    getState: () => state,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      send({ type: 'close' });
      worker.terminate();
      setState({ ...state, phase: 'disconnected', lostAtMs: Date.now() });
    },
  };
}
