import { describe, expect, it } from 'vitest';
import type { OutageRecord, OutageSection } from '../../contract/reliability';
import { shanghaiWallToMs } from '../../time/shanghai';
import {
  customersServedByProvince,
  liveReliabilityByScope,
  monthPeriodsOfYear,
  outageCustomerMinutes,
  periodsAt,
  reliabilityIndicators,
  sectionInterruptionClass,
} from './indicators';

const MIN = 60_000;
const NOV_FROM = shanghaiWallToMs(2026, 11, 1);
const DEC_FROM = shanghaiWallToMs(2026, 12, 1);
const NOVEMBER = { fromMs: NOV_FROM, toMs: DEC_FROM };
/** 30 days × 1440 min */
const NOVEMBER_MIN = 43_200;
const CUSTOMERS = { sc: 1000, cq: 500 };

function section(index: number, customers: number, outAtMs: number, minutesOut: number | null): OutageSection {
  return {
    section: index,
    customers,
    outAtMs,
    restoredAtMs: minutesOut === null ? null : outAtMs + minutesOut * MIN,
    restoredVia: minutesOut === null ? null : 'upstream',
    tieFeederId: null,
  };
}

function outage(p: Partial<OutageRecord> & Pick<OutageRecord, 'sections' | 'startMs'>): OutageRecord {
  const customersAffected = p.sections.reduce((s, x) => s + x.customers, 0);
  return {
    id: `f-sc-1-${p.startMs}`,
    feederId: 'f-sc-1',
    substationId: 's-sc-1',
    province: 'sc',
    cause: 'fault',
    faultSection: 1,
    state: 'repaired',
    isolatedAtMs: null,
    restoredAtMs: null,
    repairedAtMs: null,
    customersAffected,
    customerMinutes: 0,
    selfHealed: false,
    crossProvinceTie: false,
    ...p,
  };
}

describe('reliabilityIndicators: the hand-worked example (two outages, November 2026, 30 days = 43 200 min)', () => {
  // Customers served: Sichuan 1000, Chongqing 500, area 1500.
  // A — Sichuan fault on 10 Nov 08:00: section 0 (100 customers) back after 40 s (momentary, ≤ 3 min), section 1
  //     (200 customers) out 90 min (sustained). Self-healed, last healthy section back 40 s after the trip.
  // B — Chongqing planned outage on 20 Nov 09:00: section 0 (50 customers) out 120 min.
  //
  // Area, all causes: interruptions = 200 + 50 = 250; customer-min = 200 × 90 + 50 × 120 = 18 000 + 6 000 = 24 000
  //   SAIDI = 24 000 / 1500 = 16 min; SAIFI = 250 / 1500 = 0.1667; CAIDI = 24 000 / 250 = 96 min;
  //   RS-1 = (1 − 16 / 43 200) × 100 = 99.962963 %; momentary = 100 customers.
  // Area, unplanned (A only): 200; 18 000; SAIDI 12; SAIFI 0.1333; CAIDI 90; RS-1 = (1 − 12/43 200) × 100 = 99.972222 %.
  // Sichuan: 200; 18 000; SAIDI 18; SAIFI 0.2; CAIDI 90; RS-1 = (1 − 18/43 200) × 100 = 99.958333 %.
  // Chongqing all: 50; 6 000; SAIDI 12; SAIFI 0.1; CAIDI 120; RS-1 99.972222 %; unplanned: none, CAIDI null, RS-1 100 %.
  const aStart = shanghaiWallToMs(2026, 11, 10, 8);
  const bStart = shanghaiWallToMs(2026, 11, 20, 9);
  const a = outage({
    startMs: aStart,
    sections: [section(0, 100, aStart, 40 / 60), section(1, 200, aStart, 90)],
    restoredAtMs: aStart + 40_000,
    selfHealed: true,
  });
  const b = outage({
    id: `f-cq-1-${bStart}`,
    feederId: 'f-cq-1',
    substationId: 's-cq-1',
    province: 'cq',
    cause: 'planned',
    faultSection: 0,
    startMs: bStart,
    sections: [section(0, 50, bStart, 120)],
  });
  const r = reliabilityIndicators([a, b], CUSTOMERS, NOVEMBER);

  it('area, all causes', () => {
    expect(r.area.all.customersServed).toBe(1500);
    expect(r.area.all.interruptions).toBe(250);
    expect(r.area.all.customerMinutes).toBeCloseTo(24_000, 9);
    expect(r.area.all.saidiMin).toBeCloseTo(16, 9);
    expect(r.area.all.saifi).toBeCloseTo(250 / 1500, 12);
    expect(r.area.all.caidiMin).toBeCloseTo(96, 9);
    expect(r.area.all.rs1Pct).toBeCloseTo((1 - 16 / NOVEMBER_MIN) * 100, 9);
    expect(r.area.all.rs1Pct).toBeCloseTo(99.962963, 6);
    expect(r.area.all.momentaryInterruptions).toBe(100);
  });
  it('area, faults only: the planned outage is left out', () => {
    expect(r.area.unplanned.interruptions).toBe(200);
    expect(r.area.unplanned.customerMinutes).toBeCloseTo(18_000, 9);
    expect(r.area.unplanned.saidiMin).toBeCloseTo(12, 9);
    expect(r.area.unplanned.caidiMin).toBeCloseTo(90, 9);
    expect(r.area.unplanned.rs1Pct).toBeCloseTo(99.972222, 6);
  });
  it('each province with its own customers', () => {
    expect(r.sc.all.saidiMin).toBeCloseTo(18, 9);
    expect(r.sc.all.saifi).toBeCloseTo(0.2, 12);
    expect(r.sc.all.rs1Pct).toBeCloseTo(99.958333, 6);
    expect(r.cq.all.saidiMin).toBeCloseTo(12, 9);
    expect(r.cq.all.caidiMin).toBeCloseTo(120, 9);
    expect(r.cq.unplanned.interruptions).toBe(0);
    expect(r.cq.unplanned.caidiMin).toBeNull();
    expect(r.cq.unplanned.rs1Pct).toBe(100);
  });
  it('faults, self-healed faults and the mean self-healing time', () => {
    expect(r.area.faults).toBe(1);
    expect(r.area.selfHealedFaults).toBe(1);
    expect(r.area.meanSelfHealingS).toBeCloseTo(40, 9);
    expect(r.cq.faults).toBe(0);
    expect(r.cq.meanSelfHealingS).toBeNull();
  });
  it('the record customer-minutes agree with the indicators', () => {
    expect(outageCustomerMinutes(a, DEC_FROM)).toBeCloseTo(18_000, 9);
    expect(outageCustomerMinutes(b, DEC_FROM)).toBeCloseTo(6_000, 9);
  });
});

