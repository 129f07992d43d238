import { describe, expect, it } from 'vitest';
import { shanghaiWallToMs } from '../../../core/time/shanghai';
import { RELIABILITY_CSV_HEADER, reliabilityCsv } from './reliability-csv';
import { monthlyAnswer, novemberOutages } from './reliability-fixture';
import { reliabilityView } from './reliability-view';

const NOW = shanghaiWallToMs(2026, 12, 2, 12);
const CUSTOMERS = { sc: 1000, cq: 500 };
const NOV = shanghaiWallToMs(2026, 11, 1);
const TARGETS = {
  cleanSharePctByYear: {},
  co2BudgetTByYear: {},
  zeroCarbonYear: 2035,
  rs1PctByYear: { '2026': 99.975 },
  saidiMinByYear: { '2026': 131 },
};
// Recorded from 1 November on: November whole, December so far, nothing before.
const fromNovember = (p: { fromMs: number; toMs: number }) => Math.max(0, (p.toMs - Math.max(p.fromMs, NOV)) / 60_000);

describe('reliabilityView', () => {
  const view = reliabilityView(monthlyAnswer(2026, NOW, novemberOutages(), CUSTOMERS, fromNovember), TARGETS);

  it('months before the recording are not recorded, November is, the year to date partly', () => {
    expect(view.status).toBe('measured');
    expect(view.months[9]?.recorded).toBe('none');
    expect(view.months[10]?.recorded).toBe('full');
    expect(view.yearToDate.recorded).toBe('partial');
    // 1 Nov → 2 Dec 12:00 of 1 Jan → 2 Dec 12:00: 31.5 of 335.5 days.
    expect(view.yearToDate.recordedPct).toBeCloseTo((31.5 / 335.5) * 100, 6);
  });

  it('holds each month against the RS-1 target and its share of the yearly SAIDI target', () => {
    const nov = view.months[10]!;
    // RS-1 99.962963 % < 99.975 %: off target. SAIDI share 131 × 43 200 / 525 600 = 10.767 min < 16: off target.
    expect(nov.rs1TargetPct).toBe(99.975);
    expect(nov.rs1Met).toBe(false);
    expect(nov.saidiTargetMin).toBeCloseTo((131 * 43_200) / 525_600, 9);
    expect(nov.saidiMet).toBe(false);
    // October was not recorded, the year to date only in part: no verdict (what was not recorded is unknown).
    expect(view.months[9]?.rs1Met).toBeNull();
    expect(view.yearToDate.rs1Met).toBeNull();
    expect(view.yearToDate.saidiMet).toBeNull();
  });

  it('says when nothing was recorded, and when nothing happened', () => {
    const none = reliabilityView(
      monthlyAnswer(2026, NOW, [], CUSTOMERS, () => 0),
      TARGETS,
    );
    expect(none.status).toBe('not-recorded');
    const quiet = reliabilityView(monthlyAnswer(2026, NOW, [], CUSTOMERS, fromNovember), TARGETS);
    expect(quiet.status).toBe('no-outage');
    expect(quiet.yearToDate.byScope.area?.all.rs1Pct).toBe(100);
    const noCustomers = reliabilityView(monthlyAnswer(2026, NOW, [], { sc: 0, cq: 0 }, fromNovember), TARGETS);
    expect(noCustomers.status).toBe('no-customers');
    const noTargets = reliabilityView(monthlyAnswer(2026, NOW, [], CUSTOMERS, fromNovember), {
      ...TARGETS,
      rs1PctByYear: undefined,
      saidiMinByYear: undefined,
    });
    expect(noTargets.rs1Target).toBeNull();
    expect(noTargets.yearToDate.saidiTargetMin).toBeNull();
  });

  it('exports one CSV row per period and scope; a period not recorded has no figures', () => {
    const csv = reliabilityCsv(view);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(csv.fileName).toBe('gaozhu-reliability-2026.csv');
    expect(lines[0]).toBe(RELIABILITY_CSV_HEADER.join(','));
    // 12 months + year to date, 3 scopes each.
    expect(lines).toHaveLength(1 + 13 * 3);
    const col = (name: (typeof RELIABILITY_CSV_HEADER)[number]) => RELIABILITY_CSV_HEADER.indexOf(name);
    const novArea = lines.find((l) => l.startsWith('2026-11,') && l.split(',')[col('scope')] === 'area')!.split(',');
    expect(novArea[col('rs1_pct')]).toBe('99.96296');
    expect(novArea[col('saidi_min')]).toBe('16');
    expect(novArea[col('caidi_min')]).toBe('96');
    expect(novArea[col('saidi_unplanned_min')]).toBe('12');
    expect(novArea[col('self_healed_faults')]).toBe('1');
    expect(novArea[col('from_asia_shanghai')]).toBe('2026-11-01T00:00:00+08:00');
    const octArea = lines.find((l) => l.startsWith('2026-10,') && l.split(',')[col('scope')] === 'area')!.split(',');
    expect(octArea[col('recorded_pct')]).toBe('0');
    expect(octArea[col('rs1_pct')]).toBe('');
  });
});
