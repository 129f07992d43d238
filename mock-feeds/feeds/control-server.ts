/**
 * Scenario control of the mock feeds: a small HTTP API on 127.0.0.1 so end-to-end tests and demos can set the world's
 * state (overloads, silent or offline devices, PV trips, clouds, charger faults, feeder faults and planned outages).
 *
 *   GET    /health            liveness and the world clock
 *   GET    /scenarios         active scenarios and the accepted types
 *   POST   /scenarios         {type, deviceId?, province?, durationS?, loadingPct?, factor?, connectorId?, section?} → 201 {id}
 *                              e.g. {"type":"fault","deviceId":"<feederId>","section":1}: trip, FLISR, repair after
 *                              durationS (default drawn from the area's repairH); 409 when the feeder is already out
 *   DELETE /scenarios/:id     204, or 404 when unknown
 *   DELETE /scenarios         200 {cleared}
 *
 * With a token (FEEDS_CONTROL_TOKEN) every route but /health needs `Authorization: Bearer <token>`.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SCENARIO_TYPES, ScenarioError } from '../world/scenarios';
import type { ActiveScenario, World } from '../world/world';

export interface ControlServerOptions {
  port: number;
  host?: string;
  world: World;
  token?: string;
  health: () => Record<string, unknown>;
  /** Called after a scenario was applied or cleared, so the publisher reacts at once. */
  onChange?: (changed: ActiveScenario[]) => void;
  log?: (line: string) => void;
}

export interface RunningControlServer {
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 16 * 1024;

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ScenarioError(400, `body larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function authorised(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '', 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startControlServer(opts: ControlServerOptions): Promise<RunningControlServer> {
  const { world } = opts;
  const log = opts.log ?? (() => {});

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    if (path === '/health') {
      if (method !== 'GET') return send(res, 405, { error: 'use GET' });
      return send(res, 200, { ok: true, ...opts.health() });
    }
    if (!authorised(req, opts.token)) {
      res.setHeader('www-authenticate', 'Bearer');
      return send(res, 401, { error: 'missing or wrong bearer token' });
    }
    if (path === '/scenarios') {
      if (method === 'GET') return send(res, 200, { scenarios: world.listScenarios(), types: SCENARIO_TYPES });
      if (method === 'DELETE') {
        const active = world.listScenarios();
        const cleared = world.clearScenarios();
        if (cleared) log(`cleared ${cleared} scenario(s)`);
        opts.onChange?.(active);
        return send(res, 200, { cleared });
      }
      if (method === 'POST') {
        let body: unknown;
        try {
          body = JSON.parse(await readBody(req));
        } catch (e) {
          if (e instanceof ScenarioError) throw e;
          throw new ScenarioError(400, `body is not JSON: ${(e as Error).message.slice(0, 100)}`);
        }
        const sc = world.applyScenario(body);
        log(
          `scenario ${sc.id}: ${sc.type}${sc.deviceId ? ` ${sc.deviceId}` : ''}${sc.province ? ` ${sc.province}` : ''}`,
        );
        opts.onChange?.([sc]);
        return send(res, 201, { id: sc.id, scenario: sc });
      }
      return send(res, 405, { error: 'use GET, POST or DELETE' });
    }
    const m = /^\/scenarios\/([A-Za-z0-9-]{1,40})$/.exec(path);
    if (m) {
      if (method !== 'DELETE') return send(res, 405, { error: 'use DELETE' });
      const sc = world.listScenarios().find((s) => s.id === m[1]);
      if (!sc || !world.clearScenario(sc.id)) return send(res, 404, { error: `no active scenario "${m[1]}"` });
      log(`cleared scenario ${sc.id}`);
      opts.onChange?.([sc]);
      return send(res, 204);
    }
    return send(res, 404, { error: `no route ${method} ${path}` });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof ScenarioError) return send(res, e.status, { error: e.message });
      log(`control error: ${(e as Error).message}`);
      send(res, 500, { error: 'internal error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
