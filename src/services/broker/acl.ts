/**
 * Authentication and per-user ACL of the embedded broker, kept free of Aedes so it is unit-tested alone.
 * The same rules are written for Mosquitto in src/services/broker/mosquitto/ (see README, "Another broker").
 */
import { timingSafeEqual } from 'node:crypto';
import { POOL_STATUS_FILTER } from '../../core/contract/feed-pools';
import { FEEDER_EVENTS_FILTER } from '../../core/contract/feeder-events';
import { LIVE_ROOT, PUBLIC_LIVE_FILTERS } from '../../core/contract/live-core';
import {
  type DispatchScope,
  parseDispatchScope,
  REGION_DISPATCH_FILTERS,
} from '../../core/contract/substation-devices';
import { topicMatches } from '../../core/contract/topic-match';
import { ALL_STATUS_FILTER, ALL_TELEMETRY_FILTER, SIM_CLOCK_TOPIC, TOPIC_ROOT } from '../../core/contract/topics';
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

export type RoleRights = Record<MqttRole, { publish: readonly string[]; subscribe: readonly string[] }>;

/**
 * What each role may publish and subscribe to, as MQTT filters: the one table the embedded broker enforces and the
 * Mosquitto and NATS writers turn into their configuration. Allow lists, never deny rules (clustered brokers want them too).
 * - feeds: anything under the root but the live core (they cannot impersonate the live service);
 * - live: reads the raw device stream (with the feeders' protection events and the pooled connections' status) and
 *   the simulation clock, publishes only
 *   the live core;
 * - dashboard (dispatchers): everything under the root in area scope; in substation scope (DISPATCH_SCOPE, a region)
 *   only what a region dispatcher reads (REGION_DISPATCH_FILTERS: the substations' device documents and the live
 *   core's figures, status, alarms and reliability) — no raw device topic, so no tab can take the whole stream;
 * - recorder: reads everything under the root;
 * - wall (the public lobby): reads only the live core's public topics and the simulation clock.
 */
export function roleRights(dispatchScope: DispatchScope): RoleRights {
  return {
    feeds: { publish: [`${TOPIC_ROOT}/#`], subscribe: [`${TOPIC_ROOT}/#`] },
    live: {
      publish: [`${LIVE_ROOT}/#`],
      subscribe: [
        ALL_TELEMETRY_FILTER,
        ALL_STATUS_FILTER,
        POOL_STATUS_FILTER,
        FEEDER_EVENTS_FILTER,
        SIM_CLOCK_TOPIC,
        `${LIVE_ROOT}/#`,
      ],
    },
    dashboard: {
      publish: [],
      subscribe: dispatchScope === 'substation' ? REGION_DISPATCH_FILTERS : [`${TOPIC_ROOT}/#`],
    },
    recorder: { publish: [], subscribe: [`${TOPIC_ROOT}/#`] },
    wall: { publish: [], subscribe: [...PUBLIC_LIVE_FILTERS, SIM_CLOCK_TOPIC] },
  };
}

/** The rights in force in this process: DISPATCH_SCOPE's (read when the process starts; the writers' CLIs use these). */
export const ROLE_RIGHTS: RoleRights = roleRights(parseDispatchScope(process.env.DISPATCH_SCOPE));

/**
 * Exceptions to a role's publish allow list: the feeds' list is the whole root but they may not publish the live core
 * (`gaozhu/v1/live/#` matches the live root itself too). Brokers that take deny rules on publish get these as such.
 */
export const PUBLISH_EXCEPTIONS: Partial<Record<MqttRole, readonly string[]>> = { feeds: [`${LIVE_ROOT}/#`] };

export function mayPublish(role: MqttRole | null, topic: string, rights: RoleRights = ROLE_RIGHTS): boolean {
  if (role === null || !isUnderRoot(topic) || topic.includes('+') || topic.includes('#')) return false;
  if (PUBLISH_EXCEPTIONS[role]?.some((denied) => topicMatches(denied, topic))) return false;
  return rights[role].publish.some((allowed) => topicMatches(allowed, topic));
}

/**
 * A subscription is allowed when its filter is one of the role's filters, or narrower than one: a topic name or a
 * filter whose every level is covered. A wider filter (the wall asking for `gaozhu/v1/#`) is refused, not narrowed.
 */
export function maySubscribe(role: MqttRole | null, filter: string, rights: RoleRights = ROLE_RIGHTS): boolean {
  if (role === null || !isUnderRoot(filter)) return false;
  return rights[role].subscribe.some((allowed) => filterWithin(filter, allowed));
}

export function filterWithin(filter: string, allowed: string): boolean {
  const f = filter.split('/');
  const a = allowed.split('/');
  for (let i = 0; i < f.length; i++) {
    const al = a[i];
    if (al === '#') return true;
    if (al === undefined) return false;
    const fl = f[i] as string;
    if (fl === '#') return false;
    if (al === '+') continue;
    if (fl !== al) return false;
  }
  return f.length === a.length;
}
