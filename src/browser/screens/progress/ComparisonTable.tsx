/** Every figure for the area, Sichuan and Chongqing: this period, last year and the change, with the factors. */
import type { AreaConfig } from '../../../core/config/area-schema';
import type { Scope } from '../../../core/domain/scope';
import type { Lang } from '../../../core/lang';
import { scopeMessageId, t } from '../../ui/i18n/messages';
import { efNote, rowFactor } from './factor-notes';
import { formatChange, formatFigure } from './figure-format';
import styles from './progress.module.css';
import { FIGURE_IDS, type ProgressFigures } from './progress-figures';
import { FIGURE_LABEL, progressTr } from './progress-messages';

const SCOPES: Scope[] = ['area', 'sc', 'cq'];

export function ComparisonTable({ figures, area, lang }: { figures: ProgressFigures; area: AreaConfig; lang: Lang }) {
  const tr = progressTr(lang);
  return (
    <section className={styles.tableCard}>
      <h2 className={styles.sectionTitle}>{tr('table.title')}</h2>
      <table className={styles.table} data-testid="progress-table">
        <thead>
          <tr>
            <th rowSpan={2} className={styles.figureCol}>
              {tr('table.figure')}
            </th>
            {SCOPES.map((s) => (
              <th key={s} colSpan={3} className={styles.scopeHead} data-scope={s}>
                {t(lang, scopeMessageId(s))}
                <span className={styles.scopeFactor}>
                  {s === 'area' ? tr('factor.areaSum') : efNote(area, s, lang)}
                </span>
              </th>
            ))}
          </tr>
          <tr>
            {SCOPES.flatMap((s) => [
              <th key={`${s}-c`}>{tr('table.current')}</th>,
              <th key={`${s}-l`}>{tr('table.lastYear')}</th>,
              <th key={`${s}-d`}>{tr('table.change')}</th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {FIGURE_IDS.map((id) => (
            <tr key={id} data-testid={`row-${id}`}>
              <th scope="row" className={styles.figureCol}>
                {tr(FIGURE_LABEL[id])}
                <span className={styles.rowFactor}>{rowFactor(area, id, lang)}</span>
              </th>
              {SCOPES.flatMap((s) => {
                const c = figures.comparisons[id][s];
                return [
                  <td key={`${s}-c`} className="num" data-testid={`cell-${id}-${s}`}>
                    {formatFigure(id, c.current, lang).text}
                  </td>,
                  <td key={`${s}-l`} className={`num ${styles.muted}`}>
                    {formatFigure(id, c.lastYear, lang).text}
                  </td>,
                  <td key={`${s}-d`} className="num">
                    {formatChange(c, lang)}
                  </td>,
                ];
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
