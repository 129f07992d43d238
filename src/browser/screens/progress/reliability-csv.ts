/**
 * The reliability section as CSV: one row per period (each month, then the year to date) and scope, all causes and
 * faults only side by side, with the recorded share and the targets, so a spreadsheet gets exactly the table and what
 * it was measured on. Machine-readable like the other exports (progress-csv.ts): plain numbers, ISO times with
 * +08:00, empty cells where there is no value (a period not recorded has no figures at all), CRLF line ends.
 */
import { SCOPES_AREA_FIRST } from '../../../core/domain/scope';
import { shanghaiIso } from './progress-csv';
import type { ReliabilityView } from './reliability-view';

export const RELIABILITY_CSV_HEADER = [
  'period',
  'from_asia_shanghai',
  'to_asia_shanghai',
  'scope',
  'recorded_pct',
  'customers_served',
  'rs1_pct',
  'saidi_min',
  'saifi',
  'caidi_min',
  'customer_minutes',
  'interruptions',
  'momentary_interruptions',
  'rs1_unplanned_pct',
  'saidi_unplanned_min',
  'faults',
  'self_healed_faults',
  'mean_self_healing_s',
  'rs1_target_pct',
  'saidi_target_min',
] as const;

function num(v: number | null | undefined, decimals: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  const m = 10 ** decimals;
  return String(Math.round(v * m) / m);
}

export function reliabilityCsv(view: ReliabilityView): { text: string; fileName: string } {
  const lines = [RELIABILITY_CSV_HEADER.join(',')];
  for (const row of [...view.months, view.yearToDate]) {
    for (const scope of SCOPES_AREA_FIRST) {
      const p = row.byScope[scope];
      if (!p) continue;
      const measured = row.recorded !== 'none';
      const v = (x: number | null, decimals: number) => (measured ? num(x, decimals) : '');
      lines.push(
        [
          row.key === 'ytd' ? `${view.year}-ytd` : row.key,
          shanghaiIso(row.fromMs),
          shanghaiIso(row.toMs),
          scope,
          num(row.recordedPct, 2),
          String(p.all.customersServed),
          v(p.all.rs1Pct, 5),
          v(p.all.saidiMin, 3),
          v(p.all.saifi, 5),
          v(p.all.caidiMin, 3),
          v(p.all.customerMinutes, 1),
          v(p.all.interruptions, 0),
          v(p.all.momentaryInterruptions, 0),
          v(p.unplanned.rs1Pct, 5),
          v(p.unplanned.saidiMin, 3),
          v(p.faults, 0),
          v(p.selfHealedFaults, 0),
          v(p.meanSelfHealingS, 1),
          num(row.rs1TargetPct, 3),
          num(row.saidiTargetMin, 3),
        ].join(','),
      );
    }
  }
  return { text: `${lines.join('\r\n')}\r\n`, fileName: `gaozhu-reliability-${view.year}.csv` };
}
