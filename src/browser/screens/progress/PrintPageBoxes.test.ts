import { describe, expect, it } from 'vitest';
import { cssString, printPageCss } from './PrintPageBoxes';

describe('printed page boxes', () => {
  it('quote any title as a CSS string', () => {
    expect(cssString('a "b" \\ c')).toBe('"a \\"b\\" \\\\ c"');
  });

  it('put the title top left, the print time top right and page / pages bottom right', () => {
    const css = printPageCss('低碳发展进展 · 2026年', '打印于 2026-12-02 15:30');
    expect(css).toContain('@top-left { content: "低碳发展进展 · 2026年"');
    expect(css).toContain('@top-right { content: "打印于 2026-12-02 15:30"');
    expect(css).toContain('@bottom-right { content: counter(page) " / " counter(pages)');
  });
});
