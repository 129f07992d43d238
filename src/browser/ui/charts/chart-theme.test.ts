import { describe, expect, it } from 'vitest';
import { chartTextStyle } from './chart-base';
import { rootCustomProperties, TEST_PALETTE } from './chart-palette-test-fixture';
import { CHART_PALETTE_PROPERTIES, readChartPalette } from './chart-theme';

describe('chart palette', () => {
  it('reads every entry from a custom property theme.css declares', () => {
    for (const [key, value] of Object.entries(TEST_PALETTE)) expect(value, key).not.toBe('');
    expect(Object.keys(TEST_PALETTE)).toEqual(Object.keys(CHART_PALETTE_PROPERTIES));
  });
  it('trims what getPropertyValue returns', () => {
    const p = readChartPalette(() => ' #123456 ');
    expect(p.load).toBe('#123456');
  });
  it('gives charts the muted text colour of theme.css', () => {
    expect(chartTextStyle(TEST_PALETTE).color).toBe(TEST_PALETTE.textMuted);
  });
  it('parses only the :root block, without comments', () => {
    const props = rootCustomProperties(':root { --a: #fff; /* --b: #000; */ --c: rgba(1, 2, 3, 0.5); } .x { --d: 1; }');
    expect([...props]).toEqual([
      ['--a', '#fff'],
      ['--c', 'rgba(1, 2, 3, 0.5)'],
    ]);
  });
});
