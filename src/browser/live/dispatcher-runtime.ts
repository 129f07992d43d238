/**
 * The dispatcher's pipeline (runtime.ts describes both roles): every raw device message through the edge judge into
 * the telemetry store, the server's alarms, thresholds, reliability and losses on the same connection. Its own module,
 * loaded by the composition root only for a route of the dispatcher's role, so the public screens' chunks do not carry
 * the raw-device store and ingest.
 */
import type { AreaConfig } from '../../core/config/area-schema';
import { DataClock } from '../../core/contract/data-clock';
import { dayStartMs } from '../../core/time/shanghai';
import { AreaLossesStore } from './area-losses-store';
import { brokerUrlFor } from './broker-url';
import { LiveAlarmsStore } from './live-alarms-store';
import { LiveReliabilityStore } from './live-reliability-store';
import { LiveStatusStore } from './live-status-store';
import { createRegionScope } from './region-scope';
import type { AppRuntime, IngestMode } from './runtime';
import type { RuntimeConfig } from './runtime-config';
import { TelemetryStore } from './telemetry-store';
import { ThresholdsInForceStore } from './thresholds-in-force';
import { type ConnectionStatusSource, WorkerIngest } from './worker-ingest';

function ingestModeFrom(search: string): IngestMode {
  const v = new URLSearchParams(search).get('ingest');
  return v === 'main' || v === 'per-message' ? v : 'worker';
}

export async function createAppRuntime(area: AreaConfig, runtime: RuntimeConfig): Promise<AppRuntime> {
  const clock = new DataClock();
  const region = runtime.dispatchScope === 'substation' ? createRegionScope(area, clock) : null;
  const store = region ? region.store : new TelemetryStore(area, { dayStartMs });
  // The main-thread ingests are the benchmark's baselines of the raw stream: a region's page runs the worker.
  const ingestMode = region ? 'worker' : ingestModeFrom(window.location.search);
  const credentials = {
    url: brokerUrlFor(runtime, window.location),
    username: runtime.mqttUsername,
    password: runtime.mqttPassword,
  };
  const liveAlarms = new LiveAlarmsStore();
  const liveStatus = new LiveStatusStore();
  const thresholds = new ThresholdsInForceStore(area.thresholds);
  const stopThresholds = liveStatus.subscribe(() => thresholds.update(liveStatus.getSnapshot().latest));
  const reliability = new LiveReliabilityStore(clock);
  const areaLosses = new AreaLossesStore();
  let connection: ConnectionStatusSource;
  let stopPipeline: () => void;
  if (ingestMode === 'worker') {
    const worker = new WorkerIngest(store, clock, credentials, region?.workerStart, area);
    const stopRegion = region?.start(worker);
    const stopAlarms = liveAlarms.start(worker);
    const stopStatus = liveStatus.start(worker);
    const stopReliability = reliability.start(worker);
    const stopLosses = areaLosses.start(worker);
    connection = worker;
    stopPipeline = () => {
      stopRegion?.();
      stopAlarms();
      stopStatus();
      stopReliability();
      stopLosses();
      worker.close();
    };
  } else {
    const { startMainThreadIngest } = await import('./main-thread-ingest');
    const baseline = startMainThreadIngest(
      store,
      clock,
      [liveAlarms, liveStatus, reliability, areaLosses],
      credentials,
      ingestMode === 'main' ? 'frame' : 'per-message',
    );
    connection = baseline.connection;
    stopPipeline = baseline.stop;
  }
  return {
    role: 'dispatcher',
    area,
    runtime,
    store,
    clock,
    connection,
    liveAlarms,
    liveStatus,
    thresholds,
    reliability,
    areaLosses,
    ingestMode,
    region,
    stop() {
      stopThresholds();
      stopPipeline();
    },
  };
}
