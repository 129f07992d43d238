/**
 * Supply reliability as the live service keeps it: one outage record (src/core/contract/reliability.ts) per fault or
 * planned outage, built from the feeders' judged protection and self-healing events (feeder-events.ts), and from the
 * records the reliability indicators of every scope for the month and the year to date — computed by the one
 * implementation (src/core/domain/reliability/indicators.ts), so the live figures, the history and the manager's
 * table agree. Pure apart from the clock it is given: no I/O, no timers.
 *
 * A record is keyed by feeder and outage start (`<feederId>-<outageStartMs>`, the id the contract names), so events
 * of one outage find it whatever arrived before; an event of an outage this service never saw begin (it restarted
 * mid-outage and the history did not have it) starts a record from what the event says.
 */
import type { AreaConfig } from '../../core/config/area-schema';
import type { JudgedFeederEvent } from '../../core/contract/edge-judge';
import type { LiveScope } from '../../core/contract/live-core';
import {
  type LiveOutages,
  type LiveReliability,
  type OutageRecord,
  type OutageSection,
  outageId,
  SUSTAINED_INTERRUPTION_MIN,
} from '../../core/contract/reliability';
import type { Province } from '../../core/contract/topics';
import {
  customersServedByProvince,
  liveReliabilityByScope,
  outageCustomerMinutes,
} from '../../core/domain/reliability/indicators';
import type { ByProvince } from '../../core/domain/scope';
import { yearStartMs } from '../../core/time/shanghai';

/** Outages ended this long ago leave the retained list (they stay in the indicators and the history). */
export const RECENT_OUTAGES_MS = 24 * 3_600_000;
/** Records kept in memory, at most: a plausible year has a few hundred. */
const MAX_RECORDS = 5_000;
const SUSTAINED_MS = SUSTAINED_INTERRUPTION_MIN * 60_000;

interface FeederInfo {
  substationId: string;
  province: Province;
  customers: number[];
}

export class LiveReliabilityState {
  private readonly feeders = new Map<string, FeederInfo>();
  private readonly records = new Map<string, OutageRecord>();
  private readonly customersServed: ByProvince<number>;
  private readonly provinceOf = new Map<string, Province>();
  /** Ids changed since the last drain: published on the records topic. */
  private readonly changed = new Set<string>();

  constructor(config: AreaConfig) {
    for (const f of config.feeders) {
      this.provinceOf.set(f.id, f.province);
      this.feeders.set(f.id, {
        substationId: f.substationId,
        province: f.province,
        customers: f.sections?.map((s) => s.residential + s.enterprise) ?? [0],
      });
    }
    this.customersServed = customersServedByProvince(config);
  }

  get size(): number {
    return this.records.size;
  }

