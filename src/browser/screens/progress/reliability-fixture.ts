/**
 * A /api/reliability/monthly answer for tests, computed as the history computes it (the domain function over the
 * months of the year), from outage records and a recorded-minutes rule: valid by the contract's schema.
 */
import { type ReliabilityMonthlyResponse, reliabilityMonthlyResponseSchema } from '../../../core/contract/history-api';
import type { OutageRecord } from '../../../core/contract/reliability';
import { novemberFaultA, novemberPlannedB } from '../../../core/domain/reliability/example-outages';
import {
  monthPeriodsOfYear,
  type ReliabilityPeriod,
  reliabilityIndicators,
} from '../../../core/domain/reliability/indicators';
import type { ByProvince } from '../../../core/domain/scope';
import { monthKey, shanghaiWallToMs } from '../../../core/time/shanghai';

export function monthlyAnswer(
  year: number,
  nowMs: number,
  records: readonly OutageRecord[],
  customers: ByProvince<number>,
  recordedMin: (p: ReliabilityPeriod) => number,
): ReliabilityMonthlyResponse {
  const period = (p: ReliabilityPeriod) => ({
    fromMs: p.fromMs,
    toMs: p.toMs,
    periodMin: (p.toMs - p.fromMs) / 60_000,
    recordedMin: recordedMin(p),
    byScope: reliabilityIndicators(records, customers, p, nowMs),
  });
  const yearFromMs = shanghaiWallToMs(year, 1, 1);
  const yearToMs = Math.max(yearFromMs, Math.min(shanghaiWallToMs(year + 1, 1, 1), nowMs));
  return reliabilityMonthlyResponseSchema.parse({
    year,
    timeZone: 'Asia/Shanghai',
    nowMs,
    months: monthPeriodsOfYear(year, nowMs).map((p) => ({ month: monthKey(p.fromMs), ...period(p) })),
    yearToDate: period({ fromMs: yearFromMs, toMs: yearToMs }),
    limited: false,
  });
}

/** The hand-worked example of src/core/domain/reliability/indicators.test.ts, in November 2026, repaired. */
export function novemberOutages(): OutageRecord[] {
  return [novemberFaultA('repaired'), novemberPlannedB()];
}
