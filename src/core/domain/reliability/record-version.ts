/**
 * Which of two versions of one outage record is the newer. Records arrive at QoS 1 on the records topic each time an
 * outage changes, so a store sees repeats (redelivery) and, across a reconnect or two publishers, versions out of
 * order; it keeps the newest by this rule, the one rule the SQLite and PostgreSQL adapters both apply.
 *
 * An outage only moves forward: its state (tripped → isolated → restored → repaired), then the facts it has learned
 * (isolation, restoration and repair times, the faulted section, sections and their restorations), then, while
 * nothing else changes, its customer-minutes, which only grow while sections are out. The rank is that triple,
 * compared in order; an equal rank is the same version (a repeat) and changes nothing.
 */
import { OUTAGE_STATES, type OutageRecord } from '../../contract/reliability';

/** [state index, facts set, customer-minutes]: larger is newer, compared element by element. */
export type OutageRecordRank = readonly [state: number, facts: number, customerMinutes: number];

export function outageRecordRank(r: OutageRecord): OutageRecordRank {
  let facts = r.sections.length;
  for (const s of r.sections) if (s.restoredAtMs !== null) facts++;
  for (const v of [r.isolatedAtMs, r.restoredAtMs, r.repairedAtMs, r.faultSection]) if (v !== null) facts++;
  return [OUTAGE_STATES.indexOf(r.state), facts, r.customerMinutes];
}

/** −1, 0 or 1 as rank a is older than, the same as or newer than rank b. */
export function compareOutageRanks(a: OutageRecordRank, b: OutageRecordRank): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** True when `candidate` should replace `stored` (strictly newer). */
export function isNewerOutageRecord(candidate: OutageRecord, stored: OutageRecord): boolean {
  return compareOutageRanks(outageRecordRank(candidate), outageRecordRank(stored)) > 0;
}

/**
 * When the outage's supply was all back (the last section's restoration), or null while any section is out: the end
 * of the interval a stored record is found by.
 */
export function outageEndMs(r: OutageRecord): number | null {
  let end = r.repairedAtMs;
  for (const s of r.sections) {
    if (s.restoredAtMs === null) {
      if (r.repairedAtMs === null) return null;
    } else end = Math.max(end ?? s.restoredAtMs, s.restoredAtMs);
  }
  return r.repairedAtMs === null && r.sections.length === 0 ? null : end;
}
