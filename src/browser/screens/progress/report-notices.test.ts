import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../../core/config/area-schema';
import { carbonFactorsFromConfig } from '../../../core/domain/carbon';
import { shanghaiWallToMs as sh } from '../../../core/time/shanghai';
import { HistoryError } from '../../history/history-client';
import { periodContaining } from './period';
import type { LoadedProgress } from './progress-data';
import { progressFigures, type WindowEnergies } from './progress-figures';
import { emptyText, errorText, reportNotices } from './report-notices';

const area = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
const MARCH = periodContaining('month', sh(2026, 3, 1));

function window(days: number, covered: number): WindowEnergies {
  const starts = Array.from({ length: days }, (_, i) => sh(2026, 3, 1 + i));
  const values = starts.map((_, i) => (i < covered ? 100 : null));
  const metrics = { eImportKwh: values, ePvKwh: values, eEvKwh: values };
  return { bucketStartsMs: starts, cutMs: sh(2026, 4, 1), byProvince: { sc: metrics, cq: metrics } };
}

function loaded(over: Partial<LoadedProgress> = {}): LoadedProgress {
  return {
    period: MARCH,
    nowMs: sh(2026, 5, 1),
    health: {
      coverage: { intervals: 1, firstMs: sh(2025, 10, 1), lastMs: sh(2026, 5, 1) },
      backfill: { state: 'done', fromMs: 0, toMs: 0, doneToMs: 0 },
    } as unknown as LoadedProgress['health'],
    current: window(31, 31),
    lastYear: { ...window(31, 31), fromMs: 0, toMs: 0 },
    serviceNotes: [],
    ...over,
  };
}

describe('what the report says about its data', () => {
  it('names the service and its message for each kind of failure', () => {
    expect(errorText(new HistoryError('unreachable', 'fetch failed'), 'zh', '/api')).toBe(
      '无法连接历史服务（/api）。数据暂不可用，请确认服务已启动后重试。 (fetch failed)',
    );
    expect(errorText(new HistoryError('bad-request', 'from must be before to'), 'en', '/api')).toContain(
      'refused the request: from must be before to',
    );
    expect(errorText(new HistoryError('invalid-response', 'x'), 'en', '/api')).toContain('outside its contract');
    expect(errorText(new HistoryError('http', '500'), 'en', '/api')).toBe('History service error: 500');
  });

  it('says why a period is empty and what the service holds', () => {
    expect(emptyText(loaded(), 'en')).toBe(
      'No history for the selected period (2026-03-01 – 2026-03-31). The history service holds data from 2025-10-01 00:00 to 2026-05-01 00:00.',
    );
    expect(emptyText(loaded({ nowMs: sh(2026, 2, 1) }), 'en')).toMatch(/^This period has not started yet/);
  });

  it('lists a running backfill, capped ranges and partly covered windows, in that order', () => {
    const l = loaded({
      health: {
        coverage: { intervals: 1, firstMs: null, lastMs: null },
        backfill: { state: 'running', fromMs: 0, toMs: 0, doneToMs: sh(2026, 3, 10) },
      } as unknown as LoadedProgress['health'],
      serviceNotes: ['too many points'],
      current: window(31, 20),
      lastYear: { ...window(31, 10), fromMs: 0, toMs: 0 },
    });
    const factors = carbonFactorsFromConfig(area);
    const notices = reportNotices(l, progressFigures(l.current, l.lastYear, factors), '1d', 'en');
    expect(notices.map((n) => n.testId)).toEqual([
      'notice-backfill',
      'notice-capped',
      'notice-partial-current',
      'notice-partial-last-year',
    ]);
    expect(notices[0]?.text).toContain('done to 2026-03-10 00:00');
    expect(notices[2]?.text).toBe('This period is incomplete: 20 of 31 days have data.');
    expect(notices[3]).toMatchObject({ kind: 'info', text: expect.stringMatching(/covers only 10 of 31 days/) });
    const full = loaded();
    expect(reportNotices(full, progressFigures(full.current, full.lastYear, factors), '1d', 'en')).toEqual([]);
  });
});
