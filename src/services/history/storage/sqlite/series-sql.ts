/** How each metric of the series query reads from the SQLite tables (values in W, Wh, mA, V). */
import type { DeviceMetricId, ScopeMetricId } from '../../../../core/contract/history-api';

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
