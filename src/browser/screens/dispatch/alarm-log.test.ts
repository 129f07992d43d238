import { describe, expect, it } from 'vitest';
import { shanghaiWallToMs } from '../../../core/time/shanghai';
import { alarmLogCsvRequest, alarmLogRequest, defaultAlarmLogFilters, fromWallInput, toWallInput } from './alarm-log';

describe('alarm log filters', () => {
  it('default to the last 24 hours, every device, rule and state', () => {
    const f = defaultAlarmLogFilters(100_000_000);
    expect(f).toEqual({ fromMs: 100_000_000 - 86_400_000, toMs: null, deviceId: '', rule: '', state: '' });
    expect(alarmLogRequest(f)).toEqual({ fromMs: 100_000_000 - 86_400_000, limit: 500 });
  });

  it('send only the filters that are set (device trimmed)', () => {
    const f = { fromMs: null, toMs: 5.4, deviceId: ' gaotan-f01 ', rule: 'voltage', state: 'active' } as const;
    expect(alarmLogRequest(f)).toEqual({
      toMs: 5.4,
      deviceId: 'gaotan-f01',
      rule: 'voltage',
      state: 'active',
      limit: 500,
    });
    expect(alarmLogRequest({ ...f, toMs: Number.NaN, deviceId: '  ' })).toEqual({
      rule: 'voltage',
      state: 'active',
      limit: 500,
    });
    expect(alarmLogCsvRequest(f).limit).toBe(5000);
  });

  it("read and write the time fields in the area's wall time (Asia/Shanghai)", () => {
    const ms = shanghaiWallToMs(2026, 1, 15, 8, 30);
    expect(toWallInput(ms)).toBe('2026-01-15T08:30');
    expect(fromWallInput('2026-01-15T08:30')).toBe(ms);
    expect(fromWallInput('')).toBeNull();
    expect(toWallInput(null)).toBe('');
  });
});