describe('reliabilityIndicators: self-healing', () => {
  it('a self-healed fault: healthy sections back in 40 s are momentary, the faulted section sustained until repair', () => {
    // Section 1 faulted (300 customers, repaired after 4 h = 240 min); sections 0 and 2 (120 + 80 customers) back in
    // 40 s, section 2 across the tie. Sustained: 300 customers, 300 × 240 = 72 000 customer-min; momentary 200.
    const t = shanghaiWallToMs(2026, 11, 5, 14);
    const rec = outage({
      startMs: t,
      sections: [
        section(0, 120, t, 40 / 60),
        section(1, 300, t, 240),
        { ...section(2, 80, t, 40 / 60), restoredVia: 'tie', tieFeederId: 'f-cq-2' },
      ],
      restoredAtMs: t + 40_000,
      repairedAtMs: t + 240 * MIN,
      selfHealed: true,
      crossProvinceTie: true,
    });
    const r = reliabilityIndicators([rec], CUSTOMERS, NOVEMBER);
    expect(r.sc.all.interruptions).toBe(300);
    expect(r.sc.all.momentaryInterruptions).toBe(200);
    expect(r.sc.all.customerMinutes).toBeCloseTo(72_000, 9);
    // SAIDI = 72 000 / 1000 = 72 min; CAIDI = 72 000 / 300 = 240 min
    expect(r.sc.all.saidiMin).toBeCloseTo(72, 9);
    expect(r.sc.all.caidiMin).toBeCloseTo(240, 9);
    expect(r.sc.selfHealedFaults).toBe(1);
    expect(r.sc.meanSelfHealingS).toBeCloseTo(40, 9);
  });

  it('the line is at 3 min: exactly 3 min is momentary, 3 min 1 s sustained', () => {
    const t = shanghaiWallToMs(2026, 11, 6);
    expect(sectionInterruptionClass({ outAtMs: t, restoredAtMs: t + 3 * MIN }, t + 10 * MIN)).toBe('momentary');
    expect(sectionInterruptionClass({ outAtMs: t, restoredAtMs: t + 3 * MIN + 1000 }, t + 10 * MIN)).toBe('sustained');
    // Still out after 2 min: not yet known, counted nowhere; after 3 min 1 s still out it is sustained.
    expect(sectionInterruptionClass({ outAtMs: t, restoredAtMs: null }, t + 2 * MIN)).toBe('undecided');
    expect(sectionInterruptionClass({ outAtMs: t, restoredAtMs: null }, t + 3 * MIN + 1000)).toBe('sustained');
  });

  it('a fault whose healthy sections took longer than the limit is a fault, not a self-healed one', () => {
    const t = shanghaiWallToMs(2026, 11, 7, 3);
    const rec = outage({ startMs: t, sections: [section(0, 100, t, 30), section(1, 50, t, 180)], selfHealed: false });
    const r = reliabilityIndicators([rec], CUSTOMERS, NOVEMBER);
    expect(r.sc.faults).toBe(1);
    expect(r.sc.selfHealedFaults).toBe(0);
    expect(r.sc.meanSelfHealingS).toBeNull();
    // 100 × 30 + 50 × 180 = 3 000 + 9 000 = 12 000 customer-min
    expect(r.sc.all.customerMinutes).toBeCloseTo(12_000, 9);
  });
});

