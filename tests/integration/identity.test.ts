/**
 * Identity on the production web server: sign-in and sessions (cookie, CSRF token), acknowledgements attributed to the
 * session's user on the live service's own HTTP handler (createLiveHttpHandler over a recording stand-in for the
 * alarm engine), the sign-in rate limit, the per-role run-time configuration, the audit log, and the first users.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveHttpHandler } from '../../src/services/live/live-http';
import type { RunningLiveService } from '../../src/services/live/live-service';
import { ensureInitialUsers, Identity } from '../../src/services/web/identity/identity';
import { buildWebServer } from '../../src/services/web/server';
import type { IdentityStorage } from '../../src/services/web/storage/identity-storage';
import { openIdentitySqlite } from '../../src/services/web/storage/sqlite/identity-sqlite';
import { listenOnLoopback, startTestWebServer, type TestWebServer } from '../support/web-server-fixture';

let web: TestWebServer;
let dir: string;
let liveServer: Server;
let storage: IdentityStorage;
let base: string;
const acks: { alarmId: string; by: string; note: string }[] = [];

/** Stands for the alarm engine: alarm "a1" is active; the rest is not. */
const fakeLive = {
  alarms: {
    list: () => [],
    acknowledge: async (alarmId: string, by: string, note: string) => {
      if (alarmId !== 'a1') return { status: 404, error: 'no such active alarm' };
      acks.push({ alarmId, by, note });
      return { status: 201, alarm: { id: alarmId, ack: { by, note } } };
    },
  },
  lastSnapshot: () => null,
  counts: {},
} as unknown as RunningLiveService;

beforeAll(async () => {
  liveServer = createServer(createLiveHttpHandler(fakeLive));
  web = await startTestWebServer(
    [
      ['dispatcher1', 'dispatcher', 'correct horse'],
      ['manager1', 'manager', 'manager pass'],
      ['admin1', 'admin', 'admin pass'],
    ],
    { liveUrl: await listenOnLoopback(liveServer) },
    'identity-',
  );
  ({ base, storage, dir } = web);
});

afterAll(async () => {
  await web?.close();
  await new Promise((r) => liveServer?.close(r));
});

interface Session {
  cookie: string;
  csrfToken: string;
  user: { name: string; role: string };
}

async function signIn(name: string, password: string, headers: Record<string, string> = {}): Promise<Session> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name, password }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const body = (await res.json()) as { csrfToken: string; user: Session['user'] };
  return { cookie: setCookie.split(';')[0]!, csrfToken: body.csrfToken, user: body.user };
}

const ack = (alarmId: string, init: { cookie?: string; csrf?: string; body?: unknown } = {}) =>
  fetch(`${base}/api/alarms/${encodeURIComponent(alarmId)}/ack`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.csrf ? { 'x-csrf-token': init.csrf } : {}),
    },
    body: JSON.stringify(init.body ?? { note: 'on it' }),
  });

