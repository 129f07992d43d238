/**
 * The charts' palette, read from the CSS custom properties of src/browser/ui/theme.css: ECharts draws on a canvas,
 * which cannot resolve `var(--…)`, so the values are read once from the document (as Home Assistant's chart base does)
 * and handed to the pure option builders as an input. Colours live only in theme.css.
 */

/** Each palette entry and the custom property it is read from. */
export const CHART_PALETTE_PROPERTIES = {
  bg: '--bg',
  panel: '--panel',
  grid: '--panel-border',
  text: '--text',
  textMuted: '--text-muted',
  textFaint: '--text-faint',
  load: '--accent-load',
  pv: '--accent-pv',
  clean: '--accent-clean',
  carbon: '--accent-carbon',
  ev: '--accent-ev',
  sc: '--province-sc',
  cq: '--province-cq',
  normal: '--state-normal',
  heavy: '--state-heavy',
  overload: '--state-overload',
  stale: '--state-stale',
  offline: '--state-offline',
  flowDot: '--chart-flow-dot',
  labelBackdrop: '--chart-label-backdrop',
  gridImport: '--chart-grid-import',
} as const;

export type ChartPalette = { readonly [K in keyof typeof CHART_PALETTE_PROPERTIES]: string };

/** Builds the palette from a custom-property reader (getComputedStyle(…).getPropertyValue, or a parsed stylesheet). */
export function readChartPalette(readProperty: (name: string) => string): ChartPalette {
  const out: Record<string, string> = {};
  for (const [key, prop] of Object.entries(CHART_PALETTE_PROPERTIES)) out[key] = readProperty(prop).trim();
  return out as ChartPalette;
}

let documentPalette: ChartPalette | null = null;

/**
 * The palette of the running page, read from the root element's computed style on first use (after theme.css has been
 * applied) and kept: the theme does not change while a screen runs.
 */
export function chartPalette(): ChartPalette {
  if (documentPalette === null) {
    const style = getComputedStyle(document.documentElement);
    documentPalette = readChartPalette((name) => style.getPropertyValue(name));
  }
  return documentPalette;
}
