/**
 * HTTP client of the history service's alarm acknowledgements (public/openapi.yaml: GET/POST /api/alarms/acks).
 * Responses are checked before use: a proxy error page or a half-written body is an error, never a crash.
 */
import type { AlarmAck } from '../../core/domain/alarms/types';

export class AckServiceError extends Error {}

function isAck(x: unknown): x is AlarmAck {
  const a = x as AlarmAck;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.alarmId === 'string' &&
    typeof a.by === 'string' &&
    typeof a.atMs === 'number'
  );
}

export async function fetchAcks(baseUrl: string, sinceMs: number, signal?: AbortSignal): Promise<AlarmAck[]> {
  const res = await fetch(`${baseUrl}/alarms/acks?since=${Math.floor(sinceMs)}`, { signal, cache: 'no-store' });
  if (!res.ok) throw new AckServiceError(`HTTP ${res.status}`);
  const body = (await res.json()) as { acks?: unknown };
  if (!Array.isArray(body.acks)) throw new AckServiceError('response has no acks array');
  return body.acks.filter(isAck);
}

export async function postAck(
  baseUrl: string,
  input: { alarmId: string; by: string; note?: string },
  signal?: AbortSignal,
): Promise<AlarmAck> {
  const res = await fetch(`${baseUrl}/alarms/acks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
    signal,
  });
  if (!res.ok) throw new AckServiceError(`HTTP ${res.status}`);
  const body = (await res.json()) as unknown;
  if (!isAck(body)) throw new AckServiceError('malformed acknowledgement');
  return body;
}
