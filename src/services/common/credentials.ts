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
  // MQTT_<ROLE>_USER and MQTT_<ROLE>_PASSWORD, e.g. MQTT_FEEDS_USER; by default the role's name and "<role>-dev-secret".
  const env = process.env;
  const user = (role: MqttRole): MqttUser => ({
    role,
    username: env[`MQTT_${role.toUpperCase()}_USER`] ?? role,
    password: env[`MQTT_${role.toUpperCase()}_PASSWORD`] ?? `${role}-dev-secret`,
  });
  return Object.fromEntries(MQTT_ROLES.map((role) => [role, user(role)])) as Record<MqttRole, MqttUser>;
}
