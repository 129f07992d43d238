/**
 * The production web server (`npm start`): the built app from dist/, its run-time configuration, and the history and
 * live services' HTTP APIs behind one origin, with security headers, caching that suits hashed assets, compression and
 * request limits. Built as a function so tests start it on port 0 against a fixture dist/ and fake upstreams.
 *
 *   /assets/*              hashed build output: immutable for a year
 *   /, /wall, /dispatch …  index.html (the SPA fallback for any extension-less path): revalidated on every load
 *   /config/runtime.json   per role, from the environment (runtime-config.ts, shared with the dev server): the
 *                          dashboard's MQTT user only to a signed-in session whose role reads the raw stream; no-store
 *   /config/area.json      AREA_CONFIG's file, else the shipped one: no-store
 *   /api/session, /api/audit(.csv)   sign-in, sessions, the audit log (identity/identity-routes.ts)
 *   /api/alarms/<id>/ack   answered here for a signed-in dispatcher or admin, then the live service with `by` = them
 *   /api/alarms            the live service (the active alarms)
 *   /api/thresholds(/revert)   admins: the live service's thresholds, with `by` = them, audited (thresholds-routes.ts)
 *   /api/*                 the history service (the rest, the alarm log included)
 *   /api/screens(/heartbeat)   the screens' health: any screen reports, dispatchers and admins list (screen-health-routes.ts)
 *   /health                this server, and whether both upstreams answer
 *   /metrics               Prometheus (from this PC or for an admin): the screens' gauges, heartbeat counts, the process's
 * Every state-changing request but a screen's heartbeat needs a session and its CSRF token (identity-routes.ts).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { relative, sep } from 'node:path';
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import proxy from '@fastify/http-proxy';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  type RawServerBase,
  type RouteGenericInterface,
} from 'fastify';
import { createMetricsRegistry, type Registry } from '../common/metrics';
import { cspDirectives } from './content-security-policy';
import { Identity, type IdentityOptions, may } from './identity/identity';
import { registerIdentityRoutes } from './identity/identity-routes';
import {
  AREA_CONFIG_PATH,
  areaConfigAnswer,
  type PublicEndpoints,
  publicEndpoints,
  RUNTIME_CONFIG_PATH,
  runtimeConfigAnswer,
} from './runtime-config';
import { DEFAULT_HEARTBEATS_PER_MIN, registerScreenHealthRoutes } from './screen-health-routes';
import { ScreenHealthStore, type ScreenHealthStoreOptions } from './screen-health-store';
import { registerThresholdsRoutes } from './thresholds-routes';

/** Requests from this PC itself (a local Prometheus, the launcher's checks). */
const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
export interface RateLimits {
  windowMs: number;
  /** Requests per window and client address that read (GET, HEAD). Hashed assets are not counted. */
  readMax: number;
  /** Requests per window and client address that change something (POST, PUT, PATCH, DELETE): a separate count. */
  writeMax: number;
}

export interface WebServerOptions {
  /** The built app (index.html, assets/, config/ …). */
  distDir: string;
  /** Base URLs of the upstreams, e.g. http://127.0.0.1:8787. */
  historyUrl: string;
  liveUrl: string;
  /** The API's JSON bodies are small (an acknowledgement is a few hundred bytes). */
  bodyLimitBytes?: number;
  maxQueryLength?: number;
  rateLimits?: RateLimits;
  /** Behind a reverse proxy (TLS, see README.md): client address and host from X-Forwarded-*. */
  trustProxy?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** Where the browser finds the broker and history (default: the environment, read per request). */
  endpoints?: () => PublicEndpoints;
  /** Users, sessions and the audit log (default: an empty in-memory store, so nobody can sign in). */
  identity?: Identity;
  identityOptions?: IdentityOptions;
  /** The screens' health reports: the clock (tests pass their own), how many screens are kept. */
  screenHealth?: ScreenHealthStoreOptions & { heartbeatsPerMin?: number };
  /** Served on GET /metrics (default: a registry of its own, without the process's figures). */
  metrics?: Registry;
}

export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;
/** The app's longest query (a series request with an entity id and two times) is under 200 characters. */
export const DEFAULT_MAX_QUERY_LENGTH = 2048;
/**
 * Generous for people (a page load is a handful of counted requests; screens poll the API every few seconds) and for
 * several screens behind one address, tight for a script: 2,100 acknowledgements in 3.6 s becomes 60 a minute.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = { windowMs: 60_000, readMax: 1200, writeMax: 60 };
const UPSTREAM_HEALTH_TIMEOUT_MS = 1_000;

const READ_METHODS = new Set(['GET', 'HEAD']);
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Text the browser loads: scripts, styles, JSON, SVG, YAML (the contracts), HTML, CSV exports. Fonts are compressed. */
const COMPRESSIBLE = /^(?:text\/|application\/(?:javascript|json|(?:x-)?yaml|manifest\+json)|image\/svg\+xml)|\+json/;

