/**
 * Judges one raw MQTT message at the edge: the simulation clock, a valid and plausible message of a configured device,
 * or a rejection with its reason. Pure apart from the clock and the device registry it is given (the registry keeps
 * each device's previous reading for the counter rules), and shared by the browser (ingest worker and main-thread
 * ingest), the history recorder and the live service, so all of them judge identically.
 */

import type { DataClock } from './data-clock';
import type { DeviceRegistry, Suspect } from './device-registry';
import type { DeviceStatus, SimClock, TelemetryByKind } from './payloads';
import { simClockSchema } from './payloads';
import { type DeviceKind, SIM_CLOCK_TOPIC } from './topics';
import { type RejectReason, validateMessage } from './validate';

export type Judged =
  | { type: 'clock'; sim: SimClock }
  | {
      type: 'telemetry';
      kind: DeviceKind;
      deviceId: string;
      data: TelemetryByKind[DeviceKind];
      atMs: number;
      /** Accepted, but flagged: what a real grid can show (a register reset); counted by the registry. */
      suspect?: Suspect;
    }
  | { type: 'status'; deviceId: string; data: DeviceStatus; atMs: number }
  | { type: 'rejected'; topic: string; reason: RejectReason; detail: string; atMs: number };

const decoder = new TextDecoder();

export function judgeMessage(
  topic: string,
  payload: Uint8Array,
  atMs: number,
  clock: DataClock,
  devices: DeviceRegistry,
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
  if (!devices.knows(result.kind, result.province, result.deviceId)) {
    return {
      type: 'rejected',
      topic,
      reason: 'unknown-device',
      detail: `"${result.deviceId}" is not in the area configuration`,
      atMs,
    };
  }
  if (result.channel === 'status') return { type: 'status', deviceId: result.deviceId, data: result.data, atMs };
  const verdict = devices.check(result.kind, result.deviceId, result.data);
  if (!verdict.ok) return { type: 'rejected', topic, reason: 'implausible', detail: verdict.detail, atMs };
  const judged = { type: 'telemetry' as const, kind: result.kind, deviceId: result.deviceId, data: result.data, atMs };
  return verdict.suspect ? { ...judged, suspect: verdict.suspect } : judged;
}
