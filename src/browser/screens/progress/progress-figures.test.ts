import { describe, expect, it } from 'vitest';
import type { CarbonFactors } from '../../../core/domain/carbon';
import { shanghaiWallToMs as sh } from '../../../core/time/shanghai';
import { DETAIL_CSV_HEADER, detailCsv, SUMMARY_CSV_HEADER, summaryCsv } from './progress-csv';
import {
  bucketSummaries,
  coverageOf,
  foldPoints,
  progressFigures,
  progressSeries,
  totalsOf,
  type WindowEnergies,
} from './progress-figures';

// The values of public/config/area.json (DESIGN.md §4).
const FACTORS: CarbonFactors = {
  efKgPerKwh: { sc: 0.1404, cq: 0.5227 },
  efFossilKgPerKwh: 0.8325,
  gcePerKwh: 305.5,
  ev: { kwhPer100Km: 15, petrolLPer100Km: 7, petrolKgCo2PerL: 2.3 },
};
const TARGETS = { cleanSharePctByYear: { '2026': 62 }, co2BudgetTByYear: { '2026': 365 }, zeroCarbonYear: 2035 };

/** Two days; Chongqing's second day is missing (a recorder gap). */
function twoDays(): WindowEnergies {
  return {
    bucketStartsMs: [sh(2026, 3, 1), sh(2026, 3, 2)],
    cutMs: sh(2026, 3, 3),
    byProvince: {
      sc: { eImportKwh: [1000, 2000], ePvKwh: [200, 0], eEvKwh: [50, 10] },
      cq: { eImportKwh: [500, null], ePvKwh: [100, null], eEvKwh: [0, null] },
    },
  };
}

describe('folding service points into shown buckets', () => {
  it('adds days and a 15 min tail into months; a bucket with no value stays null, never 0', () => {
    const starts = [sh(2026, 1, 1), sh(2026, 2, 1), sh(2026, 3, 1)];
    const points: [number, number | null][] = [
      [sh(2026, 1, 1), 10],
      [sh(2026, 1, 31), 5],
      [sh(2026, 2, 1), null],
      [sh(2026, 3, 1), 1],
      [sh(2026, 3, 2, 0, 15), 0.5],
    ];
    expect(foldPoints(points, starts, '1mo')).toEqual([15, null, 1.5]);
  });
});

describe('figures from energies (hand-worked)', () => {
  it('totals, coverage and scope-2 CO₂ per province with its own factor, summed for the area', () => {
    const w = twoDays();
    expect(totalsOf(w)).toEqual({
      sc: { eImportKwh: 3000, ePvKwh: 200, eEvKwh: 60 },
      cq: { eImportKwh: 500, ePvKwh: 100, eEvKwh: 0 },
    });
    expect(coverageOf(w)).toEqual({ fraction: 0.5, coveredBuckets: 1, elapsedBuckets: 2 });
    const f = progressFigures(w, w, FACTORS);
    expect(f.current.sc.co2EmittedKg).toBeCloseTo(3000 * 0.1404, 9); // 421.2
    expect(f.current.cq.co2EmittedKg).toBeCloseTo(500 * 0.5227, 9); // 261.35
    expect(f.current.area.co2EmittedKg).toBeCloseTo(682.55, 9);
    expect(f.current.area.coalSavedKg).toBeCloseTo((300 * 305.5) / 1000, 9); // 91.65
    // Same coverage on both sides but only half covered: no year-on-year change is claimed.
    expect(f.comparable).toBe(false);
    expect(f.comparisons.co2Emitted.area.change).toBeNull();
  });

  it('per-bucket clean share: (E_pv + E_import × (1 − EF/EF_fossil)) / consumption', () => {
    const [day1, day2] = bucketSummaries(twoDays(), FACTORS);
    const cSc = 1 - 0.1404 / 0.8325;
    expect(day1?.sc?.cleanSharePct).toBeCloseTo(((200 + 1000 * cSc) / 1200) * 100, 9); // 85.95 %
    // Chongqing's gap hides Chongqing and the area on day 2, not Sichuan.
    expect(day2?.sc?.co2EmittedKg).toBeCloseTo(280.8, 9);
    expect(day2?.cq).toBeNull();
    expect(day2?.area).toBeNull();
  });

  it('year-on-year: relative change for amounts, percentage points for shares, only when comparable', () => {
    const full = (scale: number): WindowEnergies => ({
      bucketStartsMs: [sh(2026, 3, 1)],
      cutMs: sh(2026, 3, 2),
      byProvince: {
        sc: { eImportKwh: [1000 * scale], ePvKwh: [100], eEvKwh: [10] },
        cq: { eImportKwh: [1000 * scale], ePvKwh: [100], eEvKwh: [10] },
      },
    });
    const f = progressFigures(full(0.8), full(1), FACTORS);
    expect(f.comparable).toBe(true);
    expect(f.comparisons.gridImport.area.change).toBeCloseTo(-20, 9);
    expect(f.comparisons.gridImport.area.changeKind).toBe('pct');
    expect(f.comparisons.localGreenShare.sc.changeKind).toBe('pp');
    expect(f.comparisons.localGreenShare.sc.change).toBeCloseTo((100 / 900 - 100 / 1100) * 100, 9);
  });
});