const pathOf = (url: string) => url.split('?', 1)[0]!;

/** The SPA's pages are extension-less paths outside the served prefixes; anything else missing is a plain 404. */
function isPagePath(path: string): boolean {
  if (/^\/(?:api|assets|config)(?:\/|$)/.test(path) || path === '/health') return false;
  return !/\.[a-z0-9]+$/i.test(path.slice(path.lastIndexOf('/') + 1));
}

export async function buildWebServer(opts: WebServerOptions): Promise<FastifyInstance> {
  const bodyLimit = opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const maxQueryLength = opts.maxQueryLength ?? DEFAULT_MAX_QUERY_LENGTH;
  const limits = opts.rateLimits ?? DEFAULT_RATE_LIMITS;
  const endpoints = opts.endpoints ?? (() => publicEndpoints());
  const trustProxy = opts.trustProxy ?? false;
  const identity =
    opts.identity ??
    new Identity(
      (await import('./storage/sqlite/identity-sqlite')).openIdentitySqlite(':memory:'),
      opts.identityOptions,
    );
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy,
    bodyLimit,
    // A client gets this long to send its headers and body (slow-loris); answers may take longer (CSV exports).
    requestTimeout: 15_000,
  });
  const hostOf = (req: { headers: Record<string, string | string[] | undefined> }): string | undefined => {
    const forwarded = trustProxy ? req.headers['x-forwarded-host'] : undefined;
    const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim() ?? req.headers.host;
    return typeof host === 'string' ? host : undefined;
  };

  // Security headers on every answer, proxied ones included. HSTS is left to the TLS-terminating proxy: sent over
  // plain HTTP on a LAN it would only be ignored, or pin a host name to HTTPS that nobody serves.
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(endpoints, hostOf) },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });

  await app.register(rateLimit, {
    global: true,
    timeWindow: limits.windowMs,
    // Separate counts: a burst of reads never uses up a client's writes, nor the reverse.
    keyGenerator: (req) => `${normalizeIP(req.ip)} ${READ_METHODS.has(req.method) ? 'read' : 'write'}`,
    max: (req) => (READ_METHODS.has(req.method) ? limits.readMax : limits.writeMax),
    // Hashed assets are immutable and cheap; a first page load fetches dozens (font subsets).
    allowList: (req) => READ_METHODS.has(req.method) && req.url.startsWith('/assets/'),
  });

  app.addHook('onRequest', async (req, reply) => {
    const query = req.url.indexOf('?');
    if (query >= 0 && req.url.length - query - 1 > maxQueryLength)
      return reply.code(414).send({ error: `query string longer than ${maxQueryLength} characters` });
    // CORS stays closed: no Access-Control-Allow-* header is ever sent, so a preflight is refused outright.
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'])
      return reply.code(403).send({ error: 'cross-origin requests are not allowed' });
    if (READ_METHODS.has(req.method) || req.method === 'OPTIONS') return;
    // A foreign page can still send a "simple" cross-origin POST without a preflight: refuse writes not from here.
    if (isCrossOrigin(req, hostOf(req)))
      return reply.code(403).send({ error: 'cross-origin requests are not allowed' });
    // The proxied bodies are streamed to the upstream, not parsed here, so Fastify's bodyLimit would not see them.
    const length = req.headers['content-length'];
    if (length === undefined && req.headers['transfer-encoding'])
      return reply.code(411).send({ error: 'a request body needs a Content-Length' });
    if (length !== undefined && !(Number(length) <= bodyLimit))
      return reply.code(413).send({ error: `request body larger than ${bodyLimit} bytes` });
  });

  await app.register(cookie);
  const sessionOf = registerIdentityRoutes(app, { identity, liveUrl: opts.liveUrl });
  registerThresholdsRoutes(app, { identity, liveUrl: opts.liveUrl, sessionOf });
  const metrics = opts.metrics ?? createMetricsRegistry('web');
  registerScreenHealthRoutes(app, {
    store: new ScreenHealthStore(opts.screenHealth),
    metrics,
    sessionOf,
    heartbeatsPerMin: opts.screenHealth?.heartbeatsPerMin ?? DEFAULT_HEARTBEATS_PER_MIN,
  });
  // Unlike the other services (loopback only), this server faces the hall's network: the metrics name every screen,
  // so they go to a scraper on this PC (or behind the same proxy) or to a signed-in admin, not to any lobby visitor.
  app.get('/metrics', async (req, reply) => {
    reply.header('Cache-Control', 'no-store');
    const active = LOOPBACK_ADDRESSES.has(req.ip) ? null : await sessionOf(req);
    if (!LOOPBACK_ADDRESSES.has(req.ip) && !(active && may(active.user.role, 'audit')))
      return reply.code(403).send({ error: 'metrics: from this PC or for an admin only' });
    return reply.type(metrics.contentType).send(await metrics.metrics());
  });

  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    // On the fly: brotli's default quality (11) costs seconds on a 1.5 MB bundle; 5 is fast and still beats gzip.
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } },
    customTypes: COMPRESSIBLE,
  });

  // Upstream CORS headers are dropped, so the one origin's policy is this server's alone.
  const withoutCors = <H extends IncomingHttpHeaders>(headers: H): H => {
    for (const name of Object.keys(headers)) if (name.toLowerCase().startsWith('access-control-')) delete headers[name];
    return headers;
  };
  // The live service answers the alarms API (the active list, an alarm's acknowledgement); the rest of /api, the
  // history's alarm log included, is the history service's: the same split as the dev server's
  // proxy table in vite.config.ts. The router prefers these routes over the /api/* wildcard.
  await app.register(proxy, {
    upstream: opts.liveUrl,
    prefix: '/api/alarms',
    rewritePrefix: '/api/alarms',
    // The acknowledgement is answered by identity-routes.ts, which forwards it with the session's user.
    routes: ['/'],
    replyOptions: { rewriteHeaders: withoutCors, onError: upstreamFailed('live') },
  });
  await app.register(proxy, {
    upstream: opts.historyUrl,
    prefix: '/api',
    rewritePrefix: '/api',
    replyOptions: { rewriteHeaders: withoutCors, onError: upstreamFailed('history') },
  });

  await app.register(fastifyStatic, {
    root: opts.distDir,
    prefix: '/',
    wildcard: true,
    index: ['index.html'],
    cacheControl: false,
    setHeaders: (reply, file) => {
      const rel = relative(opts.distDir, file).split(sep).join('/');
      reply.header(
        'Cache-Control',
        rel.startsWith('assets/') ? IMMUTABLE : rel.startsWith('config/') ? 'no-store' : 'no-cache',
      );
    },
  });

  app.get(RUNTIME_CONFIG_PATH, async (req, reply) => {
    const active = await sessionOf(req);
    const answer = runtimeConfigAnswer(req.url.split('?')[1] ?? '', !!active && may(active.user.role, 'rawStream'));
    return reply.code(answer.status).header('Cache-Control', 'no-store').type('application/json').send(answer.body);
  });
  app.get(AREA_CONFIG_PATH, async (_req, reply) => {
    const answer = areaConfigAnswer();
    if (!answer) return reply.sendFile('config/area.json');
    return reply.code(answer.status).header('Cache-Control', 'no-store').type('application/json').send(answer.body);
  });

  app.get('/health', async (_req, reply) => {
    const [history, live] = await Promise.all([
      probe(`${opts.historyUrl}/api/health`),
      probe(`${opts.liveUrl}/health`),
    ]);
    return reply.header('Cache-Control', 'no-store').send({
      status: history.ok && live.ok ? 'ok' : 'degraded',
      upstreams: { history, live },
      signIn: identity.limiter.counts,
    });
  });

  app.setNotFoundHandler(async (req, reply) => {
    if (READ_METHODS.has(req.method) && isPagePath(pathOf(req.url)))
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    return reply.code(404).send({ error: `not found: ${pathOf(req.url).slice(0, 80)}` });
  });

  return app;
}

