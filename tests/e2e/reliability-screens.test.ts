/**
 * Supply reliability on the screens, in Chromium against the real stack (broker, feeds at 10×, the live service, the
 * production web server): a fault through the feeds' scenario control — the head trips, FLISR isolates the section,
 * recloses the head and feeds the far sections across the tie from the Chongqing side — appears on the wall's 保供
 * scene and in the dispatcher's outage list within seconds, with a critical feeder-trip alarm; the strip and schematic
 * say the feeder and its sections, the list its timeline, the drill-down the switch states the feeder reports; after
 * the repair it leaves the wall and stays in the list as ended, and this year's faults count it.
 * Screenshots of every wall size and both desk sizes go to test-results/screenshots/ for review.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAreaConfig } from '../support/area-config';
import { launchChromium } from '../support/chromium';
import { signInPage } from '../support/sign-in';
import { type Stack, startStack } from '../support/stack';

const SHOTS = 'test-results/screenshots';
/** A Sichuan feeder whose far end ties to a Chongqing feeder (area.json): the 10 kV interconnection. */
const FEEDER = 'xinqu-f06';
const TIE_FEEDER_ZH = '高竹北1号线';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // 10× so the world's FLISR (the tie closed 30–120 s after the trip) is done within seconds of wall time; no random
  // outages, so the only one is the test's. The tie's loading limit is lifted for the world: FLISR leaves the far
  // sections out while the tie feeder would go past it, which at the area's morning and evening peaks it would, and
  // the test would then pass or fail by the hour it runs (it failed at 10:00 Beijing time, 2026-12-04).
  const area = readAreaConfig();
  const config = { ...area, reliability: { ...area.reliability!, tieMaxLoadingPct: 1_000 } };
  stack = await startStack({ speed: 10, feeds: { randomOutages: false, config } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function openWall(width: number, height: number, extra = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('pageerror', (e) => console.log(`[wall ${width}×${height}] pageerror: ${e.message}`));
  await page.goto(`${stack.appUrl}/wall?scene=supply&rotate=off${extra}`);
  return page;
}

const wallOutages = (page: Page) =>
  page
    .getByTestId('wall-outage')
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-feeder')}:${e.getAttribute('data-state')}`));

const flat = (texts: string[]) => texts.map((t) => t.replace(/\s+/g, ' '));

describe('a fault on the wall and the dispatcher’s list', () => {
  it('appears within seconds, heals across the tie, and clears from the wall when repaired', async () => {
    const wall = await openWall(1920, 1080);
    // The live service's indicators arrive (retained) and there is no outage yet.
    await expect
      .poll(() => wall.getByTestId('wall-panel-reliability').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('live');
    await expect.poll(() => wall.getByTestId('wall-outages').getAttribute('data-count')).toBe('0');
    expect(await wall.getByTestId('wall-rel-rs1-value').innerText()).toMatch(/^\d{2,3}\.\d{4}$/);
    const faultsBefore = Number(await wall.getByTestId('wall-rel-healed-value').innerText());

    const desk = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    desk.on('pageerror', (e) => console.log(`[dispatch] pageerror: ${e.message}`));
    await signInPage(desk, stack);
    await desk.goto(`${stack.appUrl}/dispatch`);
    await desk.getByTestId('tab-outages').click();
    await expect.poll(() => desk.getByTestId('outage-tab').isVisible(), { timeout: 15_000 }).toBe(true);

    // Repaired after three world hours unless cleared first.
    const t0 = Date.now();
    await stack.scenario({ type: 'fault', deviceId: FEEDER, section: 1, durationS: 3 * 3600 });
    await expect.poll(async () => (await wallOutages(wall)).length, { timeout: 20_000, interval: 100 }).toBe(1);
    const wallMs = Date.now() - t0;
    expect((await wallOutages(wall))[0]).toMatch(new RegExp(`^${FEEDER}:`));
    await expect
      .poll(() => desk.getByTestId('outage-row').first().getAttribute('data-feeder'), { interval: 100 })
      .toBe(FEEDER);
    const deskMs = Date.now() - t0;
    console.log(
      `[reliability e2e] fault on the wall ${wallMs} ms and in the dispatcher's list ${deskMs} ms after the scenario`,
    );
    // Within seconds: 0.6–0.8 s on a quiet machine; `npm test` runs the integration tests beside these on CI's two
    // cores, where it took 7 s, so the bound is loose (the figure is printed above).
    expect(wallMs).toBeLessThan(15_000);
    expect(deskMs).toBeLessThan(15_000);
    expect(await desk.getByTestId('outage-tab-badge').innerText()).toBe('⚡ 1');

    // The trip raises a critical alarm on the feeder (the live service's rule), while its sections are out.
    const tripAlarm = desk.locator(`[data-testid="alarm-row"][data-rule="feeder-trip"][data-device="${FEEDER}"]`);
    await expect.poll(() => tripAlarm.count(), { timeout: 30_000, interval: 100 }).toBeGreaterThan(0);
    expect(await tripAlarm.first().getAttribute('data-severity')).toBe('critical');

    // Self-healed: the head section from upstream, the far ones across the tie from Chongqing; the fault stays out.
    await expect.poll(() => wallOutages(wall), { timeout: 60_000 }).toEqual([`${FEEDER}:restored`]);
    expect(await wall.getByTestId('wall-outage').innerText()).toMatch(
      new RegExp(`^↻ 新区6号线 已自愈：\\d 段恢复供电（经 ${TIE_FEEDER_ZH} 联络·跨省） · 第 2 段抢修中$`),
    );
    await wall.waitForTimeout(1_500);
    await wall.screenshot({ path: `${SHOTS}/reliability-wall-1920x1080.png` });

    const row = desk.getByTestId('outage-row').first();
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toMatch(/已转供 · 抢修中/);
    const steps = flat(await desk.getByTestId('outage-timeline').locator('li').allInnerTexts());
    expect(steps[0]).toMatch(/^\d\d:\d\d:\d\d 出线开关跳闸 · \d 段 \d+ 户停电$/);
    expect(steps[1]).toMatch(/^\d\d:\d\d:\d\d 故障定位于第 2 段/);
    expect(steps.some((s) => /第 1 段恢复供电（上级电源/.test(s))).toBe(true);
    expect(steps.some((s) => new RegExp(`恢复供电（经 ${TIE_FEEDER_ZH}.* 联络开关转供 · 跨省）`).test(s))).toBe(true);
    expect(steps.some((s) => /健全区段全部恢复 · 自愈用时/.test(s))).toBe(true);
    expect(steps.at(-1)).toMatch(/^… 第 2 段仍停电（\d+ 户）$/);
    await desk.screenshot({ path: `${SHOTS}/reliability-dispatch-1920x1080.png` });
    await desk.setViewportSize({ width: 1366, height: 768 });
    await desk.waitForTimeout(500);
    await desk.screenshot({ path: `${SHOTS}/reliability-dispatch-1366x768.png` });

    // The list links to the feeder: its drill-down shows the switch positions the feeder reports.
    await desk.getByTestId('outage-open-feeder').first().click();
    await expect.poll(() => desk.getByTestId('drilldown-switching').getAttribute('data-source')).toBe('telemetry');
    const positions = async () => flat(await desk.getByTestId('switch-state').allInnerTexts()).join(' | ');
    await expect
      .poll(positions, { timeout: 15_000 })
      .toMatch(
        new RegExp(
          `^出线开关 ● 合 \\| 分段开关 1–2 ○ 分 \\| 分段开关 2–3 ○ 分 \\| .*联络开关 → ${TIE_FEEDER_ZH}.*（常开） ● 合`,
        ),
      );
    const sections = flat(await desk.getByTestId('section-state').allInnerTexts());
    expect(sections[0]).toMatch(/第 1 段 .* ● 供电/);
    expect(sections[1]).toMatch(/第 2 段 .* ✕ 故障隔离/);
    expect(sections.at(-1)).toMatch(/● 联络转供/);
    await desk.screenshot({ path: `${SHOTS}/reliability-dispatch-drill-1366x768.png` });

    // The other wall sizes with the outage in progress.
    for (const [w, h] of [
      [3840, 2160],
      [5760, 1080],
    ] as const) {
      const big = await openWall(w, h);
      await expect.poll(() => wallOutages(big), { timeout: 15_000 }).toEqual([`${FEEDER}:restored`]);
      await big.waitForTimeout(1_500);
      await big.screenshot({ path: `${SHOTS}/reliability-wall-${w}x${h}.png` });
      await big.getByTestId('wall-scene-supply').screenshot({ path: `${SHOTS}/reliability-wall-${w}x${h}-supply.png` });
      await big.close();
    }
    const en = await openWall(1920, 1080, '&lang=en');
    await expect.poll(() => wallOutages(en), { timeout: 15_000 }).toEqual([`${FEEDER}:restored`]);
    expect(await en.getByTestId('wall-outage').innerText()).toMatch(
      /^↻ Xinqu line 6 self-healed: \d sections back via the tie from Gaozhu North line 1 \(cross-province\) · section 2 in repair$/,
    );
    await en.waitForTimeout(1_000);
    await en.screenshot({ path: `${SHOTS}/reliability-wall-1920x1080-en.png` });
    await en.close();

    // The repair (the scenario cleared): off the wall, ended in the list, counted in this year's faults.
    await stack.clearScenarios();
    await expect.poll(() => wall.getByTestId('wall-outages').getAttribute('data-count'), { timeout: 10_000 }).toBe('0');
    expect(await wall.getByTestId('wall-outages').innerText()).toBe('当前无停电');
    await expect
      .poll(async () => Number(await wall.getByTestId('wall-rel-healed-value').innerText()), { timeout: 10_000 })
      .toBe(faultsBefore + 1);
    await desk.getByTestId('drilldown-close').click();
    await expect.poll(() => row.getAttribute('data-in-progress'), { timeout: 10_000 }).toBe('false');
    expect(await row.innerText()).toMatch(/已结束/);
    expect(await desk.getByTestId('outage-tab-badge').count()).toBe(0);

    // In English, reloaded: the tab is remembered, the ended outage opens on a click to its whole timeline.
    await desk.goto(`${stack.appUrl}/dispatch?lang=en`);
    const enRow = desk.getByTestId('outage-row').first();
    await expect.poll(() => enRow.innerText(), { timeout: 15_000 }).toMatch(/Ended/);
    await enRow.click();
    await expect
      .poll(async () => flat(await desk.getByTestId('outage-timeline').locator('li').allInnerTexts()).at(-1))
      .toMatch(/^\d\d:\d\d:\d\d Outage over · lasted /);
    await desk.screenshot({ path: `${SHOTS}/reliability-dispatch-1366x768-en.png` });
    await wall.close();
    await desk.close();
    // Its waits add up on a loaded CI machine: more than the e2e project's 120 s default.
  }, 300_000);
});
