/**
 * The Node side's one door to MQTT (services and simulators), as src/browser/live/mqtt-connection.ts is the browser's:
 * a lint rule keeps `mqtt` out of every other module, so protocol choices are made once. MQTT 3.1.1 (protocol 4):
 * the embedded Aedes broker speaks nothing newer, and Mosquitto and clustered brokers accept it.
 */
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { reconnectDelayMs } from '../../core/contract/reconnect-backoff';

export type { IClientOptions, MqttClient };

/**
 * Reconnects with the system's jittered back-off (core/contract/reconnect-backoff.ts; it replaces a caller's non-zero
 * reconnectPeriod) unless the caller turns reconnecting off (`reconnectPeriod: 0`): after a broker restart every
 * service and feed device comes back within about 2 s, spread out rather than all at once. `url` may list a cluster's
 * nodes (see brokerUrlList): a reconnect then goes to the next node.
 */
export function connectMqtt(url: string, options: IClientOptions): MqttClient {
  const reconnects = options.reconnectPeriod !== 0;
  const { firstUrl, servers } = brokerUrlList(url);
  const client = mqtt.connect(firstUrl, {
    protocolVersion: 4,
    ...options,
    ...(servers ? { servers } : {}),
    ...(reconnects ? { reconnectPeriod: reconnectDelayMs(1) } : {}),
  });
  if (!reconnects) return client;
  let attempts = 0;
  client.on('connect', () => {
    attempts = 0;
  });
  // mqtt.js reads reconnectPeriod each time it schedules an attempt, after 'close'.
  client.on('close', () => {
    attempts++;
    client.options.reconnectPeriod = reconnectDelayMs(attempts);
  });
  return client;
}

type MqttServer = NonNullable<IClientOptions['servers']>[number];

/**
 * A broker URL setting (MQTT_URL) may name the nodes of a cluster, comma-separated
 * (`mqtt://10.0.0.1:1883,mqtt://10.0.0.2:1883`): the client connects to the first and, each time the connection is
 * lost, tries the next one round (mqtt.js `servers`). One URL is passed through untouched. The nodes must share a
 * scheme and, for WebSocket, a path (mqtt.js takes both from the first); anything else is refused, naming the URL.
 */
export function brokerUrlList(setting: string): { firstUrl: string; servers?: MqttServer[] } {
  const urls = setting
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  if (urls.length === 0) throw new Error(`broker URL "${setting}" names no broker`);
  if (urls.length === 1) return { firstUrl: urls[0] as string };
  const parsed = urls.map((u) => {
    let p: URL;
    try {
      p = new URL(u);
    } catch {
      throw new Error(`broker URL list "${setting}": "${u}" is not a URL`);
    }
    if (!p.port) throw new Error(`broker URL list "${setting}": "${u}" needs an explicit port`);
    return p;
  });
  const first = parsed[0] as URL;
  for (const [i, p] of parsed.entries()) {
    if (p.protocol !== first.protocol || p.pathname !== first.pathname)
      throw new Error(`broker URL list "${setting}": "${urls[i]}" differs from the first in scheme or path`);
  }
  return {
    firstUrl: urls[0] as string,
    servers: parsed.map((p) => ({
      host: p.hostname,
      port: Number(p.port),
      protocol: p.protocol.replace(/:$/, '') as MqttServer['protocol'],
    })),
  };
}
