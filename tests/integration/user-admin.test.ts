/**
 * User management on the production web server (/api/users, user-routes.ts) over a real SQLite identity file: an
 * administrator adds a user who can then sign in, resets a password (the old one stops working, the user's session
 * ends) and removes users; another role gets 403, a signed-out request 401, a write without the CSRF token 403; the
 * CLI's name and password rules apply; nobody removes themself or the last administrator; and every change, refused
 * ones included, is in the audit log with the administrator as actor. No hash ever leaves the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT_URL,
  type AuditEntryAnswer,
  auditEntrySchema,
  MIN_PASSWORD_LENGTH,
} from '../../src/core/contract/users-api';
import { addUser } from '../../src/services/web/identity/identity';
import type { IdentityStorage } from '../../src/services/web/storage/identity-storage';
import { callAs, type Session, signInTo, startTestWebServer, type TestWebServer } from '../support/web-server-fixture';

let web: TestWebServer;
let storage: IdentityStorage;
let base: string;

beforeAll(async () => {
  web = await startTestWebServer(
    [
      ['admin1', 'admin', 'admin1 password'],
      ['dispatcher1', 'dispatcher', 'dispatcher1 password'],
    ],
    // Neither upstream is needed: the users API is answered by the web server itself. More writes a minute than a
    // person makes (the default allows 60 per address).
    { rateLimits: { windowMs: 60_000, readMax: 1200, writeMax: 1000 } },
    'user-admin-',
  );
  ({ base, storage } = web);
});

afterAll(async () => {
  await web?.close();
});

async function trySignIn(name: string, password: string): Promise<Response> {
  return fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
}

const signIn = (name: string, password: string) => signInTo(base, name, password);
const call = (method: string, path: string, s: Session | null, body?: unknown, csrf = true) =>
  callAs(base, method, path, s, body, csrf);

/** The log as the admin screen reads it: every entry must pass the contract's schema the screen parses with. */
const audit = async (s: Session): Promise<AuditEntryAnswer[]> =>
  auditEntrySchema.array().parse(await (await call('GET', AUDIT_URL, s)).json());

