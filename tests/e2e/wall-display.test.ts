/**
 * The lobby wall in real Chromium against the real broker, feeds and history service: at 1920×1080, 3840×2160 and
 * 5760×1080 the document is exactly the viewport and every KPI tile shows a number (screenshots saved under
 * test-results/screenshots/ for review); scenes rotate and ?scene= pins one; ?kiosk hides the cursor; a panel made to
 * throw (?crash=<panel>) is isolated and comes back by itself.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpE2eStack } from '../support/e2e-stack';

const SHOTS = 'test-results/screenshots';
const KPI_TILES = ['load', 'consumption', 'pv', 'clean', 'co2', 'chargers'];
const e2e = setUpE2eStack({ speed: 10, history: true, outDirs: [SHOTS] });

async function openWall(query: string, width = 1920, height = 1080): Promise<Page> {
  const page = await e2e.newPage({ viewport: { width, height } });
  page.on('pageerror', (e) => console.log(`[wall ${width}×${height}] pageerror: ${e.message}`));
  await page.goto(`${e2e.stack.appUrl}/wall${query}`);
  return page;
}

const allKpisNumeric = async (page: Page) => {
  const texts = await Promise.all(KPI_TILES.map((id) => page.getByTestId(`wall-kpi-${id}-value`).innerText()));
  return texts.every((t) => /^\d/.test(t.trim()));
};

describe('wall sizes', () => {
  for (const [width, height] of [
    [1920, 1080],
    [3840, 2160],
    [5760, 1080],
  ] as const) {
    it(`${width}×${height}: exactly the viewport, every KPI a number, nothing dishonest`, async () => {
      const page = await openWall('?rotate=off', width, height);
      await expect.poll(() => allKpisNumeric(page), { timeout: 30_000 }).toBe(true);
      const size = await page.evaluate(() => ({
        scrollW: document.documentElement.scrollWidth,
        scrollH: document.documentElement.scrollHeight,
        bodyW: document.body.scrollWidth,
        bodyH: document.body.scrollHeight,
        innerW: window.innerWidth,
        innerH: window.innerHeight,
        canvas: document.querySelector('[data-testid="wall-canvas"]')?.getBoundingClientRect().toJSON(),
      }));
      expect(size.scrollW).toBe(width);
      expect(size.scrollH).toBe(height);
      expect(size.bodyW).toBeLessThanOrEqual(width);
      expect(size.bodyH).toBeLessThanOrEqual(height);
      // The scaled canvas lies inside the viewport (no cropping) and keeps 1920×1080's proportions per design pixel.
      expect(size.canvas.left).toBeGreaterThanOrEqual(-0.5);
      expect(size.canvas.top).toBeGreaterThanOrEqual(-0.5);
      expect(size.canvas.right).toBeLessThanOrEqual(width + 0.5);
      expect(size.canvas.bottom).toBeLessThanOrEqual(height + 0.5);
      expect(size.canvas.height).toBeCloseTo(height, 0);
      // Headline figures are at least 48 px tall on the 1080p design canvas.
      const fontPx = await page
        .getByTestId('wall-kpi-load-value')
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
      expect(fontPx).toBeGreaterThanOrEqual(48);
      if (width === 5760) {
        expect(await page.getByTestId('wall-canvas').getAttribute('data-mode')).toBe('triptych');
        for (const s of ['supply', 'transition', 'emobility'])
          expect(await page.getByTestId(`wall-scene-${s}`).getAttribute('data-active')).toBe('true');
      }
      await page.waitForTimeout(1500);
      expect(await page.locator('body').innerText()).not.toMatch(/NaN|undefined|Infinity/);
      await page.screenshot({ path: `${SHOTS}/wall-${width}x${height}.png` });
      await page.close();
    });
  }
});

describe('wall on a small screen', () => {
  for (const [width, height, lang] of [
    [820, 1180, 'zh'],
    [1366, 768, 'en'],
  ] as const) {
    it(`${width}×${height} (${lang}): the scenes one under the other at 1:1, scrolled down, no text under 14 px`, async () => {
      const page = await openWall(`?rotate=off&lang=${lang}`, width, height);
      await expect.poll(() => allKpisNumeric(page), { timeout: 30_000 }).toBe(true);
      expect(await page.getByTestId('wall-canvas').getAttribute('data-mode')).toBe('stack');
      for (const s of ['supply', 'transition', 'emobility']) {
        expect(await page.getByTestId(`wall-scene-${s}`).getAttribute('data-active')).toBe('true');
        await expect.poll(() => page.getByTestId(`wall-scene-heading-${s}`).isVisible()).toBe(true);
      }
      const size = await page.evaluate(() => ({
        scrollW: document.documentElement.scrollWidth,
        scrollH: document.documentElement.scrollHeight,
      }));
      expect(size.scrollW).toBe(width);
      expect(size.scrollH).toBeGreaterThan(height * 2);
      // Every HTML text on the page (the charts draw on canvases and the map is one SVG picture) is at least 14 px.
      const small = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="wall-canvas"] *')]
          .filter(
            (el) =>
              !(el instanceof SVGElement) && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim()),
          )
          .map((el) => ({
            text: el.textContent?.trim().slice(0, 30),
            px: Number.parseFloat(getComputedStyle(el).fontSize),
          }))
          .filter((t) => t.px < 14),
      );
      expect(small).toEqual([]);
      await page.waitForTimeout(1500);
      expect(await page.locator('body').innerText()).not.toMatch(/NaN|undefined|Infinity/);
      await page.screenshot({ path: `${SHOTS}/wall-${width}x${height}-${lang}.png`, fullPage: true });
      await page.close();
    });
  }
});

describe('scenes', () => {
  it('rotates supply → transition with ?dwell, cross-fading', async () => {
    const page = await openWall('?dwell=5');
    const canvas = page.getByTestId('wall-canvas');
    expect(await canvas.getAttribute('data-scene')).toBe('supply');
    await expect.poll(() => canvas.getAttribute('data-scene'), { timeout: 12_000 }).toBe('transition');
    await expect.poll(() => canvas.getAttribute('data-scene'), { timeout: 12_000 }).toBe('emobility');
    await page.close();
  });

  it('?scene= pins a scene (no rotation)', async () => {
    const page = await openWall('?scene=emobility&dwell=5');
    const canvas = page.getByTestId('wall-canvas');
    expect(await canvas.getAttribute('data-scene')).toBe('emobility');
    await expect.poll(() => page.getByTestId('wall-connector-grid').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.waitForTimeout(7_000);
    expect(await canvas.getAttribute('data-scene')).toBe('emobility');
    await page.screenshot({ path: `${SHOTS}/wall-scene-emobility.png` });
    await page.close();
  });

  it('?kiosk hides the chrome and the cursor; ?lang=en speaks English', async () => {
    const page = await openWall('?kiosk&lang=en&scene=transition');
    await expect.poll(() => page.getByTestId('wall-kpi-load').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('wall-chrome').count()).toBe(0);
    const cursors = await page.evaluate(() =>
      [
        [960, 540],
        [100, 100],
        [1800, 1000],
      ].map(([x, y]) => {
        const el = document.elementFromPoint(x as number, y as number);
        return el ? getComputedStyle(el).cursor : 'no element';
      }),
    );
    expect(cursors).toEqual(['none', 'none', 'none']);
    expect(await page.getByTestId('wall-kpi-load').innerText()).toContain('Area load');
    const normal = await openWall('?scene=transition');
    await expect.poll(() => normal.getByTestId('wall-chrome').count(), { timeout: 10_000 }).toBe(1);
    await normal.close();
    await page.close();
  });
});

describe('isolation', () => {
  it('a panel that throws shows a notice, the rest carries on, and it comes back by itself', async () => {
    const page = await openWall('?crash=kpis&rotate=off');
    await expect.poll(() => page.getByTestId('panel-error-kpis').isVisible(), { timeout: 10_000 }).toBe(true);
    // The rest of the wall is alive meanwhile.
    expect(await page.getByTestId('wall-clock').isVisible()).toBe(true);
    expect(await page.getByTestId('wall-panel-topFeeders').isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/wall-panel-crashed.png` });
    // Re-mounted after its pause, with numbers again.
    await expect.poll(() => page.getByTestId('panel-error-kpis').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => allKpisNumeric(page), { timeout: 15_000 }).toBe(true);

    const scene = await openWall('?crash=topFeeders&rotate=off');
    await expect.poll(() => scene.getByTestId('panel-error-topFeeders').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await scene.getByTestId('wall-schematic').isVisible()).toBe(true);
    await expect.poll(() => scene.getByTestId('wall-top-feeders').isVisible(), { timeout: 15_000 }).toBe(true);
    await scene.close();
    await page.close();
  });
});
