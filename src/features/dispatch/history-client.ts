/** `GET /api/series` of the history service (public/openapi.yaml), checked before use. */
export type SeriesMetric = 'pKw' | 'iA' | 'uKv' | 'eKwh';

export class HistoryError extends Error {}

export interface SeriesQuery {
  metric: SeriesMetric;
  entity: string;
  fromMs: number;
  toMs: number;
  step: '1m' | '15m' | '1h';
  agg?: 'avg' | 'max';
}

export async function fetchSeries(
  baseUrl: string,
  q: SeriesQuery,
  signal?: AbortSignal,
): Promise<[number, number | null][]> {
  const params = new URLSearchParams({
    metric: q.metric,
    entity: q.entity,
    from: String(Math.floor(q.fromMs)),
    to: String(Math.floor(q.toMs)),
    step: q.step,
    agg: q.agg ?? 'avg',
  });
  const res = await fetch(`${baseUrl}/series?${params}`, { signal, cache: 'no-store' });
  if (!res.ok) throw new HistoryError(`HTTP ${res.status}`);
  const body = (await res.json()) as { points?: unknown };
  if (!Array.isArray(body.points)) throw new HistoryError('response has no points');
  return body.points.filter(
    (p): p is [number, number | null] =>
      Array.isArray(p) && typeof p[0] === 'number' && (p[1] === null || typeof p[1] === 'number'),
  );
}
