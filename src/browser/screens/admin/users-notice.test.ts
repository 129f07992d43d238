import { describe, expect, it } from 'vitest';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, USER_NAME_MAX } from '../../../core/contract/users-api';
import { noticeText, outcomeText, problemText } from './users-notice';

describe('users tab texts', () => {
  it('a rule says its own numbers', () => {
    expect(problemText('en', 'password-short')).toBe(`A password has at least ${MIN_PASSWORD_LENGTH} characters.`);
    expect(problemText('en', 'password-long')).toBe(`A password has at most ${MAX_PASSWORD_LENGTH} characters.`);
    expect(problemText('zh', 'name-length')).toBe(`用户名须为 1–${USER_NAME_MAX} 个字符。`);
  });

  it('a 409 for a name that exists says the name is taken; another 409 shows the server’s words', () => {
    const taken = { kind: 'rejected', status: 409, detail: 'user 李 exists already' } as const;
    expect(outcomeText('en', taken, '李')).toBe('The name 李 is taken.');
    const last = outcomeText('en', { kind: 'rejected', status: 409, detail: 'the last administrator' });
    expect(last).toContain('the last administrator');
    expect(last).toContain('409');
  });

  it('a 400 naming a rule uses the rule’s words; naming a field, the field’s', () => {
    expect(outcomeText('en', { kind: 'invalid', field: 'password', problem: 'password-short', detail: 'x' })).toBe(
      problemText('en', 'password-short'),
    );
    expect(outcomeText('en', { kind: 'invalid', field: 'role', detail: 'no such role' })).toBe(
      'Role not accepted: no such role',
    );
  });

  it('an answer naming no rule or field (the audit log’s) reads as the server’s plain refusal', () => {
    const badRange = { kind: 'invalid', field: '', detail: 'from, to: milliseconds; limit: 1–100000' } as const;
    expect(outcomeText('en', badRange)).toBe('Request not accepted: from, to: milliseconds; limit: 1–100000');
    expect(outcomeText('en', { kind: 'denied', status: 403 })).toBe('Not allowed: sign in as an administrator.');
    expect(outcomeText('en', { kind: 'unreachable', detail: 'HTTP 502' })).toBe('The server did not answer: HTTP 502');
    expect(outcomeText('en', { kind: 'rejected', status: 404, detail: 'gone' })).toBe(
      'Refused by the server (404): gone',
    );
  });

  it('a notice is re-worded in the language shown, with the role in words', () => {
    const added = { tone: 'ok', id: 'add.done', name: '张调度', role: 'admin' } as const;
    expect(noticeText('en', added)).toBe('Added 张调度 (Administrator).');
    expect(noticeText('zh', added)).toBe('已添加用户 张调度（管理员）。');
    expect(noticeText('en', { tone: 'ok', id: 'remove.done', name: 'a' })).toBe('Removed a.');
  });
});
