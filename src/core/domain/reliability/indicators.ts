/**
 * Supply reliability indicators from outage records: SAIDI, SAIFI, CAIDI and RS-1, sustained interruptions only, with
 * the momentary ones counted apart; for the area and each province, with and without planned outages; and the
 * self-healing figures (faults, faults self-healed, mean time from trip to the last healthy section back).
 *
 * Definitions used (the customer is the unit, as in both standards; a "customer" here is a section's customer count in
 * the area model):
 * - SAIDI (户均停电时间, DL/T 836.1 AIHC-1) = Σ customer-minutes of sustained interruptions / customers served, min.
 * - SAIFI (户均停电次数, AITC-1) = Σ customers interrupted (sustained) / customers served.
 * - CAIDI = Σ customer-minutes / Σ customers interrupted = SAIDI / SAIFI, min; null without interruptions.
 * - RS-1 (供电可靠率) = (1 − SAIDI / period minutes) × 100 %, i.e. 1 − Σ(户·时) / (总户数 × 统计期小时), the formula
 *   restated by the secondary sources found (manyoumao.com "时户数如何表示"; lvyouzhishi.com on AIHC-1 and RS).
 * - Momentary (IEEE 1366 MAIFI-like; DL/T 836.1 短时停电): an interruption of a section no longer than
 *   SUSTAINED_INTERRUPTION_MIN (3 min) — counted in `momentaryInterruptions` (customers), never in the four above.
 *   IEEE 1366-2012 draws the same line at 5 min (CPUC "Reliability Standards" page: sustained ≥ 5 min, momentary
 *   < 5 min; Wikipedia "SAIFI" for the ratio definitions). The 3 min of DL/T 836.1-2016 could not be checked against
 *   the standard's own text (no copy was found with the `search` tool on 2026-12-02); it is the contract's constant
 *   and the figure the Chinese reliability statistics are known to use.
 *
 * Rules this module owns (one implementation, used by the live service, the history API and the screens):
 * - A section's interruption runs from `outAtMs` to `restoredAtMs`; a section still out runs to `nowMs`. It is
 *   sustained when that whole duration (not the part inside the period) exceeds the limit. A section out for no more
 *   than the limit and not yet back is undecided: counted nowhere until it comes back or passes the limit, so a figure
 *   never counts as momentary what may turn out sustained.
 * - Customer-minutes are clipped to the period [fromMs, toMs) and, for a section still out, stop at `nowMs`.
 * - An interruption (and a fault) is counted in the period its section went out (its outage started), so the months'
 *   interruptions add up to the year's; its minutes fall in every period it overlaps. A period can therefore carry
 *   minutes with no interruption of its own (an outage from the month before), and its CAIDI is then null.
 * - A fault's self-healing time is trip → last healthy section back (`restoredAtMs − startMs`); the mean is over the
 *   faults the record marks self-healed.
 */
import {
  type LiveReliability,
  type OutageRecord,
  type PeriodIndicators,
  SUSTAINED_INTERRUPTION_MIN,
} from '../../contract/reliability';
import { PROVINCES, type Province } from '../../contract/topics';
import { addMonthsStartMs, monthStartMs, shanghaiWallToMs, yearStartMs } from '../../time/shanghai';
import type { ByProvince, ByScope, Scope } from '../scope';
import { SCOPES } from '../scope';

const MS_PER_MIN = 60_000;
const SUSTAINED_LIMIT_MS = SUSTAINED_INTERRUPTION_MIN * MS_PER_MIN;

/** A half-open interval of device time, [fromMs, toMs). */
export interface ReliabilityPeriod {
  fromMs: number;
  toMs: number;
}

type IndicatorSet = PeriodIndicators['all'];

interface Tally {
  interruptions: number;
  customerMinutes: number;
  momentary: number;
}

const emptyTally = (): Tally => ({ interruptions: 0, customerMinutes: 0, momentary: 0 });

type SectionClass = 'sustained' | 'momentary' | 'undecided';

/** How one section's interruption counts, judged on its whole duration as known at nowMs. */
export function sectionInterruptionClass(
  section: Pick<OutageRecord['sections'][number], 'outAtMs' | 'restoredAtMs'>,
  nowMs: number,
): SectionClass {
  const endMs = section.restoredAtMs ?? nowMs;
  const durationMs = endMs - section.outAtMs;
  if (durationMs > SUSTAINED_LIMIT_MS) return 'sustained';
  return section.restoredAtMs === null ? 'undecided' : 'momentary';
}

