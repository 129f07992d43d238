/**
 * Test fixture: an embedded broker on free ports with the development users, and helpers to connect clients to it.
 * Integration and e2e tests use it instead of the default ports so suites (and developers) never collide.
 */
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { type RunningBroker, startBroker } from '../../src/services/broker/broker';
import { loadMqttUsers, type MqttRole } from '../../src/services/common/credentials';
import { MQTT_WS_PATH } from '../../src/services/common/ports';

export const testUsers = loadMqttUsers();

export async function startTestBroker(): Promise<RunningBroker> {
  return startBroker({ tcpPort: 0, wsPort: 0, users: testUsers });
}

export function brokerTcpUrl(b: { host?: string; tcpPort: number }): string {
  return `mqtt://${b.host ?? '127.0.0.1'}:${b.tcpPort}`;
}

/** How a service of `role` logs in to the broker: the options every service's start function takes. */
export function serviceLogin(
  b: { host?: string; tcpPort: number },
  role: MqttRole,
): { mqttUrl: string; username: string; password: string } {
  return { mqttUrl: brokerTcpUrl(b), username: testUsers[role].username, password: testUsers[role].password };
}

export function brokerWsUrl(b: { host?: string; wsPort: number }): string {
  return `ws://${b.host ?? '127.0.0.1'}:${b.wsPort}${MQTT_WS_PATH}`;
}

/** The clients a test file opens: `track` each as it connects, `endAll` in the file's afterAll (no DISCONNECT wait). */
export function clientTracker() {
  const clients: MqttClient[] = [];
  return {
    track<C extends MqttClient>(client: C): C {
      clients.push(client);
      return client;
    },
    endAll() {
      for (const c of clients.splice(0)) c.end(true);
    },
  };
}

/** Connects as one of the system's roles (or with explicit credentials) and resolves once CONNACK arrives. */
export function connectAs(
  url: string,
  role: MqttRole | { username?: string; password?: string },
  extra: IClientOptions = {},
) {
  const creds = typeof role === 'string' ? testUsers[role] : role;
  return new Promise<MqttClient>((resolve, reject) => {
    const client = mqtt.connect(url, {
      username: creds.username,
      password: creds.password,
      protocolVersion: 4,
      reconnectPeriod: 0,
      connectTimeout: 5_000,
      ...extra,
    });
    client.once('connect', () => resolve(client));
    client.once('error', (err) => {
      client.end(true);
      reject(err);
    });
  });
}
