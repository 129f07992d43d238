/**
 * Acknowledgements, made on the live service (the alarms' owner): POST /api/alarms/<id>/ack with {by, note} answers 201
 * with the alarm as it now is, 404 for an alarm it does not know, 409 for one already cleared, 400 for bad input. The app
 * server proxies /api/alarms/* to the live service, so the page's API base reaches it. Every answer is an outcome the
 * screen can say in words; none throws.
 * The production server takes an acknowledgement only from a signed-in dispatcher or admin, with the session's CSRF
 * token, and names the session's user as `by` whatever the body says; the body's `by` is that user when signed in
 * (so what the screen shows at once is what the server records), the typed name only on the dev server.
 */
import { type LiveAlarm, liveAlarmSchema } from '../../core/contract/live-core';
import { csrfHeaders, currentSession } from './session';

export type AckOutcome =
  | { kind: 'ok'; alarm: LiveAlarm }
  /** The service has no such active alarm (never existed, or gone since). */
  | { kind: 'not-found' }
  /** The alarm cleared before the acknowledgement reached the service. */
  | { kind: 'cleared' }
  | { kind: 'rejected'; status: number; detail: string }
  /** No usable answer (network, proxy, 5xx): worth trying again. */
  | { kind: 'unreachable'; detail: string };

export function alarmAckUrl(baseUrl: string, alarmId: string): string {
  return `${baseUrl}/alarms/${encodeURIComponent(alarmId)}/ack`;
}

async function errorText(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: unknown };
    return typeof body.error === 'string' ? body.error.slice(0, 200) : `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

export async function postAlarmAck(
  baseUrl: string,
  alarmId: string,
  input: { by: string; note: string },
  signal?: AbortSignal,
): Promise<AckOutcome> {
  const session = currentSession();
  const by = session.kind === 'signed-in' ? session.user.name : input.by;
  let res: Response;
  try {
    res = await fetch(alarmAckUrl(baseUrl, alarmId), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...csrfHeaders() },
      body: JSON.stringify({ by, note: input.note }),
      signal,
      cache: 'no-store',
    });
  } catch (e) {
    return { kind: 'unreachable', detail: (e as Error).message };
  }
  if (res.status === 404) return { kind: 'not-found' };
  if (res.status === 409) return { kind: 'cleared' };
  if (res.status >= 500 || res.status === 429) return { kind: 'unreachable', detail: `HTTP ${res.status}` };
  if (!res.ok) return { kind: 'rejected', status: res.status, detail: await errorText(res) };
  try {
    const parsed = liveAlarmSchema.safeParse(await res.json());
    if (parsed.success) return { kind: 'ok', alarm: parsed.data };
    return { kind: 'unreachable', detail: 'malformed answer' };
  } catch {
    // A proxy's error page or a half-written body: not the service's answer.
    return { kind: 'unreachable', detail: 'malformed answer' };
  }
}
