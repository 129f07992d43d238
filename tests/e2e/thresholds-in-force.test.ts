/**
 * The thresholds in force on the dispatcher's console, in real Chromium against the broker, the feeds, the live
 * service and the production web server: a feeder held (by the feeds' scenario control) between area.json's heavy and
 * overload limits shows heavy; an administrator lowers the overload limit below its loading through the web server's
 * PUT /api/thresholds; with no reload and no new scenario the console's table shows it overloaded, the loading bar's
 * overload mark moves to the new limit and the drill-down says overload too — the console colours with what the live
 * service applies, not with area.json's numbers.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setUpE2eStack, waitForDispatchConsole } from '../support/e2e-stack';
import { DEV_ADMIN } from '../support/sign-in';

const e2e = setUpE2eStack({ speed: 1 });
let page: Page;

const feederRow = (id: string) => page.locator(`[data-testid="feeder-table"] tr[data-row-id="${id}"]`);
const rowState = (id: string) => feederRow(id).locator('[data-testid="state-badge"]').getAttribute('data-state');
/** The loading the table shows, %, as the dispatcher reads it. */
const rowLoadingPct = async (id: string) =>
  Number.parseFloat((await feederRow(id).locator('td[data-col="loading"]').innerText()).replace(/[^\d.]/g, ''));

beforeAll(async () => {
  page = await e2e.openSignedIn('/dispatch');
  await waitForDispatchConsole(page);
});

describe('thresholds in force on the console', () => {
  it('a feeder between the new and the old overload limit turns overloaded after an admin lowers the limit', async () => {
    const { heavyLoadingPct, overloadLoadingPct } = e2e.stack.config.thresholds;
    const feeder = e2e.stack.config.feeders[0]!;
    // Midway between area.json's heavy and overload limits; the new overload limit halfway below that.
    const targetPct = (heavyLoadingPct + overloadLoadingPct) / 2;
    const newOverloadPct = (heavyLoadingPct + targetPct) / 2;
    await e2e.stack.scenario({ type: 'overload', deviceId: feeder.id, loadingPct: targetPct });

    await expect.poll(() => rowState(feeder.id), { timeout: 20_000, interval: 250 }).toBe('heavy');
    const before = await rowLoadingPct(feeder.id);
    expect(before).toBeGreaterThan(newOverloadPct);
    expect(before).toBeLessThan(overloadLoadingPct);
    const track = feederRow(feeder.id).locator('td[data-col="loading"] [data-state]');
    const overloadMark = () => track.evaluate((el) => (el as HTMLElement).style.getPropertyValue('--overload'));
    const markBefore = Number.parseFloat(await overloadMark());
    expect(markBefore).toBeGreaterThan(0);

    const admin = await e2e.apiSession(DEV_ADMIN);
    const put = await fetch(`${e2e.stack.appUrl}/api/thresholds`, {
      method: 'PUT',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        thresholds: { ...e2e.stack.config.thresholds, overloadLoadingPct: newOverloadPct },
        note: 'e2e: thresholds in force',
      }),
    });
    expect(put.status).toBe(201);
    expect(e2e.stack.live?.thresholds.list().current.thresholds.overloadLoadingPct).toBe(newOverloadPct);

    // Same page, no reload: the status the live service publishes says the new limit, and the table follows it.
    await expect.poll(() => rowState(feeder.id), { timeout: 15_000, interval: 250 }).toBe('overload');
    const after = await rowLoadingPct(feeder.id);
    expect(after).toBeGreaterThan(newOverloadPct);
    expect(after).toBeLessThan(overloadLoadingPct);
    expect(await feederRow(feeder.id).locator('[data-testid="state-badge"]').innerText()).toContain('过载');
    // The bar's overload mark sits at the new limit: its position scales with the limit.
    expect(Number.parseFloat(await overloadMark()) / markBefore).toBeCloseTo(newOverloadPct / overloadLoadingPct, 6);

    // The feeder's drill-down says the same state.
    await feederRow(feeder.id).dblclick();
    const drillState = page.getByTestId('drilldown').locator('[data-testid="state-badge"]').first();
    await expect.poll(() => drillState.getAttribute('data-state'), { timeout: 10_000 }).toBe('overload');
  });
});
