import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../core/contract/users-api';
import { actionLabel } from './admin-messages';

describe('audit action labels', () => {
  it('words every action of the contract in both languages, never as its raw name', () => {
    for (const action of AUDIT_ACTIONS) {
      expect(actionLabel('zh', action)).not.toBe(action);
      expect(actionLabel('en', action)).not.toBe(action);
    }
    expect(actionLabel('en', 'sign-in-failed')).toBe('Failed sign-in');
    expect(actionLabel('zh', 'thresholds-revert')).toBe('恢复阈值');
  });

  it('shows an action it does not know (a newer server’s) as the server names it', () => {
    expect(actionLabel('en', 'key-rotate')).toBe('key-rotate');
    expect(actionLabel('en', 'toString')).toBe('toString');
  });
});
