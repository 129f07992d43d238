/**
 * The history service on a fresh database the world model has backfilled (awaited), recording from its own test
 * broker: for the tests that read the history API over a known, already recorded past.
 */
import { type BackfillOptions, createWorldSeeder } from '../../mock-feeds/backfill/world-backfill';
import type { AreaConfig } from '../../src/core/config/area-schema';
import type { RunningBroker } from '../../src/services/broker/broker';
import type { HistoryServiceOptions, RunningHistoryService } from '../../src/services/history/service';
import type { BackfillState } from '../../src/services/history/storage/history-storage';
import { startTestBroker } from './broker-fixture';
import { startTestHistoryService } from './history-fixture';
import { tempHistoryDbPath } from './temp-db';

export interface BackfilledHistory {
  broker: RunningBroker;
  service: RunningHistoryService;
  /** http://127.0.0.1:<port> */
  base: string;
  /** The backfill as /api/health reports it once done. */
  backfill: BackfillState;
  close(): Promise<void>;
}

export async function startBackfilledHistory(
  config: AreaConfig,
  dbPrefix: string,
  backfill: BackfillOptions,
  options: Partial<HistoryServiceOptions> = {},
): Promise<BackfilledHistory> {
  const broker = await startTestBroker();
  let service: RunningHistoryService | undefined;
  try {
    service = await startTestHistoryService(broker, config, {
      dbPath: tempHistoryDbPath(dbPrefix),
      seeder: createWorldSeeder(backfill),
      ...options,
    });
    const base = `http://127.0.0.1:${service.port}`;
    await service.backfillDone;
    const health = (await (await fetch(`${base}/api/health`)).json()) as { backfill: BackfillState };
    const running = service;
    return {
      broker,
      service,
      base,
      backfill: health.backfill,
      async close() {
        await running.close();
        await broker.close();
      },
    };
  } catch (e) {
    await service?.close();
    await broker.close();
    throw e;
  }
}
