/**
 * The frame both diagnostics panels share (the dispatcher's raw stream, a public page's live core): the accepted and
 * rejected counts, the connection's details, the counts per reject reason and the last rejected message. Takes its
 * data as props; untrusted text (topics, details, errors) is rendered by React as text, never as HTML.
 */
import type { ReactNode } from 'react';
import type { RejectReason } from '../../../core/contract/validate';
import { formatClock } from '../../../core/time/shanghai';
import { useLang } from '../i18n/lang-context';
import { t } from '../i18n/messages';
import type { ConnectionPhase } from './ConnectionBadge';
import styles from './diagnostics-frame.module.css';

interface Rejection<R extends RejectReason> {
  topic: string;
  reason: R;
  detail: string;
  atMs: number;
}

/** A store's own counts, as both stores keep them (the ingest's raw stream, the live core). */
export interface IngestCounts<R extends RejectReason> {
  accepted: number;
  rejectedTotal: number;
  rejected: Record<R, number>;
  lastRejected: Rejection<R> | null;
  /** Recent rejections, oldest first (listed newest first when there is more than the last one). */
  recentRejected?: readonly Rejection<R>[];
}

interface Props<R extends RejectReason> {
  counts: IngestCounts<R>;
  reasons: readonly R[];
  connection: { url: string; phase: ConnectionPhase; attempts: number; lastError: string | null };
  /** More rows of the stats list, between the counts and the connection. */
  stats?: ReactNode;
  onClose?: () => void;
}

export function DiagnosticsFrame<R extends RejectReason>(p: Props<R>) {
  const lang = useLang();
  const conn = p.connection;
  const last = p.counts.lastRejected;
  return (
    <aside className={styles.panel} data-testid="diagnostics" aria-label={t(lang, 'diagnostics')}>
      <header className={styles.head}>
        <h2>{t(lang, 'diagnostics')}</h2>
        {p.onClose ? (
          <button type="button" className={styles.close} onClick={p.onClose} aria-label="close">
            ✕
          </button>
        ) : null}
      </header>
      <dl className={styles.stats}>
        <dt>{t(lang, 'diag.accepted')}</dt>
        <dd className="num" data-testid="diag-accepted">
          {p.counts.accepted}
        </dd>
        <dt>{t(lang, 'rejectedMessages')}</dt>
        <dd className="num" data-testid="diag-rejected-total">
          {p.counts.rejectedTotal}
        </dd>
        {p.stats}
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
          {p.reasons.map((r) => (
            <tr key={r} data-testid={`diag-reason-${r}`} data-count={p.counts.rejected[r]}>
              <td>{t(lang, `reject.${r}`)}</td>
              <td className="num">{p.counts.rejected[r]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {last ? (
        <div className={styles.last} data-testid="diag-last-rejected">
          <h3>{t(lang, 'diag.lastRejected')}</h3>
          <p>
            <code data-testid="diag-last-topic">{last.topic}</code>
          </p>
          <p>
            {t(lang, `reject.${last.reason}`)} — {last.detail}
          </p>
          <p className={styles.when}>{formatClock(last.atMs, lang)}</p>
        </div>
      ) : null}
      {p.counts.recentRejected && p.counts.recentRejected.length > 1 ? (
        <ol className={styles.recent}>
          {[...p.counts.recentRejected].reverse().map((r) => (
            <li key={`${r.atMs}-${r.topic}-${r.reason}-${r.detail}`}>
              <span className="num">{formatClock(r.atMs, lang)}</span> <code>{r.topic}</code> · {r.reason}
            </li>
          ))}
        </ol>
      ) : null}
    </aside>
  );
}
