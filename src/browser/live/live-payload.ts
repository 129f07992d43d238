/**
 * The first steps of reading a message of the live service's topics on a page, for every store that takes them: the
 * size bound, the JSON parse, and the words of a schema rejection. Each store then checks its own schemas.
 */
import { MAX_LIVE_PAYLOAD_BYTES } from '../../core/contract/live-core';

/** Why a live-topic message was not taken; each is counted in the store's diagnostics. */
export const LIVE_REJECT_REASONS = ['bad-topic', 'too-large', 'not-json', 'schema'] as const;
export type LiveRejectReason = (typeof LIVE_REJECT_REASONS)[number];

const decoder = new TextDecoder();

/** The payload as JSON, or why it is not: larger than a live document may be, or not JSON. */
export function parseLiveJson(
  payload: Uint8Array,
): { ok: true; json: unknown } | { ok: false; reason: 'too-large' | 'not-json'; detail: string } {
  if (payload.byteLength > MAX_LIVE_PAYLOAD_BYTES)
    return { ok: false, reason: 'too-large', detail: `${payload.byteLength} B` };
  try {
    return { ok: true, json: JSON.parse(decoder.decode(payload)) };
  } catch (e) {
    return { ok: false, reason: 'not-json', detail: (e as Error).message };
  }
}

/** The first schema issue as "path: message", for the rejection's detail. */
export function schemaIssueDetail(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return `${issues[0]?.path.join('.') ?? ''}: ${issues[0]?.message ?? 'invalid'}`;
}
