/**
 * A loaded period: its notices, KPI tiles, comparison table and charts; or why it is empty. The factors and methods
 * (Footnotes) close the page, after the dual-carbon path and reliability (ProgressPage): one methods section.
 */
import type { AreaConfig } from '../../../core/config/area-schema';
import type { Lang } from '../../../core/lang';
import { t } from '../../ui/i18n/messages';
import { ComparisonTable } from './ComparisonTable';
import { IntakeLossesLine } from './IntakeLossesLine';
import { KpiGrid } from './KpiGrid';
import { Notice } from './Notice';
import { ProgressCharts } from './ProgressCharts';
import { periodLabel } from './period-view';
import styles from './progress.module.css';
import { csvFileName } from './progress-csv';
import type { LoadedProgress } from './progress-data';
import { hasAnyData } from './progress-figures';
import { progressTr } from './progress-messages';
import { emptyText, reportNotices } from './report-notices';
import { useProgressReport } from './use-progress-report';

interface Props {
  loaded: LoadedProgress;
  area: AreaConfig;
  lang: Lang;
  /** A newer load is on its way: this one stays until it arrives. */
  updating: boolean;
}

export function ProgressReport({ loaded, area, lang, updating }: Props) {
  const tr = progressTr(lang);
  const { figures, series, step, cutMs, charts } = useProgressReport(loaded, area, lang);

  if (!hasAnyData(loaded.current)) {
    return (
      <div className={styles.stateBox} data-testid="progress-empty">
        <Notice kind="info">{emptyText(loaded, lang)}</Notice>
      </div>
    );
  }

  const fileStem = csvFileName(loaded.period, 'detail').replace(/-detail\.csv$/, '');
  return (
    <div className={styles.report} data-testid="progress-report" data-updating={updating ? 'true' : undefined}>
      {updating ? <p className={`${styles.updating} ${styles.screenOnly}`}>{tr('state.updating')}</p> : null}
      {reportNotices(loaded, figures, step, lang).map((n) => (
        <Notice key={n.key} kind={n.kind} testId={n.testId}>
          {n.text}
        </Notice>
      ))}
      <KpiGrid figures={figures} period={loaded.period} cutMs={cutMs} area={area} lang={lang} />
      <IntakeLossesLine period={loaded.period} nowMs={loaded.nowMs} />
      <ComparisonTable figures={figures} area={area} lang={lang} />
      <ProgressCharts
        charts={charts}
        lang={lang}
        fileStem={fileStem}
        exportSubtitle={`${t(lang, 'app.areaName')} · ${periodLabel(loaded.period, lang)}`}
        note={series.targetsInterpolated ? tr('chart.targetInterpolated') : undefined}
      />
    </div>
  );
}
