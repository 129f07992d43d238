/**
 * /dispatch in region mode (DISPATCH_SCOPE=substation, src/services/deployment.md): the console shows the substation the
 * dispatcher picks — its feeders only, with live values from the substation's device document — and the area's totals
 * from the live core; picking another substation shows that one's feeders; the page never asks the broker for the raw
 * device stream (the region's ACL would refuse it, and the broker counts every refusal).
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { pickableSubstations } from '../../src/browser/live/subscription-scope';
import { setUpE2eStack } from '../support/e2e-stack';

// Read by the broker, the live service and the web server when the stack starts (in this test file's own process).
process.env.DISPATCH_SCOPE = 'substation';
const e2e = setUpE2eStack({ speed: 10, distDir: process.env.GAOZHU_E2E_DIST });
let page: Page;

const rowIds = (p: Page) =>
  p.$$eval('[data-testid="feeder-table"] tbody tr[data-row-id]', (trs) => trs.map((tr) => tr.dataset.rowId ?? ''));
const feedersOf = (substationId: string) =>
  e2e.stack.config.feeders.filter((f) => f.substationId === substationId).map((f) => f.id);

beforeAll(async () => {
  page = await e2e.openSignedIn('/dispatch?lang=en');
  await page.locator('[data-testid="connection-state"][data-phase="connected"]').waitFor({ timeout: 30_000 });
});

it('shows the picked substation’s feeders with live values, and the area’s totals from the live core', async () => {
  const substation = await page.locator('[data-testid="region-scope"]').getAttribute('data-substation');
  const pickable = pickableSubstations(e2e.stack.config).map((s) => s.id);
  expect(pickable).toContain(substation);
  const expected = feedersOf(substation!);
  await expect.poll(() => rowIds(page), { timeout: 20_000 }).toHaveLength(expected.length);
  expect(new Set(await rowIds(page))).toEqual(new Set(expected));
  // Values from the document: every feeder's P shown (not the dash of no data).
  await expect
    .poll(
      () =>
        page.$$eval(
          '[data-testid="feeder-table"] tbody tr[data-row-id] td[data-col="p"]',
          (tds) => tds.filter((td) => /\d/.test(td.textContent ?? '')).length,
        ),
      { timeout: 30_000 },
    )
    .toBe(expected.length);
  const totals = page.locator('[data-testid="area-totals"][data-feeders-configured]');
  await totals.waitFor({ timeout: 20_000 });
  expect(Number(await totals.getAttribute('data-feeders-configured'))).toBe(e2e.stack.config.feeders.length);
  expect(await totals.textContent()).toMatch(/Area · consumption [\d.,]+ (k|M)W/);
}, 90_000);

it('moves to another substation when picked, and never asks for the raw stream', async () => {
  const before = await page.locator('[data-testid="region-scope"]').getAttribute('data-substation');
  const other = pickableSubstations(e2e.stack.config).find((s) => s.id !== before && feedersOf(s.id).length > 0)!;
  await page.locator('[data-testid="substation-picker"]').selectOption(other.id);
  await expect.poll(() => rowIds(page), { timeout: 20_000 }).toHaveLength(feedersOf(other.id).length);
  expect(new Set(await rowIds(page))).toEqual(new Set(feedersOf(other.id)));
  // The choice is remembered: a reload opens on it.
  await page.reload();
  await expect
    .poll(() => page.locator('[data-testid="region-scope"]').getAttribute('data-substation'), { timeout: 20_000 })
    .toBe(other.id);
  expect(e2e.stack.broker.stats.refusedSubscribes).toBe(0);
}, 90_000);
