/**
 * Judges one raw MQTT message at the edge: the simulation clock, a valid message of a configured device, or a
 * rejection with its reason. Pure apart from the clock it is given, and shared by the main-thread ingest and the
 * ingest worker so both judge identically.
 */

import type { DataClock } from './data-clock';
import type { DeviceStatus, SimClock, TelemetryByKind } from './payloads';
import { simClockSchema } from './payloads';
import { type DeviceKind, type Province, SIM_CLOCK_TOPIC } from './topics';
import { type RejectReason, validateMessage } from './validate';

export type Judged =
  | { type: 'clock'; sim: SimClock }
  | { type: 'telemetry'; kind: DeviceKind; deviceId: string; data: TelemetryByKind[DeviceKind]; atMs: number }
  | { type: 'status'; deviceId: string; data: DeviceStatus; atMs: number }
  | { type: 'rejected'; topic: string; reason: RejectReason; detail: string; atMs: number };

export type KnowsDevice = (kind: DeviceKind, province: Province, deviceId: string) => boolean;

const decoder = new TextDecoder();

export function judgeMessage(
  topic: string,
  payload: Uint8Array,
  atMs: number,
  clock: DataClock,
  knows: KnowsDevice,
): Judged {
  if (topic === SIM_CLOCK_TOPIC) {
    let json: unknown;
    try {
      json = JSON.parse(decoder.decode(payload));
    } catch {
      return { type: 'rejected', topic, reason: 'not-json', detail: 'simulation clock is not JSON', atMs };
    }
    const parsed = simClockSchema.safeParse(json);
    if (!parsed.success)
      return { type: 'rejected', topic, reason: 'schema', detail: parsed.error.issues[0]?.message ?? 'invalid', atMs };
    clock.setSimClock(parsed.data);
    return { type: 'clock', sim: parsed.data };
  }
  const result = validateMessage(topic, payload, clock.now());
  if (!result.ok) return { type: 'rejected', topic, reason: result.reason, detail: result.detail, atMs };
  if (!knows(result.kind, result.province, result.deviceId)) {
    return {
      type: 'rejected',
      topic,
      reason: 'unknown-device',
      detail: `"${result.deviceId}" is not in the area configuration`,
      atMs,
    };
  }
  if (result.channel === 'status') return { type: 'status', deviceId: result.deviceId, data: result.data, atMs };
  return { type: 'telemetry', kind: result.kind, deviceId: result.deviceId, data: result.data, atMs };
}
