/**
 * Derives the EV session statistics the world model uses from the Trondheim charging reports (Sørensen et al., Data in
 * Brief 36 (2021) 107105, CC BY 4.0) and writes them to ./ev-stats.json. Only these aggregate statistics are committed;
 * the CSV itself stays outside the product.
 *
 *   npx tsx src/tools/derive-ev-stats.ts [out.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvStatsTable } from '../../mock-feeds/world/ev';
import { REAL_FILES, requireRealFile } from '../../mock-feeds/world/real-data';

/** The table the simulation reads, with where it came from. */
export interface EvStats extends EvStatsTable {
  source: string;
  sessions: number;
}

const num = (s: string | undefined): number =>
  s === undefined || s === 'NA' ? Number.NaN : Number(s.replace(',', '.'));

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Parses the semicolon-separated, comma-decimal CSV (see its README). */
export function deriveEvStats(csvText: string): EvStats {
  const lines = csvText.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(';');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`column ${name} missing from EV sessions CSV`);
    return i;
  };
  const iHour = col('Start_plugin_hour');
  const iKwh = col('El_kWh');
  const iDur = col('Duration_hours');
  const iStart = col('Start_plugin');
  const iUser = col('User_ID');
  const hours = new Array<number>(24).fill(0);
  const energies: number[] = [];
  const dwells: number[] = [];
  const points = new Set<string>();
  let firstMs = Number.POSITIVE_INFINITY;
  let lastMs = Number.NEGATIVE_INFINITY;
  for (const line of lines.slice(1)) {
    const f = line.split(';');
    const h = Number(f[iHour]);
    const kwh = num(f[iKwh]);
    const dur = num(f[iDur]);
    if (Number.isInteger(h) && h >= 0 && h < 24) hours[h] = (hours[h] ?? 0) + 1;
    if (Number.isFinite(kwh) && kwh > 0) energies.push(kwh);
    if (Number.isFinite(dur) && dur > 0) dwells.push(dur);
    points.add(f[iUser] ?? '');
    const m = /^(\d\d)\.(\d\d)\.(\d{4}) (\d\d):(\d\d)$/.exec(f[iStart] ?? '');
    if (m) {
      const ms = Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]), Number(m[4]), Number(m[5]));
      firstMs = Math.min(firstMs, ms);
      lastMs = Math.max(lastMs, ms);
    }
  }
  const sessions = lines.length - 1;
  const total = hours.reduce((a, b) => a + b, 0);
  energies.sort((a, b) => a - b);
  dwells.sort((a, b) => a - b);
  const levels = Array.from({ length: 21 }, (_, i) => round(i / 20, 2));
  const days = Math.max(1, (lastMs - firstMs) / 86_400_000);
  return {
    source:
      'Derived from Sørensen, Lindberg, Sartori, Andresen, "Residential electric vehicle charging datasets from apartment ' +
      'buildings", Data in Brief 36 (2021) 107105, doi:10.1016/j.dib.2021.107105 (CC BY 4.0), by src/tools/derive-ev-stats.ts',
    sessions,
    arrivalShareByHour: hours.map((n) => round(n / total, 5)),
    quantileLevels: levels,
    energyKwhQuantiles: levels.map((q) => round(quantile(energies, q), 3)),
    dwellHQuantiles: levels.map((q) => round(quantile(dwells, q), 3)),
    meanEnergyKwh: round(energies.reduce((a, b) => a + b, 0) / energies.length, 3),
    sessionsPerPointPerDay: round(sessions / points.size / days, 4),
  };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../../mock-feeds/world/ev-stats.json');
  const stats = deriveEvStats(readFileSync(requireRealFile(REAL_FILES.evSessions), 'utf8'));
  writeFileSync(out, `${JSON.stringify(stats, null, 2)}\n`);
  console.log(
    `[ev-stats] wrote ${out}: ${stats.sessions} sessions, mean ${stats.meanEnergyKwh} kWh, median dwell ${stats.dwellHQuantiles[10]} h`,
  );
}
