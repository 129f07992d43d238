/**
 * The identity tables in a SQLite file (by default the history database, HISTORY_DB): the web server's own
 * connection, WAL like the history service's, so the two processes share the file without blocking each other's reads.
 *
 *   users      name, role, scrypt hash and salt (hex), created
 *   sessions   SHA-256 of the cookie's secret, user, CSRF token, created, last seen
 *   audit_log  sign-ins (and failures), sign-outs, acknowledgements, user changes: when, who, what, outcome, address
 *
 * CREATE TABLE IF NOT EXISTS: the tables are additive to the history schema and never touch its own.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AuditEntry, AuditQuery, IdentityStorage, StoredSession, StoredUser, UserRole } from '../identity-storage';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL, password_salt TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL, csrf_token TEXT NOT NULL,
  created_ms INTEGER NOT NULL, last_seen_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user_name);
CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL, action TEXT NOT NULL, actor TEXT NOT NULL,
  target TEXT NOT NULL, detail TEXT NOT NULL, address TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at_ms);
`;

interface UserRow {
  name: string;
  role: UserRole;
  password_hash: string;
  password_salt: string;
  created_ms: number;
}
interface SessionRow {
  id_hash: string;
  user_name: string;
  csrf_token: string;
  created_ms: number;
  last_seen_ms: number;
}
interface AuditRow {
  id: number;
  at_ms: number;
  action: AuditEntry['action'];
  actor: string;
  target: string;
  detail: string;
  address: string;
}

const toUser = (r: UserRow): StoredUser => ({
  name: r.name,
  role: r.role,
  passwordHash: r.password_hash,
  passwordSalt: r.password_salt,
  createdMs: r.created_ms,
});

/** `path` ':memory:' for tests and for a server started without a database. */
export function openIdentitySqlite(path: string): IdentityStorage {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // The history service writes the same file every second or so: wait for its lock instead of failing.
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const q = {
    count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users'),
    user: db.prepare<[string], UserRow>('SELECT * FROM users WHERE name = ?'),
    users: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY name'),
    addUser: db.prepare(
      'INSERT OR IGNORE INTO users (name, role, password_hash, password_salt, created_ms) VALUES (?, ?, ?, ?, ?)',
    ),
    removeUser: db.prepare('DELETE FROM users WHERE name = ?'),
    setPassword: db.prepare('UPDATE users SET password_hash = ?, password_salt = ? WHERE name = ?'),
    endSessionsOf: db.prepare('DELETE FROM sessions WHERE user_name = ?'),
    addSession: db.prepare(
      'INSERT INTO sessions (id_hash, user_name, csrf_token, created_ms, last_seen_ms) VALUES (?, ?, ?, ?, ?)',
    ),
    session: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id_hash = ?'),
    touch: db.prepare('UPDATE sessions SET last_seen_ms = ? WHERE id_hash = ?'),
    endSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
    expire: db.prepare('DELETE FROM sessions WHERE last_seen_ms < ? OR created_ms < ?'),
    audit: db.prepare(
      'INSERT INTO audit_log (at_ms, action, actor, target, detail, address) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    auditList: db.prepare<[number, number, number], AuditRow>(
      'SELECT * FROM audit_log WHERE at_ms >= ? AND at_ms < ? ORDER BY at_ms DESC, id DESC LIMIT ?',
    ),
  };
  const removeUser = db.transaction((name: string) => {
    q.endSessionsOf.run(name);
    return q.removeUser.run(name).changes > 0;
  });
  const setPassword = db.transaction((name: string, hash: string, salt: string) => {
    q.endSessionsOf.run(name);
    return q.setPassword.run(hash, salt, name).changes > 0;
  });

  return {
    async countUsers() {
      return q.count.get()!.n;
    },
    async getUser(name) {
      const row = q.user.get(name);
      return row ? toUser(row) : null;
    },
    async listUsers() {
      return q.users.all().map(toUser);
    },
    async addUser(u) {
      return q.addUser.run(u.name, u.role, u.passwordHash, u.passwordSalt, u.createdMs).changes > 0;
    },
    async removeUser(name) {
      return removeUser(name);
    },
    async setPassword(name, hash, salt) {
      return setPassword(name, hash, salt);
    },
    async createSession(s: StoredSession) {
      q.addSession.run(s.idHash, s.userName, s.csrfToken, s.createdMs, s.lastSeenMs);
    },
    async getSession(idHash) {
      const r = q.session.get(idHash);
      return r
        ? {
            idHash: r.id_hash,
            userName: r.user_name,
            csrfToken: r.csrf_token,
            createdMs: r.created_ms,
            lastSeenMs: r.last_seen_ms,
          }
        : null;
    },
    async touchSession(idHash, lastSeenMs) {
      q.touch.run(lastSeenMs, idHash);
    },
    async deleteSession(idHash) {
      q.endSession.run(idHash);
    },
    async deleteExpiredSessions(idleBeforeMs, createdBeforeMs) {
      return q.expire.run(idleBeforeMs, createdBeforeMs).changes;
    },
    async appendAudit(e) {
      q.audit.run(e.atMs, e.action, e.actor, e.target, e.detail, e.address);
    },
    async listAudit({ fromMs, toMs, limit }: AuditQuery) {
      return q.auditList
        .all(fromMs ?? 0, toMs ?? Number.MAX_SAFE_INTEGER, Math.min(Math.max(limit ?? 1000, 1), 100_000))
        .map((r) => ({ ...r, atMs: r.at_ms }))
        .map(({ at_ms: _, ...rest }) => rest);
    },
    async close() {
      db.close();
    },
  };
}

/**
 * The identity tables live in the history database file (one file to back up): HISTORY_DB, else the history
 * service's default. WEB_IDENTITY_DB puts them elsewhere (a history database per area file, say). A history on
 * PostgreSQL (HISTORY_DB a postgres:// URL) is not a file: the identity tables then stay in the default file.
 */
export function identityDbPath(env: NodeJS.ProcessEnv = process.env): string {
  const historyFile = env.HISTORY_DB && !/^postgres(ql)?:\/\//i.test(env.HISTORY_DB) ? env.HISTORY_DB : undefined;
  return env.WEB_IDENTITY_DB ?? historyFile ?? '.data/history.sqlite';
}
