import { describe, expect, it } from 'vitest';
import { beijingInputToMs } from './AuditTab';
import { auditCsvUrl, auditQuery } from './admin-client';

describe('audit period', () => {
  it('reads a datetime-local value as Beijing time, whatever the browser zone', () => {
    expect(beijingInputToMs('2026-12-02T08:30')).toBe(Date.UTC(2026, 11, 2, 0, 30));
    expect(beijingInputToMs('2026-01-01T00:00')).toBe(Date.UTC(2025, 11, 31, 16, 0));
  });

  it('leaves an empty or malformed value unbounded', () => {
    expect(beijingInputToMs('')).toBeUndefined();
    expect(beijingInputToMs('2026-12-02')).toBeUndefined();
    expect(beijingInputToMs('yesterday')).toBeUndefined();
  });

  it('asks the table and the CSV for the same period', () => {
    const range = { fromMs: 1000, toMs: 2000 };
    expect(auditQuery(range, 50)).toBe('from=1000&to=2000&limit=50');
    expect(auditCsvUrl(range)).toBe(`/api/audit.csv?${auditQuery(range)}`);
    expect(auditQuery({})).toMatch(/^limit=\d+$/);
  });
});
