import { describe, expect, it } from 'vitest';
import { formatChange, formatFigure } from './figure-format';

describe('figures and changes as written on the report', () => {
  it('formats each figure in its own unit', () => {
    expect(formatFigure('consumption', 66_650_000, 'en').text).toBe('66.7 GWh');
    expect(formatFigure('co2Emitted', 16_203_700, 'en').text).toBe('16.2 kt');
    expect(formatFigure('cleanShare', 61.23, 'en').unit).toBe('%');
  });

  it('writes a change with its direction and kind, a square when it rounds to nothing', () => {
    expect(formatChange({ current: 1, lastYear: 1, change: 3.21, changeKind: 'pct' }, 'en')).toBe('▲ +3.2%');
    expect(formatChange({ current: 1, lastYear: 1, change: -1, changeKind: 'pp' }, 'en')).toMatch(/^▼ .1\.0 pp$/);
    expect(formatChange({ current: 1, lastYear: 1, change: 0.01, changeKind: 'pct' }, 'en')).toBe('■ 0.0%');
    expect(formatChange({ current: 1, lastYear: null, change: null, changeKind: 'pct' }, 'en')).toBe('—');
  });
});
