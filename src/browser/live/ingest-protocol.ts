/** Messages between the main thread and the ingest worker (src/browser/live/ingest.worker.ts). */

import type { AreaConfig } from '../../core/config/area-schema';
import type { Judged } from '../../core/contract/edge-judge';
import { LIVE_ROOT, liveTopics, PUBLIC_RELIABILITY_FILTERS } from '../../core/contract/live-core';
import type { ConnectionState } from './mqtt-connection';

export interface StartIngest {
  type: 'start';
  url: string;
  username: string;
  password: string;
  /**
   * The area configuration: the worker builds its device registry from it, so a message from an unconfigured device
   * is rejected as unknown-device and a reading impossible for its device as implausible, as everywhere else.
   */
  config: AreaConfig;
}

export type ToWorker = StartIngest | { type: 'stop' };

export interface IngestBatch {
  type: 'batch';
  judged: Judged[];
  /** Raw messages judged in this batch, for the benchmark's throughput figure. */
  received: number;
  /** Readings accepted but flagged suspect in this batch (each judged message also says so). */
  suspect: number;
}

/**
 * A live-core message the dispatcher reads as it is (the server's active alarms, DISPATCH_LIVE_TOPICS), forwarded
 * unjudged: it is validated on the main thread with the contract's schema by the store that reads it.
 */
export interface LiveMessage {
  type: 'live';
  topic: string;
  payload: Uint8Array;
}

/**
 * The live service's retained snapshot of one substation (SUBSTATION_SEED_FILTER), forwarded unjudged once per
 * substation (its first one with a feeder value): the store seeds the table from it (telemetry-store.ts
 * seedFromSubstation), after which the device stream itself keeps the rows.
 */
export interface SeedMessage {
  type: 'seed';
  topic: string;
  payload: Uint8Array;
}

export type FromWorker = IngestBatch | LiveMessage | SeedMessage | { type: 'connection'; state: ConnectionState };

/** Where the dispatcher's table seeds from: every substation's snapshot (live-core.ts liveTopics.substation). */
export const SUBSTATION_SEED_FILTER = `${LIVE_ROOT}/substations/+`;

/**
 * Live-core topics the worker subscribes to for the dispatcher, beside the raw device stream: the server's alarms, and
 * its status for the thresholds in force (thresholds-in-force.ts), and the outages and reliability indicators
 * (live-reliability-store.ts; filters, matched again on the main thread).
 */
export const DISPATCH_LIVE_TOPICS = [
  liveTopics.alarmsDispatch,
  liveTopics.status,
  ...PUBLIC_RELIABILITY_FILTERS,
] as const;

/** The worker posts what it has judged at most this often: the main thread then commits at most ~10 times a second. */
export const WORKER_BATCH_MS = 100;
