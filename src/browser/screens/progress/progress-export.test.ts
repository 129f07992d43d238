import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../../core/config/area-schema';
import { shanghaiWallToMs as sh } from '../../../core/time/shanghai';
import { periodContaining } from './period';
import { DETAIL_CSV_HEADER, SUMMARY_CSV_HEADER } from './progress-csv';
import type { LoadedProgress } from './progress-data';
import { progressCsv } from './progress-export';

const area = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');

describe('CSV files of the report', () => {
  it('names each file by period and content, with the detail per bucket and the summary per figure', () => {
    const day = periodContaining('day', sh(2026, 3, 1));
    const m = { eImportKwh: [1000], ePvKwh: [100], eEvKwh: [10] };
    const w = { bucketStartsMs: [day.fromMs], cutMs: day.toMs, byProvince: { sc: m, cq: m } };
    const loaded = {
      period: day,
      nowMs: sh(2026, 5, 1),
      current: w,
      lastYear: { ...w, fromMs: sh(2025, 3, 1), toMs: sh(2025, 3, 2) },
      serviceNotes: [],
    } as unknown as LoadedProgress;
    const detail = progressCsv(loaded, area, 'en', 'detail');
    expect(detail.fileName).toBe('gaozhu-progress-day-2026-03-01_2026-03-01-detail.csv');
    expect(detail.text.split('\r\n')[0]).toBe(DETAIL_CSV_HEADER.join(','));
    expect(detail.text.split('\r\n')).toHaveLength(1 + 3 + 1);
    const summary = progressCsv(loaded, area, 'zh', 'summary');
    expect(summary.fileName).toBe('gaozhu-progress-day-2026-03-01_2026-03-01-summary.csv');
    expect(summary.text.split('\r\n')[0]).toBe(SUMMARY_CSV_HEADER.join(','));
    expect(summary.text).toContain('coalSaved,kg,area,2026-03-01T00:00:00+08:00,2026-03-02T00:00:00+08:00');
    expect(summary.text).toContain('gce/kWh（2020，CEC）');
  });
});
