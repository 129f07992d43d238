/**
 * The admin screen's client of the web server's users and audit APIs (src/services/web/identity/user-routes.ts and
 * identity-routes.ts), administrators only. Changes carry the session's CSRF token. Every answer is an outcome the
 * screen can say in words; none throws. Answers are checked for shape: a proxy's page or a changed server shows as
 * "malformed answer", never as an empty table.
 */
import { z } from 'zod';
import { CREDENTIAL_PROBLEM_TEXT, type CredentialProblem, userSummarySchema } from '../../../core/contract/users-api';
import { csrfHeaders, type UserRole } from '../../live/session';

export const USERS_URL = '/api/users';
export const AUDIT_URL = '/api/audit';
export const AUDIT_CSV_URL = '/api/audit.csv';
/** The newest entries shown: a screen of a few thousand rows stays quick; the CSV export takes the same filter. */
export const AUDIT_LIMIT = 2000;

const auditEntrySchema = z.object({
  id: z.number(),
  atMs: z.number(),
  action: z.string(),
  actor: z.string(),
  target: z.string(),
  detail: z.string(),
  address: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export type AdminOutcome<T> =
  | { kind: 'ok'; value: T }
  /** 400: the field the server names (name, role, password), the rule's kind when it says one, and its words. */
  | { kind: 'invalid'; field: string; problem?: CredentialProblem; detail: string }
  | { kind: 'denied'; status: number }
  /** 404, 409: the server's reason (taken name, last administrator, oneself). */
  | { kind: 'rejected'; status: number; detail: string }
  | { kind: 'unreachable'; detail: string };

async function call<T>(url: string, init: RequestInit, parse: (json: unknown) => T | null): Promise<AdminOutcome<T>> {
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
      field: typeof body.field === 'string' ? body.field : '',
      problem:
        typeof body.problem === 'string' && Object.hasOwn(CREDENTIAL_PROBLEM_TEXT, body.problem)
          ? (body.problem as CredentialProblem)
          : undefined,
      detail: error,
    };
  if (res.status >= 500 || res.status === 429) return { kind: 'unreachable', detail: `HTTP ${res.status}` };
  if (!res.ok) return { kind: 'rejected', status: res.status, detail: error };
  const value = parse(json);
  return value === null ? { kind: 'unreachable', detail: 'malformed answer' } : { kind: 'ok', value };
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
