/**
 * The e2e suites' one setup: `setUpE2eStack()` starts the stack (stack.ts) and headless Chromium (chromium.ts) before
 * the file's tests and closes both after, and hands back the page factory and sign-in helpers bound to them. Called
 * at a file's top level (or inside a describe, for that block only); its hooks run before the caller's own, so a
 * caller's beforeAll may already open pages. `setUpChromium()` is the browser half alone, for a suite that starts its
 * own services (a broker it can kill); `setUpStack()` the stack half, for a block of such a file.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium';
import { apiSession, DEV_DISPATCHER, signInPage, type TestUser } from './sign-in';
import { type Stack, type StackOptions, startStack } from './stack';

/** The desk and lobby screens' design size: a page opens at it unless the test says otherwise. */
export const FULL_HD = { width: 1920, height: 1080 } as const;

export interface ChromiumFixture {
  /** The running browser (only inside tests and hooks registered after the fixture). */
  readonly browser: Browser;
  /** A fresh page in its own context, 1920×1080 unless `options.viewport` says otherwise. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

export interface E2eStack extends ChromiumFixture {
  /** The running stack (only inside tests and hooks registered after the fixture). */
  readonly stack: Stack;
  /** Signs the page's context in as `user` (the development dispatcher unless told). */
  signIn(page: Page, user?: TestUser): Promise<void>;
  /** A fresh page signed in as `user`, loaded at the app's `path`. */
  openSignedIn(path: string, user?: TestUser, options?: BrowserContextOptions): Promise<Page>;
  /** The cookie and CSRF token of `user`, for a test's own fetch to the app. */
  apiSession(user?: TestUser): ReturnType<typeof apiSession>;
}

export interface E2eStackOptions extends StackOptions {
  /** Folders the file writes screenshots or exports into, made before anything starts. */
  outDirs?: string[];
}

function started<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is not started yet: use it inside a test or a later hook`);
  return value;
}

export function setUpChromium(outDirs: string[] = []): ChromiumFixture {
  let browser: Browser | undefined;
  beforeAll(async () => {
    for (const dir of outDirs) mkdirSync(dir, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      return started(browser, 'Chromium');
    },
    newPage(options = {}) {
      return started(browser, 'Chromium').newPage({ viewport: FULL_HD, ...options });
    },
  };
}

/** The stack alone, for a block of a file whose browser is the file's (`setUpChromium` at its top). */
export function setUpStack(options: StackOptions = {}): { readonly stack: Stack } {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack(options);
  });
  afterAll(async () => {
    await stack?.close();
  });
  return {
    get stack() {
      return started(stack, 'The e2e stack');
    },
  };
}

export function setUpE2eStack(options: E2eStackOptions = {}): E2eStack {
  const { outDirs, ...stackOptions } = options;
  const services = setUpStack(stackOptions);
  // Registered after the stack's hooks: Chromium starts once the stack is up and closes before it (afterAll runs in
  // reverse order), so no page outlives the servers it talks to.
  const chromium = setUpChromium(outDirs);
  const e2e: E2eStack = {
    get stack() {
      return services.stack;
    },
    get browser() {
      return chromium.browser;
    },
    newPage: chromium.newPage,
    signIn: (page, user = DEV_DISPATCHER) => signInPage(page, e2e.stack, user),
    async openSignedIn(path, user = DEV_DISPATCHER, pageOptions = {}) {
      const page = await chromium.newPage(pageOptions);
      await e2e.signIn(page, user);
      await page.goto(`${e2e.stack.appUrl}${path}`);
      return page;
    },
    apiSession: (user = DEV_DISPATCHER) => apiSession(e2e.stack, user),
  };
  return e2e;
}

/** The dispatcher console is in use: connected to the broker and its feeder table filled past the first screenful. */
export async function waitForDispatchConsole(page: Page): Promise<void> {
  // Hooks cannot use expect.poll (tests only): they wait with locators.
  await page.locator('[data-testid="connection-state"][data-phase="connected"]').waitFor({ timeout: 20_000 });
  await page.locator('[data-testid="feeder-table"] tr[data-row-id]').nth(10).waitFor({ timeout: 20_000 });
}
