/**
 * The history service for integration and e2e tests: recording from the test broker as its own user, its HTTP API on
 * a free port, into the database file the test names (tempHistoryDbPath for a fresh one).
 */
import type { AreaConfig } from '../../src/core/config/area-schema';
import {
  type HistoryServiceOptions,
  type RunningHistoryService,
  startHistoryService,
} from '../../src/services/history/service';
import { serviceLogin } from './broker-fixture';

export function startTestHistoryService(
  broker: { host?: string; tcpPort: number },
  config: AreaConfig,
  options: Partial<HistoryServiceOptions> & Pick<HistoryServiceOptions, 'dbPath'>,
): Promise<RunningHistoryService> {
  return startHistoryService({ ...serviceLogin(broker, 'recorder'), config, port: 0, ...options });
}
