/**
 * How the port's values become the rows every adapter stores, and back: the tables have the same names, columns and
 * units on SQLite and PostgreSQL (integers in thousandths — W, Wh, mA, V, g — and times in ms), so the mapping is
 * written once here and an adapter only says how its rows reach its database.
 */
import type { OutageRecord } from '../../../core/contract/reliability';
import { outageEndMs, outageRecordRank } from '../../../core/domain/reliability/record-version';
import type { DeviceCursor } from '../minute-accumulator';
import type { ProvinceMinuteW } from '../province-minutes';
import type {
  AlarmLogFilter,
  DeviceRow,
  DeviceSpanValues,
  MinuteCompaction,
  ProvinceMinuteValues,
  RecordedLiveFigures,
  ScopeId,
  SubBucket,
} from './history-storage';

/** A value in the port's unit (kW, kWh, A, kV, kg) as the integer thousandths stored. */
export const toMilli = (x: number) => Math.round(x * 1000);
export const fromMilli = (x: number) => x / 1000;

/** Scope keys of scope_minute, scope_hour and live_minute. The area (2) has no scope minutes: Σ of the provinces. */
export const SCOPE_KEY = { sc: 0, cq: 1, area: 2 } as const;
export const SCOPE_OF_KEY = ['sc', 'cq', 'area'] as const satisfies readonly ScopeId[];

/** A time after every alarm's clear: the "still active" end of the overlap test. */
export const NEVER_MS = 9e15;

/** Minutes per key of each bucket resolution. */
export const KEY_UNIT_MIN = { minute: 1, quarter: 15, hour: 60 } as const;

/** A live_minute row without its minute key. */
export interface LiveMinuteRow {
  scope: number;
  ts_ms: number;
  data_time_ms: number | null;
  status: RecordedLiveFigures['status'];
  grid_import_w: number;
  pv_w: number;
  ev_w: number;
  consumption_w: number;
  day_start_ms: number;
  counted_since_ms: number | null;
  e_import_wh: number;
  e_pv_wh: number;
  e_ev_wh: number;
  e_consumption_wh: number;
  co2_emitted_g: number;
  co2_avoided_pv_g: number;
  coal_saved_g: number;
  peak_consumption_w: number | null;
  peak_at_ms: number | null;
  feeder_live: number;
  feeder_held: number;
  feeder_missing: number;
  pv_live: number;
  pv_held: number;
  pv_missing: number;
  charger_live: number;
  charger_held: number;
  charger_missing: number;
}

export function liveMinuteRow(f: RecordedLiveFigures): LiveMinuteRow {
  const t = f.today;
  const c = f.coverage;
  return {
    scope: SCOPE_KEY[f.scope],
    ts_ms: f.tsMs,
    data_time_ms: f.dataTimeMs,
    status: f.status,
    grid_import_w: toMilli(f.power.gridImportKw),
    pv_w: toMilli(f.power.pvKw),
    ev_w: toMilli(f.power.evKw),
    consumption_w: toMilli(f.power.consumptionKw),
    day_start_ms: t.dayStartMs,
    counted_since_ms: t.countedSinceMs,
    e_import_wh: toMilli(t.eImportKwh),
    e_pv_wh: toMilli(t.ePvKwh),
    e_ev_wh: toMilli(t.eEvKwh),
    e_consumption_wh: toMilli(t.eConsumptionKwh),
    co2_emitted_g: toMilli(t.co2EmittedKg),
    co2_avoided_pv_g: toMilli(t.co2AvoidedPvKg),
    coal_saved_g: toMilli(t.coalSavedKg),
    peak_consumption_w: t.peakConsumptionKw === null ? null : toMilli(t.peakConsumptionKw),
    peak_at_ms: t.peakAtMs,
    feeder_live: c.feeder.live,
    feeder_held: c.feeder.held,
    feeder_missing: c.feeder.missing,
    pv_live: c.pv.live,
    pv_held: c.pv.held,
    pv_missing: c.pv.missing,
    charger_live: c.charger.live,
    charger_held: c.charger.held,
    charger_missing: c.charger.missing,
  };
}

export function recordedLiveFigures(r: LiveMinuteRow): RecordedLiveFigures {
  return {
    scope: SCOPE_OF_KEY[r.scope] as ScopeId,
    tsMs: r.ts_ms,
    dataTimeMs: r.data_time_ms,
    status: r.status,
    power: {
      gridImportKw: fromMilli(r.grid_import_w),
      pvKw: fromMilli(r.pv_w),
      evKw: fromMilli(r.ev_w),
      consumptionKw: fromMilli(r.consumption_w),
    },
    today: {
      dayStartMs: r.day_start_ms,
      countedSinceMs: r.counted_since_ms,
      eImportKwh: fromMilli(r.e_import_wh),
      ePvKwh: fromMilli(r.e_pv_wh),
      eEvKwh: fromMilli(r.e_ev_wh),
      eConsumptionKwh: fromMilli(r.e_consumption_wh),
      co2EmittedKg: fromMilli(r.co2_emitted_g),
      co2AvoidedPvKg: fromMilli(r.co2_avoided_pv_g),
      coalSavedKg: fromMilli(r.coal_saved_g),
      peakConsumptionKw: r.peak_consumption_w === null ? null : fromMilli(r.peak_consumption_w),
      peakAtMs: r.peak_at_ms,
    },
    coverage: {
      feeder: { live: r.feeder_live, held: r.feeder_held, missing: r.feeder_missing },
      pv: { live: r.pv_live, held: r.pv_held, missing: r.pv_missing },
      charger: { live: r.charger_live, held: r.charger_held, missing: r.charger_missing },
    },
  };
}

