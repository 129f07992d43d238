/**
 * What the ingest refused and why: counts by reason, the last rejected topic with its reason, recent rejections,
 * duplicates dropped, message rate and the connection's details. All untrusted text (topics, details) is rendered
 * by React as text, never as HTML.
 */

import { REJECT_REASONS } from '../../../core/contract/validate';
import { formatClock } from '../../../core/time/shanghai';
import { useConnectionState, useTelemetry } from '../../live/runtime-context';
import { useLang } from '../../ui/i18n/lang-context';
import { t } from '../../ui/i18n/messages';
import styles from './diagnostics.module.css';

export function DiagnosticsPanel({ onClose }: { onClose?: () => void }) {
  const snap = useTelemetry();
  const conn = useConnectionState();
  const lang = useLang();
  const d = snap.diagnostics;
  return (
    <aside className={styles.panel} data-testid="diagnostics" aria-label={t(lang, 'diagnostics')}>
      <header className={styles.head}>
        <h2>{t(lang, 'diagnostics')}</h2>
        {onClose ? (
          <button type="button" className={styles.close} onClick={onClose} aria-label="close">
            ✕
          </button>
        ) : null}
      </header>
      <dl className={styles.stats}>
        <dt>{t(lang, 'diag.accepted')}</dt>
        <dd className="num" data-testid="diag-accepted">
          {d.accepted}
        </dd>
        <dt>{t(lang, 'rejectedMessages')}</dt>
        <dd className="num" data-testid="diag-rejected-total">
          {d.rejectedTotal}
        </dd>
        <dt>{t(lang, 'diag.duplicates')}</dt>
        <dd className="num">{d.duplicates}</dd>
        <dt>{t(lang, 'diag.rate')}</dt>
        <dd className="num">{d.messagesPerSecond} /s</dd>
        <dt>{t(lang, 'diag.streamLag')}</dt>
        <dd className="num" data-testid="diag-stream-lag">
          {(d.streamLagMs / 1000).toFixed(1)} s
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
      <table className={styles.reasons}>
        <thead>
          <tr>
            <th>{t(lang, 'diag.reason')}</th>
            <th>{t(lang, 'diag.count')}</th>
          </tr>
        </thead>
        <tbody>
          {REJECT_REASONS.map((r) => (
            <tr key={r} data-testid={`diag-reason-${r}`} data-count={d.rejected[r]}>
              <td>{t(lang, `reject.${r}`)}</td>
              <td className="num">{d.rejected[r]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.lastRejected ? (
        <div className={styles.last} data-testid="diag-last-rejected">
          <h3>{t(lang, 'diag.lastRejected')}</h3>
          <p>
            <code data-testid="diag-last-topic">{d.lastRejected.topic}</code>
          </p>
          <p>
            {t(lang, `reject.${d.lastRejected.reason}`)} — {d.lastRejected.detail}
          </p>
          <p className={styles.when}>{formatClock(d.lastRejected.atMs, lang)}</p>
        </div>
      ) : null}
      {d.recentRejected.length > 1 ? (
        <ol className={styles.recent}>
          {[...d.recentRejected].reverse().map((r) => (
            <li key={`${r.atMs}-${r.topic}-${r.reason}-${r.detail}`}>
              <span className="num">{formatClock(r.atMs, lang)}</span> <code>{r.topic}</code> · {r.reason}
            </li>
          ))}
        </ol>
      ) : null}
    </aside>
  );
}
