/**
 * Signing in on the e2e stack's web server: the development users (identity.ts DEV_USERS) or a test's own, added to
 * stack.users with addTestUser. `signInPage` signs a Chromium page's context in (its cookie, as the sign-in page
 * would leave it); `apiSession` gives the cookie and CSRF token for a test's own fetch.
 */
import type { Page } from 'playwright-core';
import { addUser } from '../../src/services/web/identity/identity';
import type { UserRole } from '../../src/services/web/storage/identity-storage';
import type { Stack } from './stack';

export interface TestUser {
  name: string;
  password: string;
}

export const DEV_DISPATCHER: TestUser = { name: 'dispatcher', password: 'dispatcher-dev' };
export const DEV_MANAGER: TestUser = { name: 'manager', password: 'manager-dev' };
export const DEV_ADMIN: TestUser = { name: 'admin', password: 'admin-dev' };

/** A user of the stack's web server (the name may be anything, e.g. a dispatcher's name in Chinese). */
export async function addTestUser(
  stack: Stack,
  name: string,
  role: UserRole = 'dispatcher',
  password = `${name}-e2e-password`,
): Promise<TestUser> {
  if (!(await stack.users.getUser(name))) await addUser(stack.users, name, role, password);
  return { name, password };
}

/** Signs the page's browser context in; the next page load is signed in. */
export async function signInPage(page: Page, stack: Stack, user: TestUser = DEV_DISPATCHER): Promise<void> {
  const res = await page.request.post(`${stack.appUrl}/api/session`, {
    data: { name: user.name, password: user.password },
  });
  if (res.status() !== 200) throw new Error(`sign-in as ${user.name}: HTTP ${res.status()} ${await res.text()}`);
}

export async function apiSession(
  stack: Stack,
  user: TestUser = DEV_DISPATCHER,
): Promise<{ cookie: string; csrfToken: string; headers: Record<string, string> }> {
  const res = await fetch(`${stack.appUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${user.name}: HTTP ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}
