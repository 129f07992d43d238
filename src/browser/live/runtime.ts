/**
 * Wires the live pipeline once per page: connection → edge validation → store. Created outside React so StrictMode's
 * double effects and route changes never open a second socket or lose the store.
 *
 * By default the MQTT client and validation run in a Web Worker (src/browser/live/ingest.worker.ts): `npm run bench`
 * measured that this keeps the page at frame rate at several times the message rate of the main-thread ingest.
 * `?ingest=main` (main-thread, frame-batched) and `?ingest=per-message` (naive: render per message) exist for that
 * benchmark only.
 */
import type { AreaConfig } from '../../core/config/area-schema';
import { DataClock } from '../../core/contract/data-clock';
import { dayStartMs } from '../../core/time/shanghai';
import { TelemetryIngest } from './ingest';
import { createMqttConnection } from './mqtt-connection';
import { brokerUrlFor, type RuntimeConfig } from './runtime-config';
import { TelemetryStore } from './telemetry-store';
import { type ConnectionStatusSource, WorkerIngest } from './worker-ingest';

export type IngestMode = 'worker' | 'main' | 'per-message';

export interface AppRuntime {
  area: AreaConfig;
  runtime: RuntimeConfig;
  store: TelemetryStore;
  clock: DataClock;
  connection: ConnectionStatusSource;
  ingestMode: IngestMode;
  stop(): void;
}

function ingestModeFrom(search: string): IngestMode {
  const v = new URLSearchParams(search).get('ingest');
  return v === 'main' || v === 'per-message' ? v : 'worker';
}

export function createAppRuntime(area: AreaConfig, runtime: RuntimeConfig): AppRuntime {
  const clock = new DataClock();
  const store = new TelemetryStore(area, { dayStartMs });
  const ingestMode = ingestModeFrom(window.location.search);
  const credentials = {
    url: brokerUrlFor(runtime, window.location),
    username: runtime.mqttUsername,
    password: runtime.mqttPassword,
  };
  let connection: ConnectionStatusSource;
  let stopIngest = () => {};
  if (ingestMode === 'worker') {
    connection = new WorkerIngest(store, clock, credentials);
  } else {
    const mqtt = createMqttConnection(credentials);
    const ingest = new TelemetryIngest(store, clock, ingestMode === 'main' ? 'frame' : 'per-message');
    stopIngest = ingest.start(mqtt);
    connection = mqtt;
  }
  return {
    area,
    runtime,
    store,
    clock,
    connection,
    ingestMode,
    stop() {
      stopIngest();
      connection.close();
    },
  };
}
