/**
 * Pooled device connections (a region's simulated feeds, FEEDS_DEVICES_PER_CONNECTION > 1): many devices share one
 * MQTT connection, and MQTT gives a connection one Last Will, not one per device. So each pooled connection has its
 * Will on its own pool status topic, naming every device it carries:
 *
 *   gaozhu/v1/pools/<poolId>/status    retained, QoS 1: {ts, state:"online"|"offline", deviceIds:[...]}
 *                                      "online" at each connect; "offline" is the Will (connection lost uncleanly)
 *                                      and the goodbye of a clean stop
 *
 * Who reads it: the live service marks every listed device offline when its pool's Will arrives (figures: held, then
 * missing; alarms: offline), within the broker's keepalive detection (1.5 × the pool's keepalive: 90 s with mqtt.js's default 60 s; at
 * once when the socket closes). The devices' own retained `status` topics are NOT corrected by a pool's Will (nothing
 * but the device may publish them), so a screen reading raw device status (the dispatcher's table) sees a pooled
 * device "online" after its pool died until its telemetry goes stale (staleAfterMissedIntervals × its interval) —
 * it relies on staleness there. A device whose own connection is one per device (the default) keeps its own Will.
 */
import { z } from 'zod';
import { timestampMs } from './payloads';
import { DEVICE_ID_PATTERN, TOPIC_ROOT } from './topics';

export const POOL_STATUS_FILTER = `${TOPIC_ROOT}/pools/+/status`;
/** Devices one pooled connection may carry: its Will names them all and must stay a small packet (≤ 16 KiB). */
export const MAX_DEVICES_PER_POOL = 250;
export const POOL_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,47}$/;

export function poolStatusTopic(poolId: string): string {
  return `${TOPIC_ROOT}/pools/${poolId}/status`;
}

/** The pool id of a pool status topic; null for anything else. */
export function parsePoolStatusTopic(topic: string): string | null {
  const parts = topic.split('/');
  if (parts.length !== 5 || `${parts[0]}/${parts[1]}` !== TOPIC_ROOT || parts[2] !== 'pools' || parts[4] !== 'status')
    return null;
  return POOL_ID_PATTERN.test(parts[3] ?? '') ? (parts[3] as string) : null;
}

export const poolStatusSchema = z
  .object({
    ts: timestampMs,
    state: z.enum(['online', 'offline']),
    deviceIds: z.array(z.string().regex(DEVICE_ID_PATTERN)).min(1).max(MAX_DEVICES_PER_POOL),
  })
  .describe('A pooled device connection: the devices it carries, and whether it is connected (offline: its Will)');
export type PoolStatus = z.infer<typeof poolStatusSchema>;
