/** Messages between the main thread and the ingest worker (src/browser/live/ingest.worker.ts). */

import type { Judged } from '../../core/contract/edge-judge';
import type { DeviceKind, Province } from '../../core/contract/topics';
import type { ConnectionState } from './mqtt-connection';

export interface StartIngest {
  type: 'start';
  url: string;
  username: string;
  password: string;
  /** Configured devices: anything else is rejected as unknown-device in the worker. */
  devices: [DeviceKind, Province, string][];
}

export type ToWorker = StartIngest | { type: 'stop' };

export interface IngestBatch {
  type: 'batch';
  judged: Judged[];
  /** Raw messages judged in this batch, for the benchmark's throughput figure. */
  received: number;
}

export type FromWorker = IngestBatch | { type: 'connection'; state: ConnectionState };

/** The worker posts what it has judged at most this often: the main thread then commits at most ~10 times a second. */
export const WORKER_BATCH_MS = 100;
