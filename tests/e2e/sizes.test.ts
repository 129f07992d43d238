/**
 * Every screen at every size it is used on, in real Chromium against the production web server, the broker, feeds,
 * live and history services: the lobby wall's sizes (1920×1080, 3840×2160, 5760×1080) for / and /wall, the desk's
 * (1920×1080, 1366×768) for /dispatch, /progress and /, and a tablet (820×1180) for all of them, in Chinese and, where
 * text length decides the layout (1366 and the tablet), in English. On each: no page-level horizontal scroll, the
 * clock wholly on screen, every screen name in the navigation on one line; on /dispatch at 1366×768 the loading and
 * state columns in view inside the table's panel (not scrolled out of it, not under the sticky name column).
 * Screenshots go to test-results/screenshots/sizes/ for review.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpE2eStack } from '../support/e2e-stack';
import { DEV_DISPATCHER, DEV_MANAGER, type TestUser } from '../support/sign-in';

const SHOTS = 'test-results/screenshots/sizes';
const e2e = setUpE2eStack({ speed: 10, history: true, outDirs: [SHOTS] });

type Size = readonly [width: number, height: number];
const WALL_SIZES: Size[] = [
  [1920, 1080],
  [3840, 2160],
  [5760, 1080],
];
const DESK_1080: Size = [1920, 1080];
const DESK_1366: Size = [1366, 768];
const TABLET: Size = [820, 1180];

interface Screen {
  path: string;
  /** The element that says the screen has rendered. */
  ready: string;
  clock: string;
  user?: TestUser;
  sizes: Size[];
}

const SCREENS: Screen[] = [
  {
    path: '/',
    ready: '[data-testid="overview-kpis"]',
    clock: '[data-testid="clock"]',
    sizes: [...WALL_SIZES, DESK_1366, TABLET],
  },
  {
    path: '/wall',
    ready: '[data-testid="wall-canvas"]',
    clock: '[data-testid="wall-clock"]',
    sizes: [...WALL_SIZES, TABLET],
  },
  {
    path: '/dispatch',
    ready: '[data-testid="feeder-table"] th[data-col="state"]',
    clock: '[data-testid="clock"]',
    user: DEV_DISPATCHER,
    sizes: [DESK_1080, DESK_1366, TABLET],
  },
  {
    path: '/progress',
    ready: '[data-testid="progress-page"]',
    clock: '[data-testid="clock"]',
    user: DEV_MANAGER,
    sizes: [DESK_1080, DESK_1366, TABLET],
  },
];

/** English only where its longer words can change the layout: the smaller desk screen and the tablet. */
const langsFor = ([width]: Size) => (width <= DESK_1366[0] ? (['zh', 'en'] as const) : (['zh'] as const));

async function open(screen: Screen, [width, height]: Size, lang: 'zh' | 'en'): Promise<Page> {
  const page = await e2e.newPage({ viewport: { width, height } });
  page.on('pageerror', (e) => console.log(`[${screen.path} ${width}×${height}] pageerror: ${e.message}`));
  if (screen.user) await e2e.signIn(page, screen.user);
  await page.goto(`${e2e.stack.appUrl}${screen.path}${lang === 'en' ? '?lang=en' : ''}`);
  try {
    await page.locator(screen.ready).first().waitFor({ state: 'visible', timeout: 30_000 });
  } catch (e) {
    await page.screenshot({ path: `${SHOTS}/not-ready-${width}x${height}-${lang}.png` });
    throw new Error(`${screen.path} at ${width}×${height} (${lang}) not ready at ${page.url()}: ${e}`);
  }
  // Layout settles once fonts and the first live figures are in (a figure's width can move what follows it).
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(1000);
  return page;
}

/** What the page measures: its scroll width, the clock's box, and how many lines each screen name takes. */
function measure(page: Page, clock: string) {
  return page.evaluate((clockSelector) => {
    const box = document.querySelector(clockSelector)?.getBoundingClientRect();
    const navLines = [...document.querySelectorAll('header nav a')].map((a) => {
      const range = document.createRange();
      range.selectNodeContents(a);
      // One rectangle per line box the text occupies.
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return { text: a.textContent ?? '', lines: tops.size };
    });
    return {
      scrollWidth: document.scrollingElement?.scrollWidth ?? Number.NaN,
      innerWidth: window.innerWidth,
      innerHeight: window.innerHeight,
      clock: box ? { left: box.left, top: box.top, right: box.right, bottom: box.bottom, width: box.width } : null,
      navLines,
    };
  }, clock);
}

