/**
 * The page side of the MQTT relay worker (mqtt-relay.worker.ts): an MqttConnection whose client runs in the worker.
 * Same contract as createMqttConnection — handlers reference-counted per filter (the worker subscribes a filter once
 * and unsubscribes when its last handler leaves), the connection state observable — so the stores that read it do not
 * know where the socket lives.
 */

import { connectionStateCell, filterSubscriptions } from './connection-state';
import type { MqttConnection, MqttConnectionOptions } from './mqtt-connection';
import type { FromRelay, ToRelay } from './mqtt-relay-protocol';

export function createWorkerMqttConnection(opts: Omit<MqttConnectionOptions, 'timerVariant'>): MqttConnection {
  const cell = connectionStateCell(opts.url);
  const worker = new Worker(new URL('./mqtt-relay.worker.ts', import.meta.url), {
    type: 'module',
    name: 'gaozhu-mqtt',
  });
  const send = (m: ToRelay) => worker.postMessage(m);
  const subscriptions = filterSubscriptions({
    subscribeFilter: (filter) => send({ type: 'subscribe', filter }),
    unsubscribeFilter: (filter) => send({ type: 'unsubscribe', filter }),
  });
  worker.onmessage = (ev: MessageEvent<FromRelay>) => {
    const m = ev.data;
    if (m.type === 'connection') {
      cell.patch(m.state);
      return;
    }
    for (const h of subscriptions.handlers.get(m.filter) ?? []) h(m.topic, m.payload);
  };
  worker.onerror = (ev) => cell.patch({ lastError: `mqtt worker: ${ev.message}` });
  send({ type: 'connect', ...opts });

  return {
    subscribe: subscriptions.subscribe,
    getState: cell.get,
    onState: cell.onState,
    close() {
      send({ type: 'close' });
      worker.terminate();
      cell.patch({ phase: 'disconnected', lostAtMs: Date.now() });
    },
  };
}
