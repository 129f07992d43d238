import { describe, expect, it } from 'vitest';
import { csvField, csvNumber, csvText, shanghaiIso } from './csv';

describe('the CSV writer', () => {
  it('quotes only fields holding a comma, quote or line break, doubling quotes', () => {
    expect(csvField('10 kV')).toBe('10 kV');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('ends every line with CRLF', () => {
    expect(
      csvText([
        ['a', 'b'],
        ['1', '2,5'],
      ]),
    ).toBe('a,b\r\n1,"2,5"\r\n');
  });

  it('writes numbers plain and rounded, nothing for a missing value', () => {
    expect(csvNumber(1234.56789)).toBe('1234.568');
    expect(csvNumber(2.5, 0)).toBe('3');
    expect(csvNumber(null)).toBe('');
    expect(csvNumber(Number.NaN)).toBe('');
  });

  it('writes times in Beijing time with the offset', () => {
    expect(shanghaiIso(Date.UTC(2026, 11, 1, 16, 30))).toBe('2026-12-02T00:30:00+08:00');
  });
});