describe('reliabilityIndicators: period edges', () => {
  it('an outage across the month boundary: minutes split, the interruption counted in the month it began', () => {
    // Out from 30 Nov 23:00 to 1 Dec 01:00 Shanghai: 60 min in November, 60 min in December, 100 customers.
    const t = shanghaiWallToMs(2026, 11, 30, 23);
    const rec = outage({ startMs: t, sections: [section(0, 100, t, 120)] });
    const nov = reliabilityIndicators([rec], CUSTOMERS, NOVEMBER);
    const dec = reliabilityIndicators([rec], CUSTOMERS, { fromMs: DEC_FROM, toMs: shanghaiWallToMs(2027, 1, 1) });
    expect(nov.sc.all.customerMinutes).toBeCloseTo(6_000, 9);
    expect(nov.sc.all.interruptions).toBe(100);
    expect(nov.sc.faults).toBe(1);
    expect(dec.sc.all.customerMinutes).toBeCloseTo(6_000, 9);
    expect(dec.sc.all.interruptions).toBe(0);
    expect(dec.sc.all.caidiMin).toBeNull();
    expect(dec.sc.faults).toBe(0);
  });

  it('an ongoing outage counts up to the period end (now), not beyond', () => {
    // Out since 2 Dec 10:00, still out at 12:30: 150 min × 40 customers = 6 000 customer-min.
    const t = shanghaiWallToMs(2026, 12, 2, 10);
    const now = shanghaiWallToMs(2026, 12, 2, 12, 30);
    const rec = outage({ startMs: t, state: 'isolated', sections: [section(1, 40, t, null)] });
    const { month } = periodsAt(now);
    const r = reliabilityIndicators([rec], CUSTOMERS, month, now);
    expect(r.sc.all.customerMinutes).toBeCloseTo(6_000, 9);
    expect(r.sc.all.interruptions).toBe(40);
    // RS-1 over 1 Dec 00:00 → 2 Dec 12:30 = 2190 min: (1 − 6/2190) × 100
    expect(r.sc.all.rs1Pct).toBeCloseTo((1 - 6_000 / 1000 / 2190) * 100, 9);
    expect(outageCustomerMinutes(rec, now)).toBeCloseTo(6_000, 9);
  });

  it('an outage before the period is not counted at all', () => {
    const t = shanghaiWallToMs(2026, 10, 15);
    const rec = outage({ startMs: t, sections: [section(0, 100, t, 60)] });
    const r = reliabilityIndicators([rec], CUSTOMERS, NOVEMBER);
    expect(r.area.all.customerMinutes).toBe(0);
    expect(r.area.all.interruptions).toBe(0);
    expect(r.area.all.rs1Pct).toBe(100);
  });

  it('no records: zero interruptions, RS-1 100 %, CAIDI null', () => {
    const r = reliabilityIndicators([], CUSTOMERS, NOVEMBER);
    expect(r.area.all).toEqual({
      customersServed: 1500,
      interruptions: 0,
      customerMinutes: 0,
      saidiMin: 0,
      saifi: 0,
      caidiMin: null,
      rs1Pct: 100,
      momentaryInterruptions: 0,
    });
  });
});

describe('periods in Asia/Shanghai', () => {
  it('month and year to date start at Shanghai midnight, whatever the machine zone', () => {
    // 2026-12-02 01:30 Shanghai = 2026-12-01 17:30 UTC: the month is already December in Shanghai.
    const now = Date.UTC(2026, 11, 1, 17, 30);
    const p = periodsAt(now);
    expect(p.month.fromMs).toBe(Date.UTC(2026, 10, 30, 16));
    expect(p.yearToDate.fromMs).toBe(Date.UTC(2025, 11, 31, 16));
    expect(p.month.toMs).toBe(now);
  });
  it('the months of a year that have begun, the running one cut at now', () => {
    const now = shanghaiWallToMs(2026, 3, 15);
    const months = monthPeriodsOfYear(2026, now);
    expect(months).toHaveLength(3);
    expect(months[1]).toEqual({ fromMs: shanghaiWallToMs(2026, 2, 1), toMs: shanghaiWallToMs(2026, 3, 1) });
    expect(months[2]?.toMs).toBe(now);
    expect(monthPeriodsOfYear(2027, now)).toEqual([]);
  });
  it('live payload per scope carries both periods', () => {
    const now = shanghaiWallToMs(2026, 12, 2, 12);
    const live = liveReliabilityByScope([], CUSTOMERS, now);
    expect(live.cq.scope).toBe('cq');
    expect(live.area.month.fromMs).toBe(DEC_FROM);
    expect(live.area.yearToDate.fromMs).toBe(shanghaiWallToMs(2026, 1, 1));
  });
});

describe('customersServedByProvince', () => {
  it('sums residential and enterprise customers of every section per province; a feeder without sections adds none', () => {
    const served = customersServedByProvince({
      feeders: [
        {
          province: 'sc',
          sections: [
            { residential: 900, enterprise: 3 },
            { residential: 100, enterprise: 2 },
          ],
        },
        { province: 'cq', sections: [{ residential: 480, enterprise: 20 }] },
        { province: 'cq' },
      ],
    });
    expect(served).toEqual({ sc: 1005, cq: 500 });
  });
});
