import { describe, expect, it } from 'vitest';
import { wallLayout } from './wall-layout';

/** The layout of a screen the canvas fills at 1:1 from its top left corner. */
const atOneToOne = (width: number, height: number, mode: string) => ({
  scale: 1,
  canvasWidth: width,
  canvasHeight: height,
  offsetX: 0,
  offsetY: 0,
  mode,
});

describe('wallLayout', () => {
  it('1920×1080: the design canvas as is', () => {
    expect(wallLayout(1920, 1080)).toEqual(atOneToOne(1920, 1080, 'rotate'));
  });
  it('3840×2160: scaled ×2, nothing cropped', () => {
    const l = wallLayout(3840, 2160);
    expect(l.scale).toBe(2);
    expect(l.canvasWidth * l.scale).toBe(3840);
    expect(l.canvasHeight * l.scale).toBe(2160);
  });
  it('5760×1080 (3×1 wall): full height, canvas widened, the three scenes side by side', () => {
    const l = wallLayout(5760, 1080);
    expect(l).toMatchObject({ scale: 1, canvasWidth: 5760, canvasHeight: 1080, offsetX: 0, mode: 'triptych' });
  });
  it('a moderately wide screen widens the canvas but keeps rotating', () => {
    const l = wallLayout(2560, 1080);
    expect(l).toMatchObject({ scale: 1, canvasWidth: 2560, mode: 'rotate' });
  });
  it('narrower than 16:9 letterboxes vertically, never distorts', () => {
    const l = wallLayout(1600, 1200);
    expect(l.scale).toBeCloseTo(1600 / 1920);
    expect(l.canvasHeight * l.scale).toBeLessThanOrEqual(1200);
    expect(l.offsetY).toBeCloseTo((1200 - 1080 * l.scale) / 2);
  });
  it('never exceeds the viewport (no scrollbars)', () => {
    for (const [w, h] of [
      [1366, 768],
      [2000, 1000],
      [7680, 1080],
      [1080, 1920],
      [0, 0],
    ] as const) {
      const l = wallLayout(w, h);
      if (w > 0) {
        expect(l.canvasWidth * l.scale).toBeLessThanOrEqual(w + 1e-6);
        expect(l.canvasHeight * l.scale).toBeLessThanOrEqual(h + 1e-6);
      }
      expect(Number.isFinite(l.scale)).toBe(true);
    }
  });
  it('a tablet (820×1180) and a 1366×768 laptop: stacked at 1:1 to the width, so no text is under 14 px', () => {
    expect(wallLayout(820, 1180)).toEqual(atOneToOne(820, 1180, 'stack'));
    expect(wallLayout(1366, 768)).toMatchObject({ scale: 1, canvasWidth: 1366, mode: 'stack' });
  });
  it('every wall size scales: none of them stacks', () => {
    for (const [w, h] of [
      [1920, 1080],
      [3840, 2160],
      [5760, 1080],
      [2560, 1080],
      [1600, 1200],
    ] as const)
      expect(wallLayout(w, h).mode).not.toBe('stack');
  });
});
