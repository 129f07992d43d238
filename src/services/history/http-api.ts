/**
 * The HTTP API (node:http, JSON, prefix /api). Routes, parameters and bodies are the contract's
 * (src/core/contract/history-api.ts), from which public/openapi.yaml is generated.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type HealthResponse,
  HISTORY_ROUTES,
  type TodayResponse,
  todayQuerySchema,
} from '../../core/contract/history-api';
import type { ByProvince } from '../../core/domain/scope';
import { formatShanghaiIso, dayStartMs as shanghaiDayStartMs } from '../../core/time/shanghai';
import { alarmLog, alarmLogToCsv, parseAlarmLogQuery } from './alarm-log';
import { dayRegisters } from './day-registers';
import { type DevicesTodayQuery, parseDevicesTodayKind } from './devices-today';
import { type HeavyReads, HeavyReadsBusy } from './heavy-reads';
import type { LiveCoreRecorder } from './live-recorder';
import { reliabilityMonthly, reliabilityOutages } from './reliability-api';
import {
  BadRequest,
  type Point,
  parseSeriesRequest,
  readParam,
  type SeriesQuery,
  type SeriesResponse,
} from './series-query';
import { DAY_MS, MINUTE_MS } from './shanghai-time';
import type { DeviceRow, HistoryStorage } from './storage/history-storage';

const ROUTES = HISTORY_ROUTES;

export interface ApiContext {
  query: SeriesQuery;
  devicesToday: DevicesTodayQuery;
  devices: Map<string, DeviceRow>;
  /** The live core's figures (today's energies) as recorded. */
  live: LiveCoreRecorder;
  /** The alarm log reads the stored events, the reliability API the stored outage records. */
  storage: HistoryStorage;
  /** Customers per province from the area configuration: the reliability indicators' denominators. */
  customersServed: ByProvince<number>;
  health: () => Promise<HealthResponse>;
  /** Bounds the series, CSV and alarm-log reads, so health is not answered behind a queue of them. */
  heavy: HeavyReads;
  /** The world's current time (simulation clock when the feeds publish one). */
  nowMs: () => number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

export function seriesToCsv(s: SeriesResponse): string {
  const valueColumn = `${s.metric}_${s.agg}_${s.unit}`;
  const lines = [`time_asia_shanghai,ts_ms,${valueColumn}`];
  for (const [ts, v] of s.points) lines.push(`${formatShanghaiIso(ts)},${ts},${v === null ? '' : v}`);
  return `${lines.join('\r\n')}\r\n`;
}

const POWER_METRICS = ['gridImportKw', 'pvKw', 'evKw', 'consumptionKw'] as const;
const ENERGY_METRICS = ['eImportKwh', 'ePvKwh', 'eEvKwh', 'eConsumptionKwh'] as const;

/** Folds 1-minute points into 5-minute averages (null when all five are null). */
function toFiveMinutes(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const [ts, v] of points) {
    const start = Math.floor(ts / (5 * MINUTE_MS)) * 5 * MINUTE_MS;
    let last = out[out.length - 1] as (Point & { n?: number }) | undefined;
    if (!last || last[0] !== start) {
      last = [start, null];
      out.push(last);
    }
    if (v !== null) {
      const n = (last as { n?: number }).n ?? 0;
      last[1] = ((last[1] ?? 0) * n + v) / (n + 1);
      (last as { n?: number }).n = n + 1;
    }
  }
  return out.map(([ts, v]) => [ts, v === null ? null : Math.round(v * 1000) / 1000]);
}

/** A minute's area sum is complete once every device's samples of it are flushed (feeds ≤ 10 s, flush every 5 s). */
const CURVE_SETTLE_MS = 15_000;

