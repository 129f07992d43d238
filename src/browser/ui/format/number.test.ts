import { describe, expect, it } from 'vitest';
import {
  formatEnergy,
  formatMass,
  formatNumber,
  formatPct,
  formatPower,
  formatQuantity,
  numberFormatter,
  scaleEnergy,
  scaleMass,
} from './number';

describe('formatPower', () => {
  it('keeps kW below 1000 with about three significant digits', () => {
    expect(formatPower(856.4, 'zh')).toEqual({ value: '856', unit: 'kW', text: '856 kW' });
    expect(formatPower(42.37, 'en').text).toBe('42.4 kW');
    expect(formatPower(5.234, 'en').text).toBe('5.23 kW');
  });
  it('switches to MW from 1000 kW', () => {
    // 1234.5 kW / 1000 = 1.2345 MW → 1.23 MW
    expect(formatPower(1234.5, 'zh')).toEqual({ value: '1.23', unit: 'MW', text: '1.23 MW' });
    // 999.7 kW rounds to 1000 kW → shown as 1.00 MW, not '1,000 kW'
    expect(formatPower(999.7, 'en').text).toBe('1.00 MW');
  });
  it('groups thousands in both locales', () => {
    // 12 345 678 kW / 1000 = 12 345.678 MW → 12,346 MW
    expect(formatPower(12_345_678, 'zh').text).toBe('12,346 MW');
    expect(formatPower(12_345_678, 'en').text).toBe('12,346 MW');
  });
  it('keeps the sign of reverse flow and can show a plus', () => {
    expect(formatPower(-500, 'zh').text).toBe('-500 kW');
    // −2500 kW / 1000 = −2.5 MW → −2.50 MW
    expect(formatPower(-2500, 'en').text).toBe('-2.50 MW');
    expect(formatPower(300, 'en', { signed: true }).text).toBe('+300 kW');
  });
  it('never shows -0', () => {
    expect(formatPower(-0.001, 'en').text).toBe('0.00 kW');
  });
  it('gives a dash for no value', () => {
    for (const x of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatPower(x, 'zh')).toEqual({ value: '—', unit: 'kW', text: '—' });
    }
  });
  it('honours fixed decimals', () => {
    // 1500 kW = 1.5 MW → 1.5 with one decimal
    expect(formatPower(1500, 'en', { decimals: 1 }).text).toBe('1.5 MW');
  });
});

describe('formatEnergy', () => {
  it('steps kWh → MWh → GWh', () => {
    expect(formatEnergy(532, 'zh').text).toBe('532 kWh');
    // 15 300 kWh / 1000 = 15.3 MWh
    expect(formatEnergy(15_300, 'zh').text).toBe('15.3 MWh');
    // 2 500 000 kWh / 1e6 = 2.5 GWh → 2.50 GWh
    expect(formatEnergy(2_500_000, 'en').text).toBe('2.50 GWh');
  });
});

describe('formatMass', () => {
  it('steps kg → t', () => {
    expect(formatMass(850, 'zh').text).toBe('850 kg');
    // 8500 kg / 1000 = 8.5 t → 8.50 t
    expect(formatMass(8500, 'en').text).toBe('8.50 t');
  });
  it('uses 万t in Chinese and kt in English', () => {
    // 123 456 789 kg = 123 456.789 t = 12.3456789 万t → 12.3 万t
    expect(formatMass(123_456_789, 'zh')).toEqual({ value: '12.3', unit: '万t', text: '12.3 万t' });
    // 123 456 789 kg = 123.456789 kt → 123 kt
    expect(formatMass(123_456_789, 'en').text).toBe('123 kt');
    // 9 999 t stays in t in Chinese (below 1 万t): 9 999 000 kg → 9,999 t
    expect(formatMass(9_999_000, 'zh').text).toBe('9,999 t');
  });
});

describe('formatPct', () => {
  it('shows one decimal and no space before %', () => {
    expect(formatPct(62.345, 'zh')).toEqual({ value: '62.3', unit: '%', text: '62.3%' });
    expect(formatPct(100, 'en').text).toBe('100.0%');
    expect(formatPct(null, 'en').text).toBe('—');
  });
});

describe('formatNumber / formatQuantity', () => {
  it('formats plain numbers and fixed units', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(Number.NaN, 'zh')).toBe('—');
    expect(formatQuantity(10.234, 'kV', 'zh', { decimals: 2 }).text).toBe('10.23 kV');
    expect(formatQuantity(50.02, 'Hz', 'en', { decimals: 2 }).text).toBe('50.02 Hz');
  });
});

describe('scaleEnergy / scaleMass / numberFormatter', () => {
  it('keeps the value numeric in the unit the formatter picks', () => {
    expect(scaleEnergy(1_234_567)).toEqual({ value: 1.234567, unit: 'GWh' });
    // 999.7 kWh rounds to 1,000 kWh: carried over to MWh as formatEnergy does
    expect(scaleEnergy(999.7)).toEqual({ value: 0.9997, unit: 'MWh' });
    expect(formatEnergy(999.7, 'en').unit).toBe('MWh');
    expect(scaleMass(123_456_789, 'zh')).toEqual({ value: 12.3456789, unit: '万t' });
    expect(scaleMass(123_456_789, 'en')).toEqual({ value: 123.456789, unit: 'kt' });
    expect(scaleMass(null, 'zh')).toEqual({ value: null, unit: 'kg' });
    expect(scaleEnergy(Number.NaN)).toEqual({ value: null, unit: 'kWh' });
  });
  it('formats with fixed or automatic decimals', () => {
    expect(numberFormatter('en', 1)(12.345)).toBe('12.3');
    expect(numberFormatter('en')(1.2345)).toBe('1.23');
  });
});
