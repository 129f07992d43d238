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
 * service and feed device comes back within about 2 s, spread out rather than all at once.
 */
export function connectMqtt(url: string, options: IClientOptions): MqttClient {
  const reconnects = options.reconnectPeriod !== 0;
  const client = mqtt.connect(url, {
    protocolVersion: 4,
    ...options,
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
