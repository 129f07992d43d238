/**
 * The wall mirrors the dispatchers' acknowledgements: an overload set through the feeds' scenario control is raised
 * by the live service and shows on the wall's alarm strip; an acknowledgement made through the app's API (as a
 * dispatch screen does; the live service owns alarms) turns it "已确认" on the wall — masked on the server: the
 * feeder's name, never who acknowledged or the note. The live overview on the same stack counts today since midnight.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpE2eStack } from '../support/e2e-stack';
import { addTestUser } from '../support/sign-in';

const e2e = setUpE2eStack({ speed: 1, history: true });

const strip = (page: Page, feederId: string) => page.locator(`[data-testid="wall-alarm"][data-feeder="${feederId}"]`);

describe('wall alarm strip', () => {
  it('shows an overload acknowledged through the API as 已确认, without who or the note', async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.stack.appUrl}/wall?scene=supply&rotate=off`);
    await page.locator('[data-testid="wall-connection"]').waitFor({ timeout: 20_000 });
    const feeder = e2e.stack.config.feeders[0]!;
    await e2e.stack.scenario({ type: 'overload', deviceId: feeder.id, loadingPct: 120 });

    // The live service raises the alarm (the id the dispatch screens see too).
    await expect
      .poll(
        () =>
          strip(page, feeder.id)
            .getAttribute('data-alarm-id', { timeout: 1_000 })
            .catch(() => null),
        {
          timeout: 20_000,
          interval: 250,
        },
      )
      .toMatch(new RegExp(`^overload:${feeder.id}:\\d+$`));
    const alarmId = (await strip(page, feeder.id).getAttribute('data-alarm-id'))!;
    expect(await strip(page, feeder.id).getAttribute('data-acknowledged')).toBe('false');
    expect(await strip(page, feeder.id).innerText()).toContain(feeder.name.zh);

    const dispatcher = await e2e.apiSession(await addTestUser(e2e.stack, '李调度'));
    const res = await fetch(`${e2e.stack.appUrl}/api/alarms/${encodeURIComponent(alarmId)}/ack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...dispatcher.headers },
      body: JSON.stringify({ by: '李调度', note: '现场处理中' }),
    });
    expect(res.status).toBe(201);

    await expect
      .poll(() => strip(page, feeder.id).getAttribute('data-acknowledged'), { timeout: 15_000, interval: 250 })
      .toBe('true');
    const text = await page.getByTestId('wall-alarms').innerText();
    expect(text).toContain('已确认');
    expect(text).not.toContain('李调度');
    expect(text).not.toContain('现场处理中');
    // Masked (config privacy.maskAlarmDetailsOnWall): no loading figure, no acknowledgement time.
    expect(await strip(page, feeder.id).innerText()).not.toMatch(/\d+%|\d{2}:\d{2}/);
    await page.screenshot({ path: 'test-results/screenshots/wall-alarm-acked.png' });
    await page.close();
    await e2e.stack.clearScenarios();
  });

  it('the overview counts CO₂ avoided today since midnight from the history service', async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.stack.appUrl}/`);
    await expect.poll(() => page.getByTestId('kpi-co2').innerText(), { timeout: 20_000 }).toContain('自零点起');
    expect(await page.getByTestId('kpi-co2').innerText()).not.toContain('统计起始');
    await page.close();
  });
});
