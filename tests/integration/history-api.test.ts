/**
 * The history service's HTTP API on a small deterministic backfill (4 days from the world model, seed 7): the OpenAPI
 * document matches the routes, validation answers 400, ranges are capped, buckets are Shanghai days and months, a day's
 * PV energy agrees with its minutes and with the world's own counters, and the retired acknowledgement endpoint answers 404.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createWorldSeeder } from '../../mock-feeds/backfill/world-backfill';
import { createWorld } from '../../mock-feeds/world/world';
import {
  HISTORY_METRICS as METRICS,
  HISTORY_ROUTES as ROUTES,
  HISTORY_STEPS as STEPS,
} from '../../src/core/contract/history-api';
import type { RunningBroker } from '../../src/services/broker/broker';
import type { RunningHistoryService } from '../../src/services/history/service';
import type { BackfillState } from '../../src/services/history/storage/history-storage';
import { readAreaConfig } from '../support/area-config';
import { startTestBroker } from '../support/broker-fixture';
import { startTestHistoryService } from '../support/history-fixture';
import { tempHistoryDbPath } from '../support/temp-db';

const config = readAreaConfig();
const SEED = 7;
const DAY = 86_400_000;
const SH = 8 * 3_600_000;

let broker: RunningBroker;
let service: RunningHistoryService;
let base: string;
let backfill: BackfillState;

type Json = Record<string, unknown> & { points: [number, number | null][] };
const get = async (path: string) => {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
};

beforeAll(async () => {
  broker = await startTestBroker();
  service = await startTestHistoryService(broker, config, {
    dbPath: tempHistoryDbPath('gaozhu-history-api-'),
    seeder: createWorldSeeder({ seed: SEED, days: 4, deviceMinuteDays: 1 }),
  });
  base = `http://127.0.0.1:${service.port}`;
  await service.backfillDone;
  backfill = (await get('/api/health')).body.backfill as BackfillState;
});

afterAll(async () => {
  await service?.close();
  await broker?.close();
});

describe('OpenAPI document', () => {
  const doc = parse(readFileSync('public/openapi.yaml', 'utf8')) as {
    openapi: string;
    paths: Record<string, Record<string, unknown>>;
    components: { parameters: Record<string, { schema: { enum?: string[] } }> };
  };
  const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
  const served = ROUTES.map((r) => `${r.method} ${r.path}`);

  it('is OpenAPI 3.1 and documents exactly the routes the server implements', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect([...documented].sort()).toEqual([...served].sort());
  });

  it('lists the same metrics and steps as the server', () => {
    expect([...(doc.components.parameters.metric?.schema.enum ?? [])].sort()).toEqual([...METRICS].sort());
    expect(doc.components.parameters.step?.schema.enum).toEqual([...STEPS]);
  });

  it('is served beside the app (public/)', async () => {
    expect(readFileSync('public/openapi.yaml', 'utf8')).toContain('/api/series.csv');
  });
});

describe('GET /api/series', () => {
  const q = (params: string) => get(`/api/series?${params}`);
  const day = () => backfill.toMs - DAY;

  it('refuses bad requests with 400 and a message naming the problem', async () => {
    const from = day();
    const to = backfill.toMs;
    const cases: [string, RegExp][] = [
      [`metric=watts&entity=area&from=${from}&to=${to}`, /metric must be one of/],
      [`metric=pvKw&entity=mars&from=${from}&to=${to}`, /entity must be area, sc or cq/],
      [`metric=pKw&entity=area&from=${from}&to=${to}`, /device metric/],
      [`metric=iA&entity=${config.pvSites[0]!.id}&from=${from}&to=${to}`, /not measured by pv/],
      [`metric=pvKw&entity=area&from=${to}&to=${from}`, /from must be before to/],
      [`metric=pvKw&entity=area&from=yesterday&to=${to}`, /from: cannot read/],
      [`metric=pvKw&entity=area&from=${from}`, /to is required/],
      [`metric=pvKw&entity=area&from=${from}&to=${to}&step=5m`, /step must be one of/],
      [`metric=pvKw&entity=area&from=${from}&to=${to}&agg=sum`, /agg for power/],
      [`metric=ePvKwh&entity=area&from=${from}&to=${to}&agg=max`, /agg for energy/],
    ];
    for (const [params, message] of cases) {
      const r = await q(params);
      expect(r.status, params).toBe(400);
      expect(String(r.body.error), params).toMatch(message);
    }
    expect((await get('/api/nothing')).status).toBe(404);
    const put = await fetch(`${base}/api/series`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET');
  });

  it('returns one point per step, null outside the recorded range, never 0', async () => {
    const from = backfill.fromMs - 2 * 3_600_000;
    const r = await q(`metric=consumptionKw&entity=sc&from=${from}&to=${backfill.fromMs + 2 * 3_600_000}&step=1h`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ unit: 'kW', step: '1h', agg: 'avg', timeZone: 'Asia/Shanghai' });
    expect(r.body.points.map((p) => p[0])).toEqual([0, 1, 2, 3].map((h) => from + h * 3_600_000));
    expect(r.body.points.slice(0, 2).map((p) => p[1])).toEqual([null, null]);
    for (const p of r.body.points.slice(2)) expect(p[1]).toBeGreaterThan(0);
  });

  it('max ≥ avg, and the area is the sum of the provinces', async () => {
    const range = `from=${backfill.deviceMinuteFromMs}&to=${backfill.deviceMinuteFromMs + DAY}&step=15m`;
    const avg = (await q(`metric=gridImportKw&entity=area&${range}`)).body.points;
    const max = (await q(`metric=gridImportKw&entity=area&${range}&agg=max`)).body.points;
    const sc = (await q(`metric=gridImportKw&entity=sc&${range}`)).body.points;
    const cq = (await q(`metric=gridImportKw&entity=cq&${range}`)).body.points;
    expect(avg.length).toBe(96);
    avg.forEach(([ts, v], i) => {
      expect(max[i]![0]).toBe(ts);
      expect(max[i]![1]!).toBeGreaterThanOrEqual(v! - 1e-6);
      expect(v!).toBeCloseTo(sc[i]![1]! + cq[i]![1]!, 1);
    });
  });

  it('buckets days and months at Shanghai midnight', async () => {
    const days = (await q(`metric=eImportKwh&entity=area&from=${backfill.fromMs}&to=${backfill.toMs}&step=1d`)).body;
    expect(days.agg).toBe('sum');
    for (const [ts] of days.points) expect((ts + SH) % DAY).toBe(0);
    const months = (await q(`metric=ePvKwh&entity=area&from=${backfill.fromMs}&to=${backfill.toMs}&step=1mo`)).body;
    for (const [ts] of months.points) expect(new Date(ts + SH).getUTCDate()).toBe(1);
    expect(new Date(months.points[0]![0] + SH).getUTCHours()).toBe(0);
  });

  it('caps ranges that would need more than 20 000 points and says so', async () => {
    const r = await q(`metric=pvKw&entity=area&from=2025-01-01&to=2025-03-01&step=1m`);
    expect(r.status).toBe(200);
    expect(r.body.points.length).toBe(20_000);
    expect(r.body.capped).toMatchObject({ maxPoints: 20_000 });
    expect(r.body.to).toBe(r.body.points[19_999]![0] + 60_000);
  });

  it("a day's PV energy equals the sum of its minutes and the world's counter difference (±0.5 %)", async () => {
    // One full day in the hourly-sampled range and one in the per-minute range.
    const world = createWorld(config, { seed: SEED, startMs: backfill.fromMs });
    const pvCounters = () => config.pvSites.reduce((sum, p) => sum + world.pv(p.id).eKwh, 0);
    for (const dayStart of [backfill.fromMs + DAY, backfill.deviceMinuteFromMs - DAY, backfill.deviceMinuteFromMs]) {
      if (dayStart + DAY > backfill.toMs) continue;
      world.advanceTo(dayStart);
      const before = pvCounters();
      world.advanceTo(dayStart + DAY);
      const worldKwh = pvCounters() - before;
      const range = `metric=ePvKwh&entity=area&from=${dayStart}&to=${dayStart + DAY}`;
      const dayKwh = (await q(`${range}&step=1d`)).body.points[0]![1]!;
      const minutes = (await q(`${range}&step=1m`)).body.points;
      expect(minutes.length).toBe(1440);
      const minutesKwh = minutes.reduce((s, p) => s + p[1]!, 0);
      expect(worldKwh).toBeGreaterThan(0);
      expect(Math.abs(dayKwh - minutesKwh) / dayKwh).toBeLessThan(0.005);
      expect(Math.abs(dayKwh - worldKwh) / worldKwh).toBeLessThan(0.005);
    }
  });

  it('per-device series: minutes recently, hourly only before that', async () => {
    const f = config.feeders[0]!.id;
    const recent = await q(`metric=pKw&entity=${f}&from=${backfill.toMs - 3_600_000}&to=${backfill.toMs}&step=1m`);
    expect(recent.body.points.every((p) => typeof p[1] === 'number')).toBe(true);
    const old = await q(`metric=pKw&entity=${f}&from=${backfill.fromMs}&to=${backfill.fromMs + DAY}&step=1m`);
    expect(old.body.note).toMatch(/hourly only/);
    const oldHourly = await q(`metric=eKwh&entity=${f}&from=${backfill.fromMs}&to=${backfill.fromMs + DAY}&step=1h`);
    expect(oldHourly.body.points.length).toBe(24);
    expect(oldHourly.body.points.every((p) => typeof p[1] === 'number')).toBe(true);
  });
});

describe('GET /api/series.csv', () => {
  it('is an attachment with a header, units, Shanghai local time and ms', async () => {
    const from = backfill.toMs - 3 * 3_600_000;
    const res = await fetch(`${base}/api/series.csv?metric=eEvKwh&entity=cq&from=${from}&to=${backfill.toMs}&step=1h`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="gaozhu-cq-eEvKwh-1h-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('time_asia_shanghai,ts_ms,eEvKwh_sum_kWh');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines.slice(1))
      expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00\+08:00,\d{13},(\d+(\.\d+)?)?$/);
  });
});

describe('GET /api/today', () => {
  it("gives today's and yesterday's curves since local midnight, energies so far and the peak", async () => {
    const r = await get('/api/today?entity=area&step=5m');
    expect(r.status).toBe(200);
    const body = r.body as unknown as {
      nowMs: number;
      today: {
        startMs: number;
        series: Record<string, [number, number | null][]>;
        energiesKwh: Record<string, number>;
        peakConsumption: { consumptionKw: number; atMs: number };
      };
      yesterday: { startMs: number; series: Record<string, [number, number | null][]> };
    };
    expect((body.today.startMs + SH) % DAY).toBe(0);
    expect(body.today.startMs - body.yesterday.startMs).toBe(DAY);
    expect(body.yesterday.series.consumptionKw?.length).toBe(288);
    expect(Object.keys(body.today.series).sort()).toEqual(['consumptionKw', 'evKw', 'gridImportKw', 'pvKw']);
    const e = body.today.energiesKwh;
    expect(e.eConsumptionKwh).toBeCloseTo((e.eImportKwh ?? Number.NaN) + (e.ePvKwh ?? Number.NaN), 0);
    expect(body.today.peakConsumption.consumptionKw).toBeGreaterThan(0);
    // Curves stop at the last settled minute, so a minute still filling up never shows as a dip in the area's load.
    const r1 = await get('/api/today?entity=area&step=1m');
    const today1m = (
      r1.body as unknown as { nowMs: number; today: { series: Record<string, [number, number | null][]> } }
    ).today;
    const lastMinute = today1m.series.consumptionKw?.at(-1)?.[0] ?? 0;
    expect(lastMinute + 60_000).toBeLessThanOrEqual((r1.body as unknown as { nowMs: number }).nowMs - 15_000);
    expect((await get('/api/today?entity=moon')).status).toBe(400);
  });
});

describe('GET /api/devices/today', () => {
  interface DevicesToday {
    kind: string;
    nowMs: number;
    dayStartMs: number;
    recentFromMs: number;
    stepMs: number;
    devices: {
      id: string;
      province: string;
      peakKw: number | null;
      peakAtMs: number | null;
      recentKw: (number | null)[];
    }[];
  }

  it('answers every device of a kind at once: peak with its minute and the last 60 minutes', async () => {
    const r = await get('/api/devices/today?kind=feeder');
    expect(r.status).toBe(200);
    const body = r.body as unknown as DevicesToday;
    expect(body).toMatchObject({ kind: 'feeder', timeZone: 'Asia/Shanghai', stepMs: 60_000 });
    expect((body.dayStartMs + SH) % DAY).toBe(0);
    expect(body.recentFromMs).toBe(Math.floor(body.nowMs / 60_000) * 60_000 - 3_600_000);
    expect(body.devices.map((d) => d.id).sort()).toEqual(config.feeders.map((f) => f.id).sort());
    for (const d of body.devices) {
      expect(d.recentKw.length).toBe(60);
      if (d.peakAtMs !== null) {
        expect(d.peakAtMs).toBeGreaterThanOrEqual(body.dayStartMs);
        expect(d.peakAtMs % 60_000).toBe(0);
      }
    }
    // The backfill runs up to the service's start, so most of the last hour is there.
    const f = body.devices[0]!;
    expect(f.recentKw.filter((v) => v !== null).length).toBeGreaterThan(30);
    const pv = (await get('/api/devices/today?kind=pv')).body as unknown as DevicesToday;
    expect(pv.devices.length).toBe(config.pvSites.length);
    const chargers = (await get('/api/devices/today?kind=charger')).body as unknown as DevicesToday;
    expect(chargers.devices.length).toBe(config.chargingStations.length);
  });

  it('refuses a missing or unknown kind with 400', async () => {
    for (const q of ['', '?kind=substation', '?kind=FEEDER', '?kind=feeder,pv']) {
      const r = await get(`/api/devices/today${q}`);
      expect(r.status, q).toBe(400);
      expect(String(r.body.error)).toMatch(/kind must be one of feeder, pv, charger/);
    }
  });

  it('agrees with /api/series for one device (minute means and the day max)', async () => {
    const body = (await get('/api/devices/today?kind=feeder')).body as unknown as DevicesToday;
    const f = body.devices.find((d) => d.id === config.feeders[2]!.id)!;
    const recentToMs = body.recentFromMs + 60 * 60_000;
    const avg = (await get(`/api/series?metric=pKw&entity=${f.id}&from=${body.recentFromMs}&to=${recentToMs}&step=1m`))
      .body.points;
    expect(avg.map((p) => p[0])).toEqual(f.recentKw.map((_, i) => body.recentFromMs + i * 60_000));
    expect(f.recentKw).toEqual(avg.map((p) => p[1]));

    const nowMinuteEndMs = Math.floor(body.nowMs / 60_000) * 60_000 + 60_000;
    const max = (
      await get(`/api/series?metric=pKw&entity=${f.id}&from=${body.dayStartMs}&to=${nowMinuteEndMs}&step=1m&agg=max`)
    ).body.points;
    const values = max.map((p) => p[1]).filter((v): v is number => v !== null);
    if (!values.length)
      expect(f.peakKw).toBeNull(); // just after local midnight: nothing today yet
    else {
      expect(f.peakKw).toBe(Math.max(...values));
      expect(max.find((p) => p[0] === f.peakAtMs)?.[1]).toBe(f.peakKw);
    }
  });
});

describe('the retired POST /api/alarms/acks', () => {
  // Acknowledgements go through the app's server to the live service (POST /api/alarms/<id>/ack); the history's old
  // store of them is gone, so a stale client gets a plain refusal instead of a write nobody reads.
  it('answers 404 to POST and GET, and the OpenAPI document no longer names it', async () => {
    const post = await fetch(`${base}/api/alarms/acks`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ alarmId: 'overload:gaotan-f01:1767225600000', by: '张工' }),
    });
    expect(post.status).toBe(404);
    expect(((await post.json()) as { error: string }).error).toMatch(/no such endpoint/);
    expect((await fetch(`${base}/api/alarms/acks?since=0`)).status).toBe(404);
    expect(readFileSync('public/openapi.yaml', 'utf8')).not.toContain('/api/alarms/acks');
  });
});

describe('GET /api/health', () => {
  it('reports recorder state, counts, rejections by reason, database size and backfill', async () => {
    const h = (await get('/api/health')).body as unknown as {
      recorder: { rejected: Record<string, number> };
      db: { sizeBytes: number };
      backfill: BackfillState;
    };
    expect(Object.keys(h.recorder.rejected)).toContain('future-timestamp');
    expect(h.db.sizeBytes).toBeGreaterThan(0);
    expect(h.backfill).toMatchObject({ state: 'done', seed: SEED });
  });
});
