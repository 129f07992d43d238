/**
 * The manager's reliability section, as data: one row per month of the year (and the year to date) with what the
 * history recorded of it, the indicators per scope and the area's targets for it. Pure, so the table, the CSV and the
 * tests read the same rows.
 *
 * When a figure is a measurement: the indicators come from the outage records the history stored while it was
 * listening to the live service, so a period it did not record (`recordedMin` 0) is "not recorded" — never RS-1
 * 100 % — and one it recorded in part carries the share it recorded. A recorded period without any outage is a
 * measured 100 %, said in words ("no outage recorded"), not a row of zeros that could pass for missing data.
 *
 * A target verdict is given only for a fully recorded period: a period recorded in part shows its figures (what was
 * recorded) but no "on target", since the time not recorded may have held outages the figures cannot see.
 *
 * Targets: RS-1 is a rate, so the year's target applies to any month as it is; the SAIDI target is minutes per
 * customer-year, so a month (or the year to date) is held against its share of it, pro rata to its minutes.
 */
import type { AreaConfig } from '../../../core/config/area-schema';
import type { ReliabilityMonthlyResponse } from '../../../core/contract/history-api';
import type { PeriodIndicators } from '../../../core/contract/reliability';
import type { Scope } from '../../../core/domain/scope';
import { shanghaiWallToMs } from '../../../core/time/shanghai';
import { targetForYear, type YearTarget } from './progress-targets';

export type RecordedState = 'none' | 'partial' | 'full';

/** A period counts as fully recorded from this share of its minutes (a restart's minute or two is not a gap). */
export const FULLY_RECORDED_SHARE = 0.99;

export interface ReliabilityRow {
  /** 'YYYY-MM', or 'ytd' for the year to date. */
  key: string;
  fromMs: number;
  toMs: number;
  recorded: RecordedState;
  /** Share of the period's minutes the history recorded, %. */
  recordedPct: number;
  byScope: Partial<Record<Scope, PeriodIndicators>>;
  /** The year's RS-1 target, %. */
  rs1TargetPct: number | null;
  /** The SAIDI target's share for this period, minutes per customer. */
  saidiTargetMin: number | null;
  /** RS-1 (all causes, area) at or above its target; null without a target or a fully recorded period. */
  rs1Met: boolean | null;
  saidiMet: boolean | null;
}

export type ReliabilityStatus =
  /** The history recorded nothing of the live service this year: no figure can be stated. */
  | 'not-recorded'
  /** The area configuration has no customers (no feeder sections): the indicators have no denominator. */
  | 'no-customers'
  /** Recorded, and no interruption at all (sustained or momentary) and no fault. */
  | 'no-outage'
  | 'measured';

export interface ReliabilityView {
  year: number;
  status: ReliabilityStatus;
  months: ReliabilityRow[];
  yearToDate: ReliabilityRow;
  rs1Target: YearTarget | null;
  saidiTarget: YearTarget | null;
  /** The configuration's note on where the targets come from. */
  targetSource: string | null;
  limited: boolean;
}

function yearMinutes(year: number): number {
  return (shanghaiWallToMs(year + 1, 1, 1) - shanghaiWallToMs(year, 1, 1)) / 60_000;
}

function row(
  key: string,
  p: ReliabilityMonthlyResponse['yearToDate'],
  rs1Target: YearTarget | null,
  saidiTarget: YearTarget | null,
  minutesOfYear: number,
): ReliabilityRow {
  const share = p.periodMin > 0 ? p.recordedMin / p.periodMin : 0;
  const recorded: RecordedState = p.recordedMin <= 0 ? 'none' : share >= FULLY_RECORDED_SHARE ? 'full' : 'partial';
  const saidiTargetMin = saidiTarget ? (saidiTarget.value * p.periodMin) / minutesOfYear : null;
  const area = p.byScope.area;
  const judged = recorded === 'full' && area !== undefined && area.all.customersServed > 0;
  return {
    key,
    fromMs: p.fromMs,
    toMs: p.toMs,
    recorded,
    recordedPct: Math.min(100, share * 100),
    byScope: p.byScope,
    rs1TargetPct: rs1Target?.value ?? null,
    saidiTargetMin,
    rs1Met: judged && rs1Target ? area.all.rs1Pct >= rs1Target.value : null,
    saidiMet: judged && saidiTargetMin !== null ? area.all.saidiMin <= saidiTargetMin : null,
  };
}

export function reliabilityView(res: ReliabilityMonthlyResponse, targets: AreaConfig['targets']): ReliabilityView {
  const rs1Target = targets.rs1PctByYear ? targetForYear(targets.rs1PctByYear, res.year) : null;
  const saidiTarget = targets.saidiMinByYear ? targetForYear(targets.saidiMinByYear, res.year) : null;
  const minutesOfYear = yearMinutes(res.year);
  const months = res.months.map((m) => row(m.month, m, rs1Target, saidiTarget, minutesOfYear));
  const yearToDate = row('ytd', res.yearToDate, rs1Target, saidiTarget, minutesOfYear);
  const ytdArea = res.yearToDate.byScope.area;
  let status: ReliabilityStatus = 'measured';
  if (yearToDate.recorded === 'none') status = 'not-recorded';
  else if (!ytdArea || ytdArea.all.customersServed === 0) status = 'no-customers';
  else if (ytdArea.all.interruptions === 0 && ytdArea.all.momentaryInterruptions === 0 && ytdArea.faults === 0)
    status = 'no-outage';
  return {
    year: res.year,
    status,
    months,
    yearToDate,
    rs1Target,
    saidiTarget,
    targetSource: targets.reliabilitySource ?? null,
    limited: res.limited,
  };
}
