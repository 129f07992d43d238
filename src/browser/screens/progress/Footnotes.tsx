/** Definitions and factors with their full citations, the data source and the covered window (printed too). */
import type { AreaConfig } from '../../../core/config/area-schema';
import type { Lang } from '../../../core/lang';
import { formatDateTime } from '../../../core/time/shanghai';
import { budgetFootnote, footnotes, methodNotes } from './factor-notes';
import { periodYear, rangeText } from './period-view';
import styles from './progress.module.css';
import type { LoadedProgress } from './progress-data';
import { progressTr } from './progress-messages';

interface Props {
  area: AreaConfig;
  lang: Lang;
  loaded: LoadedProgress;
  baseUrl: string;
  cutMs: number;
}

export function Footnotes({ area, lang, loaded, baseUrl, cutMs }: Props) {
  const tr = progressTr(lang);
  const budget = budgetFootnote(area, periodYear(loaded.period), lang);
  return (
    <section className={styles.footnotes} data-testid="progress-footnotes">
      <h2 className={styles.sectionTitle}>{tr('factor.title')}</h2>
      <ul>
        {footnotes(area, lang).map(({ note, source }) => (
          <li key={note}>
            <strong>{note}</strong> — {tr('factor.source')}: {source}
          </li>
        ))}
        {budget ? <li>{budget}</li> : null}
      </ul>
      <ul data-testid="progress-method-notes">
        {methodNotes(area, periodYear(loaded.period), lang).map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
      <p>{tr('factor.dataSource', { url: baseUrl, time: formatDateTime(loaded.nowMs) })}</p>
      <p className={styles.muted}>{rangeText(loaded.period.fromMs, cutMs)}</p>
    </section>
  );
}
