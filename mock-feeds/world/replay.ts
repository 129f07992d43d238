/**
 * Replay of real measured series instead of the synthetic shapes: PV per unit = Power(MW) / 50 of a 50 MW Chinese PV
 * plant (2019), and the base-load per-unit shape = area1_load_mw / its peak of a Chinese regional load (2014). The
 * world's local month-day-time is mapped onto the series' year and interpolated between the file's points, so any
 * start date works. The files are read from GAOZHU_REAL_DATA_DIR (default ../shared/data/real) and never shipped.
 *
 * A file may be of any year and any whole-minute resolution that divides the day: its first row says the year (it
 * must start on 1 January at 00:00), the first step says the resolution, and the row count must be the whole year
 * (365 or 366 days). Every row's time is checked, so a gap or a duplicate is refused with its row named.
 *
 * The PV plant is a high, cold site (−18 to 41 °C, 894–936 hPa) yielding about 1,700 kWh/kWp a year, far more than
 * the Sichuan basin; `pvTargetYieldKwhPerKwp` scales the replayed per-unit output so that a year of replay yields that
 * much, and the description states the scaling.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AreaConfig } from '../../src/core/config/area-schema';
import { dayOfYear, shanghaiTime } from './local-time';
import { REAL_FILES, requireRealFile } from './real-data';

export interface ReplaySource {
  /** PV output per unit of kWp at a world instant (0 at night). */
  pvPu(tsMs: number): number;
  /** Base-load per-unit shape (1.0 = the series' peak) at a world instant. */
  loadPu(tsMs: number): number;
  readonly description: string;
  /** Specific yield of the PV file as read, kWh/kWp over its year, and the factor applied to it (1 = unscaled). */
  readonly pvSourceYieldKwhPerKwp: number;
  readonly pvYieldScale: number;
}

/** One year of a measured series at a fixed resolution, as read from its file. */
export interface YearSeries {
  values: Float64Array;
  year: number;
  slotsPerDay: number;
  leap: boolean;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/;

/** Naive local time of a row as minutes since 1970 (the offset does not matter: only differences are used). */
function rowMinutes(cell: string | undefined): number {
  const m = TIME_RE.exec((cell ?? '').trim());
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m;
  if (s && s !== '00') return Number.NaN;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)) / 60_000;
}

/**
 * Reads one numeric column of a one-year CSV whose first column is the time. The year comes from the first row, the
 * resolution from the first two rows; every row must fall on its slot and the file must cover the year exactly.
 */
export function readYearSeries(path: string, column: string): YearSeries {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  const col = header.findIndex((h) => h.trim() === column);
  if (col < 0) throw new Error(`${path}: column "${column}" not found`);
  const firstCell = (lines[1] ?? '').split(',')[0]?.trim() ?? '';
  if (!/^\d{4}-01-01[ T]00:00/.test(firstCell))
    throw new Error(`${path}: row 2 must be 1 January 00:00 of the series' year, found "${lines[1] ?? ''}"`);
  const year = Number(firstCell.slice(0, 4));
  const t0 = rowMinutes(lines[1]?.split(',')[0]);
  const stepMin = rowMinutes(lines[2]?.split(',')[0]) - t0;
  if (!(Number.isInteger(stepMin) && stepMin > 0 && 1440 % stepMin === 0))
    throw new Error(`${path}: rows 2–3 are ${stepMin} min apart; the step must divide the day`);
  const slotsPerDay = 1440 / stepMin;
  const leap = isLeap(year);
  const slots = (leap ? 366 : 365) * slotsPerDay;
  const out = new Float64Array(slots);
  let n = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const f = line.split(',');
    const v = Number(f[col]);
    if (n >= slots || !Number.isFinite(v) || rowMinutes(f[0]) !== t0 + n * stepMin)
      throw new Error(
        `${path}: bad row ${i + 1} ("${line.slice(0, 40)}"): expected ${year} slot ${n + 1} of ${slots} ` +
          `(${stepMin}-min steps, ${leap ? 366 : 365} days) with a number in "${column}"`,
      );
    out[n++] = v;
  }
  if (n !== slots)
    throw new Error(
      `${path}: expected ${slots} ${stepMin}-min rows for ${year} (${leap ? 366 : 365} days), found ${n}`,
    );
  return { values: out, year, slotsPerDay, leap };
}

