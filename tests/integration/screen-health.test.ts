/**
 * The screens' health on the production web server (buildWebServer on a real port, real HTTP): a heartbeat without a
 * session is listed to a dispatcher and an admin, goes stale when the server's (injected) clock moves on, shows
 * frozen data; junk, oversized and cross-origin heartbeats are refused and counted; the list is bounded; the public
 * and a manager cannot read it; /metrics carries the screens' gauges; the heartbeat has its own rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HEARTBEAT_BODY_LIMIT_BYTES,
  HEARTBEAT_INTERVAL_MS,
  type ScreenHeartbeat,
  type ScreenList,
  screenListSchema,
} from '../../src/core/contract/screen-health-api';
import { startTestWebServer, type TestWebServer } from '../support/web-server-fixture';

const MAX_SCREENS = 6;
const HEARTBEATS_PER_MIN = 40;

let web: TestWebServer;
let base: string;
let nowMs = Date.UTC(2026, 11, 1, 2, 0, 0);
const cookies: Record<string, string> = {};

const beat = (over: Partial<ScreenHeartbeat> = {}): ScreenHeartbeat => ({
  screenId: 'browser-1',
  screenName: 'lobby-left',
  route: '/wall',
  fps: 58.5,
  heapUsedBytes: 52_428_800,
  dataAgeS: 1.5,
  connection: 'connected',
  appVersion: '0.1.0',
  ...over,
});

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/screens/heartbeat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

async function list(as: 'admin1' | 'dispatcher1' = 'admin1'): Promise<ScreenList> {
  const res = await fetch(`${base}/api/screens`, { headers: { cookie: cookies[as]! } });
  expect(res.status).toBe(200);
  return screenListSchema.parse(await res.json());
}

beforeAll(async () => {
  // Nothing here reaches the upstreams.
  web = await startTestWebServer(
    [
      ['dispatcher1', 'dispatcher', 'dispatcher pass'],
      ['manager1', 'manager', 'manager pass'],
      ['admin1', 'admin', 'admin pass'],
    ],
    {
      screenHealth: { nowMs: () => nowMs, maxScreens: MAX_SCREENS, heartbeatsPerMin: HEARTBEATS_PER_MIN },
      // Fewer other writes than this file sends heartbeats: were heartbeats counted with them, they would run out.
      rateLimits: { windowMs: 60_000, readMax: 1200, writeMax: 10 },
    },
    'screen-health-',
  );
  base = web.base;
  for (const [name, password] of [
    ['dispatcher1', 'dispatcher pass'],
    ['manager1', 'manager pass'],
    ['admin1', 'admin pass'],
  ] as const) {
    const res = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
    });
    expect(res.status).toBe(200);
    cookies[name] = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  }
});

afterAll(async () => {
  await web?.close();
});

describe('screen health', () => {
  it('takes a heartbeat without a session and lists it to an admin and a dispatcher as live', async () => {
    const res = await post(JSON.stringify(beat()));
    expect(res.status).toBe(204);
    for (const who of ['admin1', 'dispatcher1'] as const) {
      const answer = await list(who);
      expect(answer.screens).toHaveLength(1);
      expect(answer.screens[0]).toMatchObject({
        state: 'live',
        reportAgeS: 0,
        lastSeenMs: nowMs,
        address: '127.0.0.1',
        report: beat(),
      });
    }
  });

  it('goes stale after three intervals without a report, and live again with the next', async () => {
    nowMs += 3 * HEARTBEAT_INTERVAL_MS - 1000;
    expect((await list()).screens[0]?.state).toBe('live');
    nowMs += 1000;
    const stale = (await list()).screens[0]!;
    expect(stale.state).toBe('stale');
    expect(stale.reportAgeS).toBe((3 * HEARTBEAT_INTERVAL_MS) / 1000);
    expect((await post(JSON.stringify(beat()))).status).toBe(204);
    expect((await list()).screens[0]).toMatchObject({ state: 'live', reportAgeS: 0 });
  });

  it('shows frozen data when a reporting screen holds old data', async () => {
    const answer = await list();
    expect((await post(JSON.stringify(beat({ dataAgeS: answer.frozenDataAgeS + 30 })))).status).toBe(204);
    expect((await list()).screens[0]?.state).toBe('frozen-data');
    expect((await post(JSON.stringify(beat()))).status).toBe(204);
  });

  it('refuses a junk body with 400 naming the field, and counts it', async () => {
    const before = (await list()).refused.invalid ?? 0;
    const res = await post(JSON.stringify({ ...beat(), fps: 'fast' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'fps' });
    const notJson = await post('{"screenId": ');
    expect(notJson.status).toBe(400);
    const extra = await post(JSON.stringify({ ...beat(), password: 'x' }));
    expect(extra.status).toBe(400);
    const answer = await list();
    expect(answer.refused.invalid).toBe(before + 3);
    expect(answer.screens).toHaveLength(1);
    expect(answer.screens[0]?.report.fps).toBe(beat().fps);
  });

  it('refuses an oversized body (413) and one that is not JSON (415), counted', async () => {
    const big = JSON.stringify(beat({ appVersion: 'x'.repeat(60) })) + ' '.repeat(HEARTBEAT_BODY_LIMIT_BYTES);
    const res = await post(big);
    expect(res.status).toBe(413);
    const form = await post('screenId=a', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const answer = await list();
    expect(answer.refused['too-large']).toBe(1);
    expect(answer.refused['not-json']).toBe(1);
  });

  it('refuses a heartbeat from another origin (a foreign page in a visitor browser)', async () => {
    const res = await post(JSON.stringify(beat({ screenId: 'forged' })), { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    const answer = await list();
    expect(answer.refused['cross-origin']).toBe(1);
    expect(answer.screens.map((s) => s.report.screenId)).not.toContain('forged');
  });

  it('exempts only the heartbeat from the session guard: other writes under /api/screens need a session', async () => {
    const res = await fetch(`${base}/api/screens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });

  it('lists nothing to the public (401) or a manager (403)', async () => {
    expect((await fetch(`${base}/api/screens`)).status).toBe(401);
    expect((await fetch(`${base}/api/screens`, { headers: { cookie: cookies.manager1! } })).status).toBe(403);
  });

  it('publishes the screens on /metrics', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const labels = 'screen="lobby-left/browser-1/wall",route="/wall"';
    expect(text).toContain(`gaozhu_screen_fps{${labels},service="web"} ${beat().fps}`);
    expect(text).toContain(`gaozhu_screen_data_age_seconds{${labels},service="web"} ${beat().dataAgeS}`);
    expect(text).toContain(`gaozhu_screen_report_age_seconds{${labels},service="web"} 0`);
    expect(text).toMatch(/gaozhu_screen_heartbeats_total\{outcome="invalid",service="web"\} 3/);
  });

  it('gives /metrics to this PC and to an admin, not to a visitor on the hall network', async () => {
    // The web server listens on the hall's network: a request from another address, without and with an admin session.
    const from = (headers: Record<string, string> = {}) =>
      web.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '192.168.10.20', headers });
    expect((await from()).statusCode).toBe(403);
    expect((await from({ cookie: cookies.dispatcher1! })).statusCode).toBe(403);
    const admin = await from({ cookie: cookies.admin1! });
    expect(admin.statusCode).toBe(200);
    expect(admin.body).toContain('gaozhu_screen_fps');
  });

  it(`keeps at most ${MAX_SCREENS} screens, the one heard from longest ago evicted`, async () => {
    for (let i = 0; i < MAX_SCREENS; i++) {
      nowMs += 1000;
      expect((await post(JSON.stringify(beat({ screenId: `wall-${i}`, screenName: null })))).status).toBe(204);
    }
    const answer = await list();
    expect(answer.screens).toHaveLength(MAX_SCREENS);
    expect(answer.screens.map((s) => s.report.screenId)).not.toContain('browser-1');
    expect(answer.evicted).toBe(1);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).not.toContain('browser-1');
  });

  // Last: it uses up this address's heartbeats for the minute.
  it('rate-limits heartbeats per address (429, counted) without touching its other writes', async () => {
    let limited = 0;
    for (let i = 0; i < HEARTBEATS_PER_MIN + 1 && limited === 0; i++)
      if ((await post(JSON.stringify(beat()))).status === 429) limited++;
    expect(limited).toBe(1);
    expect((await list()).refused['rate-limited']).toBe(1);
    // Signing in is a write of the same address: its own count still has room.
    const res = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'admin1', password: 'admin pass' }),
    });
    expect(res.status).toBe(200);
  });
});
