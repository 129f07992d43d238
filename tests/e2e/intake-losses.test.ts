/**
 * The losses between the 220 kV intake and the feeder heads on the desk screens, in real Chromium against the stack
 * (feeds publishing both 220 kV stations and every feeder, the live service computing the losses): /dispatch shows
 * them under the area load (kW, % of the intake, today's kWh), /progress under the energy tiles (today's kWh and %,
 * with the sentence that grid import excludes them), in Chinese and English, wholly inside their boxes at 1920×1080,
 * 1366×768 and (the dispatcher) 820×1180. Screenshots go to test-results/screenshots/intake-losses/ for review.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpE2eStack } from '../support/e2e-stack';
import { DEV_DISPATCHER, DEV_MANAGER, type TestUser } from '../support/sign-in';

const SHOTS = 'test-results/screenshots/intake-losses';
// GAOZHU_E2E_DIST: a build of one's own (dist/ by default, which `npm test` builds).
const e2e = setUpE2eStack({ speed: 10, history: true, outDirs: [SHOTS], distDir: process.env.GAOZHU_E2E_DIST });

async function open(path: string, user: TestUser, [width, height]: readonly [number, number], lang: 'zh' | 'en') {
  const page = await e2e.newPage({ viewport: { width, height } });
  await e2e.signIn(page, user);
  await page.goto(`${e2e.stack.appUrl}${path}${lang === 'en' ? `${path.includes('?') ? '&' : '?'}lang=en` : ''}`);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page;
}

/** The element's text and whether it lies wholly inside the viewport and is not cut by its own box. */
const lineBox = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return {
      text: el.textContent ?? '',
      state: el.getAttribute('data-state'),
      inside: r.left >= 0 && r.right <= window.innerWidth && r.width > 0,
      uncut: el.scrollWidth <= el.clientWidth + 1,
      pageScroll: (document.scrollingElement?.scrollWidth ?? 0) <= window.innerWidth,
    };
  });

const SIZES = {
  '/dispatch': [
    [1920, 1080],
    [1366, 768],
    [820, 1180],
  ],
  '/progress?period=month': [
    [1920, 1080],
    [1366, 768],
  ],
} as const;

describe('losses between the 220 kV intake and the feeder heads', () => {
  for (const lang of ['zh', 'en'] as const)
    for (const size of SIZES['/dispatch'])
      it(`/dispatch at ${size[0]}×${size[1]} (${lang}): now in kW and % of the intake, and today`, async () => {
        const page = await open('/dispatch', DEV_DISPATCHER, size, lang);
        // A tablet folds nothing away by itself; the pane holding the area load may sit below the table: scroll to it.
        await page.getByTestId('area-losses').scrollIntoViewIfNeeded({ timeout: 30_000 });
        await expect.poll(async () => (await lineBox(page, 'area-losses')).state, { timeout: 30_000 }).toBe('ok');
        const f = await lineBox(page, 'area-losses');
        expect(f.text).toMatch(
          lang === 'zh' ? /受入至馈线出口损耗.*\d+(\.\d+)? (kW|MW) \(\d\.\d\d%\)/ : /intake.*\d (kW|MW)/,
        );
        expect(f.inside && f.uncut && f.pageScroll, JSON.stringify(f)).toBe(true);
        await page.screenshot({ path: `${SHOTS}/dispatch-${size[0]}x${size[1]}-${lang}.png` });
        await page.close();
      });

  for (const lang of ['zh', 'en'] as const)
    for (const size of SIZES['/progress?period=month'])
      it(`/progress at ${size[0]}×${size[1]} (${lang}): today's losses in kWh and %, excluded from grid import`, async () => {
        const page = await open('/progress?period=month', DEV_MANAGER, size, lang);
        await page.getByTestId('progress-losses').waitFor({ timeout: 30_000 });
        await expect.poll(async () => (await lineBox(page, 'progress-losses')).state, { timeout: 30_000 }).toBe('ok');
        const f = await lineBox(page, 'progress-losses');
        expect(f.text).toMatch(
          lang === 'zh'
            ? /今日输配损耗.*(kWh|MWh).*占受入电量 \d\.\d\d%.*不含此损耗/
            : /Losses today.*(kWh|MWh).*\d\.\d\d% of the intake.*excludes them/,
        );
        expect(f.inside && f.uncut && f.pageScroll, JSON.stringify(f)).toBe(true);
        await page.screenshot({ path: `${SHOTS}/progress-${size[0]}x${size[1]}-${lang}.png` });
        await page.close();
      });
});
