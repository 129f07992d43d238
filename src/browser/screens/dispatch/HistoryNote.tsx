import { formatHourMinute } from '../../../core/time/shanghai';
import { useLang } from '../../ui/i18n/lang-context';
import styles from './dispatch.module.css';
import { dt } from './dispatch-messages';
import type { DispatchHistory } from './use-dispatch-history';

/** Quiet word on where peaks and sparklines come from when the history service is not answering (not an error wall). */
export function HistoryNote({ history }: { history: DispatchHistory }) {
  const lang = useLang();
  if (history.status === 'ok') return null;
  if (history.status === 'loading')
    return (
      <span className={styles.historyNote} data-testid="history-note" data-status="loading">
        {dt(lang, 'history.loading')}
      </span>
    );
  return (
    <span
      className={styles.historyNote}
      data-testid="history-note"
      data-status="unavailable"
      title={history.error ?? undefined}
    >
      {history.asOfMs === null
        ? dt(lang, 'history.liveOnly')
        : `${dt(lang, 'history.asOf')} ${formatHourMinute(history.asOfMs)}`}
    </span>
  );
}
