/**
 * The production web server (buildWebServer: sessions, CSRF, roles, rate limits, proxies) on a free port for tests
 * that need no browser: a stub dist/ in a temporary folder, its own users in SQLite, upstreams that are not there
 * unless a test names them. `signInTo` and `callAs` send what a browser would: the session cookie and CSRF token.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { addUser, Identity } from '../../src/services/web/identity/identity';
import { buildWebServer, type WebServerOptions } from '../../src/services/web/server';
import type { IdentityStorage, UserRole } from '../../src/services/web/storage/identity-storage';
import { openIdentitySqlite } from '../../src/services/web/storage/sqlite/identity-sqlite';

/** Nothing listens there: an upstream a test does not need answers as one that is down. */
export const NO_UPSTREAM_URL = 'http://127.0.0.1:9';

/** `server` (an upstream: the live service's HTTP side, a stub) listening on a free port of 127.0.0.1; its base URL. */
export async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export type TestAccount = readonly [name: string, role: UserRole, password: string];

export interface TestWebServer {
  /** http://127.0.0.1:<port> */
  base: string;
  app: FastifyInstance;
  storage: IdentityStorage;
  /** The temporary folder (dist/ inside); removed by close(). */
  dir: string;
  close(): Promise<void>;
}

export async function startTestWebServer(
  accounts: readonly TestAccount[],
  options: Partial<WebServerOptions> = {},
  dirPrefix = 'gaozhu-web-',
): Promise<TestWebServer> {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist/index.html'), '<!doctype html><div id="root"></div>');
  const storage = openIdentitySqlite(join(dir, 'identity.sqlite'));
  for (const [name, role, password] of accounts) await addUser(storage, name, role, password);
  const app = await buildWebServer({
    distDir: join(dir, 'dist'),
    historyUrl: NO_UPSTREAM_URL,
    liveUrl: NO_UPSTREAM_URL,
    identity: new Identity(storage),
    ...options,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    app,
    storage,
    dir,
    async close() {
      await app.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

/** POST /api/session as a browser would; throws with the answer unless it is 200. */
export async function signInTo(base: string, name: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${name}: HTTP ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrfToken };
}

/** A request as `s` (or signed out): a JSON body, the session's cookie and, unless `csrf` is false, its token. */
export function callAs(
  base: string,
  method: string,
  path: string,
  s: Session | null,
  body?: unknown,
  csrf = true,
): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(s ? { cookie: s.cookie } : {}),
      ...(s && csrf ? { 'x-csrf-token': s.csrfToken } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
