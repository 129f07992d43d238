/**
 * The admin screen's client of the thresholds API (src/core/contract/thresholds-api.ts), served by the web server to
 * administrators and forwarded to the live service, which owns and applies them. Changes carry the session's CSRF
 * token (as acknowledgements do) and the session's user as `by`; the server names the session's user whatever the body
 * says. Every answer is an outcome the screen can say in words; none throws.
 */

import type { Thresholds } from '../../../../core/config/area-schema';
import {
  type ThresholdsList,
  type ThresholdsVersion,
  thresholdsListSchema,
  thresholdsVersionSchema,
} from '../../../../core/contract/thresholds-api';
import { csrfHeaders, currentSession } from '../../../live/session';

export const THRESHOLDS_URL = '/api/thresholds';

export type ThresholdsOutcome<T> =
  | { kind: 'ok'; value: T }
  /** 400: the field and its problem, as the server says. */
  | { kind: 'invalid'; field: string; problem: string }
  | { kind: 'denied'; status: number }
  | { kind: 'rejected'; status: number; detail: string }
  | { kind: 'unreachable'; detail: string };

async function call<T>(
  url: string,
  init: RequestInit,
  parse: (json: unknown) => T | null,
): Promise<ThresholdsOutcome<T>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, cache: 'no-store', credentials: 'same-origin' });
  } catch (e) {
    return { kind: 'unreachable', detail: (e as Error).message };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // not JSON: a proxy's page; judged by status below
  }
  const body = (json ?? {}) as { error?: unknown; field?: unknown; problem?: unknown };
  if (res.status === 401 || res.status === 403) return { kind: 'denied', status: res.status };
  if (res.status === 400 && typeof body.field === 'string' && typeof body.problem === 'string')
    return { kind: 'invalid', field: body.field, problem: body.problem };
  if (res.status >= 500 || res.status === 429) return { kind: 'unreachable', detail: `HTTP ${res.status}` };
  if (!res.ok)
    return {
      kind: 'rejected',
      status: res.status,
      detail: typeof body.error === 'string' ? body.error.slice(0, 200) : `HTTP ${res.status}`,
    };
  const value = parse(json);
  return value === null ? { kind: 'unreachable', detail: 'malformed answer' } : { kind: 'ok', value };
}

const by = () => {
  const s = currentSession();
  return s.kind === 'signed-in' ? s.user.name : 'admin';
};

export function fetchThresholds(): Promise<ThresholdsOutcome<ThresholdsList>> {
  return call(THRESHOLDS_URL, { method: 'GET' }, (j) => {
    const r = thresholdsListSchema.safeParse(j);
    return r.success ? r.data : null;
  });
}

const parseVersion = (j: unknown): ThresholdsVersion | null => {
  const r = thresholdsVersionSchema.safeParse(j);
  return r.success ? r.data : null;
};

export function putThresholds(thresholds: Thresholds, note: string): Promise<ThresholdsOutcome<ThresholdsVersion>> {
  return call(
    THRESHOLDS_URL,
    {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...csrfHeaders() },
      body: JSON.stringify({ thresholds, note, by: by() }),
    },
    parseVersion,
  );
}

export function revertThresholds(version: number, note: string): Promise<ThresholdsOutcome<ThresholdsVersion>> {
  return call(
    `${THRESHOLDS_URL}/revert`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...csrfHeaders() },
      body: JSON.stringify({ version, note, by: by() }),
    },
    parseVersion,
  );
}
