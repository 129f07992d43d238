/**
 * The web server's storage port for people: users, their sessions and the audit log. The server and the CLI talk to
 * this port only; the SQLite adapter (sqlite/identity-sqlite.ts) keeps the tables in the history database file.
 * Async so another store (a directory service, a remote database) can stand in without changing the callers.
 */
import type { AuditAction, AuditEntry } from '../../../core/contract/users-api';

/** Who may do what: public (the wall) needs no sign-in and so has no user. */
export const USER_ROLES = ['dispatcher', 'manager', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface StoredUser {
  name: string;
  role: UserRole;
  /** scrypt output and its salt, hex; the parameters are in passwords.ts. */
  passwordHash: string;
  passwordSalt: string;
  createdMs: number;
}

export interface StoredSession {
  /** SHA-256 of the cookie's secret (hex): a copy of the database gives nobody a usable session. */
  idHash: string;
  userName: string;
  /** Sent back in X-CSRF-Token on every state-changing request. */
  csrfToken: string;
  createdMs: number;
  lastSeenMs: number;
}

/** What the audit log records: the users API contract's entries. */
export type { AuditAction, AuditEntry };

export interface AuditQuery {
  fromMs?: number;
  toMs?: number;
  limit?: number;
}

export interface IdentityStorage {
  countUsers(): Promise<number>;
  getUser(name: string): Promise<StoredUser | null>;
  listUsers(): Promise<StoredUser[]>;
  /** False when the name is taken. */
  addUser(user: StoredUser): Promise<boolean>;
  /** Removes the user and their sessions; false when there was none. */
  removeUser(name: string): Promise<boolean>;
  /** Changes the password and ends the user's sessions; false when there is no such user. */
  setPassword(name: string, passwordHash: string, passwordSalt: string): Promise<boolean>;

  createSession(session: StoredSession): Promise<void>;
  getSession(idHash: string): Promise<StoredSession | null>;
  touchSession(idHash: string, lastSeenMs: number): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Sessions idle since before idleBeforeMs or created before createdBeforeMs; returns how many went. */
  deleteExpiredSessions(idleBeforeMs: number, createdBeforeMs: number): Promise<number>;

  appendAudit(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  /** Newest first. */
  listAudit(query: AuditQuery): Promise<AuditEntry[]>;

  close(): Promise<void>;
}
