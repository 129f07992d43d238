/**
 * Identity in real Chromium against the production web server (the e2e stack's buildWebServer): the wall opens with
 * no sign-in and carries the security headers without any CSP violation; /dispatch sends a visitor to the sign-in
 * page, a dispatcher signs in there, acknowledges an alarm the live service then records as theirs, and signs out; a
 * hostile user name is shown as text wherever it appears (the shell, the acknowledged alarm), never as markup.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpE2eStack } from '../support/e2e-stack';
import { addTestUser, DEV_DISPATCHER, type TestUser } from '../support/sign-in';

const e2e = setUpE2eStack({ speed: 1 });

const HOSTILE = '<img src=x onerror=alert(1)>';

/** A fresh page that records CSP violations and dialogs (a script that ran). */
async function openPage(): Promise<{ page: Page; violations: string[]; dialogs: string[] }> {
  const page = await e2e.newPage();
  const violations: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, violations, dialogs };
}

async function signInThroughForm(page: Page, user: TestUser): Promise<void> {
  await page.getByTestId('signin-name').fill(user.name);
  await page.getByTestId('signin-password').fill(user.password);
  await page.getByTestId('signin-submit').click();
}

const alarmRow = (page: Page, deviceId: string) =>
  page.locator(`[data-testid="alarm-row"][data-rule="overload"][data-device="${deviceId}"]`);

async function acknowledge(page: Page, deviceId: string, typedName: string): Promise<void> {
  await expect.poll(() => alarmRow(page, deviceId).count(), { timeout: 20_000 }).toBe(1);
  await alarmRow(page, deviceId).getByTestId('alarm-ack').click();
  // The console may still ask for a name once; the server records the session's user whatever is typed.
  if (await page.getByTestId('name-input').isVisible()) {
    await page.getByTestId('name-input').fill(typedName);
    await page.getByTestId('name-save').click();
  }
  await expect
    .poll(() => alarmRow(page, deviceId).getAttribute('data-state'), { timeout: 10_000 })
    .toBe('acknowledged');
}

describe('sign-in', () => {
  it('the wall needs no sign-in, carries the security headers and runs without a CSP violation', async () => {
    const { page, violations } = await openPage();
    const res = await page.goto(`${e2e.stack.appUrl}/wall?rotate=off`);
    const headers = res!.headers();
    expect(headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(new URL(page.url()).pathname).toBe('/wall');
    // Live figures arrive over the wall's own MQTT user.
    const firstKpi = page.locator('[data-testid^="wall-kpi-"][data-testid$="-value"]').first();
    await expect.poll(async () => /^\d/.test((await firstKpi.innerText()).trim()), { timeout: 30_000 }).toBe(true);
    const session = await page.evaluate(async () => (await fetch('/api/session')).json());
    expect(session).toEqual({ user: null });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('sign in, acknowledge (attributed to the session), sign out', async () => {
    const { page, violations } = await openPage();
    await page.goto(`${e2e.stack.appUrl}/dispatch`);
    await page.getByTestId('signin').waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/dispatch');

    // A wrong password is refused in words.
    await signInThroughForm(page, { name: DEV_DISPATCHER.name, password: 'not-the-password' });
    await expect(page.getByTestId('signin-problem').innerText()).resolves.toContain('用户名或密码错误');

    await signInThroughForm(page, DEV_DISPATCHER);
    await page.waitForURL(`${e2e.stack.appUrl}/dispatch`, { timeout: 10_000 });
    await expect(page.getByTestId('session-user').innerText()).resolves.toBe(DEV_DISPATCHER.name);
    await page.locator('[data-testid="connection-state"][data-phase="connected"]').waitFor({ timeout: 20_000 });

    const feeder = e2e.stack.config.feeders[3]!;
    const scenario = await e2e.stack.scenario({ type: 'overload', deviceId: feeder.id, loadingPct: 120 });
    await acknowledge(page, feeder.id, 'someone else');
    await expect
      .poll(
        () =>
          e2e.stack.live!.alarms.list().alarms.find((a) => a.deviceId === feeder.id && a.rule === 'overload')?.ack?.by,
      )
      .toBe(DEV_DISPATCHER.name);
    await fetch(`${e2e.stack.feedsControlUrl}/scenarios/${scenario}`, { method: 'DELETE' });

    await page.getByTestId('sign-out').click();
    await page.getByTestId('signin').waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect(await page.evaluate(async () => (await fetch('/api/session')).json())).toEqual({ user: null });
    await page.goto(`${e2e.stack.appUrl}/dispatch`);
    await page.getByTestId('signin').waitFor({ timeout: 10_000 });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('a hostile user name is shown as text in the shell and on the acknowledged alarm, never run', async () => {
    const hostile = await addTestUser(e2e.stack, HOSTILE);
    const { page, dialogs } = await openPage();
    await page.goto(`${e2e.stack.appUrl}/signin?next=/dispatch&lang=en`);
    await expect(page.getByTestId('signin-submit').innerText()).resolves.toBe('Sign in');
    await signInThroughForm(page, hostile);
    await page.waitForURL(/\/dispatch/, { timeout: 10_000 });
    await expect(page.getByTestId('session-user').innerText()).resolves.toBe(HOSTILE);
    await page.locator('[data-testid="connection-state"][data-phase="connected"]').waitFor({ timeout: 20_000 });

    const feeder = e2e.stack.config.feeders[4]!;
    const scenario = await e2e.stack.scenario({ type: 'overload', deviceId: feeder.id, loadingPct: 120 });
    await acknowledge(page, feeder.id, HOSTILE);
    await expect.poll(() => alarmRow(page, feeder.id).innerText(), { timeout: 10_000 }).toContain(HOSTILE);
    // A second screen (another dispatcher) sees the name the live service published, as text too.
    const other = await openPage();
    await other.page.goto(`${e2e.stack.appUrl}/signin?next=/dispatch`);
    await signInThroughForm(other.page, DEV_DISPATCHER);
    await other.page.waitForURL(/\/dispatch/, { timeout: 10_000 });
    await expect.poll(() => alarmRow(other.page, feeder.id).innerText(), { timeout: 20_000 }).toContain(HOSTILE);

    for (const p of [page, other.page]) expect(await p.locator('img[src="x"]').count()).toBe(0);
    expect([...dialogs, ...other.dialogs]).toEqual([]);
    await fetch(`${e2e.stack.feedsControlUrl}/scenarios/${scenario}`, { method: 'DELETE' });
    await other.page.close();
    await page.close();
  });
});
