/**
 * Supply reliability on the screens, in Chromium against the real stack (broker, feeds, live service, the production
 * web server): an outage appears on the wall's 保供 scene and in the dispatcher's outage list within seconds — the
 * schematic and the strip say the feeder and its sections, the list its timeline and the drill-down its switch states
 * — and clears from the wall once repaired, staying in the dispatcher's list as ended.
 *
 * The fault itself is the world's (the feeds' scenario control: the head trips, FLISR isolates the section and feeds
 * the far ones across the tie, and the feeder reports its switch states with its telemetry). The outage records and
 * indicators are published here, retained, as the live service's broker user, the way the live service is to publish
 * them (src/core/contract/reliability.ts): its reliability records were not in the tree when this was written.
 * Screenshots of every wall size and both desk sizes go to test-results/screenshots/ for review.
 */
import { mkdirSync } from 'node:fs';
import type { MqttClient } from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeederConfig } from '../../src/core/config/area-schema';
import { type SimClock, simClockSchema } from '../../src/core/contract/payloads';
import {
  type LiveReliability,
  liveOutagesSchema,
  liveReliabilitySchema,
  type OutageRecord,
  type OutageSection,
  reliabilityTopics,
} from '../../src/core/contract/reliability';
import { SIM_CLOCK_TOPIC } from '../../src/core/contract/topics';
import { yearStartMs } from '../../src/core/time/shanghai';
import { brokerTcpUrl, connectAs } from '../support/broker-fixture';
import { launchChromium } from '../support/chromium';
import { signInPage } from '../support/sign-in';
import { type Stack, startStack } from '../support/stack';

const SHOTS = 'test-results/screenshots';
/** A Sichuan feeder whose far end ties across the provincial border (area.json): the 10 kV interconnection. */
const FEEDER = 'xinqu-f06';

let stack: Stack;
let browser: Browser;
let live: MqttClient;
let sim: SimClock | null = null;

const worldNow = () => (sim ? sim.worldMs + (Date.now() - sim.wallMs) * sim.speed : Date.now());

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // 10× so the world's FLISR (tie closed 30–120 s after the trip) is done within seconds of wall time.
  stack = await startStack({ speed: 10, feeds: { randomOutages: false } });
  browser = await launchChromium();
  live = await connectAs(brokerTcpUrl(stack.broker), 'live');
  live.on('message', (topic, payload) => {
    if (topic !== SIM_CLOCK_TOPIC) return;
    const r = simClockSchema.safeParse(JSON.parse(payload.toString()));
    if (r.success) sim = r.data;
  });
  await live.subscribeAsync(SIM_CLOCK_TOPIC);
  // The feeds publish their clock retained: it is there at once, or the world runs on the wall clock.
  for (let i = 0; i < 50 && sim === null; i++) await new Promise((r) => setTimeout(r, 100));
});

afterAll(async () => {
  await live?.endAsync();
  await browser?.close();
  await stack?.close();
});

type Stage = 'tripped' | 'isolated' | 'restored' | 'repaired';

