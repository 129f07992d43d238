/** The chrome around the desk screens: title, screen navigation, connection state, clock, language, diagnostics. */
import { type ReactNode, type RefObject, useLayoutEffect, useRef, useState } from 'react';
import { formatClock } from '../../core/time/shanghai';
import { useAnyRuntime, useConnectionState, useShellStatus } from '../live/runtime-context';
import { signOut, useSession } from '../live/session';
import { DiagnosticsPanel } from '../screens/diagnostics/DiagnosticsPanel';
import { LiveCoreDiagnostics } from '../screens/overview/LiveCoreDiagnostics';
import { ConnectionBadge } from '../ui/components/ConnectionBadge';
import { useLang } from '../ui/i18n/lang-context';
import { t, translate } from '../ui/i18n/messages';
import { NavLink, useLocation } from '../ui/routing/router';
import styles from './shell.module.css';
import { shellMessages } from './shell-messages';

function withLang(path: string, search: string): string {
  const lang = new URLSearchParams(search).get('lang');
  return lang ? `${path}?lang=${encodeURIComponent(lang)}` : path;
}

/** The same URL in the other language: every other parameter (period, filters) is kept. */
function switchLang(search: string, lang: string): string {
  const params = new URLSearchParams(search);
  params.set('lang', lang);
  return params.toString();
}

/**
 * Keeps `--shell-header-h` on the shell at the header's rendered height: the header wraps to more lines on a narrow
 * screen, and the dispatcher's console fills exactly the rest of the viewport. Written to the element, not React
 * state, so a resize does not re-render the screen.
 */
function useHeaderHeightVar(shell: RefObject<HTMLDivElement | null>, header: RefObject<HTMLElement | null>) {
  useLayoutEffect(() => {
    const h = header.current;
    const s = shell.current;
    if (!h || !s) return;
    const write = () => s.style.setProperty('--shell-header-h', `${h.getBoundingClientRect().height}px`);
    write();
    // jsdom (unit tests) has no ResizeObserver: the height written once is enough there.
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(write);
    observer.observe(h);
    return () => observer.disconnect();
  }, [shell, header]);
}

export function AppShell({ children }: { children: ReactNode }) {
  const lang = useLang();
  const connection = useConnectionState();
  const { search, pathname } = useLocation();
  const status = useShellStatus();
  // The public overview has no raw stream: its diagnostics are the live core's (what its store refused).
  const isPublic = useAnyRuntime().role === 'public';
  const [showDiag, setShowDiag] = useState(false);
  const rejected = status.rejectedTotal;
  const otherLang = lang === 'zh' ? 'en' : 'zh';
  const session = useSession();
  const shellRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLElement>(null);
  useHeaderHeightVar(shellRef, headerRef);
  // A full load of the sign-in page after signing out: no store, socket or credential of the session stays behind.
  const leave = () => void signOut().then(() => window.location.assign(lang === 'en' ? '/signin?lang=en' : '/signin'));
  return (
    <div className={styles.shell} ref={shellRef}>
      <header className={styles.header} ref={headerRef}>
        {/* The title gives way first on a narrow header (an ellipsis): the whole of it on hover. */}
        <span className={styles.title} title={t(lang, 'app.title')}>
          {t(lang, 'app.title')}
        </span>
        <nav className={styles.nav}>
          <NavLink to={withLang('/', search)} end>
            {t(lang, 'screen.overview')}
          </NavLink>
          <NavLink to={withLang('/wall', search)}>{t(lang, 'screen.wall')}</NavLink>
          <NavLink to={withLang('/dispatch', search)}>{t(lang, 'screen.dispatch')}</NavLink>
          <NavLink to={withLang('/progress', search)}>{t(lang, 'screen.progress')}</NavLink>
          {session.kind === 'signed-in' && session.user.role === 'admin' ? (
            <NavLink to={withLang('/admin', search)} data-testid="nav-admin">
              {translate(shellMessages, lang, 'nav.admin')}
            </NavLink>
          ) : null}
        </nav>
        <span className={styles.spacer} />
        <ConnectionBadge state={connection} lang={lang} />
        <button
          type="button"
          className={styles.linkButton}
          data-testid="diagnostics-toggle"
          aria-expanded={showDiag}
          onClick={() => setShowDiag((v) => !v)}
        >
          {t(lang, 'diagnostics')}
          {rejected > 0 ? ` · ${t(lang, 'rejectedMessages')} ${rejected}` : ''}
        </button>
        {session.kind === 'signed-in' ? (
          <span className={styles.user} title={translate(shellMessages, lang, 'signedInAs')}>
            <span data-testid="session-user">{session.user.name}</span>
            <button type="button" className={styles.linkButton} data-testid="sign-out" onClick={leave}>
              {translate(shellMessages, lang, 'signOut')}
            </button>
          </span>
        ) : null}
        <a className={styles.linkButton} href={`${pathname}?${switchLang(search, otherLang)}`}>
          {otherLang === 'en' ? 'English' : '中文'}
        </a>
        <span className={`${styles.clock} num`} data-testid="clock">
          {formatClock(status.nowMs || Date.now(), lang)}
        </span>
      </header>
      {showDiag ? (
        <div
          style={{
            position: 'fixed',
            right: 16,
            top: 'calc(var(--shell-header-h) + 8px)',
            width: 'min(420px, calc(100vw - 32px))',
            maxHeight: '80vh',
            zIndex: 20,
          }}
        >
          {isPublic ? (
            <LiveCoreDiagnostics onClose={() => setShowDiag(false)} />
          ) : (
            <DiagnosticsPanel onClose={() => setShowDiag(false)} />
          )}
        </div>
      ) : null}
      <main className={styles.main}>{children}</main>
    </div>
  );
}
