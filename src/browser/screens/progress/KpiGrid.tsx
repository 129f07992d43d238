/** One tile per figure for the whole area: value, last year and the change, an extra note, and its factor. */
import type { AreaConfig } from '../../../core/config/area-schema';
import type { Lang } from '../../../core/lang';
import { type Accent, KpiTile } from '../../ui/components/KpiTile';
import { factorNote } from './factor-notes';
import { formatChange, formatFigure } from './figure-format';
import { kpiNotes } from './kpi-notes';
import type { Period } from './period';
import styles from './progress.module.css';
import { FIGURE_IDS, type FigureId, type ProgressFigures } from './progress-figures';
import { FIGURE_LABEL, progressTr } from './progress-messages';

const FIGURE_ACCENT: Record<FigureId, Accent> = {
  consumption: 'load',
  pv: 'pv',
  gridImport: 'load',
  cleanShare: 'clean',
  localGreenShare: 'clean',
  co2Emitted: 'neutral',
  co2AvoidedByPv: 'carbon',
  evEnergy: 'ev',
  evNetCo2Avoided: 'ev',
  coalSaved: 'carbon',
};

interface Props {
  figures: ProgressFigures;
  period: Period;
  cutMs: number;
  area: AreaConfig;
  lang: Lang;
}

export function KpiGrid({ figures, period, cutMs, area, lang }: Props) {
  const tr = progressTr(lang);
  const extra = kpiNotes(figures, period, cutMs, area, lang);
  return (
    <section className={styles.kpis} data-testid="progress-kpis">
      {FIGURE_IDS.map((id) => {
        const c = figures.comparisons[id].area;
        const v = formatFigure(id, c.current, lang);
        return (
          <KpiTile
            key={id}
            testId={`kpi-${id}`}
            accent={FIGURE_ACCENT[id]}
            label={tr(FIGURE_LABEL[id])}
            value={v.value}
            unit={v.unit}
            sub={
              <>
                <span className={styles.kpiCompare}>
                  {tr('kpi.lastYear', { value: formatFigure(id, c.lastYear, lang).text })} ·{' '}
                  <span className="num" data-testid={`kpi-${id}-change`}>
                    {c.change === null ? tr('kpi.noComparison') : formatChange(c, lang)}
                  </span>
                </span>
                {extra[id] ? <span className={styles.kpiExtra}>{extra[id]}</span> : null}
                <span className={styles.kpiFactor} data-testid={`kpi-${id}-factor`}>
                  {factorNote(area, id, 'area', lang)}
                </span>
              </>
            }
          />
        );
      })}
    </section>
  );
}
