/**
 * Headless Debian Chromium for the e2e tests, through playwright-core (no bundled browser download). A missing
 * binary throws the install command, so e2e tests fail loudly instead of skipping.
 */
import { accessSync, constants } from 'node:fs';
import { type Browser, chromium, type LaunchOptions } from 'playwright-core';

export const CHROMIUM_INSTALL_HINT = 'install it with: apt-get install -y chromium (or set CHROMIUM_PATH)';

/** CHROMIUM_PATH if set, else Debian's /usr/bin/chromium; throws with the install command when not executable. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`Chromium not found at ${path}: ${CHROMIUM_INSTALL_HINT}`);
  }
  return path;
}

/** Flags that keep a test browser quiet, offline-friendly and runnable as root in a container. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    headless: true,
    ...options,
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}
