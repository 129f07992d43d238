/** A history service's answer to one series request (GET /api/series), as the client and the checker's tests use it. */
import type { SeriesResponse } from '../../core/contract/history-api';

export const SERIES_ANSWER: SeriesResponse = {
  metric: 'pvKw',
  entity: 'area',
  unit: 'kW',
  step: '1h',
  agg: 'avg',
  timeZone: 'Asia/Shanghai',
  from: 0,
  to: 3_600_000,
  points: [[0, 12.5]],
};
