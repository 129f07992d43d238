/**
 * GET /api/reliability/outages and /api/reliability/monthly: the stored outage records, and the reliability
 * indicators month by month computed from them by the domain function the live service uses
 * (src/core/domain/reliability/indicators.ts), so the manager's table and the live figures agree.
 */
import {
  RELIABILITY_OUTAGES_LIMITS,
  type ReliabilityMonthlyResponse,
  type ReliabilityOutagesResponse,
  reliabilityMonthlyQuerySchema,
  reliabilityOutagesQuerySchema,
} from '../../core/contract/history-api';
import type { PeriodIndicators } from '../../core/contract/reliability';
import {
  monthPeriodsOfYear,
  type ReliabilityPeriod,
  reliabilityIndicators,
} from '../../core/domain/reliability/indicators';
import type { ByProvince, Scope } from '../../core/domain/scope';
import { SCOPES_AREA_FIRST } from '../../core/domain/scope';
import { monthKey, shanghaiWallToMs } from '../../core/time/shanghai';
import { BadRequest, parseTime, readParam } from './series-query';
import type { OutageRecordStore } from './storage/outage-store';

/** One answer reads at most this many records of a year (a plausible year has a few hundred at most). */
export const MONTHLY_RECORDS_MAX = 50_000;
const MS_PER_MIN = 60_000;

export interface ReliabilityApiDeps {
  storage: OutageRecordStore;
  /** Customers per province from the area configuration (customersServedByProvince). */
  customersServed: ByProvince<number>;
}

export async function reliabilityOutages(
  deps: ReliabilityApiDeps,
  params: URLSearchParams,
  nowMs: number,
): Promise<ReliabilityOutagesResponse> {
  const fromMs = parseTime(params.get('from'), 'from');
  const toMs = parseTime(params.get('to'), 'to');
  if (!(toMs > fromMs)) throw new BadRequest('to must be after from');
  const scope = readParam(reliabilityOutagesQuerySchema.shape.scope, params, 'scope');
  const limit =
    readParam(reliabilityOutagesQuerySchema.shape.limit, params, 'limit') ?? RELIABILITY_OUTAGES_LIMITS.default;
  const rows = await deps.storage.outageRecords({
    fromMs,
    toMs,
    limit: limit + 1,
    ...(scope === 'area' ? {} : { province: scope }),
  });
  return { fromMs, toMs, scope, nowMs, outages: rows.slice(0, limit), limited: rows.length > limit };
}

export async function reliabilityMonthly(
  deps: ReliabilityApiDeps,
  params: URLSearchParams,
  nowMs: number,
): Promise<ReliabilityMonthlyResponse> {
  const year = readParam(reliabilityMonthlyQuerySchema.shape.year, params, 'year');
  const only = readParam(reliabilityMonthlyQuerySchema.shape.scope, params, 'scope');
  const scopes: readonly Scope[] = only ? [only] : SCOPES_AREA_FIRST;
  const yearFromMs = shanghaiWallToMs(year, 1, 1);
  const yearToMs = Math.max(yearFromMs, Math.min(shanghaiWallToMs(year + 1, 1, 1), nowMs));
  const rows =
    yearToMs > yearFromMs
      ? await deps.storage.outageRecords({ fromMs: yearFromMs, toMs: yearToMs, limit: MONTHLY_RECORDS_MAX + 1 })
      : [];
  const records = rows.slice(0, MONTHLY_RECORDS_MAX);

  const period = async (p: ReliabilityPeriod) => {
    const all = reliabilityIndicators(records, deps.customersServed, p, nowMs);
    const byScope: Partial<Record<Scope, PeriodIndicators>> = {};
    for (const s of scopes) byScope[s] = all[s];
    return {
      fromMs: p.fromMs,
      toMs: p.toMs,
      periodMin: (p.toMs - p.fromMs) / MS_PER_MIN,
      recordedMin: await deps.storage.liveRecordedMinutes(p.fromMs, p.toMs),
      byScope,
    };
  };
  const months = [];
  for (const p of monthPeriodsOfYear(year, nowMs)) months.push({ month: monthKey(p.fromMs), ...(await period(p)) });
  return {
    year,
    timeZone: 'Asia/Shanghai',
    nowMs,
    months,
    yearToDate: await period({ fromMs: yearFromMs, toMs: yearToMs }),
    limited: rows.length > MONTHLY_RECORDS_MAX,
  };
}
