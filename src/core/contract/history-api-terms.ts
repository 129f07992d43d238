/**
 * The history API's vocabulary without its schemas (./history-api.ts, which re-exports all of this): the steps,
 * aggregations, scopes, metrics, device kinds, alarm-log states and the limits of the heavy reads. A page's main thread
 * imports these values from here, never from history-api.ts, whose zod schemas would come with them (zod's calls are
 * not known to be pure, so the bundler keeps them): the answers are checked in the page's document-check worker
 * (src/browser/live/checked-documents.ts), so the wall's main thread carries no zod.
 */

export const HISTORY_STEPS = ['1m', '15m', '1h', '1d', '1mo'] as const;
export type HistoryStep = (typeof HISTORY_STEPS)[number];
export const HISTORY_AGGS = ['sum', 'avg', 'max'] as const;
export type HistoryAgg = (typeof HISTORY_AGGS)[number];
export const HISTORY_SCOPES = ['area', 'sc', 'cq'] as const;
export type HistoryScope = (typeof HISTORY_SCOPES)[number];

/** Area/province metrics (entity area, sc or cq). */
export const SCOPE_METRIC_IDS = [
  'gridImportKw',
  'pvKw',
  'evKw',
  'consumptionKw',
  'eImportKwh',
  'ePvKwh',
  'eEvKwh',
  'eConsumptionKwh',
] as const;
export type ScopeMetricId = (typeof SCOPE_METRIC_IDS)[number];
/** Device metrics (entity = a device id). */
export const DEVICE_METRIC_IDS = ['pKw', 'eKwh', 'iA', 'uKv'] as const;
export type DeviceMetricId = (typeof DEVICE_METRIC_IDS)[number];
export const HISTORY_METRICS = [...SCOPE_METRIC_IDS, ...DEVICE_METRIC_IDS] as const;
export type HistoryMetric = (typeof HISTORY_METRICS)[number];

export const DEVICES_TODAY_KINDS = ['feeder', 'pv', 'charger'] as const;
export type DevicesTodayKind = (typeof DEVICES_TODAY_KINDS)[number];

export const ALARM_LOG_STATES = ['active', 'cleared', 'acknowledged'] as const;
export type AlarmLogState = (typeof ALARM_LOG_STATES)[number];
export const ALARM_LOG_LIMITS = { default: 500, max: 5_000 } as const;

export const RELIABILITY_OUTAGES_LIMITS = { default: 1_000, max: 5_000 } as const;
