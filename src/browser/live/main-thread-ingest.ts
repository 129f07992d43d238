/**
 * The benchmark's main-thread baselines (`?ingest=main`, `?ingest=per-message`, see runtime.ts): the MQTT client and
 * the edge judge on the page's own thread. Loaded on demand (a dynamic import) so the product's main-thread chunks
 * never carry mqtt.js: only the ingest and relay workers do.
 */
import type { DataClock } from '../../core/contract/data-clock';
import { TelemetryIngest } from './ingest';
import type { LiveCoreSource } from './live-core-store';
import { judgingSource } from './live-documents';
import { createMqttConnection, type MqttConnection, type MqttConnectionOptions } from './mqtt-connection';
import type { TelemetryStore } from './telemetry-store';

export function startMainThreadIngest(
  store: TelemetryStore,
  clock: DataClock,
  /** The stores that read live-core topics as they are (the alarms, the live status). */
  liveReaders: readonly { start(source: LiveCoreSource): () => void }[],
  credentials: MqttConnectionOptions,
  mode: 'frame' | 'per-message',
): { connection: MqttConnection; stop(): void } {
  const connection = createMqttConnection(credentials);
  const stopIngest = new TelemetryIngest(store, clock, mode).start(connection);
  // Judged here, on the page's own thread, as the workers judge them in the product's pipelines.
  const live = judgingSource(connection);
  const stopLive = liveReaders.map((r) => r.start(live));
  return {
    connection,
    stop() {
      stopIngest();
      for (const stop of stopLive) stop();
      connection.close();
    },
  };
}
