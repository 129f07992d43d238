/**
 * For unit tests of option builders only (it reads a file with node:fs): the palette parsed from theme.css itself, as
 * the unit runner has no DOM and no CSS, so tests see the real colours without a second copy of them.
 */
import { readFileSync } from 'node:fs';
import { type ChartPalette, readChartPalette } from './chart-theme';

/** Custom properties declared in the first `:root { … }` block of a stylesheet. */
export function rootCustomProperties(css: string): Map<string, string> {
  const root = /:root\s*\{([^}]*)\}/.exec(css.replace(/\/\*[\s\S]*?\*\//g, ''))?.[1] ?? '';
  const props = new Map<string, string>();
  for (const m of root.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) props.set(m[1] as string, (m[2] as string).trim());
  return props;
}

const props = rootCustomProperties(readFileSync(new URL('../theme.css', import.meta.url), 'utf8'));

export const TEST_PALETTE: ChartPalette = readChartPalette((name) => props.get(name) ?? '');
