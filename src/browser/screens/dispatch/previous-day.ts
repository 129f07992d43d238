/**
 * The drill-down's comparison curve on its 24 h view: the same feeder's P at the same Beijing clock time one day
 * earlier, moved onto the view's axis so 14:00 yesterday sits above 14:00 today. Pure (no React, no fetch), tested in
 * previous-day.test.ts.
 *
 * The axis of the 24 h view ends now, so its clock hours after midnight compare today with yesterday and those before
 * midnight yesterday with the day before: every point is "the same time, one day earlier".
 */
import { addDaysStartMs, dayStartMs } from '../../../core/time/shanghai';
import type { CurvePoint } from '../../history/curve-join';

type Pairs = readonly CurvePoint[];

/** Length of the Asia/Shanghai day holding tsMs, ms (24 h: Shanghai keeps UTC+8 all year; said once here). */
const shanghaiDayLengthMs = (tsMs: number) => addDaysStartMs(tsMs, 1) - dayStartMs(tsMs);

/** The window one Beijing day before [fromMs, toMs]: what to ask the history for. */
export function previousDayWindow(fromMs: number, toMs: number): { fromMs: number; toMs: number } {
  return { fromMs: fromMs - shanghaiDayLengthMs(fromMs - 1), toMs: toMs - shanghaiDayLengthMs(toMs - 1) };
}

/**
 * Points of the day before moved one Beijing day later, kept where they fall on the axis [fromMs, toMs]; gaps (null)
 * kept as gaps, so a minute the history did not record is not drawn as a line across it.
 */
export function alignPreviousDay(points: Pairs, fromMs: number, toMs: number): Pairs {
  const out: [number, number | null][] = [];
  for (const [t, v] of points) {
    const moved = t + shanghaiDayLengthMs(t);
    if (moved < fromMs || moved > toMs) continue;
    out.push([moved, v !== null && Number.isFinite(v) ? v : null]);
  }
  return out;
}

/** True when the aligned curve has at least one value to draw (the legend names it only then). */
export const hasValues = (points: Pairs) => points.some(([, v]) => v !== null);
