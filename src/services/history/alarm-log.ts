/**
 * The alarm log (GET /api/alarm-log and /api/alarm-log.csv): one row per alarm, folded from the lifecycle events the
 * live service publishes and the recorder stores (alarm_event). A row per alarm, not per event, because that is what a
 * dispatcher or an auditor reads — when it started, who acknowledged it with which note, when it cleared, how bad it
 * got — and the events stay available inside each row, in order.
 *
 * Paths are /api/alarm-log*, not /api/alarms/*: the app sends /api/alarms/* to the live service, which owns
 * acknowledgements.
 */
import {
  ALARM_LOG_LIMITS,
  type AlarmLogResponse,
  type AlarmLogRow,
  alarmLogQuerySchema,
} from '../../core/contract/history-api';
import type { AlarmEvent } from '../../core/contract/live-core';
import { formatShanghaiIso } from '../../core/time/shanghai';
import { BadRequest, parseTime, readParam } from './series-query';
import type { AlarmLogFilter, HistoryStorage } from './storage/history-storage';

type Severity = AlarmLogRow['severity'];
const SEVERITY_RANK: Record<Severity, number> = { minor: 0, major: 1, critical: 2 };

export function parseAlarmLogQuery(params: URLSearchParams): AlarmLogFilter {
  const q = alarmLogQuerySchema.shape;
  const from = readParam(q.from, params, 'from');
  const to = readParam(q.to, params, 'to');
  const fromMs = from === undefined ? undefined : parseTime(from, 'from');
  const toMs = to === undefined ? undefined : parseTime(to, 'to');
  if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) throw new BadRequest('to must be after from');
  return {
    fromMs,
    toMs,
    deviceId: readParam(q.deviceId, params, 'deviceId'),
    rule: readParam(q.rule, params, 'rule'),
    state: readParam(q.state, params, 'state'),
    limit: readParam(q.limit, params, 'limit') ?? ALARM_LOG_LIMITS.default,
  };
}

/** The start an alarm id carries (`<rule>:<device>[/<connector>]:<startMs>`), or null. */
function startFromId(alarmId: string): number | null {
  const last = alarmId.slice(alarmId.lastIndexOf(':') + 1);
  return /^\d{10,16}$/.test(last) ? Number(last) : null;
}

/** Folds events (ordered by ts) into one row per alarm, in the order the alarms were first seen. */
export function buildAlarmLog(events: readonly AlarmEvent[]): AlarmLogRow[] {
  const rows = new Map<string, AlarmLogRow>();
  for (const e of events) {
    let row = rows.get(e.alarmId);
    if (!row) {
      row = {
        alarmId: e.alarmId,
        rule: e.rule,
        deviceId: e.deviceId,
        state: 'active',
        severity: e.severity,
        peakSeverity: e.severity,
        startMs: startFromId(e.alarmId) ?? e.ts,
        raisedMs: e.ts,
        peakValue: null,
        ack: null,
        clearedMs: null,
        events: [],
      };
      rows.set(e.alarmId, row);
    }
    row.events.push({ ts: e.ts, type: e.type, severity: e.severity, value: e.value, by: e.by, note: e.note });
    if (e.type === 'raised') row.raisedMs = Math.min(row.raisedMs, e.ts);
    if (e.type === 'acknowledged') row.ack = { by: e.by ?? '', note: e.note ?? '', atMs: e.ts };
    if (e.type === 'cleared') {
      row.state = 'cleared';
      row.clearedMs = e.ts;
    }
    // An acknowledgement or a clear repeats the severity; the alarm's own steps set it.
    if (e.type === 'raised' || e.type === 'escalated' || e.type === 'de-escalated') {
      row.rule = e.rule;
      row.severity = e.severity;
    }
    if (SEVERITY_RANK[e.severity] > SEVERITY_RANK[row.peakSeverity]) row.peakSeverity = e.severity;
    // Largest magnitude: loading rises above its threshold, a voltage deviation may be negative.
    if (e.value !== null && (row.peakValue === null || Math.abs(e.value) > Math.abs(row.peakValue)))
      row.peakValue = e.value;
  }
  return [...rows.values()];
}

export async function alarmLog(
  storage: HistoryStorage,
  filter: AlarmLogFilter,
  nowMs: number,
): Promise<AlarmLogResponse> {
  // One more than asked tells whether the limit cut anything.
  const rows = buildAlarmLog(await storage.alarmLogEvents({ ...filter, limit: filter.limit + 1 }));
  const limited = rows.length > filter.limit;
  return { timeZone: 'Asia/Shanghai', nowMs, alarms: limited ? rows.slice(1) : rows, limited };
}

/**
 * One CSV cell of text: quoted when it holds a comma, quote or line break (RFC 4180), and prefixed with ' when it
 * starts with = + - @ (or a tab or carriage return) so a spreadsheet shows it instead of running it as a formula.
 */
export function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csvTime = (ms: number | null) => (ms === null ? '' : formatShanghaiIso(ms));
const csvNumber = (n: number | null) => (n === null ? '' : String(n));

export const ALARM_LOG_CSV_HEADER = [
  'alarm_id',
  'rule',
  'device_id',
  'state',
  'severity',
  'peak_severity',
  'start_asia_shanghai',
  'start_ms',
  'raised_asia_shanghai',
  'peak_value',
  'ack_by',
  'ack_note',
  'ack_asia_shanghai',
  'cleared_asia_shanghai',
  'events',
] as const;

export function alarmLogToCsv(rows: readonly AlarmLogRow[]): string {
  const lines = [ALARM_LOG_CSV_HEADER.join(',')];
  for (const r of rows)
    lines.push(
      [
        csvText(r.alarmId),
        csvText(r.rule),
        csvText(r.deviceId),
        r.state,
        r.severity,
        r.peakSeverity,
        csvTime(r.startMs),
        String(r.startMs),
        csvTime(r.raisedMs),
        csvNumber(r.peakValue),
        csvText(r.ack?.by ?? ''),
        csvText(r.ack?.note ?? ''),
        csvTime(r.ack?.atMs ?? null),
        csvTime(r.clearedMs),
        String(r.events.length),
      ].join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}
