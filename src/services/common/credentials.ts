/**
 * MQTT users of the system and their secrets. Development defaults are documented in the README; production sets
 * them through the environment (or MQTT_USERS_FILE, a JSON file of the same shape). The browser's user can only
 * subscribe; its credentials reach the page at run time through /config/runtime.json, never through the bundle.
 */
import { readFileSync } from 'node:fs';

export type MqttRole = 'feeds' | 'dashboard' | 'recorder';

export interface MqttUser {
  username: string;
  password: string;
  role: MqttRole;
}

export function loadMqttUsers(): Record<MqttRole, MqttUser> {
  const file = process.env.MQTT_USERS_FILE;
  if (file) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<MqttRole, MqttUser>;
    for (const role of ['feeds', 'dashboard', 'recorder'] as const) {
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
  };
}
