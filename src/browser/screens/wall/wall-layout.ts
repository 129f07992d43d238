/**
 * How the 1920×1080 design canvas maps onto the actual screen.
 *
 * The wall is laid out once, in design pixels, on a fixed-size canvas that is scaled with a CSS transform. A transform
 * (rather than rem/vw units) keeps every gutter, font size and chart option in one unit system, and Chromium
 * re-rasterises transformed text at the final scale, so text stays crisp; the chart canvases are given
 * devicePixelRatio × scale so they are drawn at the screen's resolution too, not up-sampled.
 *
 * - 16:9 or narrower (1920×1080, 3840×2160, 4:3): uniform scale by width; a narrower screen gets bands above and below
 *   (letterbox), never cropping or distortion.
 * - Wider than 16:9 (spliced walls): uniform scale by height, and the canvas grows wider in design pixels instead of
 *   leaving empty side bands. From three 16:9 panels' width (a 3×1 wall, 5760×1080) the scenes are shown side by side,
 *   one per panel, instead of rotating.
 */
export const DESIGN_WIDTH = 1920;
export const DESIGN_HEIGHT = 1080;
/** Design width from which all three scenes fit side by side (a 3×1 wall of 16:9 panels, with a little slack). */
export const TRIPTYCH_MIN_WIDTH = DESIGN_WIDTH * 3 * 0.95;

export interface WallLayout {
  /** Screen pixels per design pixel. */
  scale: number;
  /** Canvas size in design pixels (height is always 1080). */
  canvasWidth: number;
  canvasHeight: number;
  /** Offset of the scaled canvas inside the viewport, screen pixels (letterbox bands). */
  offsetX: number;
  offsetY: number;
  mode: 'rotate' | 'triptych';
}

export function wallLayout(viewportWidth: number, viewportHeight: number): WallLayout {
  const vw = Number.isFinite(viewportWidth) && viewportWidth > 0 ? viewportWidth : DESIGN_WIDTH;
  const vh = Number.isFinite(viewportHeight) && viewportHeight > 0 ? viewportHeight : DESIGN_HEIGHT;
  if (vw / vh <= DESIGN_WIDTH / DESIGN_HEIGHT) {
    const scale = vw / DESIGN_WIDTH;
    return {
      scale,
      canvasWidth: DESIGN_WIDTH,
      canvasHeight: DESIGN_HEIGHT,
      offsetX: 0,
      offsetY: (vh - DESIGN_HEIGHT * scale) / 2,
      mode: 'rotate',
    };
  }
  const scale = vh / DESIGN_HEIGHT;
  // Floor so the scaled canvas never exceeds the viewport by a sub-pixel (which would show a scrollbar).
  const canvasWidth = Math.floor(vw / scale);
  return {
    scale,
    canvasWidth,
    canvasHeight: DESIGN_HEIGHT,
    offsetX: (vw - canvasWidth * scale) / 2,
    offsetY: 0,
    mode: canvasWidth >= TRIPTYCH_MIN_WIDTH ? 'triptych' : 'rotate',
  };
}
