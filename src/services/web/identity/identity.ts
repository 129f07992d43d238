/**
 * Sign-in, sessions and the audit log over the identity storage port. A session is a random 256-bit secret in an
 * HttpOnly cookie (the server keeps only its SHA-256) with its own CSRF token; it ends after `idleMs` without a
 * request or `maxMs` after sign-in, whichever comes first, or at sign-out, or when the user's password changes.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuditAction, IdentityStorage, StoredSession, StoredUser, UserRole } from '../storage/identity-storage';
import { hashPassword, verifyPassword } from './passwords';
import { DEFAULT_SIGN_IN_LIMITS, SignInLimiter, type SignInLimits } from './sign-in-limiter';

export const SESSION_COOKIE = 'gaozhu_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionLimits {
  idleMs: number;
  maxMs: number;
}
export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 12 * 3600_000, maxMs: 7 * 24 * 3600_000 };
/** Last-seen is written at most this often: a screen polling every few seconds must not write the file each time. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionUser {
  name: string;
  role: UserRole;
}

export interface ActiveSession {
  user: SessionUser;
  session: StoredSession;
}

export type SignInResult =
  | { kind: 'ok'; cookieValue: string; user: SessionUser; csrfToken: string; maxAgeS: number }
  | { kind: 'invalid' }
  | { kind: 'limited'; retryAfterS: number };

/** Who may do what, beyond being signed in. Public (no session) may only read what the wall reads. */
export const PERMISSIONS = {
  acknowledge: ['dispatcher', 'admin'],
  /** The dashboard's MQTT user (the raw device stream): the console, and the progress report whose clock runs on it. */
  rawStream: ['dispatcher', 'manager', 'admin'],
  audit: ['admin'],
  /** Adding and removing users, resetting their passwords (the admin screen; the CLI works on the database file). */
  manageUsers: ['admin'],
  /** Change and revert the alarm and display thresholds the live service applies. */
  thresholds: ['admin'],
  /** The screens' health list (is the lobby wall alive?): the desk that watches the area and its administrators. */
  screens: ['dispatcher', 'admin'],
} as const satisfies Record<string, readonly UserRole[]>;
export type Permission = keyof typeof PERMISSIONS;

export const may = (role: UserRole, permission: Permission): boolean =>
  (PERMISSIONS[permission] as readonly UserRole[]).includes(role);

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Constant-time equality of two strings (a CSRF token against the session's). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface IdentityOptions {
  sessions?: SessionLimits;
  signIn?: SignInLimits;
  now?: () => number;
}

export class Identity {
  readonly limiter: SignInLimiter;
  readonly sessions: SessionLimits;
  private readonly now: () => number;

  constructor(
    readonly storage: IdentityStorage,
    opts: IdentityOptions = {},
  ) {
    this.limiter = new SignInLimiter(opts.signIn ?? DEFAULT_SIGN_IN_LIMITS);
    this.sessions = opts.sessions ?? DEFAULT_SESSION_LIMITS;
    this.now = opts.now ?? Date.now;
  }

  audit(action: AuditAction, actor: string, target = '', detail = '', address = ''): Promise<void> {
    return this.storage.appendAudit({ atMs: this.now(), action, actor, target, detail, address });
  }

  async signIn(name: string, password: string, address: string): Promise<SignInResult> {
    const nowMs = this.now();
    const retryAfterS = this.limiter.retryAfterS(address, name, nowMs);
    if (retryAfterS > 0) {
      this.limiter.counts.limited++;
      return { kind: 'limited', retryAfterS };
    }
    const user = await this.storage.getUser(name);
    if (!(await verifyPassword(password, user))) {
      this.limiter.failed(address, name, nowMs);
      await this.audit('sign-in-failed', name, '', user ? 'wrong password' : 'no such user', address);
      return { kind: 'invalid' };
    }
    const u = user as StoredUser;
    this.limiter.counts.succeeded++;
    const cookieValue = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await this.storage.createSession({
      idHash: sha256(cookieValue),
      userName: u.name,
      csrfToken,
      createdMs: nowMs,
      lastSeenMs: nowMs,
    });
    await this.storage.deleteExpiredSessions(nowMs - this.sessions.idleMs, nowMs - this.sessions.maxMs);
    await this.audit('sign-in', u.name, '', u.role, address);
    return {
      kind: 'ok',
      cookieValue,
      user: { name: u.name, role: u.role },
      csrfToken,
      maxAgeS: Math.floor(this.sessions.maxMs / 1000),
    };
  }