/**
 * Interpolated value of a one-year series at the world's local month-day-time. Dates map by month and day onto the
 * series' year: 1 March is 1 March whichever years are leap. World 29 February reads the series' own 29 February when
 * its year is leap; from a non-leap series it replays 28 February again (the nearest day of the same season).
 */
export function seriesAt(s: YearSeries, tsMs: number): number {
  const t = shanghaiTime(tsMs);
  const day = t.month === 2 && t.day === 29 && !s.leap ? 28 : t.day;
  const x = dayOfYear(s.year, t.month, day) * s.slotsPerDay + (t.hour * s.slotsPerDay) / 24;
  const i = Math.floor(x);
  const f = x - i;
  const n = s.values.length;
  return (s.values[i % n] as number) * (1 - f) + (s.values[(i + 1) % n] as number) * f;
}

/** Specific yield of a per-unit PV series over its year, kWh/kWp (the series' mean × the hours of its year). */
export function specificYieldKwhPerKwp(pvPu: YearSeries): number {
  let sum = 0;
  for (const v of pvPu.values) sum += v;
  return (sum * 24) / pvPu.slotsPerDay;
}

export interface ReplayOptions {
  /** Directory holding the files (default: GAOZHU_REAL_DATA_DIR or ../shared/data/real). */
  dir?: string;
  /** The files, relative to the directory (default: REAL_FILES). */
  files?: { pv: string; load: string };
  /** Nameplate of the PV file's plant, MW (the per unit divides by it). */
  pvNameplateMw?: number;
  /**
   * Scale the replayed PV so a year of it yields this many kWh/kWp (area.json `pvReplayYield`, the basin's specific
   * yield); absent: the plant's own yield, unscaled.
   */
  pvTargetYieldKwhPerKwp?: number;
}

export function loadReplaySource(opts: ReplayOptions = {}): ReplaySource {
  const files = opts.files ?? { pv: REAL_FILES.pv, load: REAL_FILES.load };
  const file = (rel: string) => (opts.dir ? join(opts.dir, rel) : requireRealFile(rel));
  if (opts.dir) {
    // Same message as requireRealFile, for an explicit directory.
    for (const rel of [files.pv, files.load]) {
      if (!existsSync(file(rel)))
        throw new Error(
          `real data file missing: ${file(rel)}. Point GAOZHU_REAL_DATA_DIR at the directory holding ${rel}.`,
        );
    }
  }
  const nameplateMw = opts.pvNameplateMw ?? 50;
  const pvRaw = readYearSeries(file(files.pv), 'Power (MW)');
  const pvUnscaled: YearSeries = { ...pvRaw, values: pvRaw.values.map((mw) => Math.max(0, mw / nameplateMw)) };
  const sourceYield = specificYieldKwhPerKwp(pvUnscaled);
  const target = opts.pvTargetYieldKwhPerKwp;
  const scale = target !== undefined && sourceYield > 0 ? target / sourceYield : 1;
  const pv: YearSeries = { ...pvUnscaled, values: pvUnscaled.values.map((v) => v * scale) };
  const load = readYearSeries(file(files.load), 'area1_load_mw');
  const peak = load.values.reduce((a, b) => Math.max(a, b), 0);
  const loadPu: YearSeries = { ...load, values: load.values.map((v) => v / peak) };
  const yieldNote =
    scale === 1
      ? `its own yield ${Math.round(sourceYield)} kWh/kWp, unscaled`
      : `${Math.round(sourceYield)} kWh/kWp scaled ×${scale.toFixed(3)} to ${Math.round(sourceYield * scale)} kWh/kWp`;
  return {
    pvPu: (ts) => seriesAt(pv, ts),
    loadPu: (ts) => seriesAt(loadPu, ts),
    pvSourceYieldKwhPerKwp: sourceYield,
    pvYieldScale: scale,
    description:
      `replay: PV ${files.pv} (${pv.year}, ÷${nameplateMw} MW, ${yieldNote}), ` +
      `load ${files.load} (${load.year}, area1 ÷ ${Math.round(peak)} MW)`,
  };
}

/** The replay options an area asks for: its basin's specific yield (area.json `pvReplayYield`), when it has one. */
export function replayOptionsFor(config: Pick<AreaConfig, 'pvReplayYield'>): ReplayOptions {
  return config.pvReplayYield ? { pvTargetYieldKwhPerKwp: config.pvReplayYield.kwhPerKwpYear } : {};
}
