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
import { callAdminApi } from '../admin-api';

export const THRESHOLDS_URL = '/api/thresholds';

export type ThresholdsOutcome<T> =
  | { kind: 'ok'; value: T }
  /** 400: the field and its problem, as the server says. */
  | { kind: 'invalid'; field: string; problem: string }
  | { kind: 'denied'; status: number }
  | { kind: 'rejected'; status: number; detail: string }
  | { kind: 'unreachable'; detail: string };

/** The shared admin API call; the thresholds API names the field and its problem, a 400 without them is a refusal. */
async function call<T>(
  url: string,
  init: RequestInit,
  parse: (json: unknown) => T | null,
): Promise<ThresholdsOutcome<T>> {
  const o = await callAdminApi(url, init, parse);
  if (o.kind !== 'invalid') return o;
  return o.field !== undefined && o.problem !== undefined
    ? { kind: 'invalid', field: o.field, problem: o.problem }
    : { kind: 'rejected', status: 400, detail: o.detail };
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
