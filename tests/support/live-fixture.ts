/**
 * The live service for integration tests: on the test broker as its own user, publishing every 200 ms so a test sees
 * figures within a second, and the alarm engine's durations shortened for the tests that must see alarms come and go.
 */
import type { AreaConfig } from '../../src/core/config/area-schema';
import {
  type LiveServiceOptions,
  type RunningLiveService,
  startLiveService,
} from '../../src/services/live/live-service';
import { serviceLogin } from './broker-fixture';

/** Raise and clear after 1 s (the area's own minimum durations are 5 s); a device absent 2.5 s counts as gone. */
export const FAST_ALARM_TUNING = { raiseAfterMs: 1_000, clearAfterMs: 1_000, presenceGraceMs: 2_500 } as const;

export function startTestLiveService(
  broker: { host?: string; tcpPort: number },
  config: AreaConfig,
  options: Partial<LiveServiceOptions> = {},
): Promise<RunningLiveService> {
  return startLiveService({ ...serviceLogin(broker, 'live'), config, publishIntervalMs: 200, ...options });
}