/** Coverage rows ordered by start, overlapping or touching ones merged. */
export function mergedIntervals(
  rows: readonly { startMs: number; endMs: number }[],
): { startMs: number; endMs: number }[] {
  const merged: { startMs: number; endMs: number }[] = [];
  for (const r of rows) {
    const last = merged[merged.length - 1];
    if (last && r.startMs <= last.endMs) last.endMs = Math.max(last.endMs, r.endMs);
    else merged.push({ ...r });
  }
  return merged;
}

/** device_state rows (the recorder's last counter readings) as the recorder's cursors. */
export function deviceCursorsOf(
  rows: readonly { device: number; lastTs: number; c0: number | null; c1: number | null }[],
): Map<number, DeviceCursor> {
  return new Map(
    rows.map((r) => [
      r.device,
      { lastTsMs: r.lastTs, countersKwh: [r.c0, r.c1].filter((c): c is number => c !== null) },
    ]),
  );
}

/** A recorder cursor as its device_state row: device, last_ts, counter0_kwh, counter1_kwh. */
export function deviceStateRow(device: number, c: DeviceCursor): [number, number, number | null, number | null] {
  return [device, c.lastTsMs, c.countersKwh[0] ?? null, c.countersKwh[1] ?? null];
}

/** A scope_minute row in column order: scope, minute, grid_import_w, pv_w, ev_w, e_import_wh, e_pv_wh, e_ev_wh. */
export type ScopeMinuteRow = [number, number, number, number, number, number, number, number];

/** A province minute derived from the device minutes (provinceMinutes, already W and Wh) as its scope_minute row. */
export function scopeMinuteRow(minute: number, p: ProvinceMinuteW): ScopeMinuteRow {
  return [SCOPE_KEY[p.province], minute, p.gridImportW, p.pvW, p.evW, p.eImportWh, p.ePvWh, p.eEvWh];
}

/** A province minute written by the backfill (kW, kWh) as its scope_minute row. */
export function backfillScopeMinuteRow(m: ProvinceMinuteValues): ScopeMinuteRow {
  return [
    SCOPE_KEY[m.province],
    m.minute,
    toMilli(m.gridImportKw),
    toMilli(m.pvKw),
    toMilli(m.evKw),
    toMilli(m.eImportKwh),
    toMilli(m.ePvKwh),
    toMilli(m.eEvKwh),
  ];
}

/**
 * The value columns of a device minute or hour written by the backfill, in the tables' order after the key and the
 * count: sum_p_w, max_p_w, e_wh, sum_i_ma, sum_u_v.
 */
export function deviceSpanColumns(d: DeviceSpanValues): [number, number, number, number, number] {
  return [toMilli(d.sumPKw), toMilli(d.maxPKw), toMilli(d.eKwh), toMilli(d.sumIA), toMilli(d.sumUKv)];
}

/** The stored devices still configured: by storage key (the adapter's own lookup) and by id (what the port returns). */
export function configuredDevices(
  stored: readonly DeviceRow[],
  configured: readonly Omit<DeviceRow, 'idx'>[],
): { byIdx: Map<number, DeviceRow>; byId: Map<string, DeviceRow> } {
  const ids = new Set(configured.map((d) => d.id));
  const active = stored.filter((r) => ids.has(r.id));
  return { byIdx: new Map(active.map((d) => [d.idx, d])), byId: new Map(active.map((r) => [r.id, r])) };
}

/** What a compaction that had nothing to do reports: the horizon stays at fromMs. */
export function noCompaction(fromMs: number): MinuteCompaction {
  return {
    fromMs,
    toMs: fromMs,
    deviceHours: 0,
    deviceQuarters: 0,
    minuteRowsDeleted: 0,
    partitionsDropped: 0,
    bytesFreed: 0,
  };
}

/** A row of a grouping query (series-sql.ts): its sub-bucket key, the minutes with data, Σ and max (thousandths). */
export interface BucketRow {
  k: number;
  count: number;
  sum: number | null;
  max: number | null;
}

/** Grouped rows keyed in the resolution's unit (⌊(key + off) / width⌋) as sub-buckets starting at a minute. */
export function subBucketsOf(rows: readonly BucketRow[], keyUnitMin: number, width: number, off: number): SubBucket[] {
  const widthMin = width * keyUnitMin;
  const offMin = off * keyUnitMin;
  return rows.map((r) => ({ startMin: r.k * widthMin - offMin, count: r.count, sum: r.sum, max: r.max }));
}

/**
 * The alarm log's filter as the values its query binds: an absent filter matches everything (no device, rule or state
 * given; from the epoch until NEVER_MS), `never` is the end of an alarm still active.
 */
export function alarmLogParams(filter: AlarmLogFilter) {
  return {
    deviceId: filter.deviceId ?? null,
    rule: filter.rule ?? null,
    state: filter.state ?? null,
    from: filter.fromMs ?? 0,
    to: filter.toMs ?? NEVER_MS,
    never: NEVER_MS,
    limit: filter.limit,
  };
}

/** An outage_record row: the columns it is found by and ranked on, beside the record itself. */
export function outageRow(r: OutageRecord) {
  const [rank_state, rank_facts, rank_cm] = outageRecordRank(r);
  return {
    id: r.id,
    feeder_id: r.feederId,
    province: r.province,
    cause: r.cause,
    start_ms: r.startMs,
    end_ms: outageEndMs(r),
    rank_state,
    rank_facts,
    rank_cm,
  };
}
