/**
 * Diagnostics of a public page: what its live-core store refused and why, the live service's own state and the
 * connection's details. A public page never sees a raw device message, so it has no device rejections to show (the
 * live service judges those; /dispatch's diagnostics show the raw stream's). Untrusted text is rendered as text.
 */
import { formatClock } from '../../../core/time/shanghai';
import { LIVE_REJECT_REASONS } from '../../live/live-core-store';
import { useConnectionState, useLiveCore } from '../../live/runtime-context';
import { useLang } from '../../ui/i18n/lang-context';
import { t } from '../../ui/i18n/messages';
import styles from './overview.module.css';

export function LiveCoreDiagnostics({ onClose }: { onClose?: () => void }) {
  const snap = useLiveCore();
  const conn = useConnectionState();
  const lang = useLang();
  const d = snap.diagnostics;
  const status = snap.status;
  return (
    <aside className={styles.diag} data-testid="diagnostics" aria-label={t(lang, 'diagnostics')}>
      <header className={styles.diagHead}>
        <h2>{t(lang, 'diagnostics')}</h2>
        {onClose ? (
          <button type="button" className={styles.diagClose} onClick={onClose} aria-label="close">
            ✕
          </button>
        ) : null}
      </header>
      <dl className={styles.diagStats}>
        <dt>{t(lang, 'diag.accepted')}</dt>
        <dd className="num" data-testid="diag-accepted">
          {d.accepted}
        </dd>
        <dt>{t(lang, 'rejectedMessages')}</dt>
        <dd className="num" data-testid="diag-rejected-total">
          {d.rejectedTotal}
        </dd>
        <dt>live</dt>
        <dd data-testid="diag-live-health" data-state={snap.health.state}>
          {snap.health.state}
          {status ? ` · ${status.state} · ${status.source} · ${status.publishIntervalMs} ms` : ''}
          {snap.health.lastFiguresMs !== null ? ` · ${formatClock(snap.health.lastFiguresMs, lang)}` : ''}
        </dd>
        <dt>{t(lang, 'diag.broker')}</dt>
        <dd>
          {conn.url} · {t(lang, `connection.${conn.phase}`)}
          {conn.attempts > 0 ? ` · ${conn.attempts}×` : ''}
        </dd>
        {conn.lastError ? (
          <>
            <dt>{t(lang, 'diag.lastError')}</dt>
            <dd>{conn.lastError}</dd>
          </>
        ) : null}
      </dl>
      <table className={styles.diagReasons}>
        <thead>
          <tr>
            <th>{t(lang, 'diag.reason')}</th>
            <th>{t(lang, 'diag.count')}</th>
          </tr>
        </thead>
        <tbody>
          {LIVE_REJECT_REASONS.map((r) => (
            <tr key={r} data-testid={`diag-reason-${r}`} data-count={d.rejected[r]}>
              <td>{t(lang, `reject.${r}`)}</td>
              <td className="num">{d.rejected[r]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.lastRejected ? (
        <div data-testid="diag-last-rejected">
          <h3>{t(lang, 'diag.lastRejected')}</h3>
          <p>
            <code data-testid="diag-last-topic">{d.lastRejected.topic}</code>
          </p>
          <p>
            {t(lang, `reject.${d.lastRejected.reason}`)} — {d.lastRejected.detail}
          </p>
          <p>{formatClock(d.lastRejected.atMs, lang)}</p>
        </div>
      ) : null}
    </aside>
  );
}