async function today(ctx: ApiContext, params: URLSearchParams): Promise<TodayResponse> {
  const entity = readParam(todayQuerySchema.shape.entity, params, 'entity');
  const step = readParam(todayQuerySchema.shape.step, params, 'step');
  const nowMs = ctx.nowMs();
  const todayStartMs = shanghaiDayStartMs(nowMs);
  const yesterdayStartMs = todayStartMs - DAY_MS;
  const untilMs = Math.max(todayStartMs + MINUTE_MS, Math.ceil(nowMs / MINUTE_MS) * MINUTE_MS);
  // Power curves stop at the last complete minute: an area minute is a sum over devices, and in the minute still open
  // (or just closed, before every device's last sample is flushed) some devices are missing, so the sum dips. Screens
  // continue the curve from their own live data. Energies run to now: they are counter differences, exact so far.
  const curvesUntilMs = Math.max(todayStartMs, Math.floor((nowMs - CURVE_SETTLE_MS) / MINUTE_MS) * MINUTE_MS);
  const day = async (fromMs: number, toMs: number): Promise<TodayResponse['today']> => {
    const series: Record<string, Point[]> = {};
    for (const metric of POWER_METRICS) {
      const curveToMs = Math.min(toMs, curvesUntilMs);
      const s =
        curveToMs > fromMs
          ? await ctx.query.run({ metric, entity, fromMs, toMs: curveToMs, step: '1m', agg: 'avg' })
          : { points: [] as Point[] };
      series[metric] = step === '5m' ? toFiveMinutes(s.points) : s.points;
    }
    const energiesKwh: Record<string, number | null> = {};
    for (const metric of ENERGY_METRICS) {
      const s = await ctx.query.run({ metric, entity, fromMs, toMs, step: '1d', agg: 'sum' });
      energiesKwh[metric] = s.points[0]?.[1] ?? null;
    }
    let peak: { consumptionKw: number; atMs: number } | null = null;
    for (const [ts, v] of series.consumptionKw ?? [])
      if (v !== null && (!peak || v > peak.consumptionKw)) peak = { consumptionKw: v, atMs: ts };
    return { startMs: fromMs, series, energiesKwh, peakConsumption: peak };
  };
  const todayCurves = await day(todayStartMs, untilMs);
  // While the live service is recording, today's energies and peak are its figures: what the screens show, so a
  // reload shows the same numbers. Before its first figures of the day (or when they stop), the device minutes.
  const live = await ctx.live.today(entity, todayStartMs, nowMs);
  if (live) {
    const t = live.today;
    todayCurves.energiesKwh = {
      eImportKwh: t.eImportKwh,
      ePvKwh: t.ePvKwh,
      eEvKwh: t.eEvKwh,
      eConsumptionKwh: t.eConsumptionKwh,
    };
    if (t.peakConsumptionKw !== null && t.peakAtMs !== null)
      todayCurves.peakConsumption = { consumptionKw: t.peakConsumptionKw, atMs: t.peakAtMs };
    todayCurves.energiesFrom = { source: 'live-figures', atMs: live.tsMs, countedSinceMs: t.countedSinceMs };
  } else todayCurves.energiesFrom = { source: 'device-minutes', atMs: null, countedSinceMs: null };
  return {
    entity,
    timeZone: 'Asia/Shanghai',
    step,
    nowMs,
    today: todayCurves,
    yesterday: await day(yesterdayStartMs, todayStartMs),
  };
}

function sendCsv(res: ServerResponse, body: string, filename: string): void {
  res.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

export function createApiHandler(ctx: ApiContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname.replace(/\/+$/, '') || '/';
      const methods = ROUTES.filter((r) => r.path === path).map((r) => r.method as string);
      if (!methods.length) throw new HttpError(404, `no such endpoint ${path.slice(0, 80)}`);
      const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
      if (!methods.includes(method)) throw new HttpError(405, `${method} not allowed`, { Allow: methods.join(', ') });
      const params = url.searchParams;

      if (path === '/api/health') return sendJson(res, 200, await ctx.health());
      if (path === '/api/series')
        return await ctx.heavy.run(async () =>
          sendJson(res, 200, await ctx.query.run(parseSeriesRequest(params, ctx.devices))),
        );
      if (path === '/api/series.csv')
        return await ctx.heavy.run(async () => {
          const s = await ctx.query.run(parseSeriesRequest(params, ctx.devices));
          const day = formatShanghaiIso(s.from).slice(0, 10);
          sendCsv(res, seriesToCsv(s), `gaozhu-${s.entity}-${s.metric}-${s.step}-${day}.csv`);
        });
      if (path === '/api/alarm-log')
        return await ctx.heavy.run(async () =>
          sendJson(res, 200, await alarmLog(ctx.storage, parseAlarmLogQuery(params), ctx.nowMs())),
        );
      if (path === '/api/alarm-log.csv')
        return await ctx.heavy.run(async () => {
          const log = await alarmLog(ctx.storage, parseAlarmLogQuery(params), ctx.nowMs());
          const day = formatShanghaiIso(log.nowMs).slice(0, 10);
          sendCsv(res, alarmLogToCsv(log.alarms), `gaozhu-alarm-log-${day}.csv`);
        });
      if (path === '/api/reliability/outages')
        return sendJson(res, 200, await reliabilityOutages(ctx, params, ctx.nowMs()));
      if (path === '/api/reliability/monthly')
        return sendJson(res, 200, await reliabilityMonthly(ctx, params, ctx.nowMs()));
      if (path === '/api/today') return sendJson(res, 200, await today(ctx, params));
      if (path === '/api/devices/today')
        return sendJson(res, 200, await ctx.devicesToday.run(parseDevicesTodayKind(params), ctx.nowMs()));
      if (path === '/api/devices/day-registers')
        return sendJson(res, 200, await dayRegisters(ctx.storage, ctx.devices, ctx.nowMs()));
      throw new HttpError(404, 'not found');
    } catch (e) {
      if (e instanceof HttpError) return sendJson(res, e.status, { error: e.message }, e.headers);
      if (e instanceof BadRequest) return sendJson(res, 400, { error: e.message });
      if (e instanceof HeavyReadsBusy)
        return sendJson(res, 503, { error: e.message }, { 'Retry-After': String(e.retryAfterS) });
      sendJson(res, 500, { error: 'internal error' });
      throw e;
    }
  };
}
