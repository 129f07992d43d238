/**
 * How each metric of the series query reads from the stored tables (values in W, Wh, mA, V), in SQLite's spelling;
 * the PostgreSQL adapter respells the float casts.
 */
import type { DeviceMetricId, ScopeMetricId } from '../../../core/contract/history-api';
import type { ScopeId } from './history-storage';

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
