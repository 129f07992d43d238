/**
 * The Node side's one door to MQTT (services and simulators), as src/browser/live/mqtt-connection.ts is the browser's:
 * a lint rule keeps `mqtt` out of every other module, so protocol choices are made once. MQTT 3.1.1 (protocol 4):
 * the embedded Aedes broker speaks nothing newer, and Mosquitto and clustered brokers accept it.
 */
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

export type { IClientOptions, MqttClient };

export function connectMqtt(url: string, options: IClientOptions): MqttClient {
  return mqtt.connect(url, { protocolVersion: 4, ...options });
}