/** The record of a fault on section 1 of FEEDER at each stage, with the area's own sections and tie. */
function outageAt(stage: Stage, startMs: number): OutageRecord {
  const feeder = stack.config.feeders.find((f) => f.id === FEEDER) as FeederConfig & {
    sections?: { residential: number; enterprise: number; tie: { feederId: string } | null }[];
  };
  const configured = feeder.sections ?? [0, 1, 2, 3].map(() => ({ residential: 50, enterprise: 2, tie: null }));
  const tieFeederId = configured.find((s) => s.tie)?.tie?.feederId ?? 'gaozhu-bei-f01';
  const tieFrom = configured.findIndex((s) => s.tie) >= 2 ? 2 : configured.length - 1;
  const at = (s: number) => startMs + s * 1000;
  const restored = stage === 'restored' || stage === 'repaired';
  const sections: OutageSection[] = configured.map((c, i) => {
    const customers = c.residential + c.enterprise;
    const back =
      i === 1
        ? stage === 'repaired'
          ? { restoredAtMs: at(3 * 3600), restoredVia: 'repair' as const, tieFeederId: null }
          : null
        : restored
          ? i < tieFrom
            ? { restoredAtMs: at(40), restoredVia: 'upstream' as const, tieFeederId: null }
            : { restoredAtMs: at(75), restoredVia: 'tie' as const, tieFeederId }
          : null;
    return {
      section: i,
      customers,
      outAtMs: startMs,
      restoredAtMs: back?.restoredAtMs ?? null,
      restoredVia: back?.restoredVia ?? null,
      tieFeederId: back?.tieFeederId ?? null,
    };
  });
  const customersAffected = sections.reduce((a, s) => a + s.customers, 0);
  return {
    id: `${FEEDER}-${startMs}`,
    feederId: FEEDER,
    substationId: feeder.substationId,
    province: feeder.province,
    cause: 'fault',
    faultSection: stage === 'tripped' ? null : 1,
    state: stage,
    startMs,
    isolatedAtMs: stage === 'tripped' ? null : at(30),
    restoredAtMs: restored ? at(75) : null,
    repairedAtMs: stage === 'repaired' ? at(3 * 3600) : null,
    sections,
    customersAffected,
    customerMinutes: (sections[1]?.customers ?? 0) * (stage === 'repaired' ? 180 : 10),
    selfHealed: restored,
    crossProvinceTie: restored,
  };
}

function indicators(ts: number): LiveReliability {
  const set = {
    customersServed: 31_283,
    interruptions: 93,
    customerMinutes: 5_580,
    saidiMin: 0.178,
    saifi: 0.003,
    caidiMin: 60,
    rs1Pct: 99.99966,
    momentaryInterruptions: 400,
  };
  const period = (fromMs: number) => ({
    fromMs,
    toMs: ts,
    all: set,
    unplanned: set,
    faults: 4,
    selfHealedFaults: 3,
    meanSelfHealingS: 75,
  });
  return { ts, scope: 'area', month: period(ts - 86_400_000), yearToDate: period(yearStartMs(ts)) };
}

async function publish(outages: OutageRecord[]): Promise<void> {
  const now = worldNow();
  const list = liveOutagesSchema.parse({ ts: now, outages });
  await live.publishAsync(reliabilityTopics.outages, JSON.stringify(list), { retain: true, qos: 1 });
  const ind = liveReliabilitySchema.parse(indicators(now));
  await live.publishAsync(reliabilityTopics.indicators('area'), JSON.stringify(ind), { retain: true, qos: 1 });
}

async function openWall(width: number, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('pageerror', (e) => console.log(`[wall ${width}×${height}] pageerror: ${e.message}`));
  await page.goto(`${stack.appUrl}/wall?scene=supply&rotate=off`);
  return page;
}

const wallOutages = (page: Page) =>
  page
    .getByTestId('wall-outage')
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-feeder')}:${e.getAttribute('data-state')}`));

