/**
 * The live service's HTTP side: GET /health, GET /api/alarms (the active list, in full) and
 * POST /api/alarms/<id>/ack with {by, note}. The app's server proxies /api/alarms here (vite.config.ts).
 * The thresholds it applies (src/core/contract/thresholds-api.ts): GET /api/thresholds, PUT /api/thresholds,
 * POST /api/thresholds/revert. Loopback only: the web server forwards an administrator's requests, naming the user.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  thresholdsChangeBodySchema,
  thresholdsProblem,
  thresholdsRevertBodySchema,
} from '../../core/contract/thresholds-api';
import type { RunningLiveService } from './live-service';

/**
 * Sign-in does not exist yet (a later issue): `by` is taken from the body as the dispatcher typed it. When it does,
 * `by` comes from the session and the body's is ignored.
 */
const ackBody = z.object({
  by: z.string().trim().min(1).max(80),
  note: z.string().max(500).optional().default(''),
});

const MAX_BODY_BYTES = 8_192;
const ACK_PATH = /^\/api\/alarms\/([^/]+)\/ack$/;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

/** The body as JSON, or the answer already sent (400) when it is too large or not JSON. */
async function readJson(req: IncomingMessage, res: ServerResponse): Promise<{ json: unknown } | null> {
  const raw = await readBody(req);
  if (raw === null) {
    send(res, 400, { error: `body larger than ${MAX_BODY_BYTES} bytes`, field: '(body)', problem: 'too large' });
    return null;
  }
  try {
    return { json: JSON.parse(raw) };
  } catch {
    send(res, 400, { error: 'body is not JSON', field: '(body)', problem: 'not JSON' });
    return null;
  }
}

async function thresholdsRoute(
  service: RunningLiveService,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  if (path === '/api/thresholds') {
    if (req.method === 'GET') return send(res, 200, service.thresholds.list());
    if (req.method !== 'PUT') return send(res, 405, { error: 'GET or PUT only' });
    const body = await readJson(req, res);
    if (!body) return;
    const parsed = thresholdsChangeBodySchema.safeParse(body.json);
    if (!parsed.success) return send(res, 400, thresholdsProblem(parsed.error.issues));
    const { thresholds, by, note } = parsed.data;
    return send(res, 201, await service.thresholds.change(thresholds, by, note));
  }
  // /api/thresholds/revert
  if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
  const body = await readJson(req, res);
  if (!body) return;
  const parsed = thresholdsRevertBodySchema.safeParse(body.json);
  if (!parsed.success) return send(res, 400, thresholdsProblem(parsed.error.issues));
  const v = await service.thresholds.revert(parsed.data.version, parsed.data.by, parsed.data.note);
  return v ? send(res, 201, v) : send(res, 404, { error: `no thresholds version ${parsed.data.version}` });
}

export function createLiveHttpHandler(service: RunningLiveService) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path === '/health') {
      const snap = service.lastSnapshot();
      return send(res, 200, {
        status: snap ? 'ok' : 'starting',
        counts: service.counts,
        dataTimeMs: snap?.dataTimeMs ?? null,
        area: snap ? { status: snap.figures.area.status, coverage: snap.figures.area.coverage } : null,
        // For a region's capacity figures (npm run bench:region): what this process holds.
        heapUsedBytes: process.memoryUsage().heapUsed,
      });
    }
    if (path === '/api/thresholds' || path === '/api/thresholds/revert')
      return thresholdsRoute(service, req, res, path);
    if (req.method === 'GET' && path === '/api/alarms') return send(res, 200, service.alarms.list());
    const m = ACK_PATH.exec(path);
    if (m) {
      if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
      let alarmId: string;
      try {
        alarmId = decodeURIComponent(m[1] as string);
      } catch {
        return send(res, 400, { error: 'bad alarm id' });
      }
      const raw = await readBody(req);
      if (raw === null) return send(res, 400, { error: `body larger than ${MAX_BODY_BYTES} bytes` });
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return send(res, 400, { error: 'body is not JSON' });
      }
      const body = ackBody.safeParse(json);
      if (!body.success)
        return send(res, 400, { error: 'by must be 1–80 characters, note at most 500', issues: body.error.issues });
      const r = await service.alarms.acknowledge(alarmId, body.data.by, body.data.note);
      return r.status === 201 ? send(res, 201, r.alarm) : send(res, r.status, { error: r.error });
    }
    send(res, 404, { error: 'not found' });
  };
}