/** Customer-minutes of one section inside [fromMs, toMs), sustained only, a section still out counted to nowMs. */
function sectionCustomerMinutes(
  section: OutageRecord['sections'][number],
  period: ReliabilityPeriod,
  nowMs: number,
): number {
  if (sectionInterruptionClass(section, nowMs) !== 'sustained') return 0;
  const startMs = Math.max(section.outAtMs, period.fromMs);
  const endMs = Math.min(section.restoredAtMs ?? nowMs, period.toMs, nowMs);
  if (!(endMs > startMs)) return 0;
  return (section.customers * (endMs - startMs)) / MS_PER_MIN;
}

/**
 * Σ customers × minutes without supply of an outage, sustained sections only, up to nowMs while ongoing: the
 * record's `customerMinutes` (the live service fills it with this, so the record and the indicators agree).
 */
export function outageCustomerMinutes(record: OutageRecord, nowMs: number): number {
  const whole = { fromMs: Number.NEGATIVE_INFINITY, toMs: Number.POSITIVE_INFINITY };
  let sum = 0;
  for (const s of record.sections) sum += sectionCustomerMinutes(s, whole, nowMs);
  return sum;
}

const inPeriod = (tsMs: number, p: ReliabilityPeriod) => tsMs >= p.fromMs && tsMs < p.toMs;

function tallyRecord(target: Tally, record: OutageRecord, period: ReliabilityPeriod, nowMs: number): void {
  for (const s of record.sections) {
    if (s.outAtMs > nowMs) continue; // a timestamp from the future: nothing has happened yet
    const cls = sectionInterruptionClass(s, nowMs);
    if (inPeriod(s.outAtMs, period)) {
      if (cls === 'sustained') target.interruptions += s.customers;
      else if (cls === 'momentary') target.momentary += s.customers;
    }
    target.customerMinutes += sectionCustomerMinutes(s, period, nowMs);
  }
}

function indicatorSet(t: Tally, customersServed: number, period: ReliabilityPeriod): IndicatorSet {
  const periodMin = Math.max(0, period.toMs - period.fromMs) / MS_PER_MIN;
  const saidiMin = customersServed > 0 ? t.customerMinutes / customersServed : 0;
  const saifi = customersServed > 0 ? t.interruptions / customersServed : 0;
  const rs1Pct = periodMin > 0 ? Math.min(100, Math.max(0, (1 - saidiMin / periodMin) * 100)) : 100;
  return {
    customersServed,
    interruptions: t.interruptions,
    customerMinutes: t.customerMinutes,
    saidiMin,
    saifi,
    caidiMin: t.interruptions > 0 ? t.customerMinutes / t.interruptions : null,
    rs1Pct,
    momentaryInterruptions: t.momentary,
  };
}

interface ScopeTally {
  all: Tally;
  unplanned: Tally;
  faults: number;
  selfHealedFaults: number;
  selfHealingMsSum: number;
  selfHealingCount: number;
}

const emptyScopeTally = (): ScopeTally => ({
  all: emptyTally(),
  unplanned: emptyTally(),
  faults: 0,
  selfHealedFaults: 0,
  selfHealingMsSum: 0,
  selfHealingCount: 0,
});

/**
 * The indicator set of every scope over `period`, from the outage records (any order; one version per outage id —
 * the caller keeps the newest). `customersServed` per province (the area is their sum). `nowMs` is the instant the
 * records describe: sections still out count up to it (default: the period's end, for a past period).
 */
