/**
 * The mock feeds for integration tests: on the test broker as the feeds user, quiet, with no random faults (a test
 * that wants a trip asks for it) and no control server unless the test names a port.
 */
import { type RunningFeeds, type StartFeedsOptions, startFeeds } from '../../mock-feeds/feeds/feeds';
import type { AreaConfig } from '../../src/core/config/area-schema';
import { serviceLogin } from './broker-fixture';

export function startTestFeeds(
  broker: { host?: string; tcpPort: number },
  config: AreaConfig,
  options: Partial<StartFeedsOptions> = {},
): Promise<RunningFeeds> {
  return startFeeds({
    ...serviceLogin(broker, 'feeds'),
    config,
    randomOutages: false,
    controlPort: null,
    log: () => {},
    ...options,
  });
}
