/**
 * MQTT users of the system and their secrets. Development defaults are documented in the README; production sets
 * them through the environment (or MQTT_USERS_FILE, a JSON file of the same shape). The browser's user can only
 * subscribe; its credentials reach the page at run time through /config/runtime.json, never through the bundle.
 */
import { readFileSync } from 'node:fs';

/**
 * feeds publish device telemetry; live (the live service) reads it and publishes the live core; dashboard (the
 * dispatcher's browser) and recorder (the history service) read everything; wall (the public lobby screen) reads only
 * the live core's public topics. Rights per role: src/services/broker/acl.ts.
 */
export const MQTT_ROLES = ['feeds', 'live', 'dashboard', 'recorder', 'wall'] as const;
export type MqttRole = (typeof MQTT_ROLES)[number];

export interface MqttUser {
  username: string;
  password: string;
  role: MqttRole;
}

export function loadMqttUsers(): Record<MqttRole, MqttUser> {
  const file = process.env.MQTT_USERS_FILE;
  if (file) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<MqttRole, MqttUser>;
    for (const role of MQTT_ROLES) {
      if (!parsed[role]?.username || !parsed[role]?.password)
        throw new Error(`${file}: user for role "${role}" missing`);
      parsed[role].role = role;
    }
    return parsed;
  }
  const env = process.env;
  return {
    feeds: {
      role: 'feeds',
      username: env.MQTT_FEEDS_USER ?? 'feeds',
      password: env.MQTT_FEEDS_PASSWORD ?? 'feeds-dev-secret',
    },
    dashboard: {
      role: 'dashboard',
      username: env.MQTT_DASHBOARD_USER ?? 'dashboard',
      password: env.MQTT_DASHBOARD_PASSWORD ?? 'dashboard-dev-secret',
    },
    recorder: {
      role: 'recorder',
      username: env.MQTT_RECORDER_USER ?? 'recorder',
      password: env.MQTT_RECORDER_PASSWORD ?? 'recorder-dev-secret',
    },
    live: {
      role: 'live',
      username: env.MQTT_LIVE_USER ?? 'live',
      password: env.MQTT_LIVE_PASSWORD ?? 'live-dev-secret',
    },
    wall: {
      role: 'wall',
      username: env.MQTT_WALL_USER ?? 'wall',
      password: env.MQTT_WALL_PASSWORD ?? 'wall-dev-secret',
    },
  };
}
