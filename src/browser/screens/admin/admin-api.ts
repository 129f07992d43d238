/**
 * One request to the web server's admin APIs (users, audit, thresholds), as an outcome a tab can say in words; none
 * throws. Same-origin with the session cookie, never cached. 401/403 are "denied"; 400 is "invalid" with the field and
 * the problem when the server names them; 429 and 5xx are "unreachable" (a proxy or an upstream that is down); other
 * refusals carry the server's reason. An answer `parse` does not accept is "malformed answer", never an empty table.
 */

export type AdminApiOutcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'invalid'; field: string | undefined; problem: string | undefined; detail: string }
  | { kind: 'denied'; status: number }
  | { kind: 'rejected'; status: number; detail: string }
  | { kind: 'unreachable'; detail: string };

export async function callAdminApi<T>(
  url: string,
  init: RequestInit,
  parse: (json: unknown) => T | null,
): Promise<AdminApiOutcome<T>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, cache: 'no-store', credentials: 'same-origin' });
  } catch (e) {
    return { kind: 'unreachable', detail: (e as Error).message };
  }
  let json: unknown = null;
  if (res.status !== 204) {
    try {
      json = await res.json();
    } catch {
      // not JSON: a proxy's page; judged by status below
    }
  }
  const body = (json ?? {}) as { error?: unknown; field?: unknown; problem?: unknown };
  const error = typeof body.error === 'string' ? body.error.slice(0, 200) : `HTTP ${res.status}`;
  if (res.status === 401 || res.status === 403) return { kind: 'denied', status: res.status };
  if (res.status === 400)
    return {
      kind: 'invalid',
      field: typeof body.field === 'string' ? body.field : undefined,
      problem: typeof body.problem === 'string' ? body.problem : undefined,
      detail: error,
    };
  if (res.status >= 500 || res.status === 429) return { kind: 'unreachable', detail: `HTTP ${res.status}` };
  if (!res.ok) return { kind: 'rejected', status: res.status, detail: error };
  const value = parse(json);
  return value === null ? { kind: 'unreachable', detail: 'malformed answer' } : { kind: 'ok', value };
}
