/**
 * `npm start`'s app server (the launcher starts it once the build exists): dist/ and the APIs on one origin, on
 * APP_PORT (4173) at BIND_HOST. Environment, beyond the ports:
 *   WEB_DIST_DIR           the build to serve (default: dist/)
 *   WEB_TRUST_PROXY=1      behind a reverse proxy terminating TLS: client address and host from X-Forwarded-*
 *   WEB_RATE_READ_PER_MIN  reads per minute and client address (default 1200; hashed assets are not counted)
 *   WEB_RATE_WRITE_PER_MIN writes (POST, PUT, PATCH, DELETE) per minute and client address (default 60)
 *   LOG_LEVEL              the server's log (default warn: errors only; info adds a line per request)
 *   HISTORY_DB             the database file whose users, sessions and audit_log tables hold the identities
 *                          (default .data/history.sqlite; WEB_IDENTITY_DB overrides it for this server alone)
 *   GAOZHU_ADMIN_USER, GAOZHU_ADMIN_PASSWORD   the first admin, created on a start with no users; without them and
 *                          unless NODE_ENV=production, the development users (identity.ts DEV_USERS) are created
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMetricsRegistry } from '../common/metrics';
import { BIND_HOST, ports } from '../common/ports';
import { ensureInitialUsers, Identity } from './identity/identity';
import { buildWebServer, DEFAULT_RATE_LIMITS } from './server';
import { identityDbPath, openIdentitySqlite } from './storage/sqlite/identity-sqlite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const log = (line: string) => console.log(`[web] ${line}`);

const perMinute = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`[web] ${name}="${raw}" is not a positive integer`);
    process.exit(1);
  }
  return n;
};

const distDir = resolve(process.env.WEB_DIST_DIR ?? join(ROOT, 'dist'));
if (!existsSync(join(distDir, 'index.html'))) {
  console.error(`[web] ${join(distDir, 'index.html')} not found: build the app first (npm run build)`);
  process.exit(1);
}
// The services listen on BIND_HOST; a wildcard address is reached through loopback.
const upstreamHost = BIND_HOST === '0.0.0.0' || BIND_HOST === '::' ? '127.0.0.1' : BIND_HOST;
const hostInUrl = upstreamHost.includes(':') ? `[${upstreamHost}]` : upstreamHost;

const identityDb = identityDbPath();
let identity: Identity;
try {
  const storage = openIdentitySqlite(identityDb);
  identity = new Identity(storage);
  const created = await ensureInitialUsers(storage);
  if (created.length) log(`no users in ${identityDb}: created ${created.join(', ')}`);
  else if ((await storage.countUsers()) === 0)
    log(`no users in ${identityDb}: set GAOZHU_ADMIN_USER and GAOZHU_ADMIN_PASSWORD, or add one (npm run user -- add)`);
} catch (e) {
  console.error(`[web] cannot open the users' database ${identityDb}: ${(e as Error).message}`);
  process.exit(1);
}

const app = await buildWebServer({
  distDir,
  identity,
  historyUrl: `http://${hostInUrl}:${ports.history}`,
  liveUrl: `http://${hostInUrl}:${ports.live}`,
  trustProxy: process.env.WEB_TRUST_PROXY === '1',
  rateLimits: {
    windowMs: 60_000,
    readMax: perMinute('WEB_RATE_READ_PER_MIN', DEFAULT_RATE_LIMITS.readMax),
    writeMax: perMinute('WEB_RATE_WRITE_PER_MIN', DEFAULT_RATE_LIMITS.writeMax),
  },
  logger: { level: process.env.LOG_LEVEL ?? 'warn' },
  metrics: createMetricsRegistry('web', { processMetrics: true }),
});

try {
  await app.listen({ port: ports.appPreview, host: BIND_HOST });
} catch (e) {
  console.error(`[web] cannot listen on ${BIND_HOST}:${ports.appPreview}: ${(e as Error).message}`);
  process.exit(1);
}
log(`serving ${distDir} on http://${BIND_HOST}:${ports.appPreview} (history ${ports.history}, live ${ports.live})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Open keep-alive sockets would hold close() up; in-flight requests get their answers first.
    void app.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 3_000).unref();
  });
}
