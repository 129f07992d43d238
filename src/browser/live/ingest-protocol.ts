/** Messages between the main thread and the ingest worker (src/browser/live/ingest.worker.ts). */

import type { AreaConfig } from '../../core/config/area-schema';
import { LIVE_ROOT, liveTopics, PUBLIC_RELIABILITY_FILTERS } from '../../core/contract/live-core-terms';
import type { IngestBatch } from './ingest-batch';
import type { LiveJudgement } from './live-documents';
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

/**
 * A live-core message the dispatcher reads as it is (the server's active alarms, DISPATCH_LIVE_TOPICS), judged in the
 * worker with the contract's schema for its topic (live-documents.ts); the store that reads it takes the judgement.
 */
export interface LiveMessage {
  type: 'live';
  topic: string;
  judged: LiveJudgement;
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
  // The area's figures for the losses between the intake and the feeder heads (area-losses-store.ts).
  liveTopics.figures('area'),
  ...PUBLIC_RELIABILITY_FILTERS,
] as const;

/**
 * The worker posts what it has judged at most this often. A batch holds at most about one reading per device
 * (ingest-batch.ts), so a short interval costs the page little, and it is part of what a value takes from its publish to
 * the screen (with the commit pace, commit-scheduler.ts): `npm run bench:pixel` measures that.
 */
export const WORKER_BATCH_MS = 50;
