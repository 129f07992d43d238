/**
 * The outage records part of the history storage port (HistoryStorage extends it): the latest version of every
 * outage the live service published on gaozhu/v1/live/reliability/records, found by the interval it lasted. Which
 * version is the latest is src/core/domain/reliability/record-version.ts's rule; each adapter applies it in its
 * upsert, so a repeat or an older version arriving late changes nothing.
 */
import type { OutageRecord } from '../../../core/contract/reliability';
import type { Province } from '../../../core/contract/topics';

export interface OutageRecordsFilter {
  /** Outages whose interval (start … last section back, or still out) overlaps [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  province?: Province;
  /** At most this many, the earliest started first. */
  limit: number;
}

export interface OutageRecordStore {
  /**
   * Stores each record unless the stored version of its id is as new or newer. One transaction. `stored` counts the
   * records written (new ids and newer versions), `stale` those that changed nothing.
   */
  recordOutages(records: readonly OutageRecord[]): Promise<{ stored: number; stale: number }>;
  /** The stored records the filter selects, ordered by start then id. */
  outageRecords(filter: OutageRecordsFilter): Promise<OutageRecord[]>;
  /**
   * Minutes in [fromMs, toMs) in which the live service's area figures were recorded: the time the history was
   * listening to the live service, so the only time outage records can have reached it.
   */
  liveRecordedMinutes(fromMs: number, toMs: number): Promise<number>;
}
