/**
 * The screens' health end to end: the wall in real Chromium against the real broker, feeds, live service and the
 * production web server reports itself (no session), and an admin's GET /api/screens lists it by its ?screen= name,
 * live, drawing frames, holding fresh data, connected, with the build it runs.
 */
import { describe, expect, it } from 'vitest';
import { FROZEN_DATA_AGE_S, type ScreenEntry, screenListSchema } from '../../src/core/contract/screen-health-api';
import { setUpE2eStack } from '../support/e2e-stack';
import { DEV_ADMIN } from '../support/sign-in';

const e2e = setUpE2eStack({ speed: 1 });

describe('screen health', () => {
  it('the wall reports itself and the server lists it live with frames and fresh data', async () => {
    const page = await e2e.newPage();
    page.on('pageerror', (e) => console.log(`[wall] pageerror: ${e.message}`));
    await page.goto(`${e2e.stack.appUrl}/wall?screen=e2e-lobby&rotate=off`);
    const { headers } = await e2e.apiSession(DEV_ADMIN);

    const wallEntry = async (): Promise<ScreenEntry | null> => {
      const res = await fetch(`${e2e.stack.appUrl}/api/screens`, { headers });
      expect(res.status).toBe(200);
      const list = screenListSchema.parse(await res.json());
      return list.screens.find((s) => s.report.screenName === 'e2e-lobby') ?? null;
    };
    // The first report comes 5 s after the page starts; the data age is small once the live core has spoken.
    await expect
      .poll(async () => (await wallEntry())?.report.dataAgeS ?? null, { timeout: 60_000, interval: 1000 })
      .not.toBeNull();
    const entry = (await wallEntry())!;
    expect(entry.state).toBe('live');
    expect(entry.report.route).toBe('/wall');
    expect(entry.report.fps).toBeGreaterThan(0);
    expect(entry.report.dataAgeS).toBeLessThan(FROZEN_DATA_AGE_S / 4);
    expect(entry.report.connection).toBe('connected');
    expect(entry.report.heapUsedBytes).toBeGreaterThan(0);
    expect(entry.report.appVersion).toMatch(/^\d+\.\d+\.\d+\+[A-Za-z0-9_-]{6,}$/);
    expect(entry.report.screenId).toBe(await page.evaluate(() => localStorage.getItem('gaozhu.screenId')));

    // The public (the wall itself) cannot read the list.
    expect(await page.evaluate(async () => (await fetch('/api/screens')).status)).toBe(401);

    // The admin screen's screens tab shows it, live, in words.
    const admin = await e2e.newPage({ viewport: { width: 1366, height: 768 } });
    await e2e.signIn(admin, DEV_ADMIN);
    await admin.goto(`${e2e.stack.appUrl}/admin?tab=screens&lang=en`);
    const row = admin.locator(`[data-testid="screens-row"][data-screen-id="${entry.report.screenId}"]`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await row.getByTestId('screens-state').innerText()).toContain('Live');
    expect(await row.getAttribute('data-state')).toBe('live');
    expect(Number(await row.getByTestId('screens-fps').innerText())).toBeGreaterThan(0);
    expect(await row.innerText()).toContain('e2e-lobby');
    await admin.close();
    await page.close();
  });
});
