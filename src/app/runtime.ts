/**
 * Wires the live pipeline once per page: connection → ingest (validation) → store. Created outside React so StrictMode's
 * double effects and route changes never open a second socket or lose the store.
 */
import type { AreaConfig } from '../config/area-schema';
import { brokerUrlFor, type RuntimeConfig } from '../config/runtime-config';
import { createMqttConnection, type MqttConnection } from '../lib/mqtt/mqtt-connection';
import { dayStartMs } from '../lib/time/shanghai';
import { DataClock } from '../store/data-clock';
import { TelemetryIngest } from '../store/ingest';
import { TelemetryStore } from '../store/telemetry-store';

export interface AppRuntime {
  area: AreaConfig;
  runtime: RuntimeConfig;
  store: TelemetryStore;
  clock: DataClock;
  connection: MqttConnection;
  ingest: TelemetryIngest;
  stop(): void;
}

export function createAppRuntime(area: AreaConfig, runtime: RuntimeConfig): AppRuntime {
  const clock = new DataClock();
  const store = new TelemetryStore(area, { dayStartMs });
  // `?ingest=per-message` selects the naive render-per-message baseline for the benchmark only.
  const mode = new URLSearchParams(window.location.search).get('ingest') === 'per-message' ? 'per-message' : 'frame';
  const ingest = new TelemetryIngest(store, clock, mode);
  const connection = createMqttConnection({
    url: brokerUrlFor(runtime, window.location),
    username: runtime.mqttUsername,
    password: runtime.mqttPassword,
  });
  const stopIngest = ingest.start(connection);
  return {
    area,
    runtime,
    store,
    clock,
    connection,
    ingest,
    stop() {
      stopIngest();
      connection.close();
    },
  };
}
