/**
 * Supply reliability of the shown period's year (GET /api/reliability/monthly): year-to-date tiles against the area's
 * targets, then month by month RS-1 and SAIDI for the area, Sichuan and Chongqing side by side with the target, the
 * area's SAIFI, CAIDI, momentary interruptions, faults self-healed and mean self-healing time; what was not recorded
 * is said so (reliability-view.ts). Screen and print.
 */
import { useMemo } from 'react';
import type { AreaConfig } from '../../../core/config/area-schema';
import { SUSTAINED_INTERRUPTION_MIN } from '../../../core/contract/reliability';
import type { Scope } from '../../../core/domain/scope';
import type { Lang } from '../../../core/lang';
import type { ReliabilityMonthlyResponse } from '../../history/history-client';
import { KpiTile } from '../../ui/components/KpiTile';
import { DASH, formatNumber } from '../../ui/format/number';
import { scopeMessageId, t } from '../../ui/i18n/messages';
import { Notice } from './Notice';
import { ProgressCharts } from './ProgressCharts';
import styles from './progress.module.css';
import { buildRs1MonthsOption, buildSaidiMonthsOption } from './progress-charts';
import { MONTH_LABEL, type ProgressTr, progressTr } from './progress-messages';
import { NATIONAL_RELIABILITY_REFERENCE as REF } from './reliability-reference';
import { type ReliabilityRow, type ReliabilityView, reliabilityView } from './reliability-view';
import type { ReportChart } from './report-charts';
import type { ReliabilityYearState } from './use-reliability-year';

const SCOPES: Scope[] = ['area', 'sc', 'cq'];

const pct3 = (v: number | null | undefined, lang: Lang) => formatNumber(v ?? null, lang, { decimals: 3 });
/**
 * RS-1 with four decimals (a minute per customer in a month moves it by 0.0023 pp), cut rather than rounded, so a
 * period with any interruption never reads 100 %.
 */
const rs1Text = (v: number | null | undefined, lang: Lang) =>
  formatNumber(v === null || v === undefined ? null : Math.floor(v * 1e4) / 1e4, lang, { decimals: 4 });
const min2 = (v: number | null | undefined, lang: Lang) => formatNumber(v ?? null, lang, { decimals: 2 });

function seconds(v: number | null, lang: Lang): string {
  if (v === null) return DASH;
  return v < 120 ? `${formatNumber(v, lang, { decimals: 0 })} s` : `${formatNumber(v / 60, lang, { decimals: 1 })} min`;
}

function verdict(met: boolean | null, tr: ProgressTr): string {
  if (met === null) return '';
  return met ? ` ✓ ${tr('rel.met')}` : ` ✗ ${tr('rel.missed')}`;
}

function monthLabel(key: string, tr: ProgressTr): string {
  if (key === 'ytd') return tr('rel.ytd');
  const m = Number(key.slice(5, 7));
  return tr(MONTH_LABEL[m - 1] ?? 'month.1');
}

function recordedPct(row: ReliabilityRow, lang: Lang): string {
  // A few minutes of a year round to 0 %: say "< 1 %" rather than a zero that reads as "nothing".
  return row.recordedPct > 0 && row.recordedPct < 1
    ? '< 1%'
    : `${formatNumber(row.recordedPct, lang, { decimals: 0 })}%`;
}

function recordedText(row: ReliabilityRow, lang: Lang, tr: ProgressTr): string {
  if (row.recorded === 'none') return tr('rel.notRecordedCell');
  const pct = recordedPct(row, lang);
  return row.recorded === 'partial' ? `${pct} (${tr('rel.partial')})` : pct;
}

