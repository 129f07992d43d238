/**
 * The production web server (src/services/web/) on port 0, serving a tiny fixture build from a temporary directory,
 * with two small node:http servers standing for the history and live services: security headers on the page, caching
 * of hashed assets and of the page, compression, the two proxies on one origin, CORS closed, body, query and rate
 * limits, the run-time configuration and the health endpoint.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ports } from '../../src/services/common/ports';
import { buildWebServer, type WebServerOptions } from '../../src/services/web/server';

interface Upstream {
  server: Server;
  url: string;
  seen: { method: string; url: string; body: string }[];
}

/** Answers every request with JSON naming itself and what it got; adds a permissive CORS header to be stripped. */
async function startUpstream(name: string): Promise<Upstream> {
  const seen: Upstream['seen'] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify({ upstream: name, url: req.url, method: req.method }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const BUNDLE = `export const filler = ${JSON.stringify('const a = 1; '.repeat(400))};\nconsole.log(filler);\n`;
let dist: string;
let history: Upstream;
let live: Upstream;
const servers: FastifyInstance[] = [];

async function start(overrides: Partial<WebServerOptions> = {}): Promise<string> {
  const app = await buildWebServer({ distDir: dist, historyUrl: history.url, liveUrl: live.url, ...overrides });
  servers.push(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

let base: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, 'config'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><html><head><script type="module" crossorigin src="/assets/index-AbC123.js"></script>' +
      '</head><body><div id="root"></div></body></html>',
  );
  writeFileSync(join(dist, 'assets/index-AbC123.js'), BUNDLE);
  writeFileSync(join(dist, 'config/area.json'), '{"fixture":true}');
  writeFileSync(join(dist, 'openapi.yaml'), `openapi: 3.1.0\n${'# padding\n'.repeat(200)}`);
  history = await startUpstream('history');
  live = await startUpstream('live');
  base = await start();
});

afterAll(async () => {
  for (const app of servers) await app.close();
  for (const u of [history, live]) await new Promise((resolve) => u?.server.close(resolve));
  rmSync(dist, { recursive: true, force: true });
});

describe('the page', () => {
  it('carries the security headers: CSP without inline script, nosniff, no referrer, no framing', async () => {
    const res = await fetch(`${base}/wall`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<div id="root">');
    const csp = res.headers.get('content-security-policy') ?? '';
    const directive = (name: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith(`${name} `));
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('default-src')).toBe("default-src 'self'");
    expect(directive('worker-src')).toBe("worker-src 'self' blob:");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('object-src')).toBe("object-src 'none'");
    // The broker on the page's own host, at its WebSocket port.
    expect(directive('connect-src')).toContain(`ws://127.0.0.1:${ports.mqttWs}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is revalidated on every load, at / and at every SPA path', async () => {
    for (const path of ['/', '/wall', '/dispatch', '/progress', '/overview/diagnostics']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect(await res.text(), path).toContain('index-AbC123.js');
    }
  });

  it('is not the answer for a missing asset or an unknown API path', async () => {
    const asset = await fetch(`${base}/assets/index-Gone99.js`);
    expect(asset.status).toBe(404);
    expect(asset.headers.get('content-type')).not.toMatch(/html/);
    expect((await fetch(`${base}/favicon-missing.svg`)).status).toBe(404);
  });
});

describe('assets', () => {
  it('hashed assets are immutable for a year and served compressed (gzip, br)', async () => {
    const gz = await fetch(`${base}/assets/index-AbC123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.status).toBe(200);
    expect(gz.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(gz.headers.get('content-type')).toMatch(/javascript/);
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe(BUNDLE);
    const br = await fetch(`${base}/assets/index-AbC123.js`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(await br.text()).toBe(BUNDLE);
  });

  it('the contract documents (YAML) are compressed too', async () => {
    const res = await fetch(`${base}/openapi.yaml`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });
});

describe('configuration', () => {
  it('/config/runtime.json answers per role, never cached', async () => {
    const pub = await fetch(`${base}/config/runtime.json?role=public`);
    expect(pub.status).toBe(200);
    expect(pub.headers.get('cache-control')).toBe('no-store');
    const body = (await pub.json()) as Record<string, unknown>;
    expect(body.mqttUsername).toBe(process.env.MQTT_WALL_USER ?? 'wall');
    expect(body.mqttWsPort).toBe(ports.mqttWs);
    expect(body.historyBaseUrl).toBe(process.env.HISTORY_PUBLIC_URL ?? '/api');
    const dispatcher = (await (await fetch(`${base}/config/runtime.json?role=dispatcher`)).json()) as {
      mqttUsername: string;
    };
    // Asking for the dispatcher's role is not enough: without a signed-in session the answer is the wall's user.
    expect(dispatcher.mqttUsername).toBe(process.env.MQTT_WALL_USER ?? 'wall');
    expect((await fetch(`${base}/config/runtime.json?role=root`)).status).toBe(400);
  });

  it('/config/area.json is the shipped file when AREA_CONFIG is unset, never cached', async () => {
    const saved = process.env.AREA_CONFIG;
    delete process.env.AREA_CONFIG;
    try {
      const res = await fetch(`${base}/config/area.json`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual({ fixture: true });
    } finally {
      if (saved !== undefined) process.env.AREA_CONFIG = saved;
    }
  });

  it('/config/area.json is AREA_CONFIG’s file when set, read per request', async () => {
    const saved = process.env.AREA_CONFIG;
    const file = join(dist, 'other-area.json');
    writeFileSync(file, '{"other":1}');
    process.env.AREA_CONFIG = file;
    try {
      expect(await (await fetch(`${base}/config/area.json`)).json()).toEqual({ other: 1 });
      writeFileSync(file, '{"other":2}');
      expect(await (await fetch(`${base}/config/area.json`)).json()).toEqual({ other: 2 });
    } finally {
      if (saved === undefined) delete process.env.AREA_CONFIG;
      else process.env.AREA_CONFIG = saved;
    }
  });
});

describe('APIs on the same origin', () => {
  it('/api/series goes to the history service, the alarms API to the live service, paths and queries intact', async () => {
    const series = await fetch(`${base}/api/series?metric=pvKw&entity=area&from=1&to=2`);
    expect(series.status).toBe(200);
    expect(await series.json()).toMatchObject({
      upstream: 'history',
      url: '/api/series?metric=pvKw&entity=area&from=1&to=2',
    });
    const alarms = await fetch(`${base}/api/alarms?scope=area`);
    expect(await alarms.json()).toMatchObject({ upstream: 'live', url: '/api/alarms?scope=area' });
    const seenBefore = live.seen.length;
    const ack = await fetch(`${base}/api/alarms/feeder-1%3Aoverload/ack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"note":"on it"}',
    });
    // An acknowledgement is answered here: without a signed-in session it never reaches the live service.
    expect(ack.status).toBe(401);
    expect(live.seen.length).toBe(seenBefore);
    // The alarm log (recorded events, acknowledgements included) is the history's.
    const log = await fetch(`${base}/api/alarm-log?from=1`);
    expect(await log.json()).toMatchObject({ upstream: 'history', url: '/api/alarm-log?from=1' });
    // The API answers carry the same security headers.
    expect(ack.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('CORS is closed: no Access-Control-Allow-Origin for a foreign origin, preflights and foreign writes refused', async () => {
    const origin = 'http://evil.example';
    const read = await fetch(`${base}/api/series?metric=pvKw`, { headers: { origin } });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull(); // the upstream's '*' is dropped
    const preflight = await fetch(`${base}/api/alarms/a1/ack`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const before = live.seen.length;
    const write = await fetch(`${base}/api/alarms/a1/ack`, {
      method: 'POST',
      headers: { origin, 'content-type': 'text/plain' },
      body: '{"alarmId":"a1"}',
    });
    expect(write.status).toBe(403);
    expect(write.headers.get('access-control-allow-origin')).toBeNull();
    expect(live.seen.length).toBe(before);
    // The page's own origin may write.
    const own = await fetch(`${base}/api/alarms/a1/ack`, {
      method: 'POST',
      headers: { origin: base, 'content-type': 'application/json' },
      body: '{}',
    });
    // Past the CORS check, refused only for want of a session.
    expect(own.status).toBe(401);
  });

  it('an oversized body is refused (413) before it reaches the upstream; a long query string too (414)', async () => {
    const before = history.seen.length + live.seen.length;
    const res = await fetch(`${base}/api/alarms/a1/ack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'x'.repeat(100 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect((await fetch(`${base}/api/series?metric=${'p'.repeat(3000)}`)).status).toBe(414);
    expect(history.seen.length + live.seen.length).toBe(before);
  });

  it('/health reports itself and both upstreams; degraded when one does not answer', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      upstreams: { history: { ok: true, status: 200 }, live: { ok: true, status: 200 } },
    });
    expect(history.seen.some((r) => r.url === '/api/health')).toBe(true);
    expect(live.seen.some((r) => r.url === '/health')).toBe(true);
    const down = await start({ liveUrl: 'http://127.0.0.1:9' });
    const refused = await fetch(`${down}/api/alarms`);
    expect(refused.status).toBe(502);
    expect(await refused.json()).toMatchObject({ error: expect.stringContaining('live service') });
    expect(await (await fetch(`${down}/health`)).json()).toMatchObject({
      status: 'degraded',
      upstreams: { history: { ok: true }, live: { ok: false, status: null } },
    });
  });
});

describe('rate limits', () => {
  it('answers 429 after the burst, writes counted apart and stricter; hashed assets not counted', async () => {
    const limited = await start({ rateLimits: { windowMs: 60_000, readMax: 8, writeMax: 3 } });
    const post = () =>
      fetch(`${limited}/api/alarms/a1/ack`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
    const writes = [];
    for (let i = 0; i < 4; i++) writes.push((await post()).status);
    expect(writes).toEqual([401, 401, 401, 429]);
    const reads = [];
    for (let i = 0; i < 9; i++) reads.push((await fetch(`${limited}/api/series?metric=pvKw`)).status);
    expect(reads.slice(0, 8).every((s) => s === 200)).toBe(true);
    const refused = await fetch(`${limited}/api/series?metric=pvKw`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).not.toBeNull();
    expect((await fetch(`${limited}/assets/index-AbC123.js`)).status).toBe(200);
  });
});
