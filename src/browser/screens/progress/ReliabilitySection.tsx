/**
 * Supply reliability of the shown period's year (GET /api/reliability/monthly): year-to-date tiles against the area's
 * targets, then month by month RS-1 and SAIDI for the area, Sichuan and Chongqing side by side with the target, the
 * area's SAIFI, CAIDI, momentary interruptions, faults self-healed and mean self-healing time; what was not recorded
 * is said so (reliability-view.ts). Screen and print.
 */
import { useMemo } from 'react';
import type { AreaConfig } from '../../../core/config/area-schema';
import { SUSTAINED_INTERRUPTION_MIN } from '../../../core/contract/reliability-terms';
import type { Lang } from '../../../core/lang';
import type { ReliabilityMonthlyResponse } from '../../history/history-client';
import { formatNumber } from '../../ui/format/number';
import { t } from '../../ui/i18n/messages';
import { Notice } from './Notice';
import { ProgressCharts } from './ProgressCharts';
import styles from './progress.module.css';
import { progressTr } from './progress-messages';
import { ReliabilityTable } from './ReliabilityTable';
import { ReliabilityTiles } from './ReliabilityTiles';
import { reliabilityCharts } from './reliability-charts';
import { recordedPct } from './reliability-format';
import { NATIONAL_RELIABILITY_REFERENCE as REF } from './reliability-reference';
import { reliabilityView } from './reliability-view';
import type { ReliabilityYearState } from './use-reliability-year';

interface Props {
  state: ReliabilityYearState;
  year: number;
  area: AreaConfig;
  lang: Lang;
}

export function ReliabilitySection({ state, year, area, lang }: Props) {
  const tr = progressTr(lang);
  const data: ReliabilityMonthlyResponse | null = state.data?.year === year ? state.data : null;
  const view = useMemo(() => (data ? reliabilityView(data, area.targets) : null), [data, area.targets]);
  // Stable chart specs: a new identity re-applies every chart's option.
  const charts = useMemo(
    () => (view && view.status !== 'not-recorded' ? reliabilityCharts(view, lang, progressTr(lang)) : null),
    [view, lang],
  );
  const title = <h2 className={styles.sectionTitle}>{tr('rel.title', { year })}</h2>;
  if (state.error)
    return (
      <section className={styles.relCard} data-testid="reliability-section" data-state="error">
        {title}
        <Notice kind="error">{tr('rel.error', { message: state.error.message })}</Notice>
      </section>
    );
  if (!data || !view)
    return (
      <section className={styles.relCard} data-testid="reliability-section" data-state="loading" aria-busy="true">
        {title}
        <p className={styles.muted}>{tr('rel.loading', { year })}</p>
      </section>
    );
  const customers = view.yearToDate.byScope.area?.all.customersServed ?? 0;
  return (
    <section className={styles.relCard} data-testid="reliability-section" data-state={view.status}>
      {title}
      {view.status === 'not-recorded' ? (
        <Notice kind="warn" testId="rel-not-recorded">
          {tr('rel.notRecorded', { year })}
        </Notice>
      ) : null}
      {view.status === 'no-customers' ? (
        <Notice kind="warn" testId="rel-no-customers">
          {tr('rel.noCustomers')}
        </Notice>
      ) : null}
      {view.status === 'no-outage' ? (
        <Notice kind="info" testId="rel-no-outage">
          {tr('rel.noOutage', { year, pct: recordedPct(view.yearToDate, lang) })}
        </Notice>
      ) : null}
      {view.status === 'measured' && view.yearToDate.recorded === 'partial' ? (
        <Notice kind="info" testId="rel-partial">
          {tr('rel.partialYear', { year, pct: recordedPct(view.yearToDate, lang) })}
        </Notice>
      ) : null}
      {view.limited ? <Notice kind="warn">{tr('rel.limited')}</Notice> : null}
      <ReliabilityTiles view={view} lang={lang} tr={tr} />
      {charts ? (
        <div className={styles.relCharts}>
          <ProgressCharts
            charts={charts}
            lang={lang}
            fileStem={`gaozhu-reliability-${view.year}`}
            exportSubtitle={`${t(lang, 'app.areaName')} · ${view.year}`}
          />
        </div>
      ) : null}
      <ReliabilityTable view={view} lang={lang} tr={tr} />
      <div className={styles.footnotes} data-testid="reliability-notes">
        <p>
          {tr('rel.note.definitions', {
            limit: SUSTAINED_INTERRUPTION_MIN,
            customers: formatNumber(customers, lang, { decimals: 0 }),
          })}
        </p>
        <p>{tr('rel.note.recorded')}</p>
        <p>{tr('rel.note.saidiTarget', { source: view.targetSource ?? tr('rel.noTarget') })}</p>
        <p data-testid="rel-reference">
          {tr('rel.note.reference', {
            year: REF.year,
            rs1: `${formatNumber(REF.rs1Pct, lang, { decimals: 3 })}%`,
            urban: `${formatNumber(REF.urbanRs1Pct, lang, { decimals: 3 })}%`,
            rural: `${formatNumber(REF.ruralRs1Pct, lang, { decimals: 3 })}%`,
            saidiH: formatNumber(REF.saidiH, lang, { decimals: 2 }),
            source: REF.source,
          })}
        </p>
      </div>
    </section>
  );
}