  /** Applies one accepted event; returns the record it changed. */
  apply(j: Extract<JudgedFeederEvent, { type: 'event' }>): OutageRecord | null {
    const info = this.feeders.get(j.feederId);
    if (!info) return null;
    const e = j.data;
    const id = outageId(j.feederId, e.outageStartMs);
    let r = this.records.get(id);
    if (!r) {
      r = {
        id,
        feederId: j.feederId,
        substationId: info.substationId,
        province: info.province,
        cause: e.cause,
        faultSection: null,
        state: e.type === 'tripped' ? 'tripped' : 'isolated',
        startMs: e.outageStartMs,
        isolatedAtMs: null,
        restoredAtMs: null,
        repairedAtMs: null,
        sections: [],
        customersAffected: 0,
        customerMinutes: 0,
        selfHealed: false,
        crossProvinceTie: false,
      };
      this.records.set(id, r);
      this.prune();
    }
    const section = (k: number): OutageSection => {
      let s = r.sections.find((x) => x.section === k);
      if (!s) {
        // Lost supply at this event (or, for a record started late, at the outage's start at the latest).
        s = {
          section: k,
          customers: info.customers[k] ?? 0,
          outAtMs: e.type === 'tripped' || e.type === 'isolated' ? e.ts : e.outageStartMs,
          restoredAtMs: null,
          restoredVia: null,
          tieFeederId: null,
        };
        r.sections.push(s);
        r.sections.sort((a, b) => a.section - b.section);
      }
      return s;
    };
    if (e.section !== null) r.faultSection = e.section;
    switch (e.type) {
      case 'tripped':
      case 'isolated':
        for (const k of e.sections) section(k);
        if (e.type === 'isolated') {
          r.isolatedAtMs ??= e.ts;
          if (r.state === 'tripped') r.state = 'isolated';
        }
        break;
      case 'restored':
      case 'repaired':
        for (const k of e.sections) {
          const s = section(k);
          if (s.restoredAtMs !== null) continue;
          s.restoredAtMs = e.ts;
          s.restoredVia = e.via;
          s.tieFeederId = e.tieFeederId;
          if (e.tieFeederId && this.provinceOf.get(e.tieFeederId) !== r.province) r.crossProvinceTie = true;
        }
        if (e.type === 'repaired') {
          // Everything is back: a section the record still holds out came back with the repair.
          for (const s of r.sections)
            if (s.restoredAtMs === null) {
              s.restoredAtMs = e.ts;
              s.restoredVia = 'repair';
            }
          r.repairedAtMs = e.ts;
          r.state = 'repaired';
        }
        break;
    }
    const healthy = r.sections.filter((s) => s.section !== r.faultSection);
    if (r.restoredAtMs === null && healthy.every((s) => s.restoredAtMs !== null) && r.faultSection !== null) {
      const back = healthy.map((s) => s.restoredAtMs as number);
      r.restoredAtMs = back.length ? Math.max(...back) : null;
      if (r.state !== 'repaired' && back.length) r.state = 'restored';
    }
    r.selfHealed =
      r.cause === 'fault' &&
      healthy.length > 0 &&
      healthy.every(
        (s) =>
          s.restoredAtMs !== null &&
          s.restoredVia !== 'repair' &&
          (s.restoredAtMs as number) - s.outAtMs <= SUSTAINED_MS,
      );
    r.customersAffected = r.sections.reduce((a, s) => a + s.customers, 0);
    r.customerMinutes = outageCustomerMinutes(r, e.ts);
    this.changed.add(id);
    return r;
  }

  /** Records from the history (a restart): kept where this service has no newer version of its own. */
  seed(records: readonly OutageRecord[]): number {
    let n = 0;
    for (const r of records) {
      if (this.records.has(r.id)) continue;
      this.records.set(r.id, structuredClone(r));
      n++;
    }
    this.prune();
    return n;
  }

  /** Every record kept (this year's and the ongoing ones), for the state file. */
  saveState(): OutageRecord[] {
    return [...this.records.values()];
  }

  /** The records changed since the last call, customer-minutes brought up to nowMs. */
  drainChanged(nowMs: number): OutageRecord[] {
    const out: OutageRecord[] = [];
    for (const id of this.changed) {
      const r = this.records.get(id);
      if (r) out.push(this.current(r, nowMs));
    }
    this.changed.clear();
    return out;
  }

  /** Ongoing records, their customer-minutes up to nowMs (published again as they grow). */
  ongoing(nowMs: number): OutageRecord[] {
    return [...this.records.values()].filter((r) => r.repairedAtMs === null).map((r) => this.current(r, nowMs));
  }

  outages(nowMs: number): LiveOutages {
    const recent = [...this.records.values()]
      .filter((r) => r.repairedAtMs === null || nowMs - r.repairedAtMs <= RECENT_OUTAGES_MS)
      .sort((a, b) => b.startMs - a.startMs)
      .slice(0, MAX_RECORDS)
      .map((r) => this.current(r, nowMs));
    return { ts: Math.round(nowMs), outages: recent };
  }

  indicators(nowMs: number): Record<LiveScope, LiveReliability> {
    return liveReliabilityByScope([...this.records.values()], this.customersServed, Math.round(nowMs));
  }

  private current(r: OutageRecord, nowMs: number): OutageRecord {
    const customerMinutes = r.repairedAtMs === null ? outageCustomerMinutes(r, nowMs) : r.customerMinutes;
    return { ...r, sections: r.sections.map((s) => ({ ...s })), customerMinutes };
  }

  /** Keeps this year's records (and any still ongoing), at most MAX_RECORDS, the oldest dropped first. */
  private prune(): void {
    if (this.records.size <= MAX_RECORDS) return;
    const newest = Math.max(...[...this.records.values()].map((r) => r.startMs));
    const yearStart = yearStartMs(newest);
    for (const [id, r] of this.records)
      if (r.repairedAtMs !== null && r.repairedAtMs < yearStart) this.records.delete(id);
    const byAge = [...this.records.values()].sort((a, b) => a.startMs - b.startMs);
    for (let k = 0; this.records.size > MAX_RECORDS && k < byAge.length; k++) this.records.delete(byAge[k]!.id);
  }
}
