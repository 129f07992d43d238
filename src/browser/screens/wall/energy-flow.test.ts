import { describe, expect, it } from 'vitest';
import { energyFlow, FLOW_MAX_PX, FLOW_MIN_PX, flowThicknessPx } from './energy-flow';

describe('energyFlow', () => {
  it('importing: PV and the grid both flow into consumption, EV charging a part of it', () => {
    const f = energyFlow({ gridImportKw: 30_000, pvKw: 10_000, evKw: 2_000, consumptionKw: 40_000 });
    expect(f).toMatchObject({
      pvToLoadKw: 10_000,
      gridToLoadKw: 30_000,
      pvToGridKw: 0,
      consumptionKw: 40_000,
      evKw: 2_000,
      evSharePct: 5,
      pvSharePct: 25,
    });
    expect(f?.thicknessPx.gridToLoad).toBe(FLOW_MAX_PX);
    expect(f?.thicknessPx.pvToLoad).toBeGreaterThan(FLOW_MIN_PX);
    expect(f?.thicknessPx.pvToLoad).toBeLessThan(FLOW_MAX_PX);
    expect(f?.thicknessPx.pvToGrid).toBe(0);
  });

  it('exporting (PV above the load): PV covers consumption and the surplus flows back to the grid', () => {
    const f = energyFlow({ gridImportKw: -4_000, pvKw: 24_000, evKw: 500, consumptionKw: 20_000 });
    expect(f).toMatchObject({ pvToLoadKw: 20_000, gridToLoadKw: 0, pvToGridKw: 4_000, pvSharePct: 100 });
    expect(f?.thicknessPx.gridToLoad).toBe(0);
    expect(f?.thicknessPx.pvToGrid).toBeGreaterThan(0);
  });

  it('consumption missing is import + PV, as the contract defines it', () => {
    expect(energyFlow({ gridImportKw: 5_000, pvKw: 1_000, evKw: null, consumptionKw: null })).toMatchObject({
      consumptionKw: 6_000,
      evKw: 0,
    });
  });

  it('EV charging is never more than consumption; night PV (0) draws no PV flow', () => {
    const f = energyFlow({ gridImportKw: 1_000, pvKw: 0, evKw: 5_000, consumptionKw: 1_000 });
    expect(f?.evKw).toBe(1_000);
    expect(f?.thicknessPx.pvToLoad).toBe(0);
  });

  it('no picture while grid import or PV is unknown', () => {
    expect(energyFlow(null)).toBeNull();
    expect(energyFlow({ gridImportKw: null, pvKw: 1, evKw: 0, consumptionKw: 1 })).toBeNull();
    expect(energyFlow({ gridImportKw: 1, pvKw: Number.NaN, evKw: 0, consumptionKw: 1 })).toBeNull();
  });

  it('thickness grows with power and is bounded', () => {
    expect(flowThicknessPx(0, 100)).toBe(0);
    expect(flowThicknessPx(1, 100)).toBeGreaterThanOrEqual(FLOW_MIN_PX);
    expect(flowThicknessPx(50, 100)).toBeLessThan(flowThicknessPx(100, 100));
    expect(flowThicknessPx(500, 100)).toBe(FLOW_MAX_PX);
  });
});
