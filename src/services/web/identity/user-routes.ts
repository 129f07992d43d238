/**
 * The admin screen's user management (the contract and the name and password rules, shared with the CLI:
 * src/core/contract/users-api.ts), for administrators only: 401 signed out, 403 another role; the CSRF token is
 * checked by identity-routes.ts's guard before these run. Every change and every refused change goes into the audit
 * log (user-add, user-remove, user-passwd) with the session's user as actor.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CREDENTIAL_PROBLEM_TEXT,
  type CredentialProblem,
  passwordProblem,
  type UserSummary,
  userNameProblem,
} from '../../../core/contract/users-api';
import { USER_ROLES, type UserRole } from '../storage/identity-storage';
import { type ActiveSession, addUser, type Identity, type Permission, setUserPassword } from './identity';

/** identity-routes.ts's check: the session, or null with the 401/403 already sent. */
export type RequirePermission = (
  req: FastifyRequest,
  reply: FastifyReply,
  permission: Permission,
) => Promise<ActiveSession | null>;

export interface UserRoutesOptions {
  identity: Identity;
  require: RequirePermission;
}

/** The shape checks only; the name and password rules are the shared ones, so their words are the CLI's. */
const addBody = z.object({ name: z.string(), role: z.string(), password: z.string() });
const passwordBody = z.object({ password: z.string() });

/** A 400 naming the field, the rule's kind (the screen words it) and the CLI's words. */
const problemBody = (field: string, problem: CredentialProblem) => ({
  error: CREDENTIAL_PROBLEM_TEXT[problem],
  field,
  problem,
});

export function registerUserRoutes(app: FastifyInstance, { identity, require }: UserRoutesOptions): void {
  const storage = identity.storage;
  /**
   * Changes run one at a time in this process: two administrators removing each other at the same moment must not
   * both pass the last-administrator check.
   */
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(change: () => Promise<T>): Promise<T> => {
    const next = queue.then(change, change);
    queue = next.catch(() => {});
    return next;
  };
  const admin = async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('Cache-Control', 'no-store');
    return require(req, reply, 'manageUsers');
  };

  app.get('/api/users', async (req, reply) => {
    if (!(await admin(req, reply))) return reply;
    const users: UserSummary[] = (await storage.listUsers()).map((u) => ({
      name: u.name,
      role: u.role,
      createdMs: u.createdMs,
    }));
    return reply.send(users);
  });

  app.post('/api/users', async (req, reply) => {
    const active = await admin(req, reply);
    if (!active) return reply;
    const body = addBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'name, role and password (strings) required' });
    const name = body.data.name.trim();
    const refuse = async (status: number, answer: { error: string; field: string }) => {
      await identity.audit('user-add', active.user.name, name, `refused: ${answer.error}`, req.ip);
      return reply.code(status).send(answer);
    };
    const nameProblem = userNameProblem(name);
    if (nameProblem) return refuse(400, problemBody('name', nameProblem));
    if (!(USER_ROLES as readonly string[]).includes(body.data.role))
      return refuse(400, { error: `role: one of ${USER_ROLES.join(', ')}`, field: 'role' });
    const role = body.data.role as UserRole;
    const problem = passwordProblem(body.data.password);
    if (problem) return refuse(400, problemBody('password', problem));
    const createdMs = Date.now();
    if (!(await serially(() => addUser(storage, name, role, body.data.password, createdMs))))
      return refuse(409, { error: `${name} exists already`, field: 'name' });
    await identity.audit('user-add', active.user.name, name, role, req.ip);
    return reply.code(201).send({ name, role, createdMs } satisfies UserSummary);
  });

  app.delete<{ Params: { name: string } }>('/api/users/:name', async (req, reply) => {
    const active = await admin(req, reply);
    if (!active) return reply;
    const { name } = req.params;
    const outcome = await serially(async () => {
      const target = await storage.getUser(name);
      if (!target) return { status: 404, error: `no user ${name}` };
      // Checked first: the only administrator removing themself hears the reason that matters.
      if (target.role === 'admin') {
        const admins = (await storage.listUsers()).filter((u) => u.role === 'admin').length;
        if (admins <= 1) return { status: 409, error: 'the last administrator cannot be removed' };
      }
      if (name === active.user.name) return { status: 409, error: 'an administrator cannot remove themself' };
      if (!(await storage.removeUser(name))) return { status: 404, error: `no user ${name}` };
      return { status: 204, error: '' };
    });
    await identity.audit(
      'user-remove',
      active.user.name,
      name,
      outcome.status === 204 ? '' : `refused: ${outcome.error}`,
      req.ip,
    );
    return outcome.status === 204 ? reply.code(204).send() : reply.code(outcome.status).send({ error: outcome.error });
  });

  app.put<{ Params: { name: string } }>('/api/users/:name/password', async (req, reply) => {
    const active = await admin(req, reply);
    if (!active) return reply;
    const { name } = req.params;
    const body = passwordBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'password (a string) required', field: 'password' });
    const problem = passwordProblem(body.data.password);
    if (problem) {
      await identity.audit(
        'user-passwd',
        active.user.name,
        name,
        `refused: ${CREDENTIAL_PROBLEM_TEXT[problem]}`,
        req.ip,
      );
      return reply.code(400).send(problemBody('password', problem));
    }
    if (!(await serially(() => setUserPassword(storage, name, body.data.password)))) {
      await identity.audit('user-passwd', active.user.name, name, 'refused: no such user', req.ip);
      return reply.code(404).send({ error: `no user ${name}` });
    }
    await identity.audit('user-passwd', active.user.name, name, 'sessions ended', req.ip);
    return reply.code(204).send();
  });
}
