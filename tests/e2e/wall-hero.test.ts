/**
 * The wall's hero and its fit for 5 m, in real Chromium against the real broker, feeds, live and history services:
 * each scene at 1920×1080, 3840×2160 and 5760×1080 (screenshots under test-results/screenshots/wall-hero/ for review).
 * The map draws both parts and every station and feeder in a live state; the energy flow shows consumption with PV and
 * grid bands sized by the live power; on the 3×1 wall the six figures share the header's band and fill their tiles;
 * no wall text is smaller than 18 design px or below 4.5:1 against its panel.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpE2eStack } from '../support/e2e-stack';

const SHOTS = 'test-results/screenshots/wall-hero';
const e2e = setUpE2eStack({
  speed: 10,
  history: true,
  outDirs: [SHOTS],
  ...(process.env.WALL_DIST ? { distDir: process.env.WALL_DIST } : {}),
});

async function openWall(query: string, width: number, height: number): Promise<Page> {
  const page = await e2e.newPage({ viewport: { width, height } });
  page.on('pageerror', (e) => console.log(`[wall ${width}×${height}] pageerror: ${e.message}`));
  await page.goto(`${e2e.stack.appUrl}/wall${query}`);
  await expect.poll(() => page.getByTestId('wall-kpi-load-value').innerText(), { timeout: 45_000 }).toMatch(/^\d/);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page;
}

/** Live states of the map's nodes once the figures are in. */
const mapStates = (page: Page) =>
  page.evaluate(() => {
    const states = (sel: string) => [...document.querySelectorAll(sel)].map((e) => e.getAttribute('data-state'));
    return {
      substations: states('[data-testid="wall-map-substation"]'),
      feeders: states('[data-testid="wall-map-feeder"]'),
    };
  });

/**
 * Every visible text of the wall (chrome aside): its design-pixel font size and its contrast against the panel
 * (the darker page background only makes it higher).
 */
