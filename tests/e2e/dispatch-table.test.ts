/**
 * The dispatcher's feeder table in real Chromium against the stack (history on): sorting 名称 follows pinyin like
 * 变电站; a filter that matches nothing says so and clears; the CSV export holds the rows as filtered and sorted with
 * units in the header; a single click opens the drill-down, whose 24 h view draws the day before (the backfill's
 * yesterday) beside today, whose 7 d range asks the history service for a week, and whose threshold labels lie inside
 * the chart. Screenshots at 1920×1080 and 1366×768 go to
 * test-results/screenshots/dispatch-table/ for review.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setUpE2eStack, waitForDispatchConsole } from '../support/e2e-stack';

const SHOTS = 'test-results/screenshots/dispatch-table';
// GAOZHU_E2E_DIST: a build of one's own (dist/ by default, which `npm test` builds).
const e2e = setUpE2eStack({ speed: 10, history: true, outDirs: [SHOTS], distDir: process.env.GAOZHU_E2E_DIST });
const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
let page: Page;

const visibleNames = (p: Page) =>
  p.$$eval('[data-testid="feeder-table"] tbody tr[data-row-id]', (trs) =>
    trs
      .map((tr) => ({
        y: tr.getBoundingClientRect().y,
        name: (tr.querySelector('td[data-col="name"]')?.textContent ?? '').trim(),
      }))
      .sort((a, b) => a.y - b.y)
      .map((r) => r.name),
  );

beforeAll(async () => {
  page = await e2e.openSignedIn('/dispatch', undefined, { acceptDownloads: true });
  await waitForDispatchConsole(page);
});

describe('dispatch feeder table', () => {
  it('sorts 名称 by pinyin, says when a filter matches nothing, and exports what it shows', async () => {
    await page.getByTestId('feeder-table-sort-name').click();
    await expect
      .poll(() => page.locator('[data-testid="feeder-table"] th[data-col="name"]').getAttribute('aria-sort'))
      .toBe('ascending');
    await page.screenshot({ path: `${SHOTS}/sorted-1920x1080.png` });
    const names = await visibleNames(page);
    expect(names.length).toBeGreaterThan(10);
    // Names carry their id below (BilingualCell sub): compare the Chinese name, the cell's first line.
    const zh = await page.$$eval('[data-testid="feeder-table"] tbody tr[data-row-id] td[data-col="name"]', (tds) =>
      tds
        .map((td) => ({ y: td.getBoundingClientRect().y, zh: (td.firstElementChild?.textContent ?? '').trim() }))
        .sort((a, b) => a.y - b.y)
        .map((r) => r.zh),
    );
    expect(zh).toEqual([...zh].sort(collator.compare));

    await page.getByTestId('feeder-table-filter').fill('没有这条馈线xyz');
    await expect.poll(() => page.getByTestId('feeder-table-no-match').count()).toBe(1);
    expect(await page.getByTestId('feeder-table-no-match').innerText()).toContain('“没有这条馈线xyz”');
    await page.screenshot({ path: `${SHOTS}/no-match-1920x1080.png` });
    await page.getByTestId('feeder-table-clear-filter').click();
    await expect.poll(() => page.getByTestId('feeder-table-no-match').count()).toBe(0);
    expect((await visibleNames(page)).length).toBeGreaterThan(10);

    // Filter to one province, export: the file has those rows, in the table's order, with units.
    await page.getByTestId('feeder-table-filter-province').selectOption('cq');
    const count = await page.getByTestId('feeder-table-count').innerText();
    const shown = Number(count.split('/')[0]?.trim());
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('feeder-table-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^gaozhu-dispatch-feeders-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toContain('有功 P (kW)');
    expect(lines[0]).toContain('负载率 (%)');
    expect(lines).toHaveLength(shown + 1);
    const csvNames = lines.slice(1).map((l) => l.split(',')[0] as string);
    expect(csvNames).toEqual([...csvNames].sort(collator.compare));
    expect(lines.slice(1).every((l) => l.split(',')[2] === 'cq')).toBe(true);
    await page.getByTestId('feeder-table-filter-province').selectOption('');
  });

  it('a single click opens the drill-down; 24 h draws the day before; 7 d asks for a week; labels stay inside', async () => {
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/series')) requests.push(r.url());
    });
    expect(await page.getByTestId('feeder-table-open-hint').isVisible()).toBe(true);
    await page.locator('[data-testid="feeder-table"] tbody tr[data-row-id]').first().click();
    await expect.poll(() => page.getByTestId('drilldown').count()).toBe(1);
    // The 24 h view asks for the same hours a day earlier too; the backfill recorded them, so the dashed curve is drawn.
    await expect.poll(() => requests.some((u) => u.includes('step=1m') && u.includes('metric=pKw'))).toBe(true);
    const chart = page.locator('[data-previous-day-points]');
    await expect
      .poll(async () => Number(await chart.getAttribute('data-previous-day-points')), { timeout: 20_000 })
      .toBeGreaterThan(60);
    const pKw = requests
      .filter((u) => u.includes('step=1m') && u.includes('metric=pKw'))
      .map((u) => new URL(u).searchParams)
      .map((q) => Number(q.get('to')));
    expect(Math.max(...pKw) - Math.min(...pKw)).toBe(86_400_000);
    await page.screenshot({ path: `${SHOTS}/drilldown-24h-1920x1080.png` });
    await page.getByTestId('drill-range-7d').click();
    await expect.poll(() => requests.some((u) => u.includes('step=15m'))).toBe(true);
    const weekly = new URL(requests.find((u) => u.includes('step=15m')) as string);
    expect(Number(weekly.searchParams.get('to')) - Number(weekly.searchParams.get('from'))).toBe(7 * 86_400_000);
    expect(await page.getByTestId('drill-range-7d').getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: `${SHOTS}/drilldown-7d-1920x1080.png` });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SHOTS}/drilldown-7d-1366x768.png` });
    await page.getByTestId('drilldown-close').click();
    await page.screenshot({ path: `${SHOTS}/table-1366x768.png` });
  });
});
