/**
 * The thresholds API for administrators (src/core/contract/thresholds-api.ts), answered here and forwarded to the live
 * service, which owns, versions and applies them:
 *   GET  /api/thresholds          the current version and every version
 *   PUT  /api/thresholds          {thresholds, note}: a new version, applied at once
 *   POST /api/thresholds/revert   {version, note}: a new version equal to an old one
 * Admins only (401 signed out, 403 another role); `by` is the session's user whatever the body says; every change or
 * revert is audited with the live service's answer. The CSRF guard of identity-routes.ts covers PUT and POST.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type ActiveSession, type Identity, may } from './identity/identity';
import type { AuditAction } from './storage/identity-storage';

export interface ThresholdsRoutesOptions {
  identity: Identity;
  liveUrl: string;
  sessionOf: (req: FastifyRequest) => Promise<ActiveSession | null>;
}

const LIVE_TIMEOUT_MS = 5_000;

export function registerThresholdsRoutes(
  app: FastifyInstance,
  { identity, liveUrl, sessionOf }: ThresholdsRoutesOptions,
) {
  /** The admin's session, or the answer already sent (401, 403) and null. */
  const admin = async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('Cache-Control', 'no-store');
    const active = await sessionOf(req);
    if (!active) {
      await reply.code(401).send({ error: 'sign in first' });
      return null;
    }
    if (!may(active.user.role, 'thresholds')) {
      await reply.code(403).send({ error: `the ${active.user.role} role may not do this` });
      return null;
    }
    return active;
  };

  const forward = async (method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown) => {
    const res = await fetch(`${liveUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(LIVE_TIMEOUT_MS),
    });
    return { status: res.status, text: await res.text() };
  };

  /** A change or revert: the body with `by` = the session's user, forwarded, audited with the answer. */
  const change = async (
    req: FastifyRequest,
    reply: FastifyReply,
    method: 'PUT' | 'POST',
    path: string,
    action: AuditAction,
    target: (body: Record<string, unknown>) => string,
  ) => {
    const active = await admin(req, reply);
    if (!active) return reply;
    const raw = req.body;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw))
      return reply
        .code(400)
        .send({ error: 'the body must be a JSON object', field: '(body)', problem: 'not an object' });
    const body: Record<string, unknown> = { ...(raw as Record<string, unknown>), by: active.user.name };
    const note = typeof body.note === 'string' ? body.note.slice(0, 200) : '';
    let answer: { status: number; text: string };
    try {
      answer = await forward(method, path, body);
    } catch (e) {
      await identity.audit(action, active.user.name, target(body), 'live service unreachable', req.ip);
      return reply.code(502).send({ error: `the live service did not answer (${(e as Error).message})` });
    }
    let made = '';
    try {
      const v = JSON.parse(answer.text) as { version?: unknown; field?: unknown };
      if (answer.status === 201 && typeof v.version === 'number') made = ` · v${v.version}`;
      if (answer.status === 400 && typeof v.field === 'string') made = ` · ${v.field}`;
    } catch {
      // not JSON: the status says enough
    }
    await identity.audit(
      action,
      active.user.name,
      target(body),
      `${answer.status}${made}${note ? ` · ${note}` : ''}`,
      req.ip,
    );
    return reply.code(answer.status).type('application/json').send(answer.text);
  };

  app.get('/api/thresholds', async (req, reply) => {
    const active = await admin(req, reply);
    if (!active) return reply;
    try {
      const answer = await forward('GET', '/api/thresholds');
      return reply.code(answer.status).type('application/json').send(answer.text);
    } catch (e) {
      return reply.code(502).send({ error: `the live service did not answer (${(e as Error).message})` });
    }
  });

  app.put('/api/thresholds', (req, reply) =>
    change(req, reply, 'PUT', '/api/thresholds', 'thresholds-change', (b) => summarize(b.thresholds)),
  );

  app.post('/api/thresholds/revert', (req, reply) =>
    change(req, reply, 'POST', '/api/thresholds/revert', 'thresholds-revert', (b) => `v${String(b.version)}`),
  );
}

/** What was asked, for the audit log's target: the values as sent (bounded). */
function summarize(thresholds: unknown): string {
  if (!thresholds || typeof thresholds !== 'object') return 'thresholds';
  return Object.entries(thresholds as Record<string, unknown>)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ')
    .slice(0, 400);
}
