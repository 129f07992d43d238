/**
 * A /api/reliability/monthly answer for tests, computed as the history computes it (the domain function over the
 * months of the year), from outage records and a recorded-minutes rule: valid by the contract's schema.
 */
import { type ReliabilityMonthlyResponse, reliabilityMonthlyResponseSchema } from '../../../core/contract/history-api';
import type { OutageRecord } from '../../../core/contract/reliability';
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

/** The hand-worked example of src/core/domain/reliability/indicators.test.ts, in November 2026. */
export function novemberOutages(): OutageRecord[] {
  const MIN = 60_000;
  const a = shanghaiWallToMs(2026, 11, 10, 8);
  const b = shanghaiWallToMs(2026, 11, 20, 9);
  const base = {
    isolatedAtMs: null,
    customerMinutes: 0,
    crossProvinceTie: false,
  };
  return [
    {
      ...base,
      id: `f-sc-1-${a}`,
      feederId: 'f-sc-1',
      substationId: 's-sc-1',
      province: 'sc',
      cause: 'fault',
      faultSection: 1,
      state: 'repaired',
      startMs: a,
      restoredAtMs: a + 40_000,
      repairedAtMs: a + 90 * MIN,
      sections: [
        {
          section: 0,
          customers: 100,
          outAtMs: a,
          restoredAtMs: a + 40_000,
          restoredVia: 'upstream',
          tieFeederId: null,
        },
        {
          section: 1,
          customers: 200,
          outAtMs: a,
          restoredAtMs: a + 90 * MIN,
          restoredVia: 'repair',
          tieFeederId: null,
        },
      ],
      customersAffected: 300,
      selfHealed: true,
    },
    {
      ...base,
      id: `f-cq-1-${b}`,
      feederId: 'f-cq-1',
      substationId: 's-cq-1',
      province: 'cq',
      cause: 'planned',
      faultSection: 0,
      state: 'repaired',
      startMs: b,
      restoredAtMs: null,
      repairedAtMs: b + 120 * MIN,
      sections: [
        {
          section: 0,
          customers: 50,
          outAtMs: b,
          restoredAtMs: b + 120 * MIN,
          restoredVia: 'repair',
          tieFeederId: null,
        },
      ],
      customersAffected: 50,
      selfHealed: false,
    },
  ];
}
