/**
 * The alarm log of /dispatch: the history service's GET /api/alarm-log (src/core/contract/history-api.ts) with the
 * filters a dispatcher sets (time range, device, rule, state), as the history client's request for the rows and for
 * the same rows as CSV (/api/alarm-log.csv). Pure; the panel is AlarmLog.tsx.
 *
 * Times in the filter fields are the area's wall time (Asia/Shanghai) whatever the display PC's zone, as everywhere on
 * the console.
 */
import { ALARM_LOG_LIMITS, type AlarmLogState } from '../../../core/contract/history-api';
import type { AlarmRule } from '../../../core/domain/alarms/types';
import { dayKey, shanghaiParts, shanghaiWallToMs } from '../../../core/time/shanghai';
import type { AlarmLogRequest } from '../../history/history-client';

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

/**
 * The history client's request for the filters: only what is set (times that are numbers, the device trimmed), and
 * `limit` rows at the most. The fetch, its errors and the contract check are the history client's (one for every
 * history document: the check runs in the document-check worker).
 */
export function alarmLogRequest(f: AlarmLogFilters, limit: number = ALARM_LOG_LIMITS.default): AlarmLogRequest {
  const device = f.deviceId.trim();
  return {
    ...(f.fromMs !== null && Number.isFinite(f.fromMs) ? { fromMs: f.fromMs } : {}),
    ...(f.toMs !== null && Number.isFinite(f.toMs) ? { toMs: f.toMs } : {}),
    ...(device ? { deviceId: device } : {}),
    ...(f.rule ? { rule: f.rule } : {}),
    ...(f.state ? { state: f.state } : {}),
    limit,
  };
}

/** The export of the same rows: the service's limit at most. */
export const alarmLogCsvRequest = (f: AlarmLogFilters) => alarmLogRequest(f, ALARM_LOG_LIMITS.max);

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
