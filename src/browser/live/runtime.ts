/**
 * Wires the live pipeline of a page, per role (least privilege):
 * - 'public' (the wall, the overview): the live core only, as the broker's `wall` user — the server's figures, feeder
 *   and connector states and masked alarms (live-core-store.ts); no raw device topic, no ingest worker.
 * - 'dispatcher' (/dispatch, /progress): every raw device message through the edge judge into the telemetry store,
 *   and the server's active alarms in full (live-alarms-store.ts) through the same connection.
 * Both read the live service's status for the thresholds in force (thresholds-in-force.ts): what screens colour
 * loading with, so they agree with the server's alarms after an administrator's change.
 * Created outside React (app/runtime-host.ts keeps one per page) so StrictMode's double effects never open a second
 * socket or lose the store. Which credentials a role gets is the app server's decision (/config/runtime.json?role=);
 * sign-in and sessions come with the identity issue.
 *
 * By default the MQTT client and validation run in a Web Worker (src/browser/live/ingest.worker.ts): `npm run bench`
 * measured that this keeps the page at frame rate at several times the message rate of the main-thread ingest.
 * `?ingest=main` (main-thread, frame-batched) and `?ingest=per-message` (naive: render per message) exist for that
 * benchmark only, loaded on demand (main-thread-ingest.ts). The public role's connection runs in a relay worker
 * (worker-connection.ts): no main-thread chunk of the product carries mqtt.js (tests/e2e/bundle-split.test.ts).
 * The dispatcher's pipeline is built by dispatcher-runtime.ts, loaded only when a route of that role opens: the
 * public screens' chunks carry no raw-device store, ingest or edge judge.
 */
import type { AreaConfig } from '../../core/config/area-schema';
import { DataClock } from '../../core/contract/data-clock';
import type { AreaLossesStore } from './area-losses-store';
import { brokerUrlFor } from './broker-url';
import type { LiveAlarmsStore } from './live-alarms-store';
import { LiveCoreStore } from './live-core-store';
import { LiveReliabilityStore } from './live-reliability-store';
import type { LiveStatusStore } from './live-status-store';
import type { RegionScope } from './region-scope';
import type { RuntimeConfig } from './runtime-config';
import type { TelemetryStore } from './telemetry-store';
import { ThresholdsInForceStore } from './thresholds-in-force';
import { createWorkerMqttConnection, type LiveDocumentConnection } from './worker-connection';
import type { ConnectionStatusSource } from './worker-ingest';

export type IngestMode = 'worker' | 'main' | 'per-message';

export type RuntimeRole = 'public' | 'dispatcher';

export interface AppRuntime {
  role: 'dispatcher';
  area: AreaConfig;
  runtime: RuntimeConfig;
  store: TelemetryStore;
  clock: DataClock;
  connection: ConnectionStatusSource;
  /** The server's active alarms in full (the dispatcher's), through the same connection. */
  liveAlarms: LiveAlarmsStore;
  /** The live service's status: its presence (is the alarm list current?) and what the thresholds follow. */
  liveStatus: LiveStatusStore;
  /** The thresholds the live service applies (its status), area.json's until one arrives. */
  thresholds: ThresholdsInForceStore;
  /** Outages and reliability indicators from the live service, through the same connection. */
  reliability: LiveReliabilityStore;
  /** The area's losses between the intake and the feeder heads, from the live service's area figures. */
  areaLosses: AreaLossesStore;
  ingestMode: IngestMode;
  /**
   * Substation scope (runtime config dispatchScope, DISPATCH_SCOPE: a region): the selection and the area's figures;
   * `store` then holds the substations selected so far. Null in area scope (one PC): `store` holds every device.
   */
  region: RegionScope | null;
  stop(): void;
}

/** The public screens' pipeline: one connection as the wall user, the live core into its store. */
export interface PublicRuntime {
  role: 'public';
  area: AreaConfig;
  runtime: RuntimeConfig;
  liveCore: LiveCoreStore;
  /** The thresholds in force, from the live core's status (area.json's until one arrives). */
  thresholds: ThresholdsInForceStore;
  /** Outages and reliability indicators (the 保供 scene), their own store on the same connection. */
  reliability: LiveReliabilityStore;
  clock: DataClock;
  connection: LiveDocumentConnection;
  stop(): void;
}

export function createPublicRuntime(area: AreaConfig, runtime: RuntimeConfig): PublicRuntime {
  const clock = new DataClock();
  const liveCore = new LiveCoreStore(clock);
  const connection = createWorkerMqttConnection({
    url: brokerUrlFor(runtime, window.location),
    username: runtime.mqttUsername,
    password: runtime.mqttPassword,
    clientIdPrefix: 'gaozhu-wall',
  });
  const thresholds = new ThresholdsInForceStore(area.thresholds);
  // The live core already validates the status: the thresholds follow each of its snapshots.
  const stopThresholds = liveCore.subscribe(() => thresholds.update(liveCore.getSnapshot().status));
  const stopStore = liveCore.start(connection);
  const reliability = new LiveReliabilityStore(clock);
  const stopReliability = reliability.start(connection);
  return {
    role: 'public',
    area,
    runtime,
    liveCore,
    thresholds,
    reliability,
    clock,
    connection,
    stop() {
      stopThresholds();
      stopStore();
      stopReliability();
      connection.close();
    },
  };
}

export type AnyRuntime = AppRuntime | PublicRuntime;
