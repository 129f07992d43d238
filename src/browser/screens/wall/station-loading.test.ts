import { describe, expect, it } from 'vitest';
import { stationLoadings } from './station-loading';

const config = {
  substations: [
    { id: 'a220', province: 'sc', ratedMva: 100 },
    { id: 'a110', province: 'sc', ratedMva: 50 },
    { id: 'b110', province: 'cq', ratedMva: 40 },
  ],
  feeders: [
    { id: 'f1', substationId: 'a110' },
    { id: 'f2', substationId: 'a110' },
    { id: 'f3', substationId: 'b110' },
  ],
} as unknown as Parameters<typeof stationLoadings>[0];

describe('stationLoadings', () => {
  it('sums |P| of live feeders per station, the 220 kV station its province, against the rating', () => {
    const m = stationLoadings(config, [
      { province: 'sc', substationId: 'a110', pKw: 10_000, live: true },
      // An exporting feeder loads its station too.
      { province: 'sc', substationId: 'a110', pKw: -5_000, live: true },
      { province: 'cq', substationId: 'b110', pKw: 8_000, live: false },
    ]);
    // 15 MW on 50 MVA = 30 %; the 220 kV station: the same 15 MW on 100 MVA = 15 %.
    expect(m.get('a110')).toEqual({ pKw: 15_000, liveFeeders: 2, loadingPct: 30 });
    expect(m.get('a220')).toEqual({ pKw: 15_000, liveFeeders: 2, loadingPct: 15 });
    // Only a held (not live) feeder: no live loading, not 0 %.
    expect(m.get('b110')).toEqual({ pKw: 0, liveFeeders: 0, loadingPct: null });
  });
});
