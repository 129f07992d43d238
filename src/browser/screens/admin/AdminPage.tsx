/**
 * The admin screen (/admin, administrators only: the route's guard in src/browser/app; the server checks every
 * request on its own): users, thresholds, the audit log and the screens, one tab at a time. The tab is in the URL
 * (`?tab=audit`), so a reload, a language switch or a link keeps it; only the visible tab is mounted and loads.
 */
import type { ReactNode } from 'react';
import type { Lang } from '../../../core/lang';
import { useLang } from '../../ui/i18n/lang-context';
import { useLocation, useNavigate } from '../../ui/routing/router';
import { AuditTab } from './AuditTab';
import styles from './admin.module.css';
import { adminTr } from './admin-messages';
import { ScreensTab } from './screens/ScreensTab';
import { ThresholdsTab } from './thresholds/ThresholdsTab';
import { UsersTab } from './UsersTab';

const TABS = ['users', 'thresholds', 'audit', 'screens'] as const;
type Tab = (typeof TABS)[number];

const TAB_BODY: Record<Tab, (lang: Lang) => ReactNode> = {
  users: (lang) => <UsersTab lang={lang} />,
  thresholds: (lang) => <ThresholdsTab lang={lang} />,
  audit: (lang) => <AuditTab lang={lang} />,
  screens: (lang) => <ScreensTab lang={lang} />,
};

export function tabFromSearch(search: string): Tab {
  const value = new URLSearchParams(search).get('tab');
  return (TABS as readonly string[]).includes(value ?? '') ? (value as Tab) : 'users';
}

export default function AdminPage() {
  const lang = useLang();
  const tr = adminTr(lang);
  const { search, pathname } = useLocation();
  const navigate = useNavigate();
  const tab = tabFromSearch(search);
  const open = (next: Tab) => {
    const params = new URLSearchParams(search);
    params.set('tab', next);
    navigate(`${pathname}?${params}`, { replace: true });
  };
  return (
    <div className={styles.page} data-testid="admin-page">
      <header className={styles.pageHeader}>
        <h1 className={styles.title}>{tr('title')}</h1>
        <p className={styles.subtitle}>{tr('subtitle')}</p>
      </header>
      <div className={styles.tabs} role="tablist" aria-label={tr('title')}>
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`admin-tab-${t}`}
            aria-selected={t === tab}
            aria-controls="admin-tab-panel"
            className={t === tab ? `${styles.tabButton} ${styles.tabActive}` : styles.tabButton}
            onClick={() => open(t)}
            data-testid={`admin-tab-${t}`}
          >
            {tr(`tab.${t}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="admin-tab-panel" aria-labelledby={`admin-tab-${tab}`} className={styles.panel}>
        {TAB_BODY[tab](lang)}
      </div>
    </div>
  );
}
