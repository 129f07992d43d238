/** React access to the live pipeline: the area config, the telemetry snapshot and the connection state. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AreaConfig } from '../../core/config/area-schema';
import type { ConnectionState } from './mqtt-connection';
import type { AppRuntime } from './runtime';
import type { TelemetrySnapshot, TelemetryStore } from './telemetry-store';

export const RuntimeContext = createContext<AppRuntime | null>(null);

export function useRuntime(): AppRuntime {
  const rt = useContext(RuntimeContext);
  if (!rt) throw new Error('useRuntime outside <RuntimeContext.Provider>');
  return rt;
}

export function useAreaConfig(): AreaConfig {
  return useRuntime().area;
}

export function useTelemetryStore(): TelemetryStore {
  return useRuntime().store;
}

/** The latest snapshot; re-renders at most once per ingest flush (≤ once per frame). */
export function useTelemetry(): TelemetrySnapshot {
  const store = useRuntime().store;
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

export function useConnectionState(): ConnectionState {
  const { connection } = useRuntime();
  return useSyncExternalStore(connection.onState, connection.getState, connection.getState);
}
