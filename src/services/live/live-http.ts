/**
 * The live service's HTTP side: GET /health, GET /api/alarms (the active list, in full) and
 * POST /api/alarms/<id>/ack with {by, note}. The app's server proxies /api/alarms here (vite.config.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
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
      });
    }
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
