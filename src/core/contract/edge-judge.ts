/**
 * Judges one raw MQTT message at the edge: the simulation clock, a valid and plausible message of a configured device,
 * or a rejection with its reason. Pure apart from the clock and the device registry it is given (the registry keeps
 * each device's previous reading for the counter rules), and shared by the browser (ingest worker and main-thread
 * ingest), the history recorder and the live service, so all of them judge identically. Feeder events (protection and
 * self-healing, ./feeder-events.ts) are judged by `judgeFeederEvent` with the same steps and reasons.
 */

import type { DataClock } from './data-clock';
import type { DeviceRegistry, Suspect } from './device-registry';
import { type FeederEvent, feederEventSchema, parseFeederEventsTopic } from './feeder-events';
import type { DeviceStatus, SimClock, TelemetryByKind } from './payloads';
import { MAX_PAYLOAD_BYTES, simClockSchema } from './payloads';
import { type DeviceKind, type Province, SIM_CLOCK_TOPIC, TOPIC_ROOT } from './topics';
import { MAX_FUTURE_SKEW_MS, type RejectReason, validateMessage } from './validate';

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

export type JudgedFeederEvent =
  | { type: 'event'; feederId: string; province: Province; data: FeederEvent; atMs: number }
  | { type: 'rejected'; topic: string; reason: RejectReason; detail: string; atMs: number };

/**
 * Judges one message of a feeder's events channel (./feeder-events.ts) with the same steps as telemetry: topic, size,
 * JSON, schema (a range issue is out-of-range), future timestamp, configured feeder of that province, then the
 * registry's checks — impossible for the feeder's sections and ties, or out of order.
 */
export function judgeFeederEvent(
  topic: string,
  payload: Uint8Array,
  atMs: number,
  clock: DataClock,
  devices: DeviceRegistry,
): JudgedFeederEvent {
  const reject = (reason: RejectReason, detail: string): JudgedFeederEvent => ({
    type: 'rejected',
    topic,
    reason,
    detail,
    atMs,
  });
  const address = parseFeederEventsTopic(topic);
  if (!address) return reject('bad-topic', `not ${TOPIC_ROOT}/feeder/<province>/<id>/events`);
  if (payload.byteLength > MAX_PAYLOAD_BYTES)
    return reject('too-large', `${payload.byteLength} bytes > ${MAX_PAYLOAD_BYTES}`);
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(payload));
  } catch (e) {
    return reject('not-json', (e as Error).message.slice(0, 120));
  }
  const parsed = feederEventSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(payload)';
    const range = issue && (issue.code === 'too_big' || issue.code === 'too_small') && issue.path.length > 0;
    return reject(range ? 'out-of-range' : 'schema', `${field}: ${issue?.message ?? 'invalid'}`.slice(0, 200));
  }
  const e = parsed.data;
  const nowMs = clock.now();
  if (e.ts > nowMs + MAX_FUTURE_SKEW_MS)
    return reject('future-timestamp', `ts is ${Math.round((e.ts - nowMs) / 1000)} s ahead of the receiver's clock`);
  if (!devices.knows('feeder', address.province, address.feederId))
    return reject(
      'unknown-device',
      `"${address.feederId}" is not a feeder of ${address.province} in the area configuration`,
    );
  const verdict = devices.checkEvent(address.feederId, e);
  if (!verdict.ok) return reject(verdict.reason, verdict.detail);
  return { type: 'event', feederId: address.feederId, province: address.province, data: e, atMs };
}
