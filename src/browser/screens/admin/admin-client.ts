/**
 * The admin screen's client of the web server's users and audit APIs (src/services/web/identity/user-routes.ts and
 * identity-routes.ts), administrators only. Changes carry the session's CSRF token. Every answer is an outcome the
 * screen can say in words; none throws. Answers are checked for shape: a proxy's page or a changed server shows as
 * "malformed answer", never as an empty table.
 */
import { z } from 'zod';
import {
  AUDIT_CSV_URL,
  AUDIT_URL,
  type AuditEntryAnswer,
  auditEntrySchema,
  CREDENTIAL_PROBLEM_TEXT,
  type CredentialProblem,
  userSummarySchema,
} from '../../../core/contract/users-api';
import { csrfHeaders, type UserRole } from '../../live/session';
import { callAdminApi } from './admin-api';

export const USERS_URL = '/api/users';
/** The newest entries shown: a screen of a few thousand rows stays quick; the CSV export takes the same filter. */
export const AUDIT_LIMIT = 2000;

/** An audit entry as the screen reads it (an action it has no words for is shown by name). */
export type AuditEntry = AuditEntryAnswer;

export type AdminOutcome<T> =
  | { kind: 'ok'; value: T }
  /** 400: the field the server names (name, role, password), the rule's kind when it says one, and its words. */
  | { kind: 'invalid'; field: string; problem?: CredentialProblem; detail: string }
  | { kind: 'denied'; status: number }
  /** 404, 409: the server's reason (taken name, last administrator, oneself). */
  | { kind: 'rejected'; status: number; detail: string }
  | { kind: 'unreachable'; detail: string };

/** The shared admin API call, with a 400's problem narrowed to the credential rules the screen has words for. */
async function call<T>(url: string, init: RequestInit, parse: (json: unknown) => T | null): Promise<AdminOutcome<T>> {
  const o = await callAdminApi(url, init, parse);
  if (o.kind !== 'invalid') return o;
  return {
    kind: 'invalid',
    field: o.field ?? '',
    problem:
      o.problem !== undefined && Object.hasOwn(CREDENTIAL_PROBLEM_TEXT, o.problem)
        ? (o.problem as CredentialProblem)
        : undefined,
    detail: o.detail,
  };
}

const parsed =
  <T>(schema: z.ZodType<T>) =>
  (json: unknown): T | null => {
    const r = schema.safeParse(json);
    return r.success ? r.data : null;
  };
const nothing = () => true as const;

const writeInit = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...csrfHeaders() },
  body: body === undefined ? undefined : JSON.stringify(body),
});
const userPath = (name: string) => `${USERS_URL}/${encodeURIComponent(name)}`;

export const fetchUsers = () => call(USERS_URL, {}, parsed(z.array(userSummarySchema)));

export const addUser = (name: string, role: UserRole, password: string) =>
  call(USERS_URL, writeInit('POST', { name, role, password }), parsed(userSummarySchema));

export const removeUser = (name: string) => call(userPath(name), writeInit('DELETE'), nothing);

export const resetPassword = (name: string, password: string) =>
  call(`${userPath(name)}/password`, writeInit('PUT', { password }), nothing);

export interface AuditRange {
  fromMs?: number;
  toMs?: number;
}

/** The query both the table and the CSV link use, so the export is what the table shows (before the action filter). */
export function auditQuery({ fromMs, toMs }: AuditRange, limit = AUDIT_LIMIT): string {
  const p = new URLSearchParams();
  if (fromMs !== undefined) p.set('from', String(fromMs));
  if (toMs !== undefined) p.set('to', String(toMs));
  p.set('limit', String(limit));
  return p.toString();
}

export const fetchAudit = (range: AuditRange) =>
  call(`${AUDIT_URL}?${auditQuery(range)}`, {}, parsed(z.array(auditEntrySchema)));

export const auditCsvUrl = (range: AuditRange) => `${AUDIT_CSV_URL}?${auditQuery(range)}`;
