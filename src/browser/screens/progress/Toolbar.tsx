/** The report's controls (screen only): period kind, previous / next, custom dates, reload, exports and print. */
import type { Lang } from '../../../core/lang';
import { CustomRange } from './CustomRange';
import { PERIOD_KINDS, type Period, type PeriodKind, shiftPeriod } from './period';
import styles from './progress.module.css';
import { CSV_KINDS, type CsvKind } from './progress-csv';
import { CSV_LABEL, PERIOD_KIND_LABEL, progressTr } from './progress-messages';

interface Props {
  period: Period;
  lang: Lang;
  nowMs: number;
  exportDisabled: boolean;
  onChoose: (kind: PeriodKind) => void;
  onGo: (p: Period) => void;
  onCsv: (what: CsvKind) => void;
  /** The reliability section's CSV (its own data: the year's outage records). */
  reliabilityCsvDisabled: boolean;
  onReliabilityCsv: () => void;
  onReload: () => void;
}

export function Toolbar({
  period,
  lang,
  nowMs,
  exportDisabled,
  onChoose,
  onGo,
  onCsv,
  reliabilityCsvDisabled,
  onReliabilityCsv,
  onReload,
}: Props) {
  const tr = progressTr(lang);
  const next = shiftPeriod(period, 1);
  return (
    <div className={`${styles.toolbar} ${styles.screenOnly}`}>
      <fieldset className={styles.segmented} aria-label={tr('period.picker')}>
        {PERIOD_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            aria-pressed={period.kind === kind}
            data-testid={`period-${kind}`}
            onClick={() => onChoose(kind)}
          >
            {tr(PERIOD_KIND_LABEL[kind])}
          </button>
        ))}
      </fieldset>
      <div className={styles.nav}>
        <button
          type="button"
          className={styles.button}
          data-testid="period-prev"
          onClick={() => onGo(shiftPeriod(period, -1))}
        >
          ‹ {tr('period.previous')}
        </button>
        <button
          type="button"
          className={styles.button}
          data-testid="period-next"
          disabled={next.fromMs > nowMs}
          onClick={() => onGo(next)}
        >
          {tr('period.next')} ›
        </button>
      </div>
      {period.kind === 'custom' ? (
        <CustomRange key={`${period.fromMs}-${period.toMs}`} period={period} lang={lang} onGo={onGo} />
      ) : null}
      <div className={styles.nav}>
        <button type="button" className={styles.button} onClick={onReload} data-testid="reload">
          {tr('action.reload')}
        </button>
        {CSV_KINDS.map((what) => (
          <button
            key={what}
            type="button"
            className={styles.button}
            disabled={exportDisabled}
            title={tr('action.csvNote')}
            data-testid={`csv-${what}`}
            onClick={() => onCsv(what)}
          >
            {tr(CSV_LABEL[what])}
          </button>
        ))}
        <button
          type="button"
          className={styles.button}
          disabled={reliabilityCsvDisabled}
          data-testid="csv-reliability"
          onClick={onReliabilityCsv}
        >
          {tr('rel.csv')}
        </button>
        <button type="button" className={styles.button} data-testid="print" onClick={() => window.print()}>
          {tr('action.print')}
        </button>
      </div>
    </div>
  );
}
