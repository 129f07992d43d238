/** Below the header: the service's error with a retry, the loading state, or the report of the shown period. */
import type { AreaConfig } from '../../../core/config/area-schema';
import type { Lang } from '../../../core/lang';
import { Notice } from './Notice';
import { ProgressReport } from './ProgressReport';
import type { Period } from './period';
import { rangeText } from './period-view';
import styles from './progress.module.css';
import type { LoadedProgress } from './progress-data';
import { progressTr } from './progress-messages';
import { errorText } from './report-notices';
import type { ProgressDataState } from './use-progress-data';

interface Props {
  state: ProgressDataState;
  /** The load of the period in the URL, once it is there. */
  shown: LoadedProgress | null;
  period: Period;
  area: AreaConfig;
  lang: Lang;
  baseUrl: string;
  onRetry: () => void;
}

export function ProgressBody({ state, shown, period, area, lang, baseUrl, onRetry }: Props) {
  const tr = progressTr(lang);
  if (state.error) {
    return (
      <div className={styles.stateBox} data-testid="progress-error" data-kind={state.error.kind}>
        <Notice kind="error">{errorText(state.error, lang, baseUrl)}</Notice>
        <button type="button" className={styles.button} onClick={onRetry} data-testid="retry">
          {tr('action.retry')}
        </button>
      </div>
    );
  }
  if (!shown) {
    return (
      <div className={styles.stateBox} role="status" aria-busy="true" data-testid="progress-loading">
        <span className={styles.spinner} aria-hidden="true" />
        {tr('state.loading', { range: rangeText(period.fromMs, period.toMs) })}
      </div>
    );
  }
  return <ProgressReport loaded={shown} area={area} lang={lang} updating={state.loading} />;
}
