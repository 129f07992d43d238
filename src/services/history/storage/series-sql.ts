/**
 * How each metric of the series query reads from the stored tables (values in W, Wh, mA, V), in SQLite's spelling,
 * and the grouping queries of the port's scopeBuckets and deviceBuckets built from them: written once, each adapter
 * giving its spelling (BucketDialect: placeholders, integer division, float casts).
 */
import type { DeviceMetricId, ScopeMetricId } from '../../../core/contract/history-api';
import type { BucketRange, ScopeId } from './history-storage';

interface ScopeMetricSql {
  /** Expression over one minute row (aliases g, pv, ev, ei, ep, ee). */
  minuteExpr: string;
  /** Σ and max columns of scope_hour. */
  hourSum: string;
  hourMax: string | null;
}

export const SCOPE_METRIC_SQL: Record<ScopeMetricId, ScopeMetricSql> = {
  gridImportKw: { minuteExpr: 'g', hourSum: 'sum_grid_import_w', hourMax: 'max_grid_import_w' },
  pvKw: { minuteExpr: 'pv', hourSum: 'sum_pv_w', hourMax: 'max_pv_w' },
  evKw: { minuteExpr: 'ev', hourSum: 'sum_ev_w', hourMax: 'max_ev_w' },
  consumptionKw: { minuteExpr: 'g + pv', hourSum: 'sum_consumption_w', hourMax: 'max_consumption_w' },
  eImportKwh: { minuteExpr: 'ei', hourSum: 'e_import_wh', hourMax: null },
  ePvKwh: { minuteExpr: 'ep', hourSum: 'e_pv_wh', hourMax: null },
  eEvKwh: { minuteExpr: 'ee', hourSum: 'e_ev_wh', hourMax: null },
  eConsumptionKwh: { minuteExpr: 'ei + ep', hourSum: 'e_import_wh + e_pv_wh', hourMax: null },
};

interface DeviceMetricSql {
  /** Per-minute value from device_minute, and its max column. */
  minuteExpr: string;
  minuteMax: string;
  hourSum: string;
  hourMax: string;
  /** Power-like metrics count only minutes with samples. */
  onlyWithSamples: boolean;
}

export const DEVICE_METRIC_SQL: Record<DeviceMetricId, DeviceMetricSql> = {
  pKw: {
    minuteExpr: 'CAST(sum_p_w AS REAL) / n',
    minuteMax: 'max_p_w',
    hourSum: 'sum_p_w',
    hourMax: 'max_p_w',
    onlyWithSamples: true,
  },
  eKwh: { minuteExpr: 'e_wh', minuteMax: 'e_wh', hourSum: 'e_wh', hourMax: 'e_wh', onlyWithSamples: false },
  iA: {
    minuteExpr: 'CAST(sum_i_ma AS REAL) / n',
    minuteMax: 'CAST(sum_i_ma AS REAL) / n',
    hourSum: 'sum_i_ma',
    hourMax: 'NULL',
    onlyWithSamples: true,
  },
  uKv: {
    minuteExpr: 'CAST(sum_u_v AS REAL) / n',
    minuteMax: 'CAST(sum_u_v AS REAL) / n',
    hourSum: 'sum_u_v',
    hourMax: 'NULL',
    onlyWithSamples: true,
  },
};

/**
 * The minute rows a scope's series and hours read (aliases g, pv, ev, ei, ep, ee): a province's own rows, the area's
 * the Σ of both provinces per minute. `at` names the adapter's placeholders of the scope key and the [from, to) range.
 */
export function scopeMinuteRowsSql(scope: ScopeId, at: { scope: string; from: string; to: string }): string {
  return scope === 'area'
    ? `SELECT minute, sum(grid_import_w) AS g, sum(pv_w) AS pv, sum(ev_w) AS ev, sum(e_import_wh) AS ei,
         sum(e_pv_wh) AS ep, sum(e_ev_wh) AS ee FROM scope_minute
       WHERE scope IN (0, 1) AND minute >= ${at.from} AND minute < ${at.to} GROUP BY minute`
    : `SELECT minute, grid_import_w AS g, pv_w AS pv, ev_w AS ev, e_import_wh AS ei, e_pv_wh AS ep,
         e_ev_wh AS ee FROM scope_minute WHERE scope = ${at.scope} AND minute >= ${at.from} AND minute < ${at.to}`;
}

