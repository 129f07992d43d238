/**
 * What the users tab says: a credential rule's words with the rule's own numbers, and a server's answer (a taken name,
 * the last administrator, oneself, unreachable) in the page's language; the audit tab says its server's answer with
 * the same words. Pure; a notice is kept as data so a change of language re-words it.
 */
import {
  type CredentialProblem,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  USER_NAME_MAX,
} from '../../../core/contract/users-api';
import type { Lang } from '../../../core/lang';
import type { AdminOutcome } from './admin-client';
import { type AdminMessageId, adminTr } from './admin-messages';
import type { Role } from './users-columns';

const PROBLEM_LABEL: Record<CredentialProblem, AdminMessageId> = {
  'name-length': 'problem.name-length',
  'name-control': 'problem.name-control',
  'password-short': 'problem.password-short',
  'password-long': 'problem.password-long',
};

/** A rule's words in the page's language, with the rule's own numbers. */
export function problemText(lang: Lang, problem: CredentialProblem): string {
  return adminTr(lang)(PROBLEM_LABEL[problem], {
    max: problem === 'name-length' ? USER_NAME_MAX : MAX_PASSWORD_LENGTH,
    min: MIN_PASSWORD_LENGTH,
  });
}

/** Kept as data, not text, so a change of language re-words it. */
export type Notice =
  | { tone: 'ok'; id: 'add.done' | 'remove.done' | 'reset.done'; name: string; role?: Role }
  | { tone: 'problem'; outcome: Exclude<AdminOutcome<unknown>, { kind: 'ok' }>; name?: string };

/**
 * An admin API's refusal in words, for every tab that calls one (users, audit). What only a users request can meet (a
 * credential rule, a named field, a taken name) is told apart by what the answer carries, so any other answer reads as
 * the server's plain refusal.
 */
export function outcomeText(lang: Lang, o: Exclude<AdminOutcome<unknown>, { kind: 'ok' }>, name = ''): string {
  const tr = adminTr(lang);
  switch (o.kind) {
    case 'invalid':
      if (o.problem) return problemText(lang, o.problem);
      return o.field === 'name' || o.field === 'role' || o.field === 'password'
        ? tr(`invalid.${o.field}`, { detail: o.detail })
        : tr('invalid', { detail: o.detail });
    case 'denied':
      return tr('denied');
    case 'rejected':
      return o.status === 409 && /exists already/.test(o.detail)
        ? tr('problem.taken', { name })
        : tr('rejected', { status: o.status, detail: o.detail });
    case 'unreachable':
      return tr('unreachable', { detail: o.detail });
  }
}

export function noticeText(lang: Lang, n: Notice): string {
  const tr = adminTr(lang);
  return n.tone === 'ok'
    ? tr(n.id, { name: n.name, role: n.role ? tr(`role.${n.role}`) : '' })
    : outcomeText(lang, n.outcome, n.name);
}
