/**
 * The alarm log of /dispatch: the history service's GET /api/alarm-log (src/core/contract/history-api.ts) with the
 * filters a dispatcher sets (time range, device, rule, state), and the link to the same rows as CSV
 * (/api/alarm-log.csv, same filters). Pure (the fetch is injectable); the panel is AlarmLog.tsx.
 *
 * Times in the filter fields are the area's wall time (Asia/Shanghai) whatever the display PC's zone, as everywhere on
 * the console.
 */
import {
  ALARM_LOG_LIMITS,
  type AlarmLogResponse,
  type AlarmLogState,
  alarmLogResponseSchema,
} from '../../../core/contract/history-api';
import type { AlarmRule } from '../../../core/domain/alarms/types';
import { dayKey, shanghaiParts, shanghaiWallToMs } from '../../../core/time/shanghai';

export interface AlarmLogFilters {
  fromMs: number | null;
  toMs: number | null;
  deviceId: string;
  rule: AlarmRule | '';
  state: AlarmLogState | '';
}

const HOUR_MS = 3_600_000;

/** The last 24 hours, every device, rule and state. */
export function defaultAlarmLogFilters(nowMs: number): AlarmLogFilters {
  return { fromMs: nowMs - 24 * HOUR_MS, toMs: null, deviceId: '', rule: '', state: '' };
}

export function alarmLogParams(f: AlarmLogFilters, limit: number = ALARM_LOG_LIMITS.default): URLSearchParams {
  const p = new URLSearchParams();
  if (f.fromMs !== null && Number.isFinite(f.fromMs)) p.set('from', String(Math.round(f.fromMs)));
  if (f.toMs !== null && Number.isFinite(f.toMs)) p.set('to', String(Math.round(f.toMs)));
  const device = f.deviceId.trim();
  if (device) p.set('deviceId', device);
  if (f.rule) p.set('rule', f.rule);
  if (f.state) p.set('state', f.state);
  p.set('limit', String(limit));
  return p;
}

export function alarmLogUrl(baseUrl: string, f: AlarmLogFilters): string {
  return `${baseUrl}/alarm-log?${alarmLogParams(f)}`;
}

/** The export of the same rows (the service's limit at most). */
export function alarmLogCsvUrl(baseUrl: string, f: AlarmLogFilters): string {
  return `${baseUrl}/alarm-log.csv?${alarmLogParams(f, ALARM_LOG_LIMITS.max)}`;
}

export class AlarmLogError extends Error {}

export async function fetchAlarmLog(
  baseUrl: string,
  f: AlarmLogFilters,
  signal?: AbortSignal,
  fetchImpl: typeof fetch = (...a) => fetch(...a),
): Promise<AlarmLogResponse> {
  let res: Response;
  try {
    res = await fetchImpl(alarmLogUrl(baseUrl, f), { signal, headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new AlarmLogError(`unreachable (${(e as Error).message})`);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const said = (body as { error?: unknown } | undefined)?.error;
    throw new AlarmLogError(
      typeof said === 'string' ? `HTTP ${res.status}: ${said.slice(0, 200)}` : `HTTP ${res.status}`,
    );
  }
  const parsed = alarmLogResponseSchema.safeParse(body);
  if (!parsed.success) throw new AlarmLogError('the answer does not match the contract');
  return parsed.data;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Epoch ms → the value of an `<input type="datetime-local">`, in Shanghai wall time. */
export function toWallInput(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  const p = shanghaiParts(ms);
  return `${dayKey(ms)}T${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** An `<input type="datetime-local">` value read as Shanghai wall time; null when empty or not a time. */
export function fromWallInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return shanghaiWallToMs(y, mo, d, h, mi);
}