describe('an outage on the wall and the dispatcher’s list', () => {
  it('appears within seconds, heals across the tie, and clears from the wall when repaired', async () => {
    // Every step of the record lies in the past of the world's clock, as a live service's would.
    const startMs = worldNow() - 10 * 60_000;
    const wall = await openWall(1920, 1080);
    await expect.poll(() => wall.getByTestId('wall-outages').getAttribute('data-count'), { timeout: 20_000 }).toBe('0');

    // The world's fault: repaired after an hour of world time unless cleared first.
    await stack.scenario({ type: 'fault', deviceId: FEEDER, section: 1, durationS: 3600 });
    const t0 = Date.now();
    await publish([outageAt('tripped', startMs)]);
    await expect.poll(() => wallOutages(wall), { timeout: 10_000 }).toEqual([`${FEEDER}:tripped`]);
    const appearedMs = Date.now() - t0;
    console.log(`[reliability e2e] tripped outage on the wall ${appearedMs} ms after publishing`);
    expect(appearedMs).toBeLessThan(5_000);
    expect(await wall.getByTestId('wall-outage').innerText()).toMatch(/^⚡ 新区6号线 跳闸 · 4 段停电/);
    // This year's figures as published, against area.json's 2026 targets (or a dash where the area has none).
    expect(await wall.getByTestId('wall-rel-rs1-value').innerText()).toBe('99.9997');
    expect(await wall.getByTestId('wall-rel-healed-value').innerText()).toBe('3');
    await expect.poll(() => wall.getByTestId('wall-panel-reliability').getAttribute('data-state')).toBe('live');

    const desk = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    desk.on('pageerror', (e) => console.log(`[dispatch] pageerror: ${e.message}`));
    await signInPage(desk, stack);
    await desk.goto(`${stack.appUrl}/dispatch`);
    await desk.getByTestId('tab-outages').click();
    await expect.poll(() => desk.getByTestId('outage-tab-badge').innerText(), { timeout: 10_000 }).toBe('⚡ 1');
    const row = desk.getByTestId('outage-row').first();
    await expect.poll(() => row.getAttribute('data-feeder')).toBe(FEEDER);
    expect(await row.getAttribute('data-in-progress')).toBe('true');
    expect(await row.innerText()).toMatch(/跳闸/);

    await publish([outageAt('restored', startMs)]);
    await expect.poll(() => wallOutages(wall), { timeout: 10_000 }).toEqual([`${FEEDER}:restored`]);
    expect(await wall.getByTestId('wall-outage').innerText()).toMatch(
      /已自愈：3 段恢复供电（经 高竹北1号线 联络·跨省） · 第 2 段抢修中/,
    );
    await wall.waitForTimeout(1_500);
    await wall.screenshot({ path: `${SHOTS}/reliability-wall-1920x1080.png` });

    const timeline = desk.getByTestId('outage-timeline');
    await expect
      .poll(() => timeline.innerText(), { timeout: 10_000 })
      .toMatch(/第 3 段恢复供电（经 高竹北1号线（工业） 联络开关转供 · 跨省）/);
    const steps = await timeline.locator('li').allInnerTexts();
    expect(steps[0]).toMatch(/^\d\d:\d\d:\d\d\s+出线开关跳闸/);
    expect(steps[1]).toMatch(/故障定位于第 2 段/);
    expect(steps.at(-1)).toMatch(/第 2 段仍停电/);
    await desk.screenshot({ path: `${SHOTS}/reliability-dispatch-1920x1080.png` });
    await desk.setViewportSize({ width: 1366, height: 768 });
    await desk.waitForTimeout(500);
    await desk.screenshot({ path: `${SHOTS}/reliability-dispatch-1366x768.png` });

    // The list links to the feeder: its drill-down shows the switch positions the feeder reports once FLISR is done
    // — head reclosed, the faulted section switched out both sides, the tie closed.
    await desk.getByTestId('outage-open-feeder').first().click();
    await expect.poll(() => desk.getByTestId('drilldown-switching').getAttribute('data-source')).toBe('telemetry');
    const positions = async () =>
      (await desk.getByTestId('switch-state').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ')).join(' | ');
    await expect
      .poll(positions, { timeout: 30_000 })
      .toMatch(
        /^出线开关 ● 合 \| 分段开关 1–2 ○ 分 \| 分段开关 2–3 ○ 分 \| .*联络开关 → 高竹北1号线（工业）（常开） ● 合/,
      );
    const sections = (await desk.getByTestId('section-state').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    expect(sections[1]).toMatch(/第 2 段 .* ✕ 故障隔离/);
    expect(sections.at(-1)).toMatch(/● 联络转供/);
    await desk.screenshot({ path: `${SHOTS}/reliability-dispatch-drill-1366x768.png` });

    // The other wall sizes with the outage still in progress.
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

    await stack.clearScenarios();
    await publish([outageAt('repaired', startMs)]);
    await expect.poll(() => wall.getByTestId('wall-outages').getAttribute('data-count'), { timeout: 10_000 }).toBe('0');
    expect(await wall.getByTestId('wall-outages').innerText()).toBe('当前无停电');
    await desk.getByTestId('drilldown-close').click();
    await expect.poll(() => row.getAttribute('data-in-progress'), { timeout: 10_000 }).toBe('false');
    expect(await row.innerText()).toMatch(/已结束/);
    expect(await desk.getByTestId('outage-tab-badge').count()).toBe(0);
    await wall.close();
    await desk.close();
  });
});
