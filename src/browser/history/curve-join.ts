/**
 * The one join of a history curve with the page's live samples. Every screen that draws "history, then live" (the
 * wall's day curves, the overview's window, the dispatcher's feeder and area charts) picks where history hands over:
 * - 'afterHistory': history wherever it has a value, live only after its last value. Used for 1-minute day curves:
 *   the page's first minute after a load is computed from the few devices whose retained values had arrived, while the
 *   recorder saw the whole minute, so history wins where both exist. History's trailing nulls (minutes not recorded
 *   yet) are dropped so the live minutes take over from there.
 * - 'beforeLive': history before the first live sample in range, then the live samples. Used for live windows, where
 *   the page's own samples are finer than the history's minutes.
 * Pure, no React: the screens and their tests use the same function.
 */

export type CurvePoint = readonly [number, number | null];

export interface CurveJoinOptions {
  handover: 'afterHistory' | 'beforeLive';
  /** Keep null values as gaps (true) or drop them (false). Non-finite numbers are always dropped. */
  gaps: boolean;
  /** Keep only points in [fromMs, toMs] (either bound optional). */
  fromMs?: number;
  toMs?: number;
  /** Floor live timestamps to this step, e.g. 60 000 to put live minute means on the history's minute grid. */
  liveStepMs?: number;
}

const isValue = (v: number | null): v is number => v !== null && Number.isFinite(v);

export function joinCurve(
  history: readonly CurvePoint[] | undefined,
  live: readonly CurvePoint[],
  opts: CurveJoinOptions & { gaps: false },
): [number, number][];
export function joinCurve(
  history: readonly CurvePoint[] | undefined,
  live: readonly CurvePoint[],
  opts: CurveJoinOptions,
): [number, number | null][];
export function joinCurve(
  history: readonly CurvePoint[] | undefined,
  live: readonly CurvePoint[],
  opts: CurveJoinOptions,
): [number, number | null][] {
  const fromMs = opts.fromMs ?? Number.NEGATIVE_INFINITY;
  const toMs = opts.toMs ?? Number.POSITIVE_INFINITY;
  const inRange = (ts: number) => ts >= fromMs && ts <= toMs;
  // A null stays a gap; NaN or ±Infinity is no reading at all.
  const keep = (v: number | null) => (v === null ? opts.gaps : Number.isFinite(v));

  const firstLiveMs =
    opts.handover === 'beforeLive'
      ? (live.find(([ts]) => ts >= fromMs)?.[0] ?? Number.POSITIVE_INFINITY)
      : Number.POSITIVE_INFINITY;
  const out: [number, number | null][] = [];
  let lastHistoryMs = Number.NEGATIVE_INFINITY;
  for (const [ts, v] of history ?? []) {
    if (!inRange(ts) || ts >= firstLiveMs) continue;
    // A non-finite history value is a minute not recorded: a gap like null.
    const value = isValue(v) ? v : null;
    if (value === null && !opts.gaps) continue;
    out.push([ts, value]);
    if (value !== null) lastHistoryMs = ts;
  }
  // The history arrives in order per day; a caller joining several days may not have them in order.
  for (let i = 1; i < out.length; i++)
    if ((out[i] as [number, number | null])[0] < (out[i - 1] as [number, number | null])[0]) {
      out.sort((a, b) => a[0] - b[0]);
      break;
    }
  if (opts.handover === 'afterHistory') {
    while (out.length && (out[out.length - 1] as [number, number | null])[0] > lastHistoryMs) out.pop();
  } else lastHistoryMs = Number.NEGATIVE_INFINITY;

  const step = opts.liveStepMs;
  for (const [ts, v] of live) {
    if (ts <= lastHistoryMs || !inRange(ts) || !keep(v)) continue;
    out.push([step ? Math.floor(ts / step) * step : ts, v]);
  }
  return out;
}