describe('every screen at every size', () => {
  for (const screen of SCREENS)
    for (const size of screen.sizes)
      for (const lang of langsFor(size)) {
        const [width, height] = size;
        it(`${screen.path} at ${width}×${height} (${lang}): no sideways scroll, the clock on screen`, async () => {
          const page = await open(screen, size, lang);
          const m = await measure(page, screen.clock);
          const name = `${screen.path === '/' ? 'overview' : screen.path.slice(1)}-${width}x${height}-${lang}`;
          await page.screenshot({ path: `${SHOTS}/${name}.png` });
          expect(m.innerWidth).toBe(width);
          expect(m.scrollWidth, 'page-level horizontal overflow').toBeLessThanOrEqual(m.innerWidth);
          expect(m.clock, 'clock element').not.toBeNull();
          const c = m.clock as NonNullable<typeof m.clock>;
          expect(c.width).toBeGreaterThan(0);
          expect(c.left).toBeGreaterThanOrEqual(0);
          expect(c.top).toBeGreaterThanOrEqual(0);
          expect(c.right).toBeLessThanOrEqual(m.innerWidth);
          expect(c.bottom).toBeLessThanOrEqual(m.innerHeight);
          for (const link of m.navLines) expect(link.lines, `nav entry "${link.text}" lines`).toBe(1);
          await page.close();
        });
      }

  for (const lang of ['zh', 'en'] as const)
    it(`/dispatch at 1366×768 (${lang}): the loading and state columns in view, beside the name`, async () => {
      const dispatch = SCREENS.find((s) => s.path === '/dispatch') as Screen;
      const page = await open(dispatch, DESK_1366, lang);
      const cols = await page.evaluate(() => {
        const grid = document.querySelector('[data-testid="feeder-table"]') as HTMLElement;
        const g = grid.getBoundingClientRect();
        const rect = (col: string) => {
          const r = grid.querySelector(`th[data-col="${col}"]`)?.getBoundingClientRect();
          return r ? { left: r.left, right: r.right, width: r.width } : null;
        };
        return {
          // The panel's visible area: its box less the vertical scroll bar.
          visible: { left: g.left, right: g.left + grid.clientWidth },
          innerWidth: window.innerWidth,
          name: rect('name'),
          loading: rect('loading'),
          state: rect('state'),
          // Province names cut short ("Chon···") in any row drawn.
          cutProvinces: [...grid.querySelectorAll('td[data-col="province"]')]
            .filter((td) => (td as HTMLElement).scrollWidth > (td as HTMLElement).clientWidth + 0.5)
            .map((td) => td.textContent),
          provinceCells: grid.querySelectorAll('td[data-col="province"]').length,
        };
      });
      expect(cols.provinceCells).toBeGreaterThan(0);
      expect(cols.cutProvinces, 'province names cut short').toEqual([]);
      for (const col of ['loading', 'state'] as const) {
        const r = cols[col];
        expect(r, `${col} header`).not.toBeNull();
        const h = r as NonNullable<typeof r>;
        expect(h.width).toBeGreaterThan(0);
        expect(h.left).toBeGreaterThanOrEqual(Math.max(0, cols.visible.left));
        expect(h.right).toBeLessThanOrEqual(Math.min(cols.innerWidth, cols.visible.right));
        // Not hidden under the name column, which stays put when the table scrolls sideways.
        expect(h.left).toBeGreaterThanOrEqual((cols.name as NonNullable<typeof cols.name>).right - 0.5);
      }
      await page.close();
    });

  it('/dispatch at 1366×768: the alarm pane folds away for a wider table, stays folded after a reload, unfolds', async () => {
    const dispatch = SCREENS.find((s) => s.path === '/dispatch') as Screen;
    const page = await open(dispatch, DESK_1366, 'zh');
    const pane = page.locator('#dispatch-alarm-pane');
    const toggle = page.getByTestId('alarm-pane-toggle');
    const tableWidth = () => page.getByTestId('feeder-table').evaluate((el) => el.getBoundingClientRect().width);
    await expect.poll(() => pane.isVisible()).toBe(true);
    const openWidth = await tableWidth();
    await toggle.click();
    await expect.poll(() => pane.isVisible()).toBe(false);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    // The folded pane's button still counts the active alarms.
    expect(await toggle.innerText()).toMatch(/告警栏 \d+$/);
    expect(await tableWidth()).toBeGreaterThan(openWidth + 300);
    expect((await measure(page, dispatch.clock)).scrollWidth).toBeLessThanOrEqual(DESK_1366[0]);
    await page.reload();
    await page.getByTestId('feeder-table').waitFor();
    await expect.poll(() => pane.isVisible()).toBe(false);
    await toggle.click();
    await expect.poll(() => pane.isVisible()).toBe(true);
    expect(await tableWidth()).toBeCloseTo(openWidth, 0);
    await page.close();
  });
});