function Row({ row, lang, tr }: { row: ReliabilityRow; lang: Lang; tr: ProgressTr }) {
  const area = row.byScope.area;
  const known = row.recorded !== 'none';
  const cells = (f: (s: Scope) => string, testId: string) =>
    SCOPES.map((s) => (
      <td key={s} className="num" data-testid={`rel-${testId}-${row.key}-${s}`}>
        {known ? f(s) : DASH}
      </td>
    ));
  return (
    <tr data-testid={`rel-row-${row.key}`} data-recorded={row.recorded}>
      <th scope="row" className={styles.figureCol}>
        {monthLabel(row.key, tr)}
      </th>
      <td className={row.recorded === 'full' ? 'num' : `num ${styles.muted}`} data-testid={`rel-recorded-${row.key}`}>
        {recordedText(row, lang, tr)}
      </td>
      {cells((s) => rs1Text(row.byScope[s]?.all.rs1Pct, lang), 'rs1')}
      <td className={`num ${styles.muted}`}>
        {row.rs1TargetPct === null ? DASH : pct3(row.rs1TargetPct, lang)}
        {known ? verdict(row.rs1Met, tr) : ''}
      </td>
      {cells((s) => min2(row.byScope[s]?.all.saidiMin, lang), 'saidi')}
      <td className={`num ${styles.muted}`}>
        {row.saidiTargetMin === null ? DASH : min2(row.saidiTargetMin, lang)}
        {known ? verdict(row.saidiMet, tr) : ''}
      </td>
      <td className="num">{known ? formatNumber(area?.all.saifi ?? null, lang, { decimals: 4 }) : DASH}</td>
      <td className="num">{known ? min2(area?.all.caidiMin, lang) : DASH}</td>
      <td className="num">
        {known ? formatNumber(area?.all.momentaryInterruptions ?? null, lang, { decimals: 0 }) : DASH}
      </td>
      <td className="num" data-testid={`rel-faults-${row.key}`}>
        {known && area ? `${area.faults} / ${area.selfHealedFaults}` : DASH}
      </td>
      <td className="num">{known ? seconds(area?.meanSelfHealingS ?? null, lang) : DASH}</td>
    </tr>
  );
}

function Tiles({ view, lang, tr }: { view: ReliabilityView; lang: Lang; tr: ProgressTr }) {
  const ytd = view.yearToDate;
  const a = ytd.byScope.area;
  const known = view.status === 'measured' || view.status === 'no-outage';
  const rs1Sub = view.rs1Target
    ? `${tr('rel.target', { value: `${pct3(view.rs1Target.value, lang)}%` })}${verdict(ytd.rs1Met, tr)}`
    : tr('rel.noTarget');
  const saidiSub =
    view.saidiTarget && ytd.saidiTargetMin !== null
      ? `${tr('rel.targetShare', {
          value: `${min2(ytd.saidiTargetMin, lang)} min`,
          year: view.year,
          annual: `${formatNumber(view.saidiTarget.value, lang, { decimals: 0 })} min`,
        })}${verdict(ytd.saidiMet, tr)}`
      : tr('rel.noTarget');
  const byProvince = (f: (s: Scope) => string) =>
    (['sc', 'cq'] as const).map((s) => `${t(lang, scopeMessageId(s))} ${f(s)}`).join(' · ');
  return (
    <div className={styles.relKpis}>
      <KpiTile
        testId="rel-kpi-rs1"
        accent="clean"
        label={tr('rel.kpi.rs1')}
        value={known ? rs1Text(a?.all.rs1Pct, lang) : DASH}
        unit="%"
        sub={
          <>
            <span className={styles.kpiCompare} data-testid="rel-kpi-rs1-target">
              {rs1Sub}
            </span>
            <span className={styles.kpiExtra}>
              {known ? byProvince((s) => `${rs1Text(ytd.byScope[s]?.all.rs1Pct, lang)}%`) : ''}
            </span>
            <span className={styles.kpiFactor}>
              {tr('rel.kpi.unplanned')}: {known ? `${rs1Text(a?.unplanned.rs1Pct, lang)}%` : DASH}
            </span>
          </>
        }
      />
      <KpiTile
        testId="rel-kpi-saidi"
        accent="load"
        label={tr('rel.kpi.saidi')}
        value={known ? min2(a?.all.saidiMin, lang) : DASH}
        unit="min"
        sub={
          <>
            <span className={styles.kpiCompare} data-testid="rel-kpi-saidi-target">
              {saidiSub}
            </span>
            <span className={styles.kpiExtra}>
              {known ? byProvince((s) => `${min2(ytd.byScope[s]?.all.saidiMin, lang)} min`) : ''}
            </span>
            <span className={styles.kpiFactor}>
              {tr('rel.kpi.unplanned')}: {known ? `${min2(a?.unplanned.saidiMin, lang)} min` : DASH}
            </span>
          </>
        }
      />
      <KpiTile
        testId="rel-kpi-healed"
        accent="carbon"
        label={tr('rel.kpi.selfHealed')}
        value={known && a ? String(a.selfHealedFaults) : DASH}
        unit={known && a ? `/ ${a.faults}` : ''}
        sub={
          <span className={styles.kpiCompare} data-testid="rel-kpi-healed-detail">
            {known && a
              ? tr('rel.selfHealedValue', {
                  healed: a.selfHealedFaults,
                  faults: a.faults,
                  mean: seconds(a.meanSelfHealingS, lang),
                })
              : DASH}
          </span>
        }
      />
    </div>
  );
}