export function reliabilityIndicators(
  records: readonly OutageRecord[],
  customersServed: ByProvince<number>,
  period: ReliabilityPeriod,
  nowMs: number = period.toMs,
): ByScope<PeriodIndicators> {
  const tallies = Object.fromEntries(PROVINCES.map((p) => [p, emptyScopeTally()])) as ByProvince<ScopeTally>;
  for (const r of records) {
    const t = tallies[r.province];
    if (!t) continue;
    tallyRecord(t.all, r, period, nowMs);
    if (r.cause === 'fault') {
      tallyRecord(t.unplanned, r, period, nowMs);
      if (inPeriod(r.startMs, period) && r.startMs <= nowMs) {
        t.faults += 1;
        if (r.selfHealed) {
          t.selfHealedFaults += 1;
          if (r.restoredAtMs !== null && r.restoredAtMs >= r.startMs) {
            t.selfHealingMsSum += r.restoredAtMs - r.startMs;
            t.selfHealingCount += 1;
          }
        }
      }
    }
  }
  const byScope = (scope: Scope): ScopeTally => {
    if (scope !== 'area') return tallies[scope];
    const sum = emptyScopeTally();
    for (const p of PROVINCES) {
      const t = tallies[p];
      for (const k of ['all', 'unplanned'] as const) {
        sum[k].interruptions += t[k].interruptions;
        sum[k].customerMinutes += t[k].customerMinutes;
        sum[k].momentary += t[k].momentary;
      }
      sum.faults += t.faults;
      sum.selfHealedFaults += t.selfHealedFaults;
      sum.selfHealingMsSum += t.selfHealingMsSum;
      sum.selfHealingCount += t.selfHealingCount;
    }
    return sum;
  };
  const served = (scope: Scope): number =>
    scope === 'area' ? PROVINCES.reduce((s, p) => s + customersServed[p], 0) : customersServed[scope as Province];
  return Object.fromEntries(
    SCOPES.map((scope) => {
      const t = byScope(scope);
      const customers = served(scope);
      const result: PeriodIndicators = {
        fromMs: period.fromMs,
        toMs: period.toMs,
        all: indicatorSet(t.all, customers, period),
        unplanned: indicatorSet(t.unplanned, customers, period),
        faults: t.faults,
        selfHealedFaults: t.selfHealedFaults,
        meanSelfHealingS: t.selfHealingCount > 0 ? t.selfHealingMsSum / t.selfHealingCount / 1000 : null,
      };
      return [scope, result];
    }),
  ) as ByScope<PeriodIndicators>;
}

/** What customersServedByProvince reads of the area configuration (feeders' sections, src/core/config/area-schema). */
export interface FeedersWithCustomers {
  feeders: readonly {
    province: Province;
    sections?: readonly { residential: number; enterprise: number }[] | undefined;
  }[];
}

/**
 * The denominators: customers (residential + enterprise) of each province, Σ over its feeders' sections. A feeder
 * without sections has no customer data and adds none, so an area without any gives 0 (and indicators that say so).
 */
export function customersServedByProvince(config: FeedersWithCustomers): ByProvince<number> {
  const served = Object.fromEntries(PROVINCES.map((p) => [p, 0])) as ByProvince<number>;
  for (const f of config.feeders) for (const s of f.sections ?? []) served[f.province] += s.residential + s.enterprise;
  return served;
}

/** This month and the year to date in Asia/Shanghai, each up to nowMs: the live indicators' two periods. */
export function periodsAt(nowMs: number): { month: ReliabilityPeriod; yearToDate: ReliabilityPeriod } {
  return {
    month: { fromMs: monthStartMs(nowMs), toMs: nowMs },
    yearToDate: { fromMs: yearStartMs(nowMs), toMs: nowMs },
  };
}

/** The live topic's payload for every scope: this month and the year to date at nowMs (device time). */
export function liveReliabilityByScope(
  records: readonly OutageRecord[],
  customersServed: ByProvince<number>,
  nowMs: number,
): ByScope<LiveReliability> {
  const periods = periodsAt(nowMs);
  const month = reliabilityIndicators(records, customersServed, periods.month, nowMs);
  const yearToDate = reliabilityIndicators(records, customersServed, periods.yearToDate, nowMs);
  return Object.fromEntries(
    SCOPES.map((scope) => [scope, { ts: nowMs, scope, month: month[scope], yearToDate: yearToDate[scope] }]),
  ) as ByScope<LiveReliability>;
}

/**
 * The Shanghai calendar months of `year` that have begun by nowMs, each [month start, next month start), the running
 * one cut at nowMs: the periods of the manager's month-by-month table. Empty for a year that has not begun.
 */
export function monthPeriodsOfYear(year: number, nowMs: number): ReliabilityPeriod[] {
  const periods: ReliabilityPeriod[] = [];
  for (let month = 1; month <= 12; month++) {
    const fromMs = shanghaiWallToMs(year, month, 1);
    if (fromMs > nowMs) break;
    const toMs = Math.min(addMonthsStartMs(fromMs, 1), nowMs);
    if (toMs > fromMs) periods.push({ fromMs, toMs });
  }
  return periods;
}
