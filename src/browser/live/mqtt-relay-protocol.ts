/**
 * Messages between the main thread and the MQTT relay worker (mqtt-relay.worker.ts): the public screens' broker
 * connection runs there so mqtt.js (and its Buffer and stream polyfills, about 105 KB gzipped) stays out of the page's
 * main-thread bundle. The worker only relays: payloads are validated on the main thread by the store that reads them.
 */

import type { ConnectionState, MqttConnectionOptions } from './mqtt-connection';

export type ToRelay =
  | ({ type: 'connect' } & Omit<MqttConnectionOptions, 'timerVariant'>)
  | { type: 'subscribe'; filter: string }
  | { type: 'unsubscribe'; filter: string }
  | { type: 'close' };

export type FromRelay =
  /** One message for one subscribed filter (as the in-thread connection calls each matching filter's handlers). */
  | { type: 'message'; filter: string; topic: string; payload: Uint8Array }
  | { type: 'connection'; state: ConnectionState };
