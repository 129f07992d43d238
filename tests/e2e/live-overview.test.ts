/**
 * The first screen in real Chromium against the real broker, feeds and live service: the page connects, live numbers
 * move, and a malformed device message published by the test is counted in the dispatcher's diagnostics while the
 * pages keep updating; when the live service stops, the figures say they are as of then.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { brokerTcpUrl, connectAs } from '../support/broker-fixture';
import { setUpE2eStack } from '../support/e2e-stack';

// Speed 10: feeders publish every 0.5 s of wall time, so values change quickly.
const e2e = setUpE2eStack({ speed: 10 });
let page: Page;

beforeAll(async () => {
  page = await e2e.newPage();
  await page.goto(`${e2e.stack.appUrl}/`);
});

const text = (testId: string) => page.getByTestId(testId).innerText();

describe('live overview', () => {
  it('connects to the broker and shows live numbers that change', async () => {
    await expect
      .poll(() => page.getByTestId('connection-state').getAttribute('data-phase'), { timeout: 20_000 })
      .toBe('connected');
    await expect.poll(() => text('kpi-load-value'), { timeout: 20_000 }).toMatch(/^\d/);
    // Moving: the live figures (shown to 3 significant digits) change as telemetry arrives.
    const figures = () =>
      Promise.all(['kpi-load-value', 'kpi-pv-value', 'kpi-ev-value'].map(text)).then((v) => v.join('|'));
    const first = await figures();
    await expect.poll(figures, { timeout: 30_000 }).not.toBe(first);
    for (const id of ['kpi-pv-value', 'kpi-ev-value', 'kpi-clean-value']) {
      expect(await text(id)).toMatch(/^\d/);
    }
    expect(await page.locator('body').innerText()).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('counts a malformed message in diagnostics and keeps running', async () => {
    // The overview reads only the live core (the public role); the raw device stream, where a device's garbage
    // arrives, is the dispatcher's: its edge judge and diagnostics are on /dispatch, behind the same desk chrome.
    await e2e.signIn(page);
    await page.goto(`${e2e.stack.appUrl}/dispatch`);
    await expect
      .poll(() => page.getByTestId('connection-state').getAttribute('data-phase'), { timeout: 20_000 })
      .toBe('connected');
    const feeder = e2e.stack.config.feeders[0]!;
    const topic = `gaozhu/v1/feeder/${feeder.province}/${feeder.id}/telemetry`;
    const client = await connectAs(brokerTcpUrl(e2e.stack.broker), 'feeds');
    await page.getByTestId('diagnostics-toggle').click();
    await expect.poll(() => page.getByTestId('diag-rejected-total').innerText()).toBe('0');
    // QoS 0, not retained: a one-off garbage payload and a wrong-unit payload (voltage in V, not kV).
    await client.publishAsync(topic, '{"ts": oops');
    await client.publishAsync(
      topic,
      JSON.stringify({ ts: Date.now(), pKw: 1, qKvar: 0, iA: 1, uKv: 10400, eImportKwh: 1, eExportKwh: 0 }),
    );
    await client.publishAsync(topic, '<img src=x onerror="window.__pwned=1">');
    await expect.poll(() => page.getByTestId('diag-rejected-total').innerText(), { timeout: 10_000 }).toBe('3');
    expect(await page.getByTestId('diag-reason-not-json').getAttribute('data-count')).toBe('2');
    expect(await page.getByTestId('diag-reason-out-of-range').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('diag-last-topic').innerText()).toBe(topic);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // Still live: valid messages keep being accepted after the garbage, and the figures still read as numbers.
    const acceptedBefore = Number(await page.getByTestId('diag-accepted').innerText());
    await expect
      .poll(async () => Number(await page.getByTestId('diag-accepted').innerText()), { timeout: 20_000 })
      .toBeGreaterThan(acceptedBefore + 10);
    await page.goto(`${e2e.stack.appUrl}/`);
    await expect.poll(() => text('kpi-load-value'), { timeout: 20_000 }).toMatch(/^\d/);
    client.end(true);
  });

  // Last: it stops the live service for the rest of the file.
  it('when the live service stops, every tile says its figure is as of then and the table greys', async () => {
    await expect.poll(() => text('kpi-load-value'), { timeout: 20_000 }).toMatch(/^\d/);
    expect(await page.getByTestId('kpi-load').getAttribute('data-delayed')).toBeNull();
    await e2e.stack.live!.close();
    for (const id of ['kpi-load', 'kpi-pv', 'kpi-ev', 'kpi-clean', 'kpi-co2'])
      await expect.poll(() => page.getByTestId(id).getAttribute('data-delayed'), { timeout: 10_000 }).toBe('true');
    expect(await page.getByTestId('kpi-load').innerText()).toMatch(/数据延迟 · 实时数据中断 · 截至 \d\d:\d\d:\d\d/);
    expect(await page.getByTestId('province-table').getAttribute('data-delayed')).toBe('true');
  });
});
