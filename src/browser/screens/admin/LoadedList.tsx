/**
 * A tab's list as the server gives it (the users, the audit log): the last load's refusal in words, above the list
 * shown before it if there is one, and "Loading…" until the first answer. The tab draws the list.
 */
import type { ReactNode } from 'react';
import type { Lang } from '../../../core/lang';
import styles from './admin.module.css';
import type { AdminOutcome } from './admin-client';
import { adminTr } from './admin-messages';
import { outcomeText } from './users-notice';

interface Props<T> {
  lang: Lang;
  /** null until the first load answers. */
  list: T | null;
  problem: Exclude<AdminOutcome<unknown>, { kind: 'ok' }> | null;
  problemTestId: string;
  children: (list: T) => ReactNode;
}

export function LoadedList<T>({ lang, list, problem, problemTestId, children }: Props<T>) {
  return (
    <>
      {problem ? (
        <p className={styles.problem} role="alert" data-testid={problemTestId}>
          {outcomeText(lang, problem)}
        </p>
      ) : null}
      {list ? children(list) : problem ? null : <p className={styles.muted}>{adminTr(lang)('loading')}</p>}
    </>
  );
}