describe('targets from the configuration', () => {
  it('series: cumulative CO₂ until the cut-off and the budget path at each bucket end', () => {
    const w = { ...twoDays(), cutMs: sh(2026, 3, 2) };
    const s = progressSeries(w, FACTORS, TARGETS, sh(2026, 3, 3));
    expect(s.co2CumulativeKg.sc).toEqual([140.4, null]);
    expect(s.co2BudgetPathKg[0]).toBeCloseTo(1000, 6);
    expect(s.co2BudgetPathKg[1]).toBeCloseTo(2000, 6);
    expect(s.cleanShareTargetPct).toEqual([62, 62]);
    expect(s.energyKwh.sc.consumption).toEqual([1200, 2000]);
    expect(s.energyKwh.cq.consumption).toEqual([600, null]);
  });
});

describe('CSV of the shown data', () => {
  it('detail: header, one row per bucket and scope, the factor and its year on each province row', () => {
    const s = progressSeries(twoDays(), FACTORS, TARGETS, sh(2026, 3, 3));
    const csv = detailCsv(s, FACTORS, { sc: 2022, cq: 2022 });
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe(DETAIL_CSV_HEADER.join(','));
    expect(rows).toHaveLength(1 + 2 * 3);
    // Area clean share: (200 + 1000 × c_sc + 100 + 500 × c_cq) / 1800; CO₂ avoided 200 × 0.1404 + 100 × 0.5227.
    expect(rows[1]).toBe(
      '2026-03-01T00:00:00+08:00,1772294400000,area,1500,300,50,1800,73.19,16.67,401.75,80.35,401.75,1000,62,,',
    );
    expect(rows[2]?.startsWith('2026-03-01T00:00:00+08:00,1772294400000,sc,1000,200,50,1200,85.95,')).toBe(true);
    expect(rows[2]?.endsWith(',0.1404,2022')).toBe(true);
    // Chongqing's missing day is empty, not 0.
    expect(rows[6]?.split(',').slice(3, 7)).toEqual(['', '', '', '']);
  });

  it('summary: quotes factor notes that contain commas', () => {
    const w = twoDays();
    const f = progressFigures(w, w, FACTORS);
    const csv = summaryCsv(
      f,
      { fromMs: sh(2026, 3, 1), toMs: sh(2026, 3, 3) },
      { fromMs: sh(2025, 3, 1), toMs: sh(2025, 3, 3) },
      () => 'EF a, b',
    );
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe(SUMMARY_CSV_HEADER.join(','));
    expect(rows[1]).toBe(
      'consumption,kWh,area,2026-03-01T00:00:00+08:00,2026-03-03T00:00:00+08:00,3800,2025-03-01T00:00:00+08:00,2025-03-03T00:00:00+08:00,3800,,,"EF a, b"',
    );
  });
});
