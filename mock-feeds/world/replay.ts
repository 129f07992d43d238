/**
 * Replay of real measured series instead of the synthetic shapes: PV per unit = Power(MW) / 50 of a 50 MW Chinese PV
 * plant (2019), and the base-load per-unit shape = area1_load_mw / its peak of a Chinese regional load (2014). The
 * world's local month-day-time is mapped onto the series' year and interpolated between the 15-min points, so any
 * start date works. The files are read from GAOZHU_REAL_DATA_DIR (default ../shared/data/real) and never shipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dayOfYear, shanghaiTime } from './local-time';
import { REAL_FILES, requireRealFile } from './real-data';

export interface ReplaySource {
  /** PV output per unit of kWp at a world instant (0 at night). */
  pvPu(tsMs: number): number;
  /** Base-load per-unit shape (1.0 = the series' peak) at a world instant. */
  loadPu(tsMs: number): number;
  readonly description: string;
}

const SLOTS = 365 * 96;

/** Reads one numeric column of a 15-min, one-year CSV into a per-unit series, checking it has every slot. */
function readSeries(path: string, column: string, year: number): Float64Array {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  const col = header.findIndex((h) => h.trim() === column);
  if (col < 0) throw new Error(`${path}: column "${column}" not found`);
  const out = new Float64Array(SLOTS);
  let n = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const f = line.split(',');
    const v = Number(f[col]);
    if (n >= SLOTS || !Number.isFinite(v)) throw new Error(`${path}: bad row ${i + 1}`);
    out[n++] = v;
  }
  if (n !== SLOTS) throw new Error(`${path}: expected ${SLOTS} 15-min rows for ${year}, found ${n}`);
  if (!(lines[1] ?? '').startsWith(`${year}-01-01 00:00`)) throw new Error(`${path}: does not start at ${year}-01-01`);
  return out;
}

/** Interpolated value of a one-year 15-min series at the world's local month-day-time (29 Feb reads 28 Feb). */
export function seriesAt(series: Float64Array, tsMs: number): number {
  const t = shanghaiTime(tsMs);
  const day = t.month === 2 && t.day === 29 ? 28 : t.day;
  const x = dayOfYear(2019, t.month, day) * 96 + (t.hour * 60) / 15;
  const i = Math.floor(x);
  const f = x - i;
  return (series[i % SLOTS] as number) * (1 - f) + (series[(i + 1) % SLOTS] as number) * f;
}

export function loadReplaySource(opts: { dir?: string } = {}): ReplaySource {
  const file = (rel: string) => (opts.dir ? join(opts.dir, rel) : requireRealFile(rel));
  if (opts.dir) {
    // Same message as requireRealFile, for an explicit directory.
    for (const rel of [REAL_FILES.pv, REAL_FILES.load]) {
      if (!existsSync(file(rel)))
        throw new Error(
          `real data file missing: ${file(rel)}. Point GAOZHU_REAL_DATA_DIR at the directory holding ${rel}.`,
        );
    }
  }
  const pv = readSeries(file(REAL_FILES.pv), 'Power (MW)', 2019).map((mw) => Math.max(0, mw / 50));
  const load = readSeries(file(REAL_FILES.load), 'area1_load_mw', 2014);
  const peak = load.reduce((a, b) => Math.max(a, b), 0);
  const loadPu = load.map((v) => v / peak);
  return {
    pvPu: (ts) => seriesAt(pv, ts),
    loadPu: (ts) => seriesAt(loadPu, ts),
    description: `replay: PV ${REAL_FILES.pv} (÷50 MW), load ${REAL_FILES.load} (area1 ÷ ${Math.round(peak)} MW)`,
  };
}
