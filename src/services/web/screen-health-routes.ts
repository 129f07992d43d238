/**
 * The screens' health (src/core/contract/screen-health-api.ts):
 *   POST /api/screens/heartbeat   any screen, no session (the wall has none): its fps, heap, data age → 204; 400 for
 *                                 a body that is not a heartbeat, 413 over HEARTBEAT_BODY_LIMIT_BYTES, 429 over its
 *                                 own rate limit; every refusal counted by reason (the listing and /metrics)
 *   GET  /api/screens             dispatchers and admins: every screen's last report, its age and state
 * and the gauges gaozhu_screen_fps, gaozhu_screen_data_age_seconds and gaozhu_screen_report_age_seconds per screen on
 * the server's /metrics, read from the store at scrape time, so an evicted screen's series goes with it.
 * The heartbeat is exempt from the session and CSRF guard (identity-routes.ts) but not from the server's same-origin
 * check on writes (server.ts): a foreign page cannot post one from a visitor's browser.
 */
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  HEARTBEAT_BODY_LIMIT_BYTES,
  SCREEN_HEARTBEAT_PATH,
  SCREENS_PATH,
  type ScreenList,
  screenHeartbeatSchema,
} from '../../core/contract/screen-health-api';
import { Counter, Gauge, type Registry } from '../common/metrics';
import { type ActiveSession, may } from './identity/identity';
import type { ScreenHealthStore } from './screen-health-store';

export interface ScreenHealthRoutesOptions {
  store: ScreenHealthStore;
  metrics: Registry;
  sessionOf: (req: FastifyRequest) => Promise<ActiveSession | null>;
  /** Heartbeats per minute and client address: one screen sends 4; a lobby PC driving several walls sends more. */
  heartbeatsPerMin: number;
}

/** Several walls behind one address (a lobby PC, a NAT) report from one address: room for 30 screens each. */
export const DEFAULT_HEARTBEATS_PER_MIN = 120;

const REFUSALS = {
  400: 'invalid',
  403: 'cross-origin',
  413: 'too-large',
  415: 'not-json',
  429: 'rate-limited',
} as const;
type Refusal = (typeof REFUSALS)[keyof typeof REFUSALS] | 'other';

export function registerScreenHealthRoutes(
  app: FastifyInstance,
  { store, metrics, sessionOf, heartbeatsPerMin }: ScreenHealthRoutesOptions,
): void {
  const refused: Record<Refusal, number> = {
    invalid: 0,
    'cross-origin': 0,
    'too-large': 0,
    'not-json': 0,
    'rate-limited': 0,
    other: 0,
  };
  const heartbeats = new Counter({
    name: 'gaozhu_screen_heartbeats_total',
    help: 'Screen heartbeats received, by outcome (accepted, or the reason they were refused)',
    labelNames: ['outcome'],
    registers: [metrics],
  });
  // One collect for the three gauges: each scrape sets them from the store after dropping every series, so the label
  // set is exactly the screens held now (bounded by the store).
  const fps: Gauge<'screen' | 'route'> = new Gauge({
    name: 'gaozhu_screen_fps',
    help: 'Frames per second a screen drew over its last reporting interval',
    labelNames: ['screen', 'route'],
    registers: [metrics],
    // The registry serializes its metrics in the order they were registered: the first of the three sets all three.
    collect() {
      fps.reset();
      dataAge.reset();
      reportAge.reset();
      for (const s of store.list()) {
        const labels = { screen: s.key, route: s.report.route };
        fps.set(labels, s.report.fps);
        reportAge.set(labels, s.reportAgeS);
        if (s.report.dataAgeS !== null) dataAge.set(labels, s.report.dataAgeS);
      }
    },
  });
  const dataAge = new Gauge({
    name: 'gaozhu_screen_data_age_seconds',
    help: 'Age of the newest live data a screen held at its last report (absent before its first value)',
    labelNames: ['screen', 'route'],
    registers: [metrics],
  });
  const reportAge = new Gauge({
    name: 'gaozhu_screen_report_age_seconds',
    help: "Seconds since a screen's last report (the server's clock): a frozen or closed screen's keeps growing",
    labelNames: ['screen', 'route'],
    registers: [metrics],
  });

  const countRefusal = (status: number) => {
    const reason: Refusal = REFUSALS[status as keyof typeof REFUSALS] ?? 'other';
    refused[reason]++;
    heartbeats.inc({ outcome: reason });
  };

  app.post(
    SCREEN_HEARTBEAT_PATH,
    {
      bodyLimit: HEARTBEAT_BODY_LIMIT_BYTES,
      config: {
        rateLimit: {
          max: heartbeatsPerMin,
          timeWindow: 60_000,
          // Its own count: heartbeats never use up the address's writes (a dispatcher's acknowledgements), nor the
          // reverse.
          keyGenerator: (req: FastifyRequest) => `${normalizeIP(req.ip)} heartbeat`,
        },
      },
      // Every refusal is counted here by the status sent, the ones answered before the handler too: JSON that does
      // not parse (400), the server's cross-origin and size checks (403, 413), a body not JSON (415), 429.
      onResponse: async (_req, reply) => {
        if (reply.statusCode >= 400) countRefusal(reply.statusCode);
      },
    },
    async (req: FastifyRequest, reply: FastifyReply) => {
      reply.header('Cache-Control', 'no-store');
      const parsed = screenHeartbeatSchema.safeParse(req.body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.map(String).join('.') || '(body)';
        return reply.code(400).send({ error: `${field}: ${issue?.message ?? 'invalid'}`, field });
      }
      store.record(parsed.data, req.ip);
      heartbeats.inc({ outcome: 'accepted' });
      return reply.code(204).send();
    },
  );

  app.get(SCREENS_PATH, async (req, reply) => {
    reply.header('Cache-Control', 'no-store');
    const active = await sessionOf(req);
    if (!active) return reply.code(401).send({ error: 'sign in first' });
    if (!may(active.user.role, 'screens'))
      return reply.code(403).send({ error: `the ${active.user.role} role may not do this` });
    const answer: ScreenList = {
      atMs: store.nowMs(),
      intervalMs: store.rule.intervalMs,
      staleAfterS: (store.rule.intervalMs * store.rule.staleAfterIntervals) / 1000,
      frozenDataAgeS: store.rule.frozenDataAgeS,
      screens: store.list(),
      refused: { ...refused },
      evicted: store.evicted,
    };
    return reply.send(answer);
  });
}
