/**
 * The web server's identity routes and guards:
 *   POST   /api/session {name, password}   sign in: the session cookie (HttpOnly, SameSite=Strict, Path=/) and the
 *                                           CSRF token; 401 for a wrong name or password (the same words for both),
 *                                           429 with Retry-After after too many failures from one address or for one name
 *   GET    /api/session                     who is signed in ({user: null} when nobody) and the session's CSRF token
 *   DELETE /api/session                     sign out (CSRF token required when signed in)
 *   POST   /api/alarms/<id>/ack {note}      dispatchers and admins: forwarded to the live service with `by` = the
 *                                           session's user (a name in the body is ignored), audited
 *   GET    /api/audit, /api/audit.csv       admins: the audit log, newest first (from, to in ms; limit)
 *   /api/users                              admins: users, added, removed, passwords reset (user-routes.ts)
 * and a guard on every other state-changing request (POST, PUT, PATCH, DELETE) but a screen's heartbeat: 401 without
 * a session, 403 without its CSRF token in X-CSRF-Token. The cookie cannot be read by the page's scripts and is not sent by other sites'
 * requests; the token can be read only by the page (GET /api/session, same origin), so a forged request has neither.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SCREEN_HEARTBEAT_PATH } from '../../../core/contract/screen-health-api';
import {
  AUDIT_CSV_URL,
  AUDIT_LIMIT_MAX,
  AUDIT_URL,
  auditQuerySchema,
  MAX_PASSWORD_LENGTH,
  USER_NAME_MAX,
} from '../../../core/contract/users-api';
import type { AuditEntry } from '../storage/identity-storage';
import {
  type ActiveSession,
  CSRF_HEADER,
  type Identity,
  may,
  type Permission,
  SESSION_COOKIE,
  sameSecret,
} from './identity';
import { registerUserRoutes } from './user-routes';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SESSION_PATH = '/api/session';

const signInBody = z.object({
  name: z.string().trim().min(1).max(USER_NAME_MAX),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});
const ackBody = z.object({ note: z.string().max(500).optional().default('') }).passthrough();

const resolved = new WeakMap<FastifyRequest, Promise<ActiveSession | null>>();

export interface IdentityRoutesOptions {
  identity: Identity;
  liveUrl: string;
}

const pathOf = (url: string) => url.split('?', 1)[0]!;

/** A CSV cell: quoted, and a leading = + - @ (a spreadsheet formula) defused with an apostrophe. */
function csvCell(value: string | number): string {
  const s = String(value);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function auditCsv(entries: AuditEntry[]): string {
  const head = ['time', 'action', 'user', 'target', 'detail', 'address'].join(',');
  const rows = entries.map((e) =>
    [new Date(e.atMs).toISOString(), e.action, e.actor, e.target, e.detail, e.address].map(csvCell).join(','),
  );
  return `\uFEFF${[head, ...rows].join('\r\n')}\r\n`;
}

/** Returns how a request's session is found (once per request), for the server's other routes. */
export function registerIdentityRoutes(
  app: FastifyInstance,
  { identity, liveUrl }: IdentityRoutesOptions,
): (req: FastifyRequest) => Promise<ActiveSession | null> {
  const sessionOf = (req: FastifyRequest): Promise<ActiveSession | null> => {
    let p = resolved.get(req);
    if (!p) {
      p = identity.sessionFrom(req.cookies[SESSION_COOKIE]);
      resolved.set(req, p);
    }
    return p;
  };
  const csrfOk = (req: FastifyRequest, active: ActiveSession): boolean => {
    const token = req.headers[CSRF_HEADER];
    return typeof token === 'string' && sameSecret(token, active.session.csrfToken);
  };
  /** The session, or the answer already sent (401 signed out, 403 role) and null. */
  const require = async (req: FastifyRequest, reply: FastifyReply, permission: Permission) => {
    const active = await sessionOf(req);
    if (!active) {
      await reply.code(401).header('Cache-Control', 'no-store').send({ error: 'sign in first' });
      return null;
    }
    if (!may(active.user.role, permission)) {
      await reply
        .code(403)
        .header('Cache-Control', 'no-store')
        .send({ error: `the ${active.user.role} role may not do this` });
      return null;
    }
    return active;
  };

  // Every state-changing request but signing in and out needs a session and its CSRF token. Registered after the
  // server's own onRequest checks (cross-origin, body size), which answer first.
  app.addHook('preHandler', async (req, reply) => {
    if (READ_METHODS.has(req.method) || pathOf(req.url) === SESSION_PATH) return;
    // A screen's heartbeat (screen-health-routes.ts) needs neither: the lobby wall has no session, and the request
    // changes nothing but an in-memory health report and carries no credentials. Only that POST, only that path;
    // the server's same-origin and size checks still apply to it.
    if (req.method === 'POST' && pathOf(req.url) === SCREEN_HEARTBEAT_PATH) return;
    const active = await sessionOf(req);
    if (!active) return reply.code(401).header('Cache-Control', 'no-store').send({ error: 'sign in first' });
    if (!csrfOk(req, active))
      return reply
        .code(403)
        .header('Cache-Control', 'no-store')
        .send({ error: `the ${CSRF_HEADER} header is missing or wrong` });
  });

  app.post(SESSION_PATH, async (req, reply) => {
    reply.header('Cache-Control', 'no-store');
    const body = signInBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'name (1–64 characters) and password required' });
    const result = await identity.signIn(body.data.name, body.data.password, req.ip);
    if (result.kind === 'limited')
      return reply
        .code(429)
        .header('Retry-After', String(result.retryAfterS))
        .send({ error: 'too many failed sign-ins: wait and try again', retryAfterS: result.retryAfterS });
    if (result.kind === 'invalid') return reply.code(401).send({ error: 'wrong name or password' });
    reply.setCookie(SESSION_COOKIE, result.cookieValue, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: req.protocol === 'https',
      maxAge: result.maxAgeS,
    });
    return reply.send({ user: result.user, csrfToken: result.csrfToken });
  });

  app.get(SESSION_PATH, async (req, reply) => {
    reply.header('Cache-Control', 'no-store');
    const active = await sessionOf(req);
    if (!active) {
      // A stale cookie goes: the browser stops sending it.
      if (req.cookies[SESSION_COOKIE]) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.send({ user: null });
    }
    return reply.send({ user: active.user, csrfToken: active.session.csrfToken });
  });

  app.delete(SESSION_PATH, async (req, reply) => {
    reply.header('Cache-Control', 'no-store');
    const active = await sessionOf(req);
    if (active) {
      if (!csrfOk(req, active)) return reply.code(403).send({ error: `the ${CSRF_HEADER} header is missing or wrong` });
      await identity.signOut(active, req.ip);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.post<{ Params: { alarmId: string } }>('/api/alarms/:alarmId/ack', async (req, reply) => {
    reply.header('Cache-Control', 'no-store');
    const active = await require(req, reply, 'acknowledge');
    if (!active) return reply;
    const body = ackBody.safeParse(req.body ?? {});
    if (!body.success) return reply.code(400).send({ error: 'note at most 500 characters' });
    const { alarmId } = req.params;
    const note = body.data.note;
    let status: number;
    let text: string;
    try {
      const res = await fetch(`${liveUrl}/api/alarms/${encodeURIComponent(alarmId)}/ack`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ by: active.user.name, note }),
        signal: AbortSignal.timeout(5_000),
      });
      status = res.status;
      text = await res.text();
    } catch (e) {
      await identity.audit('alarm-ack', active.user.name, alarmId, 'live service unreachable', req.ip);
      return reply.code(502).send({ error: `the live service did not answer (${(e as Error).message})` });
    }
    await identity.audit('alarm-ack', active.user.name, alarmId, note ? `${status} · ${note}` : String(status), req.ip);
    return reply.code(status).type('application/json').send(text);
  });

  const auditEntries = async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('Cache-Control', 'no-store');
    const active = await require(req, reply, 'audit');
    if (!active) return null;
    const q = auditQuerySchema.safeParse(req.query);
    if (!q.success) {
      await reply.code(400).send({ error: `from, to: milliseconds; limit: 1–${AUDIT_LIMIT_MAX}` });
      return null;
    }
    return identity.storage.listAudit({ fromMs: q.data.from, toMs: q.data.to, limit: q.data.limit });
  };
  app.get(AUDIT_URL, async (req, reply) => {
    const entries = await auditEntries(req, reply);
    return entries ? reply.send(entries) : reply;
  });
  app.get(AUDIT_CSV_URL, async (req, reply) => {
    const entries = await auditEntries(req, reply);
    if (!entries) return reply;
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="audit-log.csv"')
      .send(auditCsv(entries));
  });
  registerUserRoutes(app, { identity, require });
  return sessionOf;
}