describe('/api/users', () => {
  it('lets an administrator add a user who can then sign in; the list never carries a hash', async () => {
    const admin = await signIn('admin1', 'admin1 password');
    expect((await trySignIn('张调度', 'a new password')).status).toBe(401);
    const added = await call('POST', '/api/users', admin, {
      name: ' 张调度 ',
      role: 'dispatcher',
      password: 'a new password',
    });
    expect(added.status, await added.clone().text()).toBe(201);
    expect(await added.json()).toMatchObject({ name: '张调度', role: 'dispatcher' });

    const who = await signIn('张调度', 'a new password');
    const session = await (await fetch(`${base}/api/session`, { headers: { cookie: who.cookie } })).json();
    expect(session.user).toEqual({ name: '张调度', role: 'dispatcher' });

    const listed = await call('GET', '/api/users', admin);
    expect(listed.status).toBe(200);
    expect(listed.headers.get('cache-control')).toBe('no-store');
    const text = await listed.text();
    const users = JSON.parse(text) as { name: string; role: string; createdMs: number }[];
    expect(users.map((u) => u.name).sort()).toEqual(['admin1', 'dispatcher1', '张调度'].sort());
    for (const u of users) expect(Object.keys(u).sort()).toEqual(['createdMs', 'name', 'role']);
    const stored = await storage.getUser('张调度');
    expect(text).not.toContain(stored!.passwordHash);
    expect(text).not.toContain(stored!.passwordSalt);

    const again = await call('POST', '/api/users', admin, { name: '张调度', role: 'manager', password: 'another one' });
    expect(again.status).toBe(409);
    expect((await storage.getUser('张调度'))!.role).toBe('dispatcher');
  });

  it('refuses a name, role or password the CLI would refuse, naming the field', async () => {
    const admin = await signIn('admin1', 'admin1 password');
    const short = 'x'.repeat(MIN_PASSWORD_LENGTH - 1);
    const cases = [
      { body: { name: 'shorty', role: 'manager', password: short }, field: 'password', words: 'at least' },
      { body: { name: '', role: 'manager', password: 'long enough' }, field: 'name', words: 'printable' },
      { body: { name: 'bell\u0007', role: 'manager', password: 'long enough' }, field: 'name', words: 'printable' },
      { body: { name: 'n'.repeat(65), role: 'manager', password: 'long enough' }, field: 'name', words: 'printable' },
      { body: { name: 'boss', role: 'root', password: 'long enough' }, field: 'role', words: 'dispatcher' },
    ];
    for (const { body, field, words } of cases) {
      const res = await call('POST', '/api/users', admin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const answer = (await res.json()) as { field: string; error: string; problem?: string };
      expect(answer.field).toBe(field);
      expect(answer.error).toContain(words);
      if (field === 'password') expect(answer).toMatchObject({ problem: 'password-short' });
    }
    expect(await storage.getUser('shorty')).toBeNull();
    expect(await storage.getUser('boss')).toBeNull();
    expect((await call('POST', '/api/users', admin, { name: 'x' })).status).toBe(400);
  });

  it('answers 401 signed out, 403 to a dispatcher, 403 without the CSRF token, and changes nothing', async () => {
    const dispatcher = await signIn('dispatcher1', 'dispatcher1 password');
    const admin = await signIn('admin1', 'admin1 password');
    const body = { name: 'intruder', role: 'admin', password: 'intruder password' };

    expect((await call('GET', '/api/users', null)).status).toBe(401);
    expect((await call('POST', '/api/users', null, body)).status).toBe(401);
    expect((await call('GET', '/api/users', dispatcher)).status).toBe(403);
    const denied = await call('POST', '/api/users', dispatcher, body);
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: string }).error).toContain('dispatcher role');
    expect((await call('DELETE', '/api/users/admin1', dispatcher)).status).toBe(403);
    expect((await call('PUT', '/api/users/admin1/password', dispatcher, { password: 'taken over!' })).status).toBe(403);

    const noCsrf = await call('POST', '/api/users', admin, body, false);
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as { error: string }).error).toContain('x-csrf-token');
    expect((await call('DELETE', '/api/users/dispatcher1', admin, undefined, false)).status).toBe(403);
    expect((await call('PUT', '/api/users/admin1/password', admin, { password: 'taken over!' }, false)).status).toBe(
      403,
    );

    expect(await storage.getUser('intruder')).toBeNull();
    expect(await storage.getUser('dispatcher1')).not.toBeNull();
  });

  it('resets a password: the old one stops working and the user is signed out', async () => {
    const admin = await signIn('admin1', 'admin1 password');
    await addUser(storage, 'manager1', 'manager', 'manager1 password');
    const manager = await signIn('manager1', 'manager1 password');

    const weak = await call('PUT', '/api/users/manager1/password', admin, { password: 'short' });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { field: string }).field).toBe('password');
    expect((await call('PUT', '/api/users/nobody/password', admin, { password: 'long enough' })).status).toBe(404);

    expect((await call('PUT', '/api/users/manager1/password', admin, { password: 'manager1 new pass' })).status).toBe(
      204,
    );
    expect((await trySignIn('manager1', 'manager1 password')).status).toBe(401);
    await signIn('manager1', 'manager1 new pass');
    const old = await (await fetch(`${base}/api/session`, { headers: { cookie: manager.cookie } })).json();
    expect(old.user).toBeNull();
  });

  it('removes a user (and their session), never the last administrator nor oneself', async () => {
    const admin = await signIn('admin1', 'admin1 password');
    await addUser(storage, 'leaving', 'dispatcher', 'leaving password');
    const leaving = await signIn('leaving', 'leaving password');

    expect((await call('DELETE', '/api/users/leaving', admin)).status).toBe(204);
    expect(await storage.getUser('leaving')).toBeNull();
    expect(
      (await (await fetch(`${base}/api/session`, { headers: { cookie: leaving.cookie } })).json()).user,
    ).toBeNull();
    expect((await call('DELETE', '/api/users/leaving', admin)).status).toBe(404);

    const last = await call('DELETE', '/api/users/admin1', admin);
    expect(last.status).toBe(409);
    expect(((await last.json()) as { error: string }).error).toContain('last administrator');

    await addUser(storage, 'admin2', 'admin', 'admin2 password');
    const self = await call('DELETE', '/api/users/admin1', admin);
    expect(self.status).toBe(409);
    expect(((await self.json()) as { error: string }).error).toContain('themself');

    // Another administrator may remove admin1 (whose session ends), and is then the last one.
    const admin2 = await signIn('admin2', 'admin2 password');
    expect((await call('DELETE', '/api/users/admin1', admin2)).status).toBe(204);
    expect((await call('GET', '/api/users', admin)).status).toBe(401);
    expect((await call('DELETE', '/api/users/admin2', admin2)).status).toBe(409);
    expect(await storage.getUser('admin2')).not.toBeNull();

    await addUser(storage, 'admin1', 'admin', 'admin1 password');
    const back = await signIn('admin1', 'admin1 password');
    expect((await call('DELETE', '/api/users/admin2', back)).status).toBe(204);
    const users = (await (await call('GET', '/api/users', back)).json()) as { name: string; role: string }[];
    expect(users.filter((u) => u.role === 'admin').map((u) => u.name)).toEqual(['admin1']);
  });

  it('has every change and refusal in the audit log, newest first, with the administrator as actor', async () => {
    const admin = await signIn('admin1', 'admin1 password');
    const entries = await audit(admin);
    const of = (action: string, target: string) => entries.filter((e) => e.action === action && e.target === target);

    expect(of('user-add', '张调度').map((e) => e.detail)).toEqual(['refused: 张调度 exists already', 'dispatcher']);
    expect(of('user-add', '张调度').every((e) => e.actor === 'admin1' && e.address === '127.0.0.1')).toBe(true);
    expect(of('user-add', 'shorty')[0]!.detail).toMatch(/^refused: a password has at least/);
    expect(of('user-passwd', 'manager1').map((e) => e.detail)).toEqual([
      'sessions ended',
      expect.stringMatching(/^refused: a password/),
    ]);
    expect(of('user-remove', 'leaving').map((e) => e.detail)).toEqual([expect.stringMatching(/^refused: no user/), '']);
    expect(of('user-remove', 'admin1').map((e) => `${e.actor} ${e.detail}`)).toEqual([
      'admin2 ',
      'admin1 refused: an administrator cannot remove themself',
      'admin1 refused: the last administrator cannot be removed',
    ]);
    expect(of('user-remove', 'admin2').map((e) => `${e.actor} ${e.detail}`)).toEqual([
      'admin1 ',
      'admin2 refused: the last administrator cannot be removed',
    ]);
    // Refused for lack of a right or a CSRF token: never reached the route, so nothing to attribute.
    expect(of('user-add', 'intruder')).toEqual([]);

    const csv = await call('GET', '/api/audit.csv', admin);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('"user-add","admin1","张调度","dispatcher","127.0.0.1"');
  });
});
