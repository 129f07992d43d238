/**
 * Colours for the wall's canvases. ECharts draws on a canvas, which cannot read CSS custom properties, so these mirror
 * the tokens of src/browser/ui/theme.css (one accent per meaning, Okabe–Ito based); keep the two in step.
 */
export const WALL_PALETTE = {
  text: '#e8f0f7',
  textMuted: '#93a9bd',
  textFaint: '#5f7689',
  grid: '#1d3750',
  panel: '#0f2133',
  load: '#56b4e9',
  pv: '#f0b429',
  clean: '#2ec4a0',
  carbon: '#a3d977',
  ev: '#cc8fe0',
  sc: '#7aa2ff',
  cq: '#ff9f7a',
  normal: '#2ec4a0',
  heavy: '#ffb020',
  overload: '#ff5d5d',
  stale: '#7b8794',
  yesterday: '#5f7689',
} as const;

export type WallPalette = { [K in keyof typeof WALL_PALETTE]: string };
