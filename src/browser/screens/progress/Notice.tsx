/** A line the report says about its data: an error (announced at once), a warning or a note. */
import type { ReactNode } from 'react';
import styles from './progress.module.css';
import type { NoticeKind } from './report-notices';

const ICON: Record<NoticeKind, string> = { error: '✕', warn: '⚠', info: 'ℹ' };

export function Notice({ kind, children, testId }: { kind: NoticeKind; children: ReactNode; testId?: string }) {
  return (
    <p className={styles.notice} data-kind={kind} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <span aria-hidden="true">{ICON[kind]}</span> {children}
    </p>
  );
}
