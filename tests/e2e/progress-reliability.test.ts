/**
 * The manager's reliability section after a real fault, in Chromium against the whole stack (broker, feeds, live
 * service, history, the production web server): a scenario fault on a Sichuan feeder trips it, the world's FLISR
 * restores the healthy sections and the repair (10 world minutes) brings the faulted one back; the live service
 * publishes the outage record (QoS 1), the history stores it, and /progress shows this month's fault, its
 * self-healing and the indicators the history computes from it — the same figures the page's API call returns, and
 * the same customer-minutes and interruptions as the live service's own month (one domain function for both).
 * Screenshots at 1920×1080 and 1366×768 go to test-results/screenshots/.
 */
import { expect, it } from 'vitest';
import type { ReliabilityMonthlyResponse, ReliabilityOutagesResponse } from '../../src/core/contract/history-api';
import { type LiveReliability, liveReliabilitySchema, reliabilityTopics } from '../../src/core/contract/reliability';
import { monthKey } from '../../src/core/time/shanghai';
import { brokerTcpUrl, connectAs } from '../support/broker-fixture';
import { FULL_HD, setUpE2eStack } from '../support/e2e-stack';
import { DEV_MANAGER } from '../support/sign-in';
import { waitFor } from '../support/wait-for';

const SHOTS = 'test-results/screenshots';
const FEEDER = 'xinqu-f06';
// 30×: the 10-minute repair takes 20 s of wall time; the tie closes within a few seconds.
const e2e = setUpE2eStack({
  history: true,
  historyBackfill: false,
  speed: 30,
  feeds: { randomOutages: false },
  outDirs: [SHOTS],
});

async function historyJson<T>(path: string): Promise<T> {
  const res = await fetch(`${e2e.stack.historyUrl}${path}`);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

it('shows the month’s fault, its self-healing and the indicators computed from its outage record', async () => {
  const { stack } = e2e;
  const startedAt = (await historyJson<{ nowMs: number }>('/api/health')).nowMs;
  await stack.scenario({ type: 'fault', deviceId: FEEDER, section: 1, durationS: 600 });
  let outage: ReliabilityOutagesResponse['outages'][number] | undefined;
  await waitFor(
    async () => {
      const now = (await historyJson<{ nowMs: number }>('/api/health')).nowMs;
      const r = await historyJson<ReliabilityOutagesResponse>(
        `/api/reliability/outages?from=${startedAt - 60_000}&to=${now + 60_000}`,
      );
      outage = r.outages.find((o) => o.feederId === FEEDER);
      return outage?.state === 'repaired';
    },
    'the repaired outage record in the history',
    150_000,
  );
  const o = outage!;
  expect(o.cause).toBe('fault');
  expect(o.customerMinutes).toBeGreaterThan(0);

  const page = await e2e.openSignedIn('/progress?period=month&lang=en', DEV_MANAGER, { viewport: FULL_HD });
  const section = page.locator('[data-testid="reliability-section"]');
  await section.waitFor({ timeout: 30_000 });
  await page.locator('[data-testid="reliability-section"][data-state="measured"]').waitFor({ timeout: 30_000 });
  // What the page shows is what the history computed (the same answer it read), for this month.
  const now = (await historyJson<{ nowMs: number }>('/api/health')).nowMs;
  const year = Number(monthKey(now).slice(0, 4));
  const monthly = await historyJson<ReliabilityMonthlyResponse>(`/api/reliability/monthly?year=${year}`);
  const key = monthKey(o.startMs);
  const month = monthly.months.find((m) => m.month === key)!;
  const area = month.byScope.area!;
  expect(area.faults).toBeGreaterThanOrEqual(1);
  expect(area.all.customerMinutes).toBeGreaterThanOrEqual(o.customerMinutes - 1e-6);
  expect(month.recordedMin).toBeGreaterThan(0);
  await expect
    .poll(() => page.locator(`[data-testid="rel-faults-${key}"]`).textContent(), { timeout: 20_000 })
    .toBe(`${area.faults} / ${area.selfHealedFaults}`);
  const saidi = await page.locator(`[data-testid="rel-saidi-${key}-area"]`).textContent();
  expect(Number(saidi)).toBeCloseTo(area.all.saidiMin, 1);
  const rs1 = await page.locator(`[data-testid="rel-rs1-${key}-sc"]`).textContent();
  expect(Number(rs1)).toBeCloseTo(month.byScope.sc!.all.rs1Pct, 2);
  expect(Number(rs1)).toBeLessThan(100);
  // Chongqing had no outage: its RS-1 is a measured 100 %.
  expect(await page.locator(`[data-testid="rel-rs1-${key}-cq"]`).textContent()).toBe('100.0000');
  // The live service's month (retained, what the wall shows) counts the same outage the same way.
  const watcher = await connectAs(brokerTcpUrl(stack.broker), 'dashboard');
  let liveArea: LiveReliability | null = null;
  watcher.on('message', (_topic, payload) => {
    const r = liveReliabilitySchema.safeParse(JSON.parse(payload.toString()));
    if (r.success) liveArea = r.data;
  });
  await watcher.subscribeAsync(reliabilityTopics.indicators('area'));
  await waitFor(() => (liveArea?.month.faults ?? 0) >= area.faults, "the live service's month", 30_000);
  const liveMonth = (liveArea as LiveReliability | null)!.month;
  expect(liveMonth.all.interruptions).toBe(area.all.interruptions);
  expect(liveMonth.all.customerMinutes).toBeCloseTo(area.all.customerMinutes, 6);
  expect(liveMonth.selfHealedFaults).toBe(area.selfHealedFaults);
  await watcher.endAsync();
  await section.screenshot({ path: `${SHOTS}/progress-reliability-1920x1080.png` });
  await page.setViewportSize({ width: 1366, height: 768 });
  await section.screenshot({ path: `${SHOTS}/progress-reliability-1366x768.png` });
  expect(await section.textContent()).not.toMatch(/NaN|undefined|Infinity/);
  await page.close();
}, 240_000);
