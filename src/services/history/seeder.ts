/**
 * What seeds an empty history database on first start. The service does not know where such history comes from: the
 * entry point that runs it (main.ts, the test stack) injects a seeder — in this project the simulation's backfill,
 * mock-feeds/backfill/ — so the service a deployment runs does not depend on the simulation. A seeder writes through
 * the storage port, a chunk at a time, and keeps its progress there (BackfillState) so an interrupted run resumes and
 * /api/health reports it.
 */
import type { AreaConfig } from '../../core/config/area-schema';
import type { BackfillState, DeviceRow, HistoryStorage } from './storage/history-storage';

export interface HistorySeeder {
  /** For the log: what the history is synthesised from. */
  readonly description: string;
  /** Plans seeding an empty database up to nowMs: opens its coverage, saves the state and returns it. */
  plan(storage: HistoryStorage, nowMs: number): Promise<BackfillState>;
  /** Runs (or resumes) the seeding `state` describes to its end, or until shouldStop; returns the state reached. */
  run(
    storage: HistoryStorage,
    config: AreaConfig,
    devices: Map<string, DeviceRow>,
    state: BackfillState,
    opts: { log: (line: string) => void; shouldStop: () => boolean },
  ): Promise<BackfillState>;
}

/** True when the database has never recorded or backfilled anything. */
export async function isEmptyHistory(storage: HistoryStorage): Promise<boolean> {
  return !(await storage.hasCoverage()) && !(await storage.backfillState());
}
