/**
 * The dispatcher console in real Chromium against the broker, the feeds (world at speed 1), the live service (which
 * runs the alarms) and the history service: an overload set through the feeds' scenario control raises one alarm
 * within 15 s, acknowledging it on one screen shows it acknowledged on a second, a reload keeps its start time and
 * brings no "new" banner, an acknowledgement the service cannot take is marked 未同步 until it can, recovery clears
 * the alarm and the alarm log holds and exports it; a silent feeder turns stale in the table; sorting and filtering
 * give the right rows; rows hold still while the table is scrolled and refresh after; when the live service stops,
 * the alarm pane says its list is only as of then.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setUpE2eStack, waitForDispatchConsole } from '../support/e2e-stack';
import { addTestUser } from '../support/sign-in';

const e2e = setUpE2eStack({ speed: 1, history: true });
let screen1: Page;
let screen2: Page;

const alarmRow = (page: Page, rule: string, deviceId: string) =>
  page.locator(`[data-testid="alarm-row"][data-rule="${rule}"][data-device="${deviceId}"]`);
const feederRow = (page: Page, id: string) => page.locator(`[data-testid="feeder-table"] tr[data-row-id="${id}"]`);

/** Each screen signed in as the dispatcher whose name it acknowledges with (the server records the session's user). */
async function openDispatch(dispatcher: string): Promise<Page> {
  const page = await e2e.openSignedIn('/dispatch', await addTestUser(e2e.stack, dispatcher));
  await waitForDispatchConsole(page);
  return page;
}

beforeAll(async () => {
  screen1 = await openDispatch('李调度');
  screen2 = await openDispatch('王调度');
});

