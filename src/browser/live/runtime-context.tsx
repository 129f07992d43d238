/**
 * React access to the page's live pipeline. The dispatcher's screens read the raw telemetry (RuntimeContext); the
 * public screens read the live core (PublicRuntimeContext). Both give the area config and the connection state.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AreaConfig } from '../../core/config/area-schema';
import type { LiveCoreSnapshot } from './live-core-store';
import type { ReliabilitySnapshot } from './live-reliability-store';
import type { ConnectionState } from './mqtt-connection';
import type { AnyRuntime, AppRuntime, PublicRuntime } from './runtime';
import type { TelemetrySnapshot, TelemetryStore } from './telemetry-store';
import type { ThresholdsInForce } from './thresholds-in-force';

/** What a page's store offers React: a change signal and a snapshot that stays the same object until it changes. */
export interface ExternalStore<S> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): S;
}

/** A store's snapshot, re-rendering when it changes (the one way the live layer's stores are read in React). */
export function useStoreSnapshot<S>(store: ExternalStore<S>): S {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

export const RuntimeContext = createContext<AppRuntime | null>(null);
export const PublicRuntimeContext = createContext<PublicRuntime | null>(null);

export function useRuntime(): AppRuntime {
  const rt = useContext(RuntimeContext);
  if (!rt) throw new Error('useRuntime outside <RuntimeContext.Provider> (a dispatcher route)');
  return rt;
}

export function usePublicRuntime(): PublicRuntime {
  const rt = useContext(PublicRuntimeContext);
  if (!rt) throw new Error('usePublicRuntime outside <PublicRuntimeContext.Provider> (a public route)');
  return rt;
}

/** Whichever runtime this route has. */
export function useAnyRuntime(): AnyRuntime {
  const pub = useContext(PublicRuntimeContext);
  const disp = useContext(RuntimeContext);
  const rt = disp ?? pub;
  if (!rt) throw new Error('no runtime: outside the route providers');
  return rt;
}

export function useAreaConfig(): AreaConfig {
  return useAnyRuntime().area;
}

export function useTelemetryStore(): TelemetryStore {
  return useRuntime().store;
}

/** The latest snapshot; re-renders at most once per ingest flush (≤ once per frame). */
export function useTelemetry(): TelemetrySnapshot {
  return useStoreSnapshot(useRuntime().store);
}

/** The live core's latest snapshot; re-renders at most ~10 times a second. */
export function useLiveCore(): LiveCoreSnapshot {
  return useStoreSnapshot(usePublicRuntime().liveCore);
}

/**
 * The thresholds in force (thresholds-in-force.ts): the live service's when its status has said them, else area.json's.
 * Colour and count loading with these, never with useAreaConfig().thresholds. A stable object until they change.
 */
export function useThresholdsInForce(): ThresholdsInForce {
  return useStoreSnapshot(useAnyRuntime().thresholds);
}

/** Outages and reliability indicators, either pipeline; a new snapshot per message (a handful a minute). */
export function useReliability(): ReliabilitySnapshot {
  return useStoreSnapshot(useAnyRuntime().reliability);
}

export function useConnectionState(): ConnectionState {
  const { connection } = useAnyRuntime();
  return useSyncExternalStore(connection.onState, connection.getState, connection.getState);
}

/** What the desk chrome shows of either pipeline: the data clock and the messages refused at the edge. */
export function useShellStatus(): { nowMs: number; rejectedTotal: number } {
  const rt = useAnyRuntime();
  const store: ExternalStore<TelemetrySnapshot | LiveCoreSnapshot> = rt.role === 'public' ? rt.liveCore : rt.store;
  const snap = useStoreSnapshot(store);
  return { nowMs: snap.nowMs, rejectedTotal: snap.diagnostics.rejectedTotal };
}