const textFit = (page: Page) =>
  page.evaluate(() => {
    const lum = (rgb: number[]) => {
      const [r, g, b] = rgb.map((c) => {
        const x = c / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const panel = lum([0x0f, 0x21, 0x33]);
    const canvas = document.querySelector('[data-testid="wall-canvas"]') as HTMLElement;
    const chrome = document.querySelector('[data-testid="wall-chrome"]');
    const bad: string[] = [];
    const walker = document.createTreeWalker(canvas, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || chrome?.contains(el) || el.closest('svg')) continue;
      if (el.closest('[aria-hidden="true"]')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || el.checkVisibility?.({ visibilityProperty: true }) === false) continue;
      const cs = getComputedStyle(el);
      const size = Number.parseFloat(cs.fontSize);
      const l = lum(parse(cs.color));
      // Against its own background where an ancestor paints an opaque one (a charging cell), else the panel.
      let bg = panel;
      for (let a: Element | null = el; a && a !== canvas; a = a.parentElement) {
        const v = (getComputedStyle(a).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
        if (v.length >= 3 && (v.length === 3 || (v[3] ?? 0) >= 0.9)) {
          bg = lum(v.slice(0, 3));
          break;
        }
      }
      const ratio = (Math.max(l, bg) + 0.05) / (Math.min(l, bg) + 0.05);
      if (size < 18 || ratio < 4.5)
        bad.push(`"${n.textContent.trim().slice(0, 30)}" ${size}px ${ratio.toFixed(2)}:1 (${el.className})`);
    }
    return bad;
  });

describe('the wall hero', () => {
  for (const [width, height] of [
    [1920, 1080],
    [3840, 2160],
  ] as const)
    it(`${width}×${height}: each scene; the transition scene's map live and its energy flow sized by power`, async () => {
      for (const scene of ['supply', 'transition', 'emobility'] as const) {
        const page = await openWall(`?scene=${scene}&kiosk`, width, height);
        if (scene === 'transition') {
          await expect
            .poll(async () => (await mapStates(page)).feeders.filter((s) => s === 'noData').length, {
              timeout: 30_000,
            })
            .toBe(0);
          const states = await mapStates(page);
          expect(states.substations.length).toBeGreaterThan(0);
          expect(states.substations.every((s) => s !== 'noData')).toBe(true);
          expect(await page.getByTestId('wall-map-sc').isVisible()).toBe(true);
          expect(await page.getByTestId('wall-map-cq').isVisible()).toBe(true);
          await expect
            .poll(() => page.getByTestId('wall-flow-consumption').innerText(), { timeout: 15_000 })
            .toMatch(/^\d/);
          // Grid import or PV surplus: one of the two grid-side bands has a width, and the PV one unless it is night.
          const grid = Number(await page.getByTestId('wall-flow-grid-band').getAttribute('data-thickness'));
          expect(grid).toBeGreaterThan(0);
        }
        // Let charts and the map's states settle, then look.
        await page.waitForTimeout(1500);
        await page.screenshot({ path: `${SHOTS}/${scene}-${width}x${height}.png` });
        if (scene === 'transition' && width === 1920)
          await page.getByTestId('wall-panel-areaMap').screenshot({ path: `${SHOTS}/hero-${width}x${height}.png` });
        if (scene === 'transition' && width === 1920) {
          // A cool wall: the hero's one effect animates transform only (run by the compositor, not a main-thread
          // redraw loop), and under prefers-reduced-motion nothing moves.
          const effects = () =>
            page.evaluate(() =>
              document
                .querySelector('[data-testid="wall-energy-flow"]')
                ?.getAnimations({ subtree: true })
                .map((a) => {
                  const props = new Set<string>();
                  for (const k of (a.effect as KeyframeEffect).getKeyframes())
                    for (const p of Object.keys(k))
                      if (!['offset', 'computedOffset', 'easing', 'composite'].includes(p)) props.add(p);
                  return [...props].join(',');
                }),
            );
          const running = await effects();
          expect(running?.length, 'flow animations').toBeGreaterThan(0);
          for (const props of running ?? []) expect(props).toBe('transform');
          // The main thread's busy share over 10 s, for the record (the whole page, under the machine's load).
          const cdp = await page.context().newCDPSession(page);
          await cdp.send('Performance.enable');
          const taskS = async () =>
            (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
          const t0 = Date.now();
          const busy0 = await taskS();
          await page.waitForTimeout(10_000);
          const share = ((await taskS()) - busy0) / ((Date.now() - t0) / 1000);
          console.log(`[wall-hero] main thread busy ${(share * 100).toFixed(1)} % over 10 s (transition, 1920×1080)`);
          await page.emulateMedia({ reducedMotion: 'reduce' });
          await expect.poll(async () => (await effects())?.length, { timeout: 5_000 }).toBe(0);
        }
        expect(await textFit(page), 'wall text below 18 px or 4.5:1').toEqual([]);
        await page.close();
      }
    });

  it('5760×1080 (3×1 wall): the figures in the header band, each tile filled, the three scenes side by side', async () => {
    const page = await openWall('?kiosk', 5760, 1080);
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `${SHOTS}/triptych-5760x1080.png` });
    await page.screenshot({ path: `${SHOTS}/triptych-band.png`, clip: { x: 0, y: 0, width: 2880, height: 200 } });
    await page.screenshot({
      path: `${SHOTS}/triptych-band-right.png`,
      clip: { x: 2880, y: 0, width: 2880, height: 200 },
    });
    await page.getByTestId('wall-scene-transition').screenshot({ path: `${SHOTS}/triptych-transition.png` });
    const geo = await page.evaluate(() => {
      const box = (el: Element | null) => el?.getBoundingClientRect().toJSON() as DOMRect;
      const header = box(document.querySelector('[data-testid="wall-canvas"] header'));
      const tiles = [...document.querySelectorAll('[data-testid^="wall-kpi-"]')]
        .filter((t) => /^wall-kpi-[a-z0-9]+$/.test(t.getAttribute('data-testid') ?? ''))
        .map((t) => {
          const r = t.getBoundingClientRect();
          // The furthest right any text of the tile reaches.
          let right = r.left;
          for (const el of t.querySelectorAll('*')) {
            const range = document.createRange();
            range.selectNodeContents(el);
            for (const rect of range.getClientRects()) right = Math.max(right, rect.right);
          }
          return { id: t.getAttribute('data-testid'), left: r.left, top: r.top, width: r.width, used: right - r.left };
        });
      const stage = box(document.querySelector('[data-testid="wall-stage"]'));
      return { header, tiles, stage };
    });
    expect(geo.tiles).toHaveLength(6);
    for (const t of geo.tiles) {
      // In the header's band, not a row of its own.
      expect(t.top, `${t.id} top`).toBeLessThan(geo.header.bottom);
      // Filled: its text reaches the tile's far end (was half: a 960 px tile with its right half empty).
      expect(t.used / t.width, `${t.id} used`).toBeGreaterThan(0.75);
    }
    // The scenes gain the band's height.
    expect(geo.stage.height).toBeGreaterThan(760);
    expect(await textFit(page), 'wall text below 18 px or 4.5:1').toEqual([]);
    await page.close();
  });
});
