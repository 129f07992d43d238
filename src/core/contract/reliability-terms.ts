/**
 * Supply reliability's vocabulary without its schemas (./reliability.ts, which re-exports all of this): the topics, the
 * outage causes and states, the sustained-interruption line and the outage id. A page's main thread imports these from
 * here: the documents themselves are checked in the page's worker, so the wall's main thread carries no zod.
 */
import { LIVE_ROOT, type LIVE_SCOPES } from './live-core-terms';

/** DL/T 836.1-2016 and IEEE 1366-2012 both draw the line between momentary and sustained at 3 and 5 minutes
 * respectively; the Chinese standard's 3 minutes is the one this product reports by. */
export const SUSTAINED_INTERRUPTION_MIN = 3;

export const reliabilityTopics = {
  outages: `${LIVE_ROOT}/reliability/outages`,
  indicators: (scope: (typeof LIVE_SCOPES)[number]) => `${LIVE_ROOT}/reliability/indicators/${scope}`,
  records: `${LIVE_ROOT}/reliability/records`,
} as const;

export const OUTAGE_CAUSES = ['fault', 'planned'] as const;
export type OutageCause = (typeof OUTAGE_CAUSES)[number];

/** How a section came back: closed upstream breaker/switch, across a normally-open tie, or after the repair. */
export const RESTORED_VIA = ['upstream', 'tie', 'repair'] as const;
export type RestoredVia = (typeof RESTORED_VIA)[number];

export const OUTAGE_STATES = ['tripped', 'isolated', 'restored', 'repaired'] as const;
export type OutageState = (typeof OUTAGE_STATES)[number];

/**
 * An outage's stable id: its feeder and the instant supply was lost, so every event of one outage (trip, isolation,
 * restorations, repair) updates one record, in the live service and in the history alike.
 */
export function outageId(feederId: string, outageStartMs: number): string {
  return `${feederId}-${outageStartMs}`;
}
