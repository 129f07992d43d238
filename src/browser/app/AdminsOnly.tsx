/**
 * What a signed-in user who is not an administrator sees at /admin: a plain refusal naming who they are, in place (the
 * address stays /admin), with the way to sign in as an administrator and the way back. Nothing of the admin screen is
 * downloaded for them, and the server refuses its API anyway.
 */
import { useSession } from '../live/session';
import { CardPage } from '../ui/components/CardPage';
import { useLang } from '../ui/i18n/lang-context';
import { translate } from '../ui/i18n/messages';
import { useLocation } from '../ui/routing/router';
import styles from './admins-only.module.css';
import { signInPath } from './session-guard';
import { shellMessages } from './shell-messages';

export function AdminsOnly() {
  const lang = useLang();
  const session = useSession();
  const { pathname, search } = useLocation();
  const tr = (id: keyof typeof shellMessages, params?: Record<string, string>) =>
    translate(shellMessages, lang, id, params);
  const user = session.kind === 'signed-in' ? session.user : null;
  return (
    <CardPage lang={lang} title={tr('adminsOnly.title')} testId="admins-only" role="alert" tone="warning" width="wide">
      {user ? (
        <p className={styles.body}>{tr('adminsOnly.body', { name: user.name, role: tr(`role.${user.role}`) })}</p>
      ) : null}
      <div className={styles.links}>
        <a href={signInPath(`${pathname}${search}`, search, true)} data-testid="admins-only-signin">
          {tr('adminsOnly.switch')}
        </a>
        <a href={lang === 'en' ? '/?lang=en' : '/'}>{tr('adminsOnly.back')}</a>
      </div>
    </CardPage>
  );
}