  /** The session a cookie names, if it is still valid and its user still exists; its last-seen moves on. */
  async sessionFrom(cookieValue: string | undefined): Promise<ActiveSession | null> {
    if (!cookieValue || cookieValue.length > 128) return null;
    const idHash = sha256(cookieValue);
    const session = await this.storage.getSession(idHash);
    if (!session) return null;
    const nowMs = this.now();
    if (nowMs - session.lastSeenMs > this.sessions.idleMs || nowMs - session.createdMs > this.sessions.maxMs) {
      await this.storage.deleteSession(idHash);
      return null;
    }
    const user = await this.storage.getUser(session.userName);
    if (!user) {
      await this.storage.deleteSession(idHash);
      return null;
    }
    if (nowMs - session.lastSeenMs >= TOUCH_EVERY_MS) await this.storage.touchSession(idHash, nowMs);
    return { user: { name: user.name, role: user.role }, session };
  }

  async signOut(active: ActiveSession, address: string): Promise<void> {
    await this.storage.deleteSession(active.session.idHash);
    await this.audit('sign-out', active.user.name, '', '', address);
  }
}

/** The development users of `npm start` on a laptop (README, start-up banner); never created in production. */
export const DEV_USERS: readonly { name: string; role: UserRole; password: string }[] = [
  { name: 'dispatcher', role: 'dispatcher', password: 'dispatcher-dev' },
  { name: 'manager', role: 'manager', password: 'manager-dev' },
  { name: 'admin', role: 'admin', password: 'admin-dev' },
];

export async function addUser(
  storage: IdentityStorage,
  name: string,
  role: UserRole,
  password: string,
  nowMs = Date.now(),
): Promise<boolean> {
  const { hash, salt } = await hashPassword(password);
  return storage.addUser({ name, role, passwordHash: hash, passwordSalt: salt, createdMs: nowMs });
}

/** Changes a user's password (ending their sessions); false when there is no such user. */
export async function setUserPassword(storage: IdentityStorage, name: string, password: string): Promise<boolean> {
  const { hash, salt } = await hashPassword(password);
  return storage.setPassword(name, hash, salt);
}

/**
 * On a start with no users: the first admin from GAOZHU_ADMIN_USER / GAOZHU_ADMIN_PASSWORD, and, unless
 * NODE_ENV=production, the development users. Returns what was created, for the log.
 */
export async function ensureInitialUsers(storage: IdentityStorage, env: NodeJS.ProcessEnv = process.env) {
  const created: string[] = [];
  if ((await storage.countUsers()) > 0) return created;
  const adminName = env.GAOZHU_ADMIN_USER?.trim();
  const adminPassword = env.GAOZHU_ADMIN_PASSWORD;
  if (adminName && adminPassword) {
    if (await addUser(storage, adminName, 'admin', adminPassword)) created.push(`${adminName} (admin)`);
    await storage.appendAudit({
      atMs: Date.now(),
      action: 'user-add',
      actor: '(environment)',
      target: adminName,
      detail: 'admin',
      address: '',
    });
  } else if (env.NODE_ENV !== 'production') {
    for (const u of DEV_USERS)
      if (await addUser(storage, u.name, u.role, u.password)) created.push(`${u.name} (${u.role})`);
  }
  return created;
}