describe('sessions', () => {
  it('signs in with an HttpOnly, SameSite=Strict cookie that expires; GET /api/session says who; sign-out ends it', async () => {
    const res = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'dispatcher1', password: 'correct horse' }),
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^gaozhu_session=[A-Za-z0-9_-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/Max-Age=\d+/);
    const cookie = setCookie.split(';')[0]!;
    const who = (await (await fetch(`${base}/api/session`, { headers: { cookie } })).json()) as Session;
    expect(who.user).toEqual({ name: 'dispatcher1', role: 'dispatcher' });
    expect(who.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(await (await fetch(`${base}/api/session`)).json()).toEqual({ user: null });

    const noToken = await fetch(`${base}/api/session`, { method: 'DELETE', headers: { cookie } });
    expect(noToken.status).toBe(403);
    const out = await fetch(`${base}/api/session`, {
      method: 'DELETE',
      headers: { cookie, 'x-csrf-token': who.csrfToken },
    });
    expect(out.status).toBe(204);
    expect(await (await fetch(`${base}/api/session`, { headers: { cookie } })).json()).toEqual({ user: null });
  });

  it('a wrong password and an unknown name get the same 401', async () => {
    const wrong = async (name: string) =>
      fetch(`${base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': name },
        body: JSON.stringify({ name, password: 'nope nope' }),
      });
    const a = await wrong('manager1');
    const b = await wrong('nobody-here');
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(await a.json()).toEqual(await b.json());
  });
});

describe('acknowledgements', () => {
  it('without a session: 401, and the live service never hears of it', async () => {
    const before = acks.length;
    const res = await ack('a1');
    expect(res.status).toBe(401);
    expect(acks.length).toBe(before);
  });

  it('a dispatcher with the CSRF token: 201, attributed to the session’s user whatever the body says', async () => {
    const s = await signIn('dispatcher1', 'correct horse');
    const res = await ack('a1', { cookie: s.cookie, csrf: s.csrfToken, body: { by: 'someone else', note: 'on it' } });
    expect(res.status).toBe(201);
    expect(acks.at(-1)).toEqual({ alarmId: 'a1', by: 'dispatcher1', note: 'on it' });
    expect(await res.json()).toMatchObject({ id: 'a1', ack: { by: 'dispatcher1' } });
    // The live service's own answers come through (an alarm it does not know).
    expect((await ack('gone', { cookie: s.cookie, csrf: s.csrfToken })).status).toBe(404);
  });

  it('without the CSRF token, or with another session’s: 403', async () => {
    const s = await signIn('dispatcher1', 'correct horse');
    const other = await signIn('admin1', 'admin pass');
    const before = acks.length;
    expect((await ack('a1', { cookie: s.cookie })).status).toBe(403);
    expect((await ack('a1', { cookie: s.cookie, csrf: other.csrfToken })).status).toBe(403);
    expect(acks.length).toBe(before);
  });

  it('a manager may not acknowledge (403); an admin may', async () => {
    const m = await signIn('manager1', 'manager pass');
    expect((await ack('a1', { cookie: m.cookie, csrf: m.csrfToken })).status).toBe(403);
    const a = await signIn('admin1', 'admin pass');
    expect((await ack('a1', { cookie: a.cookie, csrf: a.csrfToken })).status).toBe(201);
    expect(acks.at(-1)?.by).toBe('admin1');
  });

  it('every other state-changing request needs a session and its token too', async () => {
    const res = await fetch(`${base}/api/alarm-log`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ alarmId: 'a1', by: 'x' }),
    });
    expect(res.status).toBe(401);
  });
});

describe('sign-in rate limit', () => {
  it('429 with Retry-After after 5 failures for one name, even from other addresses; counted', async () => {
    const limited = await buildWebServer({
      distDir: join(dir, 'dist'),
      historyUrl: 'http://127.0.0.1:9',
      liveUrl: 'http://127.0.0.1:9',
      identity: new Identity(storage),
      trustProxy: true,
    });
    await limited.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(limited.server.address() as AddressInfo).port}`;
    try {
      const attempt = (name: string, password: string, ip: string) =>
        fetch(`${url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
          body: JSON.stringify({ name, password }),
        });
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await attempt('dispatcher1', 'guess', `10.0.0.${i + 1}`)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      // Even the right password waits now, for that name.
      const right = await attempt('dispatcher1', 'correct horse', '10.0.1.1');
      expect(right.status).toBe(429);
      expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
      // Per address: one address trying many names.
      const byAddress = [];
      for (let i = 0; i < 6; i++) byAddress.push((await attempt(`name${i}`, 'guess', '10.9.9.9')).status);
      expect(byAddress.at(-1)).toBe(429);
      // Another name from another address is not held up.
      expect((await attempt('manager1', 'manager pass', '10.0.2.1')).status).toBe(200);
      const health = (await (await fetch(`${url}/health`)).json()) as { signIn: Record<string, number> };
      expect(health.signIn).toMatchObject({ failed: 10, limited: 3, succeeded: 1 });
    } finally {
      await limited.close();
    }
  });
});

describe('run-time configuration per session', () => {
  it('the public (wall) user without a session, the dashboard user to a dispatcher; a manager reads the raw stream too', async () => {
    const wallUser = process.env.MQTT_WALL_USER ?? 'wall';
    const dashboardUser = process.env.MQTT_DASHBOARD_USER ?? 'dashboard';
    const config = async (role: string, cookie?: string) =>
      (
        (await (
          await fetch(`${base}/config/runtime.json?role=${role}`, { headers: cookie ? { cookie } : {} })
        ).json()) as { mqttUsername: string }
      ).mqttUsername;
    expect(await config('public')).toBe(wallUser);
    expect(await config('dispatcher')).toBe(wallUser);
    const d = await signIn('dispatcher1', 'correct horse');
    expect(await config('dispatcher', d.cookie)).toBe(dashboardUser);
    expect(await config('public', d.cookie)).toBe(wallUser);
    const m = await signIn('manager1', 'manager pass');
    expect(await config('dispatcher', m.cookie)).toBe(dashboardUser);
  });
});

describe('audit log', () => {
  it('records sign-ins (and failures), sign-outs and acknowledgements; admins only; CSV export', async () => {
    const d = await signIn('dispatcher1', 'correct horse');
    expect((await fetch(`${base}/api/audit`, { headers: { cookie: d.cookie } })).status).toBe(403);
    expect((await fetch(`${base}/api/audit`)).status).toBe(401);
    const a = await signIn('admin1', 'admin pass');
    const entries = (await (await fetch(`${base}/api/audit`, { headers: { cookie: a.cookie } })).json()) as {
      action: string;
      actor: string;
      target: string;
    }[];
    const actions = new Set(entries.map((e) => e.action));
    for (const action of ['sign-in', 'sign-in-failed', 'sign-out', 'alarm-ack']) expect(actions).toContain(action);
    expect(entries).toContainEqual(
      expect.objectContaining({ action: 'alarm-ack', actor: 'dispatcher1', target: 'a1' }),
    );
    const csv = await fetch(`${base}/api/audit.csv`, { headers: { cookie: a.cookie } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text).toContain('"time","action","user","target","detail","address"'.replaceAll('"', ''));
    expect(text).toContain('"alarm-ack","dispatcher1","a1"');
  });
});

describe('first users', () => {
  it('the admin from the environment on a first start; development users only outside production', async () => {
    const fromEnv = openIdentitySqlite(':memory:');
    expect(
      await ensureInitialUsers(fromEnv, { GAOZHU_ADMIN_USER: 'root', GAOZHU_ADMIN_PASSWORD: 'long secret' }),
    ).toEqual(['root (admin)']);
    expect((await fromEnv.listUsers()).map((u) => [u.name, u.role])).toEqual([['root', 'admin']]);
    expect(await ensureInitialUsers(fromEnv, {})).toEqual([]);
    const dev = openIdentitySqlite(':memory:');
    expect(await ensureInitialUsers(dev, {})).toHaveLength(3);
    const prod = openIdentitySqlite(':memory:');
    expect(await ensureInitialUsers(prod, { NODE_ENV: 'production' })).toEqual([]);
    for (const s of [fromEnv, dev, prod]) await s.close();
  });
});
