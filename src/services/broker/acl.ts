/**
 * Authentication and per-user ACL of the embedded broker, kept free of Aedes so it is unit-tested alone.
 * The same rules are written for Mosquitto in src/services/broker/mosquitto/ (see README, "Another broker").
 */
import { timingSafeEqual } from 'node:crypto';
import { TOPIC_ROOT } from '../../core/contract/topics';
import type { MqttRole, MqttUser } from '../common/credentials';

export function authenticateUser(
  users: Record<MqttRole, MqttUser>,
  username: string | undefined,
  password: Buffer | undefined,
): MqttRole | null {
  if (!username || !password) return null;
  for (const user of Object.values(users)) {
    if (user.username !== username) continue;
    const expected = Buffer.from(user.password, 'utf8');
    // Constant-time compare so a wrong password takes as long as a near-miss.
    if (expected.length === password.length && timingSafeEqual(expected, password)) return user.role;
    return null;
  }
  return null;
}

/** True when `topic` (a name or a filter) lies under the contract's root. Wildcards above the root are refused. */
export function isUnderRoot(topic: string): boolean {
  return topic === TOPIC_ROOT || topic.startsWith(`${TOPIC_ROOT}/`);
}

/** Only the feeds publish (telemetry, status and their Last Will); dashboard and recorder are read-only. */
export function mayPublish(role: MqttRole | null, topic: string): boolean {
  return role === 'feeds' && isUnderRoot(topic) && !topic.includes('+') && !topic.includes('#');
}

export function maySubscribe(role: MqttRole | null, filter: string): boolean {
  return role !== null && isUnderRoot(filter);
}
