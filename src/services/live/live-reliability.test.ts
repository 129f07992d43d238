/**
 * Outage records from feeder events, hand-checked: a fault self-healed across the provincial tie, its customer-minutes
 * (the faulted section's customers × its repair time; the healthy sections back within 3 min count as momentary),
 * the indicators it makes, and a record started from an event of an outage begun before a restart.
 */
import { describe, expect, it } from 'vitest';
import { crossBorderFeeder, readAreaConfig } from '../../../tests/support/area-config';
import type { FeederEvent } from '../../core/contract/feeder-events';
import { LiveReliabilityState } from './live-reliability';

const config = readAreaConfig();
const cross = crossBorderFeeder(config);
const n = cross.sections!.length;
const tieFeederId = cross.sections!.at(-1)!.tie!.feederId;
const customers = cross.sections!.map((s) => s.residential + s.enterprise);
const T0 = Date.UTC(2026, 11, 2, 2, 0, 0);
const all = Array.from({ length: n }, (_, k) => k);
const downstream = all.slice(2);

const ev = (e: Partial<FeederEvent> & Pick<FeederEvent, 'type' | 'ts' | 'seq'>) => ({
  type: 'event' as const,
  feederId: cross.id,
  province: cross.province,
  atMs: e.ts,
  data: {
    cause: 'fault',
    outageStartMs: T0,
    section: 1,
    sections: [1],
    via: null,
    tieFeederId: null,
    ...e,
  } as FeederEvent,
});

describe('outage records from feeder events', () => {
  it('a fault self-healed across the provincial tie: one record, its customer-minutes and the indicators', () => {
    const s = new LiveReliabilityState(config);
    s.apply(ev({ type: 'tripped', ts: T0, seq: 1, section: null, sections: all }));
    expect(s.outages(T0).outages[0]).toMatchObject({
      state: 'tripped',
      customersAffected: customers.reduce((a, b) => a + b),
    });
    s.apply(ev({ type: 'isolated', ts: T0 + 5_000, seq: 2, sections: all }));
    s.apply(ev({ type: 'restored', ts: T0 + 7_000, seq: 3, sections: [0], via: 'upstream' }));
    const healed = s.apply(
      ev({ type: 'restored', ts: T0 + 65_000, seq: 4, sections: downstream, via: 'tie', tieFeederId }),
    );
    expect(healed).toMatchObject({
      state: 'restored',
      restoredAtMs: T0 + 65_000,
      selfHealed: true,
      crossProvinceTie: true,
      customerMinutes: 0, // nothing sustained yet: the faulted section has been out 65 s
    });
    // An hour later the faulted section has been out 60 min.
    const hour = s.ongoing(T0 + 3_600_000)[0]!;
    expect(hour.customerMinutes).toBeCloseTo((customers[1] as number) * 60, 6);
    const done = s.apply(ev({ type: 'repaired', ts: T0 + 3 * 3_600_000, seq: 5, sections: [1], via: 'repair' }))!;
    expect(done).toMatchObject({ state: 'repaired', repairedAtMs: T0 + 3 * 3_600_000, faultSection: 1 });
    expect(done.customerMinutes).toBeCloseTo((customers[1] as number) * 180, 6);
    expect(done.sections.map((x) => [x.section, x.restoredVia])).toEqual(
      all.map((k) => [k, k === 0 ? 'upstream' : k === 1 ? 'repair' : 'tie']),
    );
    expect(s.drainChanged(T0 + 3 * 3_600_000).map((r) => r.id)).toEqual([`${cross.id}-${T0}`]);

    const served = config.feeders
      .filter((f) => f.province === cross.province)
      .flatMap((f) => f.sections!)
      .reduce((a, x) => a + x.residential + x.enterprise, 0);
    const ind = s.indicators(T0 + 4 * 3_600_000)[cross.province];
    expect(ind.month.all.customersServed).toBe(served);
    expect(ind.month.all.interruptions).toBe(customers[1]);
    expect(ind.month.all.saidiMin).toBeCloseTo(((customers[1] as number) * 180) / served, 9);
    expect(ind.month.all.momentaryInterruptions).toBe(customers.reduce((a, b) => a + b) - (customers[1] as number));
    expect(ind.yearToDate).toMatchObject({ faults: 1, selfHealedFaults: 1, meanSelfHealingS: 65 });
  });

  it('an event of an outage begun before a restart starts a record from what it says', () => {
    const s = new LiveReliabilityState(config);
    const r = s.apply(ev({ type: 'repaired', ts: T0 + 7_200_000, seq: 9, sections: [1], via: 'repair' }))!;
    expect(r).toMatchObject({ id: `${cross.id}-${T0}`, startMs: T0, state: 'repaired', faultSection: 1 });
    expect(r.sections).toEqual([
      expect.objectContaining({ section: 1, outAtMs: T0, restoredAtMs: T0 + 7_200_000, restoredVia: 'repair' }),
    ]);
    expect(r.customerMinutes).toBeCloseTo((customers[1] as number) * 120, 6);
  });

  it('keeps the retained list to outages ongoing or ended in the last 24 h, newest first', () => {
    const s = new LiveReliabilityState(config);
    s.apply(ev({ type: 'tripped', ts: T0, seq: 1, section: null, sections: all }));
    s.apply(ev({ type: 'repaired', ts: T0 + 3_600_000, seq: 2, sections: all, via: 'repair' }));
    expect(s.outages(T0 + 20 * 3_600_000).outages).toHaveLength(1);
    expect(s.outages(T0 + 26 * 3_600_000).outages).toHaveLength(0);
    expect(s.indicators(T0 + 26 * 3_600_000).area.month.faults).toBe(1);
  });
});
