/**
 * Validation at the edge: every MQTT message is checked here before anything else sees it (topic, size, schema,
 * ranges, future timestamp). The edge judge (edge-judge.ts) adds the per-device checks; the browser ingest, the
 * history recorder and the live service all go through it, so a message is judged the same way everywhere.
 */
import type { z } from 'zod';
import { fastSafeParse } from './fast-check';
import {
  type DeviceStatus,
  MAX_PAYLOAD_BYTES,
  statusSchema,
  type TelemetryByKind,
  telemetrySchemaByKind,
} from './payloads';
import type { RejectReason } from './reject-reasons';
import { type DeviceKind, type Province, parseDeviceTopic } from './topics';

// Why a message was rejected, without the schemas: a page's diagnostics import it from ./reject-reasons.ts.
export { REJECT_REASONS, type RejectReason } from './reject-reasons';

export type AcceptedMessage =
  | {
      ok: true;
      channel: 'telemetry';
      kind: DeviceKind;
      province: Province;
      deviceId: string;
      data: TelemetryByKind[DeviceKind];
    }
  | { ok: true; channel: 'status'; kind: DeviceKind; province: Province; deviceId: string; data: DeviceStatus };

export interface RejectedMessage {
  ok: false;
  reason: RejectReason;
  /** Human-readable detail: which field, what was wrong. Untrusted text may be quoted, so render it escaped. */
  detail: string;
}

export type ValidationResult = AcceptedMessage | RejectedMessage;

/** Allowed clock skew of a device ahead of the receiver. */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;

const decoder = new TextDecoder('utf-8', { fatal: false });

export function validateMessage(topic: string, payload: Uint8Array | string, nowMs: number): ValidationResult {
  const parsedTopic = parseDeviceTopic(topic);
  if (!parsedTopic.ok) return { ok: false, reason: 'bad-topic', detail: parsedTopic.reason };
  const byteLength = typeof payload === 'string' ? payload.length : payload.byteLength;
  if (byteLength > MAX_PAYLOAD_BYTES)
    return { ok: false, reason: 'too-large', detail: `${byteLength} bytes > ${MAX_PAYLOAD_BYTES}` };

  let json: unknown;
  try {
    json = JSON.parse(typeof payload === 'string' ? payload : decoder.decode(payload));
  } catch (e) {
    return { ok: false, reason: 'not-json', detail: (e as Error).message.slice(0, 120) };
  }

  const { kind, province, deviceId, channel } = parsedTopic.address;
  const schema: z.ZodType = channel === 'status' ? statusSchema : telemetrySchemaByKind[kind];
  // The compiled fast path for a valid payload, zod for everything else (fast-check.ts: the same verdicts and data).
  const result = fastSafeParse(schema, json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') || '(payload)';
    const rangeIssue = issue && (issue.code === 'too_big' || issue.code === 'too_small') && issue.path.length > 0;
    return {
      ok: false,
      reason: rangeIssue ? 'out-of-range' : 'schema',
      detail: `${field}: ${issue?.message ?? 'invalid'}`.slice(0, 200),
    };
  }
  const data = result.data as { ts: number };
  if (data.ts > nowMs + MAX_FUTURE_SKEW_MS) {
    return {
      ok: false,
      reason: 'future-timestamp',
      detail: `ts is ${Math.round((data.ts - nowMs) / 1000)} s ahead of the receiver's clock`,
    };
  }
  return { ok: true, kind, province, deviceId, channel, data } as AcceptedMessage;
}
