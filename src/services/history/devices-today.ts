/**
 * GET /api/devices/today: for every configured device of one kind, today's peak P with its minute (local Asia/Shanghai
 * day, the service's clock) and the last 60 one-minute means of P. The dispatcher console seeds its table with it on
 * load, so its peaks and sparklines do not start at the moment the page was opened.
 *
 * Two grouped queries over the device minutes per answer, whatever the number of devices (never one query per device), and
 * the answer is kept for CACHE_MS so several dispatch screens refreshing together cost one scan.
 */

import {
  type DevicesTodayKind,
  type DevicesTodayResponse,
  devicesTodayQuerySchema,
} from '../../core/contract/history-api';
import { dayStartMs as shanghaiDayStartMs } from '../../core/time/shanghai';
import { readParam } from './series-query';
import { MINUTE_MS } from './shanghai-time';
import type { DeviceRow, HistoryStorage } from './storage/history-storage';

export const RECENT_MINUTES = 60;
const CACHE_MS = 20_000;

type DeviceToday = DevicesTodayResponse['devices'][number];

/** Same rounding as /api/series (W integers → kW with 3 decimals), so the two answers agree exactly. */
const wToKw = (w: number) => Math.round((w / 1000) * 1000) / 1000;

export function parseDevicesTodayKind(params: URLSearchParams): DevicesTodayKind {
  return readParam(devicesTodayQuerySchema.shape.kind, params, 'kind');
}

export class DevicesTodayQuery {
  private cache = new Map<DevicesTodayKind, { atWallMs: number; nowMinute: number; body: DevicesTodayResponse }>();

  constructor(
    private readonly storage: HistoryStorage,
    private readonly devices: Map<string, DeviceRow>,
    private readonly wallNowMs: () => number = Date.now,
  ) {}

  async run(kind: DevicesTodayKind, nowMs: number): Promise<DevicesTodayResponse> {
    const nowMinute = Math.floor(nowMs / MINUTE_MS);
    const hit = this.cache.get(kind);
    if (hit && hit.nowMinute === nowMinute && this.wallNowMs() - hit.atWallMs < CACHE_MS) return { ...hit.body, nowMs };
    const body = await this.compute(kind, nowMs);
    this.cache.set(kind, { atWallMs: this.wallNowMs(), nowMinute, body });
    return body;
  }

  private async compute(kind: DevicesTodayKind, nowMs: number): Promise<DevicesTodayResponse> {
    const dayStartMs = shanghaiDayStartMs(nowMs);
    const nowMinute = Math.floor(nowMs / MINUTE_MS);
    const recentFromMinute = nowMinute - RECENT_MINUTES;
    const ofKind = [...this.devices.values()].filter((d) => d.kind === kind).sort((a, b) => a.idx - b.idx);
    const byIdx = new Map<number, DeviceToday>();
    const out: DeviceToday[] = ofKind.map((d) => {
      const row: DeviceToday = {
        id: d.id,
        province: d.province,
        peakKw: null,
        peakAtMs: null,
        recentKw: new Array<number | null>(RECENT_MINUTES).fill(null),
      };
      byIdx.set(d.idx, row);
      return row;
    });

    const peaks = await this.storage.devicePeaks(kind, dayStartMs / MINUTE_MS, nowMinute);
    for (const p of peaks) {
      const row = byIdx.get(p.device);
      if (!row) continue;
      row.peakKw = wToKw(p.maxPW);
      row.peakAtMs = p.minute * MINUTE_MS;
    }

    // Minutes the recorder did not cover are null, as in /api/series.
    const covered = await this.coveredMinutes(recentFromMinute, nowMinute);
    const recent = await this.storage.deviceMinuteMeans(kind, recentFromMinute, nowMinute);
    for (const r of recent) {
      const row = byIdx.get(r.device);
      const i = r.minute - recentFromMinute;
      if (row && covered[i]) row.recentKw[i] = wToKw(r.meanPW);
    }

    return {
      kind,
      timeZone: 'Asia/Shanghai',
      nowMs,
      dayStartMs,
      recentFromMs: recentFromMinute * MINUTE_MS,
      stepMs: MINUTE_MS,
      devices: out,
    };
  }

  private async coveredMinutes(fromMinute: number, toMinute: number): Promise<boolean[]> {
    const mask = new Array<boolean>(toMinute - fromMinute).fill(false);
    for (const c of await this.storage.coveredIntervals(fromMinute * MINUTE_MS, toMinute * MINUTE_MS)) {
      const a = Math.max(fromMinute, Math.floor(c.startMs / MINUTE_MS));
      const b = Math.min(toMinute, Math.ceil(c.endMs / MINUTE_MS));
      for (let m = a; m < b; m++) mask[m - fromMinute] = true;
    }
    return mask;
  }
}
