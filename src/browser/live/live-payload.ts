/**
 * The first steps of reading a message of the live service's topics, for the page worker's judge (live-documents.ts):
 * the size bound, the JSON parse, and the words of a refusal, which the stores' diagnostics show.
 */
import { MAX_LIVE_PAYLOAD_BYTES } from '../../core/contract/live-core-terms';

/** Why a live-topic message was not taken; each is counted in the store's diagnostics. */
export const LIVE_REJECT_REASONS = ['bad-topic', 'too-large', 'not-json', 'schema'] as const;
export type LiveRejectReason = (typeof LIVE_REJECT_REASONS)[number];

const decoder = new TextDecoder();

export interface LiveRejection {
  ok: false;
  reason: LiveRejectReason;
  detail: string;
}

/** The payload as JSON, or why it is not: larger than a live document may be (or `maxBytes`), or not JSON. */
export function parseLiveJson(
  payload: Uint8Array,
  maxBytes = MAX_LIVE_PAYLOAD_BYTES,
): { ok: true; json: unknown } | (LiveRejection & { reason: 'too-large' | 'not-json' }) {
  if (payload.byteLength > maxBytes) return { ok: false, reason: 'too-large', detail: `${payload.byteLength} B` };
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

const REJECTION_WORDS: Record<LiveRejectReason, string> = {
  'bad-topic': 'bad topic',
  'too-large': 'too large',
  'not-json': 'not JSON',
  schema: 'schema',
};

/** A rejection as one line for a diagnostics panel: "too large: 70000 B", "schema: alarms.0.severity: …". */
export function rejectionLine(r: LiveRejection): string {
  return `${REJECTION_WORDS[r.reason]}: ${r.detail}`.slice(0, 300);
}
