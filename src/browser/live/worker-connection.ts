/**
 * The page side of the MQTT relay worker (mqtt-relay.worker.ts): the public screens' connection, whose client runs in
 * the worker and whose messages arrive judged (live-documents.ts). Handlers are reference-counted per filter as in
 * createMqttConnection (the worker subscribes a filter once and unsubscribes when its last handler leaves), the
 * connection state is observable, so the stores that read it do not know where the socket lives.
 */

import { connectionStateCell, filterSubscriptions } from './connection-state';
import type { LiveDocumentSource, LiveJudgement } from './live-documents';
import type { MqttConnection, MqttConnectionOptions } from './mqtt-connection';
import type { FromRelay, ToRelay } from './mqtt-relay-protocol';

/** A connection whose messages are the live service's documents, judged: what the public screens' stores read. */
export type LiveDocumentConnection = Omit<MqttConnection, 'subscribe'> & LiveDocumentSource;

export function createWorkerMqttConnection(opts: Omit<MqttConnectionOptions, 'timerVariant'>): LiveDocumentConnection {
  const cell = connectionStateCell(opts.url);
  const worker = new Worker(new URL('./mqtt-relay.worker.ts', import.meta.url), {
    type: 'module',
    name: 'gaozhu-mqtt',
  });
  const send = (m: ToRelay) => worker.postMessage(m);
  const subscriptions = filterSubscriptions<(topic: string, judged: LiveJudgement) => void>({
    subscribeFilter: (filter) => send({ type: 'subscribe', filter }),
    unsubscribeFilter: (filter) => send({ type: 'unsubscribe', filter }),
  });
  worker.onmessage = (ev: MessageEvent<FromRelay>) => {
    const m = ev.data;
    if (m.type === 'connection') {
      cell.patch(m.state);
      return;
    }
    for (const h of subscriptions.handlers.get(m.filter) ?? []) h(m.topic, m.judged);
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
