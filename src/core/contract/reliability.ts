/**
 * Supply reliability in the live core: outage records and the reliability indicators, computed once by the live
 * service from the feeders' protection and switching events (device side: see the feeder `events` channel in
 * ./topics.ts and ./payloads.ts) and published for every screen, like the figures in ./live-core.ts.
 *
 *   gaozhu/v1/live/reliability/outages              retained: outages in progress and those ended in the last 24 h
 *   gaozhu/v1/live/reliability/indicators/<scope>   retained, on every change and once a minute: month and year to date
 *   gaozhu/v1/live/reliability/records              QoS 1, not retained: an outage record each time it changes
 *                                                   (the history service stores the latest version per outage id)
 *
 * The indicators follow DL/T 836.1 (供电系统用户供电可靠性评价规程) and IEEE 1366: only sustained interruptions
 * (longer than SUSTAINED_INTERRUPTION_MIN) count in SAIDI, SAIFI, CAIDI and RS-1; shorter ones — the healthy sections
 * a self-healing scheme restores within seconds to a few minutes — are counted apart as momentary (MAIFI-like).
 * The one implementation of the formulas is src/core/domain/reliability/.
 */
import { z } from 'zod';
import { LIVE_SCOPES } from './live-core-terms';
import { timestampMs } from './payloads';
import { OUTAGE_CAUSES, OUTAGE_STATES, RESTORED_VIA } from './reliability-terms';
import { DEVICE_ID_PATTERN, PROVINCES } from './topics';

// The topics, states and rules without the schemas: what a page's main thread needs (./reliability-terms.ts).
export * from './reliability-terms';

const deviceId = z.string().regex(DEVICE_ID_PATTERN);
const count = z.number().int().min(0);

export const outageSectionSchema = z
  .object({
    section: count.describe('Section index on the feeder, 0 = nearest the feeder head'),
    customers: count.describe('Customers supplied by this section'),
    outAtMs: timestampMs.describe('Device time the section lost supply'),
    restoredAtMs: timestampMs.nullable().describe('Device time supply came back; null while out'),
    restoredVia: z.enum(RESTORED_VIA).nullable(),
    tieFeederId: deviceId.nullable().describe('The neighbouring feeder it was restored from across a tie'),
  })
  .describe('One section that lost supply in an outage');
export type OutageSection = z.infer<typeof outageSectionSchema>;

export const outageRecordSchema = z
  .object({
    id: z.string().min(1).max(96).describe('Stable id of the outage: `<feederId>-<startMs>`'),
    feederId: deviceId,
    substationId: deviceId,
    province: z.enum(PROVINCES),
    cause: z.enum(OUTAGE_CAUSES),
    faultSection: count.nullable().describe('Faulted (or worked-on) section; null until located'),
    state: z
      .enum(OUTAGE_STATES)
      .describe(
        'tripped: feeder head open; isolated: fault located and switched out; restored: every healthy section back; repaired: all back',
      ),
    startMs: timestampMs.describe('Trip (fault) or opening (planned), device time'),
    isolatedAtMs: timestampMs.nullable(),
    restoredAtMs: timestampMs.nullable().describe('Last healthy section back (self-healing done)'),
    repairedAtMs: timestampMs.nullable().describe('Faulted section back in service; the outage is over'),
    sections: z.array(outageSectionSchema).max(64),
    customersAffected: count.describe('Σ customers of the sections that lost supply'),
    customerMinutes: z
      .number()
      .min(0)
      .describe('Σ customers × minutes without supply, sustained interruptions only, up to now while ongoing'),
    selfHealed: z.boolean().describe('Every healthy section was restored automatically within the sustained limit'),
    crossProvinceTie: z.boolean().describe('A section was restored across the Sichuan–Chongqing 10 kV interconnection'),
  })
  .describe('One outage of a 10 kV feeder, from trip to repair');
export type OutageRecord = z.infer<typeof outageRecordSchema>;

export const liveOutagesSchema = z
  .object({
    ts: timestampMs,
    outages: z.array(outageRecordSchema).max(5000),
  })
  .describe('Outages in progress and those ended in the last 24 hours, newest first');
export type LiveOutages = z.infer<typeof liveOutagesSchema>;

export const indicatorSetSchema = z
  .object({
    customersServed: count.describe('Customers in the scope (the denominator)'),
    interruptions: count.describe('Sustained customer interruptions (Σ customers interrupted)'),
    customerMinutes: z.number().min(0),
    saidiMin: z.number().min(0).describe('SAIDI 户均停电时间, minutes per customer'),
    saifi: z.number().min(0).describe('SAIFI 户均停电次数, interruptions per customer'),
    caidiMin: z.number().min(0).nullable().describe('CAIDI = SAIDI / SAIFI, minutes; null without interruptions'),
    rs1Pct: z.number().min(0).max(100).describe('RS-1 供电可靠率 = (1 − SAIDI / period) × 100 %'),
    momentaryInterruptions: count.describe('Customer interruptions no longer than the sustained limit'),
  })
  .describe('Reliability indicators over one period');
export type IndicatorSet = z.infer<typeof indicatorSetSchema>;

export const periodIndicatorsSchema = z.object({
  fromMs: timestampMs,
  toMs: timestampMs.describe('Up to now for the running period'),
  all: indicatorSetSchema.describe('Faults and planned outages'),
  unplanned: indicatorSetSchema.describe('Faults only (planned outages excluded)'),
  faults: count,
  selfHealedFaults: count,
  meanSelfHealingS: z.number().min(0).nullable().describe('Mean time from trip to the last healthy section back'),
});
export type PeriodIndicators = z.infer<typeof periodIndicatorsSchema>;

export const liveReliabilitySchema = z
  .object({
    ts: timestampMs,
    scope: z.enum(LIVE_SCOPES),
    month: periodIndicatorsSchema,
    yearToDate: periodIndicatorsSchema,
  })
  .describe('Reliability indicators of the area or one province, this month and this year (Asia/Shanghai)');
export type LiveReliability = z.infer<typeof liveReliabilitySchema>;