/**
 * A service that is down (restarting, say) answers 502 naming it, not a bare 500: the screens show their "no
 * history" state and retry; a timeout keeps its 504.
 */
function upstreamFailed(service: 'history' | 'live') {
  return (
    reply: FastifyReply<RouteGenericInterface, RawServerBase>,
    { error }: { error: Error & { statusCode?: number } },
  ) => {
    const status = error.statusCode === 504 ? 504 : 502;
    void reply.code(status).send({ error: `the ${service} service did not answer (${error.message})` });
  };
}

function isCrossOrigin(req: FastifyRequest, host: string | undefined): boolean {
  if (req.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false; // not a browser (curl, the tests, the CLI)
  try {
    return new URL(origin).host !== host;
  } catch {
    return true; // "null" (sandboxed frames, file:) and anything unparsable
  }
}

interface UpstreamHealth {
  ok: boolean;
  status: number | null;
  ms: number;
  error?: string;
}

async function probe(url: string): Promise<UpstreamHealth> {
  const startedMs = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(UPSTREAM_HEALTH_TIMEOUT_MS) });
    await res.arrayBuffer();
    return { ok: res.ok, status: res.status, ms: Math.round(performance.now() - startedMs) };
  } catch (e) {
    const error = (e as Error).name === 'TimeoutError' ? 'timeout' : ((e as Error).cause as Error)?.message;
    return { ok: false, status: null, ms: Math.round(performance.now() - startedMs), error: error ?? 'unreachable' };
  }
}
