import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../../core/config/area-schema';
import { powerBalance } from '../../../core/domain/energy-balance';
import type { TelemetrySnapshot } from '../../live/telemetry-store';
import { overviewFigures } from './overview-metrics';

const config = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
const DAY = Date.UTC(2026, 10, 25, 16); // 2026-11-26 00:00 +08:00

/** One feeder and one PV site reporting per province; the rest of the area silent. */
function snapshot(today: TelemetrySnapshot['today']): TelemetrySnapshot {
  const balance = powerBalance({
    feeders: [
      { province: 'sc', pKw: 3000 },
      { province: 'cq', pKw: 1000 },
      { province: 'cq', pKw: null },
    ],
    pv: [
      { province: 'sc', pKw: 1000 },
      { province: 'cq', pKw: 0 },
    ],
    chargers: [{ province: 'sc', pKw: 200 }],
  });
  return {
    version: 1,
    nowMs: DAY + 12 * 3_600_000,
    dayStartMs: DAY,
    devices: new Map(),
    balance,
    today,
    diagnostics: {} as TelemetrySnapshot['diagnostics'],
    series: {} as TelemetrySnapshot['series'],
  };
}

const pageToday = {
  sc: { eImportKwh: 100, ePvKwh: 50, eEvKwh: 10, observedSinceMs: DAY + 11 * 3_600_000 },
  cq: { eImportKwh: 100, ePvKwh: 0, eEvKwh: 0, observedSinceMs: DAY + 11 * 3_600_000 },
  area: { eImportKwh: 200, ePvKwh: 50, eEvKwh: 10, observedSinceMs: DAY + 11 * 3_600_000 },
};

describe('overviewFigures', () => {
  it('computes the live balance and the clean share of what is consumed now', () => {
    const f = overviewFigures(snapshot(pageToday), config, 'sc');
    // sc: import 3000 kW, PV 1000 kW → consumption 4000 kW
    expect(f.consumptionKw).toBe(4000);
    expect(f.pvKw).toBe(1000);
    // c_sc = 1 − 0.1404 / 0.8325 = 0.83135; clean = 1000 + 3000 × 0.83135 = 3494.05 → 87.35 %
    expect(f.cleanShareNowPct).toBeCloseTo(87.35, 1);
    // local green = 1000 / 4000 = 25 %
    expect(f.localGreenShareNowPct).toBeCloseTo(25, 5);
  });

  it('says the area figure is partial through the feeder coverage', () => {
    const f = overviewFigures(snapshot(pageToday), config, 'area');
    expect(f.feederCoverage).toEqual({ reporting: 2, configured: 3 });
    expect(f.consumptionKw).toBe(5000); // 3000 + 1000 + PV 1000
  });

  it("counts CO₂ avoided today from the history's energies since midnight when it has them", () => {
    const fromHistory = {
      byProvince: {
        sc: { eImportKwh: 9000, ePvKwh: 2000, eEvKwh: 100 },
        cq: { eImportKwh: 8000, ePvKwh: 1000, eEvKwh: 0 },
      },
      countedSinceMs: DAY,
      fromHistory: true,
    };
    const f = overviewFigures(snapshot(pageToday), config, 'area', fromHistory);
    // 2000 kWh × 0.1404 + 1000 kWh × 0.5227 = 280.8 + 522.7 = 803.5 kg
    expect(f.co2AvoidedTodayKg).toBeCloseTo(803.5, 6);
    expect(f.todayFromHistory).toBe(true);
    expect(f.todayObservedSinceMs).toBe(DAY);
  });

  it("falls back to the page's own counters since load, and says since when", () => {
    const f = overviewFigures(snapshot(pageToday), config, 'area');
    // 50 kWh × 0.1404 = 7.02 kg
    expect(f.co2AvoidedTodayKg).toBeCloseTo(7.02, 6);
    expect(f.todayFromHistory).toBe(false);
    expect(f.todayObservedSinceMs).toBe(DAY + 11 * 3_600_000);
  });

  it('shows no load figure (a dash) when no feeder reports, never 0', () => {
    const s = snapshot(pageToday);
    s.balance = powerBalance({ feeders: [{ province: 'sc', pKw: null }], pv: [], chargers: [] });
    const f = overviewFigures(s, config, 'area');
    expect(f.consumptionKw).toBeNull();
    expect(f.cleanShareNowPct).toBeNull();
    expect(f.noDataReason).toBe('no-data');
  });
});
