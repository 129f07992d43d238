import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../core/config/area-schema';
import { AREA_JSON_AUTHOR, ThresholdsFileError, ThresholdsStore } from './thresholds-store';

const area = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json').thresholds;
const dirs: string[] = [];
const tmpFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'gaozhu-thresholds-'));
  dirs.push(dir);
  return join(dir, 'sub', 'thresholds.json');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('ThresholdsStore', () => {
  it('starts at version 0 = area.json, attributed to it', () => {
    const s = new ThresholdsStore(null, area, 1_000);
    expect(s.current()).toEqual({ version: 0, thresholds: area, by: AREA_JSON_AUTHOR, atMs: 1_000, note: '' });
    expect(s.list().versions).toHaveLength(1);
  });

  it('numbers changes N+1, lists newest first, and a revert is a new version equal to the old one', () => {
    const s = new ThresholdsStore(null, area, 0);
    const v1 = s.change({ ...area, overloadLoadingPct: area.overloadLoadingPct - 5 }, 'ada', 'summer peak', 10);
    const v2 = s.change({ ...area, heavyLoadingPct: area.heavyLoadingPct - 10 }, 'bo', '', 20);
    expect([v1.version, v2.version]).toEqual([1, 2]);
    const r = s.revert(1, 'ada', 'back', 30);
    expect(r).toMatchObject({ version: 3, thresholds: v1.thresholds, by: 'ada', note: 'back', revertedFrom: 1 });
    expect(s.current().version).toBe(3);
    expect(s.list().versions.map((v) => v.version)).toEqual([3, 2, 1, 0]);
    expect(s.revert(0, 'ada', '', 40)?.thresholds).toEqual(area);
    expect(s.revert(99, 'ada', '', 50)).toBeNull();
    expect(s.current().version).toBe(4);
  });

  it('keeps versions across a restart (a new store on the same file) and applies the newest', () => {
    const file = tmpFile();
    const a = new ThresholdsStore(file, area, 0);
    a.change({ ...area, overloadLoadingPct: 90 }, 'ada', 'n1', 10);
    a.revert(0, 'bo', 'n2', 20);
    a.change({ ...area, holdLastGoodS: 60 }, 'ada', 'n3', 30);
    const b = new ThresholdsStore(file, area, 99);
    expect(b.current()).toEqual(a.current());
    expect(b.list().versions.slice(0, 3)).toEqual(a.list().versions.slice(0, 3));
    // Version 0 is area.json's as read now, never a stored copy.
    const changedArea = { ...area, heavyLoadingPct: 70 };
    expect(new ThresholdsStore(file, changedArea, 0).list().versions.at(-1)?.thresholds).toEqual(changedArea);
  });

  it('refuses to start on an unreadable or invalid file, naming it, instead of silently falling back to area.json', () => {
    const file = tmpFile();
    const a = new ThresholdsStore(file, area, 0);
    a.change({ ...area, overloadLoadingPct: 90 }, 'ada', '', 10);
    writeFileSync(file, '{"versions": [');
    expect(() => new ThresholdsStore(file, area, 0)).toThrow(ThresholdsFileError);
    writeFileSync(
      file,
      JSON.stringify({
        versions: [{ version: 1, by: 'x', atMs: 0, note: '', thresholds: { ...area, heavyLoadingPct: 200 } }],
      }),
    );
    expect(() => new ThresholdsStore(file, area, 0)).toThrow(/thresholds\.overloadLoadingPct.*above heavyLoadingPct/);
  });
});
