import { describe, expect, it } from 'vitest';
import { coverageRatio, powerBalance } from './energy-balance';

describe('powerBalance', () => {
  const input = {
    feeders: [
      { province: 'sc' as const, pKw: 4000 },
      { province: 'sc' as const, pKw: -500 }, // reverse flow at high PV
      { province: 'cq' as const, pKw: 6000 },
      { province: 'cq' as const, pKw: null }, // silent feeder
    ],
    pv: [
      { province: 'sc' as const, pKw: 1500 },
      { province: 'cq' as const, pKw: 800 },
    ],
    chargers: [
      { province: 'sc' as const, pKw: 120 },
      { province: 'cq' as const, pKw: 300 },
      { province: 'cq' as const, pKw: Number.NaN },
    ],
  };
  const b = powerBalance(input);

  it('sums Sichuan and derives consumption = import + PV', () => {
    // import 4000 + (−500) = 3500 kW; PV 1500 kW; consumption 3500 + 1500 = 5000 kW; EV 120 kW
    expect(b.sc).toMatchObject({ gridImportKw: 3500, pvKw: 1500, evKw: 120, consumptionKw: 5000, partial: false });
    expect(b.sc.coverage.feeders).toEqual({ reporting: 2, configured: 2 });
  });

  it('leaves out devices without a value and counts them', () => {
    // import 6000 kW (1 of 2 feeders); PV 800; consumption 6000 + 800 = 6800 kW; EV 300 (1 of 2 chargers)
    expect(b.cq).toMatchObject({ gridImportKw: 6000, pvKw: 800, evKw: 300, consumptionKw: 6800, partial: true });
    expect(b.cq.coverage.feeders).toEqual({ reporting: 1, configured: 2 });
    expect(b.cq.coverage.chargers).toEqual({ reporting: 1, configured: 2 });
  });

  it('derives the area from the provinces', () => {
    // import 3500 + 6000 = 9500; PV 1500 + 800 = 2300; consumption 9500 + 2300 = 11 800; EV 120 + 300 = 420 kW
    expect(b.area).toMatchObject({ gridImportKw: 9500, pvKw: 2300, evKw: 420, consumptionKw: 11_800, partial: true });
    expect(b.area.coverage.feeders).toEqual({ reporting: 3, configured: 4 });
    expect(coverageRatio(b.area.coverage.feeders)).toBe(0.75); // 3 / 4
  });

  it('shows net export as negative import', () => {
    // import −800 kW, PV 2000 kW → consumption −800 + 2000 = 1200 kW
    const r = powerBalance({
      feeders: [{ province: 'sc', pKw: -800 }],
      pv: [{ province: 'sc', pKw: 2000 }],
      chargers: [],
    });
    expect(r.sc.gridImportKw).toBe(-800);
    expect(r.sc.consumptionKw).toBe(1200);
  });

  it('is all zeros and not partial with nothing configured', () => {
    const r = powerBalance({ feeders: [], pv: [], chargers: [] });
    expect(r.area).toMatchObject({ gridImportKw: 0, pvKw: 0, evKw: 0, consumptionKw: 0, partial: false });
    expect(coverageRatio(r.area.coverage.pv)).toBeNull();
  });
});
