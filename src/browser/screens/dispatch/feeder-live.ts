/**
 * The drill-down's live tail of one feeder: P, I, U and loading of every new sample while the panel is open (the
 * store keeps P only), the last LIVE_POINTS of them. Pure: a new sample gives a new value, the previous one unchanged.
 */
import type { FeederTelemetry } from '../../../core/contract/payloads';
import { loadingRatePct } from '../../../core/domain/loading';
import type { Pairs } from './dispatch-charts';

export const LIVE_POINTS = 720; // 1 h at 5 s

export interface FeederLive {
  id: string;
  ts: readonly number[];
  p: readonly number[];
  i: readonly number[];
  u: readonly number[];
  /** Loading rate in %, NaN where it could not be computed. */
  l: readonly number[];
}

export const emptyFeederLive = (id: string): FeederLive => ({ id, ts: [], p: [], i: [], u: [], l: [] });

export function appendFeederSample(
  prev: FeederLive,
  feederId: string,
  latest: FeederTelemetry | null,
  rating: { ratedMva: number; ratedA: number } | undefined,
): FeederLive {
  const base = prev.id === feederId ? prev : emptyFeederLive(feederId);
  const lastTs = base.ts.at(-1);
  if (!latest || !rating || (lastTs !== undefined && latest.ts <= lastTs)) return base;
  const push = (a: readonly number[], v: number) => [...a, v].slice(-LIVE_POINTS);
  return {
    id: feederId,
    ts: push(base.ts, latest.ts),
    p: push(base.p, latest.pKw),
    i: push(base.i, latest.iA),
    u: push(base.u, latest.uKv),
    l: push(base.l, loadingRatePct({ ...latest, ratedMva: rating.ratedMva, ratedA: rating.ratedA }) ?? Number.NaN),
  };
}

/** One of the tail's values as chart pairs (NaN becomes a gap). */
export function livePairs(live: FeederLive, vals: readonly number[]): Pairs {
  return live.ts.map((t, k) => [t, Number.isFinite(vals[k]) ? (vals[k] as number) : null]);
}
