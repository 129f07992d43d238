import { describe, expect, it } from 'vitest';
import { coverageOf, liveFigures } from '../../live/live-core-fixture';
import { overviewFigures } from './overview-metrics';

const DAY = Date.UTC(2026, 10, 25, 16); // 2026-11-26 00:00 +08:00

describe('overviewFigures', () => {
  it("shows the live service's balance and the clean share of what is consumed now", () => {
    const f = overviewFigures(
      liveFigures(
        {
          scope: 'sc',
          power: { gridImportKw: 3000, pvKw: 1000, consumptionKw: 4000, cleanSharePct: 87.35, localGreenSharePct: 25 },
        },
        DAY,
      ),
    );
    expect(f.consumptionKw).toBe(4000);
    expect(f.pvKw).toBe(1000);
    expect(f.cleanShareNowPct).toBeCloseTo(87.35, 1);
    expect(f.localGreenShareNowPct).toBeCloseTo(25, 5);
  });

  it('says the area figure is partial through the feeder coverage', () => {
    const f = overviewFigures(
      liveFigures({ status: 'partial', coverage: { feeder: coverageOf(3, { live: 2, missing: 1 }) } }, DAY),
    );
    expect(f.feederCoverage).toEqual({ reporting: 2, configured: 3 });
    expect(f.status).toBe('partial');
  });

  it("today's energies are the server's since midnight, with from when", () => {
    const f = overviewFigures(liveFigures({ today: { countedSinceMs: DAY, co2AvoidedPvKg: 1234 } }, DAY));
    expect(f.todayObservedSinceMs).toBe(DAY);
    expect(f.co2AvoidedTodayKg).toBe(1234);
  });

  it('no figures (or nothing behind them): no number', () => {
    const none = overviewFigures(undefined);
    expect([none.consumptionKw, none.pvKw, none.co2AvoidedTodayKg]).toEqual([null, null, null]);
    expect(none.noDataReason).toBe('no-data');
    const noData = overviewFigures(
      liveFigures(
        {
          status: 'no-data',
          coverage: { feeder: coverageOf(3, { live: 0, missing: 3 }), pv: coverageOf(2, { live: 0, missing: 2 }) },
        },
        DAY,
      ),
    );
    expect(noData.consumptionKw).toBeNull();
    expect(noData.pvKw).toBeNull();
  });
});
