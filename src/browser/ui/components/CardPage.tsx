/**
 * A page that is one card in the middle of the screen, under the app's name: the sign-in page and the refusal a
 * signed-in user of another role sees in place of a screen. `tone="warning"` borders the card in the heavy-load
 * colour (a refusal, not a form); `width="wide"` gives a paragraph of text room.
 */
import type { AriaRole, ReactNode } from 'react';
import type { Lang } from '../../../core/lang';
import { t } from '../i18n/messages';
import styles from './card-page.module.css';

interface Props {
  lang: Lang;
  title: string;
  testId: string;
  role?: AriaRole;
  tone?: 'plain' | 'warning';
  width?: 'narrow' | 'wide';
  children: ReactNode;
}

export function CardPage({ lang, title, testId, role, tone = 'plain', width = 'narrow', children }: Props) {
  return (
    <main className={styles.page}>
      <div className={styles.card} data-tone={tone} data-width={width} role={role} data-testid={testId}>
        <p className={styles.app}>{t(lang, 'app.title')}</p>
        <h1 className={styles.title}>{title}</h1>
        {children}
      </div>
    </main>
  );
}
