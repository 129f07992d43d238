/**
 * The wall's words fit, in both languages, against the real stack at 1920×1080: on the e-mobility and transition
 * scenes no text of a panel reaches outside the panel (the English assumptions caption used to spill out of its card),
 * the unavailable connectors are called so, the product title is the desk screens' one, and the coal figure says it is
 * on another basis than the CO₂ beside it. Screenshots under test-results/screenshots/ for review.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpE2eStack } from '../support/e2e-stack';

const SHOTS = 'test-results/screenshots';
// E2E_DIST_DIR: a build of one's own (npx vite build --outDir …) while others rebuild dist/ in the same tree.
const e2e = setUpE2eStack({
  speed: 10,
  history: true,
  outDirs: [SHOTS],
  distDir: process.env.E2E_DIST_DIR || undefined,
});

/** The panels whose words this file checks: e-mobility's, and the transition scene's carbon and province cards. */
const PANELS = ['connectors', 'evPower', 'evToday', 'evCo2', 'carbon', 'provinces'];

/** Text elements of those panels whose box leaves their panel's box (by more than half a pixel). */
const spills = (page: Page) =>
  page.evaluate((names) => {
    const out: string[] = [];
    for (const panel of names.flatMap((n) => [...document.querySelectorAll(`[data-testid="wall-panel-${n}"]`)])) {
      const box = panel.getBoundingClientRect();
      if (box.width === 0) continue;
      for (const el of panel.querySelectorAll('p, span, dd, dt, h3, b, small, td, th')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || !(el.textContent ?? '').trim()) continue;
        if (r.right > box.right + 0.5 || r.bottom > box.bottom + 0.5 || r.left < box.left - 0.5)
          out.push(`${panel.getAttribute('data-testid')}: "${(el.textContent ?? '').trim().slice(0, 40)}"`);
      }
    }
    return out;
  }, PANELS);

describe('wall copy fits and says what it means', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: e-mobility and transition scenes keep every text inside its panel`, async () => {
      for (const scene of ['emobility', 'transition'] as const) {
        const page = await e2e.newPage();
        await page.goto(`${e2e.stack.appUrl}/wall?scene=${scene}&rotate=off&lang=${lang}`);
        const figure = scene === 'emobility' ? 'wall-ev-sessions' : 'wall-coal-today';
        await expect.poll(() => page.getByTestId(figure).innerText(), { timeout: 30_000 }).toMatch(/\d/);
        await page.screenshot({ path: `${SHOTS}/wall-copy-${scene}-${lang}.png` });
        expect(await spills(page)).toEqual([]);
        if (scene === 'emobility') {
          const caption = await page.getByTestId('wall-ev-assumptions').innerText();
          expect(caption).toMatch(
            lang === 'en' ? /bus depots 150 kWh vs 32\.6 L diesel\/100 km/ : /公交场站 150 kWh 对柴油 32\.6/,
          );
        } else {
          const carbon = await page.getByTestId('wall-panel-carbon').innerText();
          expect(carbon).toMatch(lang === 'en' ? /CO₂ uses the grid factor/ : /CO₂ 按电网因子，口径不同/);
        }
        await page.context().close();
      }
    });
  }

  it('one product title: the wall says what the desk screens say', async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.stack.appUrl}/wall?scene=supply&rotate=off&lang=en`);
    await expect
      .poll(() => page.locator('body').innerText(), { timeout: 30_000 })
      .toContain('Gaozhu New Area Energy Big-Data Monitor');
    expect(await page.locator('body').innerText()).not.toContain('Gaozhu New Area Energy Monitor');
    await page.context().close();
  });
});