/** The two month-by-month charts; months not recorded are gaps (null), never zero bars. */
function reliabilityCharts(view: ReliabilityView, lang: Lang, tr: ProgressTr): ReportChart[] {
  const months = view.months;
  const bucketStartsMs = months.map((m) => m.fromMs);
  const values = (f: (p: NonNullable<ReliabilityRow['byScope']['area']>) => number) => {
    const of = (s: Scope) => months.map((m) => (m.recorded === 'none' || !m.byScope[s] ? null : f(m.byScope[s])));
    return { area: of('area'), sc: of('sc'), cq: of('cq') };
  };
  const labels = (target: string) => ({
    area: t(lang, 'wholeArea'),
    sc: t(lang, 'sichuan'),
    cq: t(lang, 'chongqing'),
    target,
  });
  return [
    {
      id: 'reliability-saidi',
      title: tr('rel.chart.saidi'),
      build: (palette) =>
        buildSaidiMonthsOption({
          bucketStartsMs,
          step: '1mo',
          byScope: values((p) => p.all.saidiMin),
          target: months.map((m) => m.saidiTargetMin),
          labels: labels(tr('rel.chart.saidiTarget')),
          lang,
          palette,
        }),
    },
    {
      id: 'reliability-rs1',
      title: tr('rel.chart.rs1'),
      build: (palette) =>
        buildRs1MonthsOption({
          bucketStartsMs,
          step: '1mo',
          byScope: values((p) => p.all.rs1Pct),
          target: months.map((m) => m.rs1TargetPct),
          labels: labels(tr('rel.chart.rs1Target')),
          lang,
          palette,
        }),
    },
  ];
}

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
      <Tiles view={view} lang={lang} tr={tr} />
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
      <div className={styles.relTableBox}>
        <table className={styles.table} data-testid="reliability-table">
          <thead>
            <tr>
              <th rowSpan={2} className={styles.figureCol}>
                {tr('rel.col.month')}
              </th>
              <th rowSpan={2}>{tr('rel.col.recorded')}</th>
              <th colSpan={4} className={styles.scopeHead}>
                {tr('rel.col.rs1')}
              </th>
              <th colSpan={4} className={styles.scopeHead}>
                {tr('rel.col.saidi')}
              </th>
              <th rowSpan={2}>{tr('rel.col.saifi')}</th>
              <th rowSpan={2}>{tr('rel.col.caidi')}</th>
              <th rowSpan={2}>{tr('rel.col.momentary')}</th>
              <th rowSpan={2}>{tr('rel.col.faults')}</th>
              <th rowSpan={2}>{tr('rel.col.meanHealing')}</th>
            </tr>
            <tr>
              {[0, 1].flatMap((g) => [
                ...SCOPES.map((s) => (
                  <th key={`${g}-${s}`} data-scope={s} className={s === 'area' ? undefined : styles.provinceHead}>
                    {t(lang, scopeMessageId(s))}
                  </th>
                )),
                <th key={`${g}-t`}>{tr('rel.col.target')}</th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {view.months.map((row) => (
              <Row key={row.key} row={row} lang={lang} tr={tr} />
            ))}
            <Row row={view.yearToDate} lang={lang} tr={tr} />
          </tbody>
        </table>
      </div>
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
