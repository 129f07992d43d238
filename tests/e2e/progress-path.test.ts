/**
 * The manager's dual-carbon path and the printed report in real Chromium against the stack with 13 months of
 * history backfilled: the path table holds the measured years (2025 in part, 2026 to date) with their status in
 * words; printed (Chromium's print-to-PDF with the page's @page rules, read with poppler's pdfinfo/pdftotext) every
 * page carries the running header and "page / pages". The page at 1920×1080 and 1366×768 and the PDF go to
 * test-results/screenshots/progress-path/ for review.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setUpE2eStack } from '../support/e2e-stack';
import { DEV_MANAGER } from '../support/sign-in';

const SHOTS = 'test-results/screenshots/progress-path';
// GAOZHU_E2E_DIST: a build of one's own (dist/ by default, which `npm test` builds).
const e2e = setUpE2eStack({
  history: true,
  historyBackfill: { months: 13 },
  outDirs: [SHOTS],
  distDir: process.env.GAOZHU_E2E_DIST,
});
let page: Page;

beforeAll(async () => {
  page = await e2e.newPage();
  await e2e.signIn(page, DEV_MANAGER);
});

describe('dual-carbon path', () => {
  it('charts the targets to the zero-carbon year and states each measured year against them', async () => {
    await page.goto(`${e2e.stack.appUrl}/progress?period=year`);
    await page.getByTestId('progress-report').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="carbon-path"][data-state="ok"]').waitFor({ timeout: 60_000 });
    const rows = page.locator('[data-testid="carbon-path-table"] tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(1);
    const nowYear = await rows.last().getAttribute('data-year');
    expect(Number(nowYear)).toBeGreaterThanOrEqual(2025);
    // Status in words and a sign, not colour alone.
    const budget = await rows.last().getByTestId('path-budget-status').innerText();
    expect(budget).toMatch(/^(✓ \d[\d,]*% 未超|▲ \d[\d,]*% 超出预算)$/);
    const clean = await rows.last().getByTestId('path-clean-status').innerText();
    expect(clean).toMatch(/^(✓ 达标|▼ 低于目标)/);
    expect(await page.getByTestId('carbon-path').getByRole('img').count()).toBe(1);
    await page.getByTestId('carbon-path').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/path-1920x1080.png` });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(500);
    await page.getByTestId('carbon-path').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/path-1366x768.png` });
    console.log(`[progress-path e2e] ${nowYear}: clean ${clean}; budget ${budget}`);
  });

  it('prints with a running header (title, period, printed at) and page numbers on every page', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.emulateMedia({ media: 'print' });
    // On paper the charts are the SVG copies (vectors), the canvases are not shown.
    const printed = await page.$$eval('[data-testid^="print-chart-"]', (els) =>
      els.map((el) => ({
        shown: getComputedStyle(el).display !== 'none',
        svg: el.querySelector('svg') !== null,
        canvas: el.querySelector('canvas') !== null,
        width: el.getBoundingClientRect().width,
      })),
    );
    expect(printed.length).toBeGreaterThanOrEqual(5);
    expect(printed.every((c) => c.shown && c.svg && !c.canvas)).toBe(true);
    expect(
      await page
        .$$eval('[data-testid="progress-charts"] canvas', (cs) => cs.filter((c) => c.getBoundingClientRect().width > 0))
        .then((cs) => cs.length),
    ).toBe(0);
    // The page's own @page rules (size, margins, margin boxes), as the browser's print dialog uses them.
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const file = `${SHOTS}/report.pdf`;
    writeFileSync(file, pdf);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let p = 1; p <= pages; p++) {
      const text = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), '-layout', file, '-'], {
        encoding: 'utf8',
      });
      expect(text).toContain('低碳发展进展 · 2026年');
      expect(text).toMatch(/打印于 \d{4}-\d\d-\d\d \d\d:\d\d（北京时间）/);
      // pdftotext drops the spaces around the slash.
      expect(text).toMatch(new RegExp(`(^|\\s)${p}\\s*/\\s*${pages}\\s*$`, 'm'));
    }
    console.log(`[progress-path e2e] printed ${pages} pages`);
  });
});
