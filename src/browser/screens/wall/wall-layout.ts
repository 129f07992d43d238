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
 * - Small screens (a tablet, 820×1180; a 1366×768 laptop): scaled to fit, the canvas's smallest text (18 design px)
 *   would be 8–13 px. Below the scale that keeps it at 14 px the canvas is not scaled at all: the wall is stacked at
 *   1:1 (design px = CSS px) to the screen's width, the three scenes one under the other, and the page scrolls down
 *   (never sideways). The wall sizes above are all at or above that scale, so they are laid out as before.
 */
export const DESIGN_WIDTH = 1920;
export const DESIGN_HEIGHT = 1080;
/** Design width from which all three scenes fit side by side (a 3×1 wall of 16:9 panels, with a little slack). */
export const TRIPTYCH_MIN_WIDTH = DESIGN_WIDTH * 3 * 0.95;
/** The smallest text on the design canvas (secondary text and footnotes, wall.module.css) in design px. */
export const SMALLEST_DESIGN_TEXT_PX = 18;
/** The least a reader should get on screen, in CSS px: below it the wall stacks at 1:1 instead of scaling down. */
export const MIN_SCREEN_TEXT_PX = 14;
/** The scale below which the canvas's smallest text would be under MIN_SCREEN_TEXT_PX. */
export const STACK_BELOW_SCALE = MIN_SCREEN_TEXT_PX / SMALLEST_DESIGN_TEXT_PX;

export interface WallLayout {
  /** Screen pixels per design pixel. */
  scale: number;
  /**
   * Canvas size in design pixels: height 1080, except when stacked, where it is the screen's size (the least height:
   * the stacked canvas grows downward with its content).
   */
  canvasWidth: number;
  canvasHeight: number;
  /** Offset of the scaled canvas inside the viewport, screen pixels (letterbox bands). */
  offsetX: number;
  offsetY: number;
  mode: 'rotate' | 'triptych' | 'stack';
}

/** 1:1 to the screen's width, the scenes one under the other (see the module's note). */
function stacked(vw: number, vh: number): WallLayout {
  return { scale: 1, canvasWidth: Math.floor(vw), canvasHeight: Math.floor(vh), offsetX: 0, offsetY: 0, mode: 'stack' };
}

export function wallLayout(viewportWidth: number, viewportHeight: number): WallLayout {
  const vw = Number.isFinite(viewportWidth) && viewportWidth > 0 ? viewportWidth : DESIGN_WIDTH;
  const vh = Number.isFinite(viewportHeight) && viewportHeight > 0 ? viewportHeight : DESIGN_HEIGHT;
  if (vw / vh <= DESIGN_WIDTH / DESIGN_HEIGHT) {
    const scale = vw / DESIGN_WIDTH;
    if (scale < STACK_BELOW_SCALE) return stacked(vw, vh);
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
  if (scale < STACK_BELOW_SCALE) return stacked(vw, vh);
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