describe('dispatch alarms', () => {
  it('an overload raises an alarm within 15 s, acknowledged on one screen shows on the other, recovery clears it', async () => {
    const feeder = e2e.stack.config.feeders[0]!;
    const scenarioId = await e2e.stack.scenario({ type: 'overload', deviceId: feeder.id, loadingPct: 120 });
    const t0 = Date.now();
    await expect
      .poll(() => alarmRow(screen1, 'overload', feeder.id).count(), { timeout: 15_000, interval: 200 })
      .toBe(1);
    const raisedAfterS = (Date.now() - t0) / 1000;
    console.log(`[dispatch e2e] overload alarm after ${raisedAfterS.toFixed(1)} s (world speed 1)`);
    expect(raisedAfterS).toBeLessThanOrEqual(15);
    await expect.poll(() => alarmRow(screen2, 'overload', feeder.id).count(), { timeout: 5_000 }).toBe(1);
    expect(await alarmRow(screen1, 'overload', feeder.id).getAttribute('data-state')).toBe('active');
    // The table says so in words, not colour alone.
    await expect
      .poll(() => feederRow(screen1, feeder.id).locator('[data-testid="state-badge"]').getAttribute('data-state'))
      .toBe('overload');
    expect(await feederRow(screen1, feeder.id).locator('[data-testid="state-badge"]').innerText()).toContain('过载');
    // A critical alarm draws attention without hiding the table.
    await expect(screen1.getByTestId('critical-banner').isVisible()).resolves.toBe(true);
    expect(await screen1.getByTestId('feeder-table').isVisible()).toBe(true);

    // Same id on both screens: the live service raised it, the screens show it.
    const id1 = await alarmRow(screen1, 'overload', feeder.id).getAttribute('data-alarm-id');
    expect(await alarmRow(screen2, 'overload', feeder.id).getAttribute('data-alarm-id')).toBe(id1);

    // Acknowledge on screen 1: the name is asked once.
    await alarmRow(screen1, 'overload', feeder.id).getByTestId('alarm-ack').click();
    await screen1.getByTestId('name-input').fill('李调度');
    await screen1.getByTestId('name-save').click();
    await expect.poll(() => alarmRow(screen1, 'overload', feeder.id).getAttribute('data-state')).toBe('acknowledged');
    await expect
      .poll(() => alarmRow(screen2, 'overload', feeder.id).getAttribute('data-state'), { timeout: 10_000 })
      .toBe('acknowledged');
    expect(await alarmRow(screen2, 'overload', feeder.id).innerText()).toContain('李调度');
    await expect.poll(() => alarmRow(screen1, 'overload', feeder.id).getByTestId('ack-not-shared').count()).toBe(0);

    // One alarm per condition and device: the overload escalated in place, no second heavy-load alarm to acknowledge.
    expect(await alarmRow(screen1, 'heavy-load', feeder.id).count()).toBe(0);

    // A reload shows the same alarm (same id, so the same start and duration), acknowledged, and no "new" banner.
    const metaBefore = await alarmRow(screen2, 'overload', feeder.id).locator('[class*="alarmMeta"]').innerText();
    await screen2.reload();
    await expect.poll(() => alarmRow(screen2, 'overload', feeder.id).count(), { timeout: 20_000 }).toBe(1);
    expect(await alarmRow(screen2, 'overload', feeder.id).getAttribute('data-alarm-id')).toBe(id1);
    expect(await alarmRow(screen2, 'overload', feeder.id).getAttribute('data-state')).toBe('acknowledged');
    const metaAfter = await alarmRow(screen2, 'overload', feeder.id).locator('[class*="alarmMeta"]').innerText();
    expect(metaAfter.split(' · ')[0]).toBe(metaBefore.split(' · ')[0]); // the start time
    await screen2.waitForTimeout(3_000);
    expect(await screen2.getByTestId('critical-banner').count()).toBe(0);

    // Service unreachable for screen 2: its own acknowledgement is kept and marked 未同步.
    const second = e2e.stack.config.feeders[2]!;
    const secondScenario = await e2e.stack.scenario({ type: 'overload', deviceId: second.id, loadingPct: 120 });
    await screen2.route('**/api/alarms/*/ack', (route) => route.abort());
    await screen2.evaluate(() => localStorage.setItem('gaozhu.dispatch.dispatcherName', '王调度'));
    await screen2.reload();
    await expect.poll(() => alarmRow(screen2, 'overload', second.id).count(), { timeout: 20_000 }).toBe(1);
    await alarmRow(screen2, 'overload', second.id).getByTestId('alarm-ack').click();
    await expect.poll(() => alarmRow(screen2, 'overload', second.id).getAttribute('data-state')).toBe('acknowledged');
    await expect(alarmRow(screen2, 'overload', second.id).getByTestId('ack-not-shared').innerText()).resolves.toBe(
      '未同步',
    );
    // Back online: the pending acknowledgement is sent and the mark goes; the other screen shows who took it.
    await screen2.unroute('**/api/alarms/*/ack');
    await expect
      .poll(() => alarmRow(screen2, 'overload', second.id).getByTestId('ack-not-shared').count(), { timeout: 10_000 })
      .toBe(0);
    await expect
      .poll(() => alarmRow(screen1, 'overload', second.id).innerText(), { timeout: 10_000 })
      .toContain('王调度');

    // Recovery clears them (5 points below the limit for 5 s over two samples).
    await fetch(`${e2e.stack.feedsControlUrl}/scenarios/${scenarioId}`, { method: 'DELETE' });
    await fetch(`${e2e.stack.feedsControlUrl}/scenarios/${secondScenario}`, { method: 'DELETE' });
    await expect.poll(() => alarmRow(screen1, 'overload', feeder.id).count(), { timeout: 25_000 }).toBe(0);
    await expect
      .poll(() => feederRow(screen1, feeder.id).locator('[data-testid="state-badge"]').getAttribute('data-state'))
      .not.toBe('overload');

    // The alarm log holds it, cleared and acknowledged, filtered by device and rule, and exports the same rows.
    await screen1.getByTestId('alarm-log-open').click();
    // Its filters are in the page's font: in the browser's own, the Chinese words of the selects showed as boxes.
    const controlsInOtherFonts = await screen1.getByTestId('alarm-log-filters').evaluate((form) => {
      const pageFont = getComputedStyle(document.body).fontFamily;
      return [...form.querySelectorAll('input, select, button')]
        .filter((c) => getComputedStyle(c).fontFamily !== pageFont)
        .map((c) => c.getAttribute('data-testid') ?? c.tagName);
    });
    expect(controlsInOtherFonts).toEqual([]);
    await screen1.getByTestId('alarm-log-device').fill(feeder.id);
    await screen1.getByTestId('alarm-log-rule').selectOption('overload');
    const logRow = screen1.locator(`[data-testid="alarm-log-row"][data-alarm-id="${id1}"]`);
    // The history records the live service's events every few seconds: search again until the clearing is in.
    await expect
      .poll(
        async () => {
          await screen1.getByTestId('alarm-log-search').click();
          await screen1.waitForTimeout(500);
          return logRow.getAttribute('data-state');
        },
        { timeout: 20_000 },
      )
      .toBe('cleared');
    expect(await logRow.innerText()).toContain('李调度');
    expect(
      await screen1
        .locator('[data-testid="alarm-log-row"]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-device'))),
    ).toEqual(expect.arrayContaining([feeder.id]));
    const csvHref = (await screen1.getByTestId('alarm-log-csv').getAttribute('href')) ?? '';
    expect(csvHref).toContain(`deviceId=${feeder.id}`);
    expect(csvHref).toContain('rule=overload');
    const csv = await screen1.request.get(new URL(csvHref, e2e.stack.appUrl).href);
    expect(csv.ok()).toBe(true);
    expect(await csv.text()).toContain(id1);
    await screen1.keyboard.press('Escape');
    await expect.poll(() => screen1.getByTestId('alarm-log').count()).toBe(0);
  });

  it('a silent feeder turns stale in the table', async () => {
    const feeder = e2e.stack.config.feeders[1]!;
    await e2e.stack.scenario({ type: 'silent', deviceId: feeder.id });
    // Stale after 3 missed 5-s intervals.
    await expect
      .poll(() => feederRow(screen1, feeder.id).locator('[data-testid="state-badge"]').getAttribute('data-state'), {
        timeout: 30_000,
      })
      .toBe('stale');
    expect(await feederRow(screen1, feeder.id).locator('[data-testid="state-badge"]').innerText()).toContain(
      '数据中断',
    );
    // The live service raises it after its presence grace (2 reporting intervals: a stopping feeds process is not a
    // flood of device alarms).
    await expect.poll(() => alarmRow(screen1, 'stale', feeder.id).count(), { timeout: 20_000 }).toBe(1);
    await e2e.stack.clearScenarios();
  });

  it('sorting and filtering give the right rows', async () => {
    const page = screen1;
    const pValues = async () =>
      (await page.locator('[data-testid="feeder-table"] tr[data-row-id] td[data-col="p"]').allInnerTexts()).map((s) =>
        Number(s.replace(/,/g, '')),
      );
    await page.getByTestId('feeder-table-sort-p').click();
    const dir = await page.locator('[data-testid="feeder-table"] th[data-col="p"]').getAttribute('aria-sort');
    expect(dir === 'ascending' || dir === 'descending').toBe(true);
    const values = (await pValues()).filter((v) => Number.isFinite(v));
    expect(values.length).toBeGreaterThan(10);
    const sorted = [...values].sort((a, b) => (dir === 'ascending' ? a - b : b - a));
    expect(values).toEqual(sorted);

    // Province filter: exactly the Chongqing feeders.
    const cq = e2e.stack.config.feeders.filter((f) => f.province === 'cq');
    await page.getByTestId('feeder-table-filter-province').selectOption('cq');
    await expect
      .poll(() => page.getByTestId('feeder-table-count').innerText())
      .toBe(`${cq.length} / ${e2e.stack.config.feeders.length} 行`);
    const ids = await page
      .locator('[data-testid="feeder-table"] tr[data-row-id]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-id')));
    expect(new Set(ids)).toEqual(new Set(cq.map((f) => f.id)));

    // Free text (`/` focuses the filter): one feeder by its id.
    await page.getByTestId('feeder-table-filter-province').selectOption('');
    await page.locator('body').click({ position: { x: 5, y: 1000 } });
    await page.keyboard.press('/');
    const target = e2e.stack.config.feeders[5]!;
    await page.keyboard.type(target.id);
    await expect.poll(() => page.locator('[data-testid="feeder-table"] tr[data-row-id]').count()).toBe(1);
    expect(await page.locator('[data-testid="feeder-table"] tr[data-row-id]').getAttribute('data-row-id')).toBe(
      target.id,
    );

    // Enter opens the drill-down, Esc closes it; `?` shows the keys.
    await page.keyboard.press('Escape'); // leave the filter field
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('drilldown').count()).toBe(1);
    await expect.poll(() => page.getByTestId('history-loading').count(), { timeout: 10_000 }).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('drilldown').count()).toBe(0);
    await page.keyboard.press('?');
    await expect.poll(() => page.getByTestId('help-overlay').count()).toBe(1);
    await page.keyboard.press('Escape');

    // Settings are remembered per browser: the filter text survives a reload.
    await page.reload();
    await expect.poll(() => page.getByTestId('feeder-table-filter').inputValue(), { timeout: 10_000 }).toBe(target.id);
    await page.getByTestId('feeder-table-filter').fill('');
  });

  it('rows hold still while the dispatcher scrolls, and refresh within a second or two after', async () => {
    const page = screen2;
    // Every rendered row as "id=P text", and the store's own P of the devices in those rows.
    const rowsJs = `[...document.querySelectorAll('[data-testid="feeder-table"] tr[data-row-id]')]
      .map((r) => r.getAttribute('data-row-id') + '=' + r.querySelector('td[data-col="p"]').textContent).join('|')`;
    // The grid counts as scrolling until 150 ms pass without a scroll event (the virtualizer's reset delay). On a loaded
    // machine a frame can come later than that; the rows then rightly refresh. So the frames are cut into stretches
    // at every gap over 120 ms, and within each stretch the rows on screen must not change.
    const result = (await page.evaluate(`new Promise((resolve) => {
      const el = document.querySelector('[data-testid="feeder-table"]');
      const store = window.__gaozhu.store;
      const ids = [...document.querySelectorAll('[data-testid="feeder-table"] tr[data-row-id]')].map((r) => r.getAttribute('data-row-id'));
      const storeP = () => ids.map((id) => store.getSnapshot().devices.get(id).latest?.pKw ?? null).join('|');
      const stretches = [];
      let current = null;
      let last = null;
      const t0 = performance.now();
      let n = 0;
      // 1 px down and back every frame for 7 s (each feeder reports every 5 s, so every value changes meanwhile).
      const step = (now) => {
        el.scrollTop += n++ % 2 ? -1 : 1;
        if (now - t0 > 400) {
          if (!current || now - last > 120) {
            if (current) current.storeAfter = storeP();
            current = { fromMs: now, toMs: now, shown: new Set(), storeBefore: storeP(), storeAfter: null };
            stretches.push(current);
          }
          // A refresh the gap let through may land in the stretch's first frames: they are not counted.
          if (stretches.length === 1 || now - current.fromMs > 250) current.shown.add(${rowsJs});
          current.toMs = now;
        }
        last = now;
        if (now - t0 < 7400) requestAnimationFrame(step);
        else {
          current.storeAfter = storeP();
          resolve(stretches.map((s) => ({ ms: s.toMs - s.fromMs, shown: [...s.shown], storeBefore: s.storeBefore, storeAfter: s.storeAfter })));
        }
      };
      requestAnimationFrame(step);
    })`)) as { ms: number; shown: string[]; storeBefore: string; storeAfter: string }[];
    console.log(
      `[rows hold still] ${result.length} stretch(es) of scrolling: ${result.map((s) => Math.round(s.ms)).join(', ')} ms`,
    );
    const longest = result.reduce((a, b) => (b.ms > a.ms ? b : a));
    expect(longest.ms).toBeGreaterThan(2_000);
    expect(longest.storeAfter).not.toBe(longest.storeBefore); // the data of the shown devices changed while scrolling…
    for (const s of result) expect(s.shown.length).toBeLessThanOrEqual(1); // …but the rows on screen did not
    expect(longest.shown).toHaveLength(1);
    const held = result.findLast((s) => s.shown.length === 1)!.shown[0];
    await expect.poll(() => page.evaluate(rowsJs), { timeout: 3_000, interval: 100 }).not.toBe(held);
  });

  // Last: it stops the live service for the rest of the file.
  it('when the live service stops, the alarm pane says the list is as of then, never "no alarms"', async () => {
    const page = screen1;
    await expect.poll(() => page.getByTestId('alarm-service-down').count()).toBe(0);
    await e2e.stack.live!.close();
    const notice = page.getByTestId('alarm-service-down');
    await expect.poll(() => notice.getAttribute('data-state'), { timeout: 10_000 }).toBe('offline');
    // As of the last status it heard (hh:mm:ss), in the page's language.
    expect(await notice.innerText()).toMatch(/实时服务离线.*\d{2}:\d{2}:\d{2}/);
    expect(await page.getByTestId('alarm-empty').count()).toBe(0);
    expect((await page.getByTestId('alarm-unknown').count()) + (await page.getByTestId('alarm-list').count())).toBe(1);
  });
});
