/** Messages between the main thread and the ingest worker (src/browser/live/ingest.worker.ts). */

import type { AreaConfig } from '../../core/config/area-schema';
import type { Judged } from '../../core/contract/edge-judge';
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

export type FromWorker = IngestBatch | { type: 'connection'; state: ConnectionState };

/** The worker posts what it has judged at most this often: the main thread then commits at most ~10 times a second. */
export const WORKER_BATCH_MS = 100;
