/**
 * Messages between the main thread and the MQTT relay worker (mqtt-relay.worker.ts): the public screens' broker
 * connection runs there so mqtt.js (and its Buffer and stream polyfills, about 105 KB gzipped) stays out of the page's
 * main-thread bundle, and the live documents are checked there (live-documents.ts) so zod stays out of it too: the
 * page receives each message judged, the document typed or the reason it was refused.
 */

import type { LiveJudgement } from './live-documents';
import type { ConnectionState, MqttConnectionOptions } from './mqtt-connection';

export type ToRelay =
  | ({ type: 'connect' } & Omit<MqttConnectionOptions, 'timerVariant'>)
  | { type: 'subscribe'; filter: string }
  | { type: 'unsubscribe'; filter: string }
  | { type: 'close' };

export type FromRelay =
  /** One message for one subscribed filter (as the in-thread connection calls each matching filter's handlers). */
  | { type: 'message'; filter: string; topic: string; judged: LiveJudgement }
  | { type: 'connection'; state: ConnectionState };
