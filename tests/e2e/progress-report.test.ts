/**
 * The managers' progress screen in real Chromium against the real history service (13-month backfill): a year of
 * figures, one month's consumption checked against the service's own series, CSV and PNG exports, and a print to
 * PDF in A4 landscape (written to test-results/ and, when poppler is installed, rendered to PNG for a look).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DETAIL_CSV_HEADER, SUMMARY_CSV_HEADER } from '../../src/browser/screens/progress/progress-csv';
import { formatEnergy } from '../../src/browser/ui/format/number';
import { dayKey, monthStartMs, shanghaiParts, shanghaiWallToMs } from '../../src/core/time/shanghai';
import { setUpE2eStack } from '../support/e2e-stack';
import { DEV_MANAGER } from '../support/sign-in';

const OUT_DIR = 'test-results';
// A year to browse: the full 13-month first-start backfill (about 40 s), awaited by startStack.
const e2e = setUpE2eStack({ history: true, historyBackfill: { months: 13 }, outDirs: [OUT_DIR] });
let page: Page;

async function health(): Promise<{ nowMs: number; backfill: { state: string } | null }> {
  return (await fetch(`${e2e.stack.historyUrl}/api/health`)).json() as Promise<{
    nowMs: number;
    backfill: { state: string } | null;
  }>;
}

beforeAll(async () => {
  if ((await health()).backfill?.state !== 'done') throw new Error('history backfill not finished');
  page = await e2e.newPage({ acceptDownloads: true });
  await e2e.signIn(page, DEV_MANAGER);
});

const text = (testId: string) => page.getByTestId(testId).innerText();

describe('progress screen with the real history service', () => {
  it('shows a year of figures per area and province, with factors and four charts', async () => {
    await page.goto(`${e2e.stack.appUrl}/progress?period=year`);
    await page.getByTestId('progress-report').waitFor({ timeout: 60_000 });
    for (const id of [
      'consumption',
      'pv',
      'gridImport',
      'cleanShare',
      'co2Emitted',
      'co2AvoidedByPv',
      'evEnergy',
      'coalSaved',
    ])
      expect(await text(`kpi-${id}-value`)).toMatch(/^\d/);
    expect(await text('kpi-co2Emitted-factor')).toMatch(/EF 四川 0\.1404 kg\/kWh（2022，MEE）/);
    expect(await page.locator('[data-testid="progress-charts"] canvas').count()).toBeGreaterThanOrEqual(4);
    // Months of the year that have passed all have data (the backfill covers 13 months).
    expect(await page.getByTestId('notice-partial-current').count()).toBe(0);
    // The year's bars have one category a month.
    const year = shanghaiParts((await health()).nowMs).year;
    expect(await text('period-label')).toBe(`${year}年`);
    expect(await page.locator('body').innerText()).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('shows a past month whose consumption matches the service’s own monthly sum', async () => {
    const nowMs = (await health()).nowMs;
    const lastMonthMs = monthStartMs(monthStartMs(nowMs) - 1);
    const p = shanghaiParts(lastMonthMs);
    const nextMonthMs = shanghaiWallToMs(p.year, p.month + 1, 1);
    await page.goto(`${e2e.stack.appUrl}/progress?period=month&date=${dayKey(lastMonthMs)}`);
    await page.getByTestId('progress-report').waitFor({ timeout: 60_000 });
    const res = await fetch(
      `${e2e.stack.historyUrl}/api/series?metric=eConsumptionKwh&entity=area&from=${lastMonthMs}&to=${nextMonthMs}&step=1mo&agg=sum`,
    );
    const series = (await res.json()) as { points: [number, number | null][] };
    const serviceKwh = series.points[0]?.[1];
    expect(serviceKwh).toBeGreaterThan(0);
    expect(await text('cell-consumption-area')).toBe(formatEnergy(serviceKwh, 'zh').text);
  });

  it('exports the shown data as CSV (detail and summary) and a chart as PNG', async () => {
    await page.goto(`${e2e.stack.appUrl}/progress?period=year`);
    await page.getByTestId('progress-report').waitFor({ timeout: 60_000 });

    const [detail] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-detail').click()]);
    expect(detail.suggestedFilename()).toMatch(/^gaozhu-progress-year-\d{4}-01-01_\d{4}-12-31-detail\.csv$/);
    const detailText = readFileSync(await detail.path(), 'utf8').replace(/^\uFEFF/, '');
    const rows = detailText.trimEnd().split('\r\n');
    expect(rows[0]).toBe(DETAIL_CSV_HEADER.join(','));
    expect(rows).toHaveLength(1 + 12 * 3); // 12 months × (area, Sichuan, Chongqing)

    const [summary] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-summary').click()]);
    const summaryText = readFileSync(await summary.path(), 'utf8').replace(/^\uFEFF/, '');
    expect(summaryText.split('\r\n')[0]).toBe(SUMMARY_CSV_HEADER.join(','));
    expect(summaryText).toMatch(/co2Emitted,kg,sc,.*EF 四川 0\.1404 kg\/kWh/);

    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('png-co2-cumulative').click()]);
    expect(png.suggestedFilename()).toMatch(/co2-cumulative\.png$/);
    const bytes = readFileSync(await png.path());
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(20_000);
  });

  it('prints to an A4 landscape PDF: figures on page 1, charts on page 2, the methods last', async () => {
    await page.goto(`${e2e.stack.appUrl}/progress?period=year`);
    await page.getByTestId('progress-report').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1000); // fonts and the first chart paint
    const pdfPath = join(OUT_DIR, 'progress-print.pdf');
    const pdf = await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
    const raw = pdf.toString('latin1');
    const pages = raw.match(/\/Type\s*\/Page[^s]/g) ?? [];
    // Figures, the four charts, then the dual-carbon path, reliability and the one methods section.
    expect(pages.length).toBeGreaterThanOrEqual(3);
    if (existsSync('/usr/bin/pdftotext')) {
      const pageText = (n: number) =>
        execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdfPath, '-'], { encoding: 'utf8' });
      expect(pageText(1)).toContain('四川、重庆分项对比');
      expect(pageText(2)).toContain('清洁能源占比与目标');
      expect(pageText(pages.length)).toContain('口径与因子');
    }
    // A4 landscape: 842 × 595 pt.
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(raw);
    expect(Number(box?.[1])).toBeCloseTo(842, 0);
    expect(Number(box?.[2])).toBeCloseTo(595, 0);
    // The screen is back to its dark look after printing (charts repainted for paper only while printing).
    expect(await page.evaluate(() => matchMedia('print').matches)).toBe(false);
    if (existsSync('/usr/bin/pdftoppm')) {
      execFileSync('pdftoppm', ['-png', '-r', '80', pdfPath, join(OUT_DIR, 'progress-print')]);
      expect(existsSync(join(OUT_DIR, 'progress-print-1.png'))).toBe(true);
      expect(existsSync(join(OUT_DIR, 'progress-print-2.png'))).toBe(true);
    }
  });
});
