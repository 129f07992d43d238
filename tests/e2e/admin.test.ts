/**
 * The admin screen in real Chromium against the production web server (the e2e stack): a signed-out visitor at
 * /admin goes to the sign-in page and comes back as the administrator; the administrator adds a user through the
 * form (who can then sign in), finds the user-add entry in the audit tab (filtered by action) and exports the audit
 * log as CSV; a dispatcher at /admin is told it is for administrators only, never sees the screen or its nav entry,
 * and the users API refuses them.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpE2eStack } from '../support/e2e-stack';
import { DEV_ADMIN, DEV_DISPATCHER } from '../support/sign-in';

const e2e = setUpE2eStack({ speed: 1 });

/** A name of this run: a re-run against the same stack never meets its own earlier user. */
const NEW_USER = { name: `值班员-${process.pid}`, password: 'e2e-new-user-password' };

async function newPage(): Promise<Page> {
  return e2e.newPage({ acceptDownloads: true });
}

describe('admin screen', () => {
  it('an administrator signs in, adds a user, sees the audit entry and exports the audit CSV', async () => {
    const page = await newPage();
    await page.goto(`${e2e.stack.appUrl}/admin`);
    await page.waitForURL(/\/signin\?/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/admin');
    await page.getByTestId('signin-name').fill(DEV_ADMIN.name);
    await page.getByTestId('signin-password').fill(DEV_ADMIN.password);
    await page.getByTestId('signin-submit').click();
    await page.waitForURL((u) => u.pathname === '/admin');
    await page.getByTestId('admin-page').waitFor();
    expect(await page.getByTestId('nav-admin').isVisible()).toBe(true);

    // The users tab lists the development users, never more than name, role and created.
    const rows = page.getByTestId('users-table-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    expect(await page.getByTestId('users-table').innerText()).toContain('dispatcher');

    // A password under the shared rule is refused in the page before anything is sent.
    await page.getByTestId('add-name').fill(NEW_USER.name);
    await page.getByTestId('add-password').fill('short');
    await page.getByTestId('add-submit').click();
    expect(await page.getByTestId('add-user').innerText()).toContain('密码至少 8 个字符');
    expect(await e2e.stack.users.getUser(NEW_USER.name)).toBeNull();

    await page.getByTestId('add-role').selectOption('dispatcher');
    await page.getByTestId('add-password').fill(NEW_USER.password);
    await page.getByTestId('add-submit').click();
    await expect.poll(() => page.getByTestId('users-notice').innerText(), { timeout: 10_000 }).toContain(NEW_USER.name);
    await expect.poll(() => rows.count()).toBe(4);
    expect((await e2e.stack.users.getUser(NEW_USER.name))?.role).toBe('dispatcher');
    const signIn = await fetch(`${e2e.stack.appUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(NEW_USER),
    });
    expect(signIn.status).toBe(200);

    // The audit tab, newest first: the addition by the administrator, also under the action filter.
    await page.getByTestId('admin-tab-audit').click();
    const auditRows = page.getByTestId('audit-table-row');
    await expect.poll(() => auditRows.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByTestId('audit-action').selectOption('user-add');
    await expect
      .poll(() =>
        page
          .locator('[data-testid="audit-table-row"] [data-action]')
          .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-action')))]),
      )
      .toEqual(['user-add']);
    const added = auditRows.filter({ hasText: NEW_USER.name });
    expect(await added.count()).toBe(1);
    const addedText = await added.innerText();
    expect(addedText).toContain('添加用户');
    expect(addedText).toContain(DEV_ADMIN.name);
    // Newest first: the sign-ins after the addition (the form's own and the API's) come before it.
    await page.getByTestId('audit-action').selectOption('');
    const order = await auditRows.evaluateAll((els) =>
      els.map((e) => e.querySelector('[data-action]')?.getAttribute('data-action')),
    );
    expect(order[0]).toBe('sign-in');
    expect(order.indexOf('user-add')).toBeGreaterThan(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-csv').click()]);
    expect(download.suggestedFilename()).toBe('audit-log.csv');
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('time,action,user,target,detail,address');
    expect(lines.some((l) => l.includes(`"user-add","admin","${NEW_USER.name}","dispatcher"`))).toBe(true);
    expect(lines.length - 1).toBe(order.length);
    await page.close();
  });

  it('in English, the tab in the address survives a reload', async () => {
    const page = await newPage();
    await e2e.signIn(page, DEV_ADMIN);
    await page.goto(`${e2e.stack.appUrl}/admin?lang=en&tab=audit`);
    await page.getByTestId('admin-audit').waitFor();
    expect(await page.getByTestId('admin-page').innerText()).toContain('Administration');
    expect(await page.getByTestId('admin-tab-audit').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('admin-tab-users').click();
    await page.reload();
    await page.getByTestId('admin-users').waitFor();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('users');
    expect(await page.getByTestId('add-user').innerText()).toContain('Add a user');
    await page.close();
  });

  it('a dispatcher at /admin is told it is for administrators only, and the API refuses them', async () => {
    const page = await newPage();
    await e2e.signIn(page, DEV_DISPATCHER);
    await page.goto(`${e2e.stack.appUrl}/admin`);
    await page.getByTestId('admins-only').waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe('/admin');
    const text = await page.getByTestId('admins-only').innerText();
    expect(text).toContain('仅限管理员');
    expect(text).toContain('dispatcher（调度员）');
    expect(await page.getByTestId('admin-page').count()).toBe(0);
    const status = await page.evaluate(async () => (await fetch('/api/users')).status);
    expect(status).toBe(403);

    await page.goto(`${e2e.stack.appUrl}/dispatch`);
    await page.getByTestId('session-user').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('nav-admin').count()).toBe(0);
    await page.close();
  });
});
