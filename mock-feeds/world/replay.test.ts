import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shanghaiToUtcMs } from './local-time';
import { loadReplaySource, readYearSeries, seriesAt } from './replay';

const dir = mkdtempSync(join(tmpdir(), 'replay-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pad = (n: number) => String(n).padStart(2, '0');
/**
 * A one-year file at `stepMin` resolution whose value encodes its own date: month × 100 + day (+ hour / 100), so a
 * read says which row it came from. `skipRow` drops one row (a gap).
 */
function writeYear(name: string, year: number, stepMin: number, column: string, skipRow = -1): string {
  const rows = [`time,${column}`];
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  let i = 0;
  for (let t = start; t < end; t += stepMin * 60_000, i++) {
    if (i === skipRow) continue;
    const d = new Date(t);
    const v = (d.getUTCMonth() + 1) * 100 + d.getUTCDate() + d.getUTCHours() / 100;
    rows.push(
      `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00,${v}`,
    );
  }
  const path = join(dir, name);
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

const y2019 = writeYear('y2019-15min.csv', 2019, 15, 'v');
const y2020 = writeYear('y2020-15min.csv', 2020, 15, 'v');
const y2020h = writeYear('y2020-60min.csv', 2020, 60, 'v');

describe('replay loader: any year, any resolution, leap days', () => {
  it('reads a 365-day 2019 file and a 366-day 2020 file (35,136 quarter-hours), taking year and step from the file', () => {
    const a = readYearSeries(y2019, 'v');
    expect([a.year, a.slotsPerDay, a.leap, a.values.length]).toEqual([2019, 96, false, 35_040]);
    const b = readYearSeries(y2020, 'v');
    expect([b.year, b.slotsPerDay, b.leap, b.values.length]).toEqual([2020, 96, true, 35_136]);
    const h = readYearSeries(y2020h, 'v');
    expect([h.year, h.slotsPerDay, h.values.length]).toEqual([2020, 24, 8_784]);
  });

  it('maps world dates by month and day: 1 March is 1 March whichever of the years is leap', () => {
    const s19 = readYearSeries(y2019, 'v');
    const s20 = readYearSeries(y2020, 'v');
    // A non-leap world year on a leap series and a leap world year on a non-leap series.
    expect(seriesAt(s20, shanghaiToUtcMs(2026, 3, 1, 12))).toBeCloseTo(301.12, 9);
    expect(seriesAt(s19, shanghaiToUtcMs(2028, 3, 1, 12))).toBeCloseTo(301.12, 9);
    expect(seriesAt(s20, shanghaiToUtcMs(2026, 12, 31, 23))).toBeCloseTo(1231.23, 9);
    // Between two points: linear in time (the hourly file, 06:30 is half-way from 06:00 to 07:00).
    expect(seriesAt(readYearSeries(y2020h, 'v'), shanghaiToUtcMs(2026, 7, 4, 6, 30))).toBeCloseTo(704.065, 9);
  });

  it('replays 29 February from a leap file, and 28 February again from a non-leap one', () => {
    const leapDay = shanghaiToUtcMs(2028, 2, 29, 10);
    expect(seriesAt(readYearSeries(y2020, 'v'), leapDay)).toBeCloseTo(229.1, 9);
    expect(seriesAt(readYearSeries(y2019, 'v'), leapDay)).toBeCloseTo(228.1, 9);
  });

  it('refuses a file with a gap, naming the row, and one that does not start on 1 January', () => {
    // Slot 5001 (00:00-based index 5000) left out: file row 5002 (the header is row 1) holds slot 5002 instead.
    const gap = writeYear('gap.csv', 2020, 15, 'v', 5_000);
    expect(() => readYearSeries(gap, 'v')).toThrow(/bad row 5002 .*2020 slot 5001 of 35136/);
    const late = join(dir, 'late.csv');
    writeFileSync(late, 'time,v\n2020-01-02 00:00:00,1\n2020-01-02 00:15:00,1\n');
    expect(() => readYearSeries(late, 'v')).toThrow(/1 January 00:00/);
    expect(() => readYearSeries(y2019, 'nope')).toThrow(/column "nope" not found/);
  });

  it('scales the replayed PV to a target specific yield and says so', () => {
    // PV: 1 MW of a 2 MW plant for 6 h a day (06:00–11:45) → 0.5 pu × 6 h × 366 d = 1,098 kWh/kWp in 2020.
    const pvRows = ['time,Power (MW)'];
    const loadRows = ['time,area1_load_mw'];
    for (let t = Date.UTC(2020, 0, 1); t < Date.UTC(2021, 0, 1); t += 900_000) {
      const d = new Date(t);
      const stamp = d.toISOString().slice(0, 16).replace('T', ' ');
      pvRows.push(`${stamp}:00,${d.getUTCHours() >= 6 && d.getUTCHours() < 12 ? 1 : 0}`);
      loadRows.push(`${stamp}:00,${100 + d.getUTCHours()}`);
    }
    writeFileSync(join(dir, 'pv.csv'), `${pvRows.join('\n')}\n`);
    writeFileSync(join(dir, 'load.csv'), `${loadRows.join('\n')}\n`);
    const files = { pv: 'pv.csv', load: 'load.csv' };
    const raw = loadReplaySource({ dir, files, pvNameplateMw: 2 });
    expect(raw.pvSourceYieldKwhPerKwp).toBeCloseTo(1_098, 9);
    expect(raw.pvYieldScale).toBe(1);
    expect(raw.pvPu(shanghaiToUtcMs(2026, 5, 1, 9))).toBeCloseTo(0.5, 9);
    const scaled = loadReplaySource({ dir, files, pvNameplateMw: 2, pvTargetYieldKwhPerKwp: 915 });
    expect(scaled.pvYieldScale).toBeCloseTo(915 / 1_098, 9);
    expect(scaled.pvPu(shanghaiToUtcMs(2026, 5, 1, 9))).toBeCloseTo((0.5 * 915) / 1_098, 9);
    expect(scaled.description).toMatch(/1098 kWh\/kWp scaled ×0\.833 to 915 kWh\/kWp/);
    // Load per unit of its peak (123 MW at 23:xx).
    expect(scaled.loadPu(shanghaiToUtcMs(2026, 5, 1, 23))).toBeCloseTo(1, 9);
    expect(scaled.loadPu(shanghaiToUtcMs(2026, 5, 1, 0))).toBeCloseTo(100 / 123, 9);
  });
});
