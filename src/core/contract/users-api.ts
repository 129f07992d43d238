/**
 * The users API of the web server (src/services/web/identity/user-routes.ts) and the rules for a user's name and
 * password: one definition for the server, the user CLI (src/tools/user-cli.ts) and the admin screen, so the screen
 * can say a rule before sending and the server and CLI enforce the same one.
 *
 *   GET    /api/users                          → UserSummary[] (never a hash or salt)
 *   POST   /api/users {name, role, password}   → 201 UserSummary; 400 {error, field, problem}; 409 name taken
 *   DELETE /api/users/:name                    → 204; 404; 409 the last administrator or oneself
 *   PUT    /api/users/:name/password {password} → 204 (the user's sessions end); 400 {error, field, problem}; 404
 *   GET    /api/audit?from&to&limit            → AuditEntry[] newest first (admins); /api/audit.csv the same as CSV
 */
import { z } from 'zod';

export const USER_NAME_MAX = 64;
export const MIN_PASSWORD_LENGTH = 8;
/** Longer is refused before hashing: scrypt's input is not bounded otherwise (and sign-in takes no more). */
export const MAX_PASSWORD_LENGTH = 1024;

export const ROLE_NAMES = ['dispatcher', 'manager', 'admin'] as const;

/** What the audit log records (an entry's `action`); a screen shows one it does not know (a newer server's) as named. */
export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'alarm-ack',
  'user-add',
  'user-remove',
  'user-passwd',
  'thresholds-change',
  'thresholds-revert',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_URL = '/api/audit';
export const AUDIT_CSV_URL = '/api/audit.csv';
/** The most entries one audit query returns. */
export const AUDIT_LIMIT_MAX = 100_000;

/** The audit query's parameters (milliseconds since the epoch; both ends optional), as the server reads them. */
export const auditQuerySchema = z.object({
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_LIMIT_MAX).optional(),
});

/**
 * One audit entry as the API answers. `action` is read as any string: a screen shows an action it does not know (a
 * newer server's) by its name rather than refusing the whole log.
 */
export const auditEntrySchema = z.object({
  id: z.number(),
  atMs: z.number(),
  action: z.string(),
  actor: z.string().describe('The user name acting (or, for a failed sign-in, the name tried)'),
  target: z.string().describe("What was acted on (an alarm id, a user name), else ''"),
  detail: z.string().describe('The outcome or a short detail (an HTTP status, a note)'),
  address: z.string().describe("The client address, '' for the CLI"),
});
export type AuditEntryAnswer = z.infer<typeof auditEntrySchema>;
/** What the server records: an entry whose action is one this version knows. */
export type AuditEntry = Omit<AuditEntryAnswer, 'action'> & { action: AuditAction };

export const userSummarySchema = z.object({
  name: z.string(),
  role: z.enum(ROLE_NAMES),
  createdMs: z.number(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

/** What can be wrong with a name or a password: a kind each side words in its own language. */
export type CredentialProblem = 'name-length' | 'name-control' | 'password-short' | 'password-long';

/** A new user's name (already trimmed): 1–64 characters, none a control character (names show in logs and CSV). */
export function userNameProblem(name: string): CredentialProblem | null {
  if (!name || name.length > USER_NAME_MAX) return 'name-length';
  if (/[\p{Cc}]/u.test(name)) return 'name-control';
  return null;
}

export function passwordProblem(password: string): CredentialProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'password-short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'password-long';
  return null;
}

/** The server's and the CLI's words for each problem (the admin screen has its own, in both languages). */
export const CREDENTIAL_PROBLEM_TEXT: Record<CredentialProblem, string> = {
  'name-length': `a name of 1–${USER_NAME_MAX} printable characters required`,
  'name-control': `a name of 1–${USER_NAME_MAX} printable characters required (no control characters)`,
  'password-short': `a password has at least ${MIN_PASSWORD_LENGTH} characters`,
  'password-long': `a password has at most ${MAX_PASSWORD_LENGTH} characters`,
};