/** The values of a grouping query's placeholders (BucketDialect.at): the key, the [from, to) range, offset and width. */
export interface BucketParams {
  key: number;
  from: number;
  to: number;
  off: number;
  width: number;
}

/** How an adapter spells what the grouping queries need. */
export interface BucketDialect {
  /** Placeholders of the scope or device key, the [from, to) range of row keys, the offset and the width (in keys). */
  at: { key: string; from: string; to: string; off: string; width: string };
  /** The sub-bucket of a row keyed by `column`: ⌊(column + off) / width⌋, an integer. */
  bucketKey(column: string): string;
  /** An expression of the tables above (SQLite's spelling) in this dialect. */
  expr(sql: string): string;
  /** The minute rows of scopeMinuteRowsSql as the FROM of a grouping query. */
  fromRows(rowsSql: string): string;
}

/**
 * A scope metric grouped into sub-buckets (k, count of minutes with data, sum, max): minutes from the province minute
 * rows (the area's summed per minute), hours from scope_hour. Scope rows have no 15-minute resolution.
 */
export function scopeBucketsSql(
  metric: ScopeMetricId,
  scope: ScopeId,
  resolution: BucketRange['resolution'],
  d: BucketDialect,
): string {
  if (resolution === 'quarter') throw new Error('scope rows have minutes and hours, no 15-minute rows');
  const def = SCOPE_METRIC_SQL[metric];
  const { at } = d;
  if (resolution === 'minute') {
    const rows = scopeMinuteRowsSql(scope, { scope: at.key, from: at.from, to: at.to });
    return `SELECT ${d.bucketKey('minute')} AS k, count(*) AS count, sum(${d.expr(def.minuteExpr)}) AS sum,
        max(${d.expr(def.minuteExpr)}) AS max FROM ${d.fromRows(rows)} GROUP BY k`;
  }
  return `SELECT ${d.bucketKey('hour')} AS k, sum(minutes) AS count, sum(${d.expr(def.hourSum)}) AS sum,
      max(${d.expr(def.hourMax ?? 'NULL')}) AS max FROM scope_hour
    WHERE scope = ${at.key} AND hour >= ${at.from} AND hour < ${at.to} GROUP BY k`;
}

/**
 * A device metric grouped into sub-buckets (k, count of minutes with data, sum, max): from device_minute, or from the
 * device's 15-minute or hour rows, which have the same columns (minutes with samples, Σ of the minute means).
 */
export function deviceBucketsSql(
  metric: DeviceMetricId,
  resolution: BucketRange['resolution'],
  d: BucketDialect,
): string {
  const def = DEVICE_METRIC_SQL[metric];
  const { at } = d;
  if (resolution === 'minute')
    return `SELECT ${d.bucketKey('minute')} AS k, count(*) AS count, sum(${d.expr(def.minuteExpr)}) AS sum,
        max(${d.expr(def.minuteMax)}) AS max FROM device_minute
      WHERE device = ${at.key} AND minute >= ${at.from} AND minute < ${at.to} ${def.onlyWithSamples ? 'AND n > 0' : ''}
      GROUP BY k`;
  const [table, key] = resolution === 'quarter' ? ['device_quarter', 'quarter'] : ['device_hour', 'hour'];
  return `SELECT ${d.bucketKey(key)} AS k, sum(minutes) AS count, sum(${d.expr(def.hourSum)}) AS sum,
      max(${d.expr(def.hourMax)}) AS max FROM ${table}
    WHERE device = ${at.key} AND ${key} >= ${at.from} AND ${key} < ${at.to} GROUP BY k`;
}
