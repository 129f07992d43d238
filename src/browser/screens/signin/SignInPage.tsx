/**
 * The sign-in page (/signin): user name and password, then back to the page that sent here (`?next=`, a path of this
 * site only). `?denied=1`: the signed-in user's role may not open that page. A full page load follows a sign-in so
 * every screen starts with the session's run-time configuration (its MQTT user). Names are rendered as text.
 */
import { type FormEvent, useState } from 'react';
import { USER_NAME_MAX } from '../../../core/contract/users-api';
import { langFromSearch } from '../../../core/lang';
import { signIn, signOut, useSession } from '../../live/session';
import { CardPage } from '../../ui/components/CardPage';
import { useLocation } from '../../ui/routing/router';
import styles from './signin.module.css';
import { signInTr } from './signin-messages';

/** Only a path on this site: never `//host` or a scheme, so the page cannot be used to send people elsewhere. */
export function safeNext(raw: string | null): string {
  if (!raw?.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/dispatch';
  return raw;
}

type Problem = { kind: 'invalid' } | { kind: 'limited'; retryAfterS: number } | { kind: 'error'; detail: string };

export default function SignInPage() {
  const { search } = useLocation();
  const lang = langFromSearch(search);
  const tr = signInTr(lang);
  const params = new URLSearchParams(search);
  const next = safeNext(params.get('next'));
  const session = useSession();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const langQuery = lang === 'en' ? 'lang=en' : '';

  const goNext = () => {
    const url = new URL(next, window.location.origin);
    if (lang === 'en' && !url.searchParams.has('lang')) url.searchParams.set('lang', 'en');
    window.location.assign(`${url.pathname}${url.search}`);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const outcome = await signIn(name.trim(), password);
    setBusy(false);
    if (outcome.kind === 'ok') return goNext();
    setPassword('');
    setProblem(outcome);
  };

  const problemText = (p: Problem) =>
    p.kind === 'invalid'
      ? tr('invalid')
      : p.kind === 'limited'
        ? tr('limited', { s: p.retryAfterS })
        : tr('error', { detail: p.detail });

  const signedIn = session.kind === 'signed-in' ? session.user : null;
  return (
    <CardPage lang={lang} title={tr('title')} testId="signin">
      <p className={styles.subtitle}>{tr('subtitle')}</p>
      {signedIn ? (
        <>
          <p className={styles.notice} data-testid="signin-current">
            {params.get('denied')
              ? tr('denied', { name: signedIn.name, role: tr(`role.${signedIn.role}`) })
              : tr('signedInAs', { name: signedIn.name, role: tr(`role.${signedIn.role}`) })}
          </p>
          <button
            type="button"
            className={styles.secondary}
            data-testid="signin-signout"
            onClick={() => void signOut()}
          >
            {tr('signOut')}
          </button>
        </>
      ) : (
        <form className={styles.form} onSubmit={submit}>
          <label className={styles.field}>
            {tr('name')}
            <input
              name="username"
              autoComplete="username"
              required
              maxLength={USER_NAME_MAX}
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="signin-name"
            />
          </label>
          <label className={styles.field}>
            {tr('password')}
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              data-testid="signin-password"
            />
          </label>
          {problem ? (
            <p className={styles.problem} role="alert" data-testid="signin-problem">
              {problemText(problem)}
            </p>
          ) : null}
          <button type="submit" className={styles.submit} disabled={busy} data-testid="signin-submit">
            {busy ? tr('submitting') : tr('submit')}
          </button>
        </form>
      )}
      <div className={styles.links}>
        <a href={`/wall${langQuery ? `?${langQuery}` : ''}`}>{tr('toWall')}</a>
        <a
          href={`/signin?${new URLSearchParams({ ...Object.fromEntries(params), lang: lang === 'en' ? 'zh' : 'en' })}`}
        >
          {lang === 'en' ? '中文' : 'English'}
        </a>
      </div>
    </CardPage>
  );
}
