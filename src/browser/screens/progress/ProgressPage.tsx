/**
 * Managers' low-carbon progress (`/progress`): for a day, week, month, year or custom period (in the URL), the area's
 * and each province's consumption, PV, grid import, clean share, CO₂ emitted and avoided, EV substitution and coal
 * saved against the same period last year; monthly (or daily/hourly) bars, the clean-share trend against its target
 * and cumulative CO₂ against the budget path. Every figure names its factor and year. Exports CSV and PNG; prints
 * to A4 landscape on a light page.
 *
 * Figures come from the history service's energies only, through the domain's carbon functions.
 */
import { type ReactNode, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { AreaConfig } from '../../../core/config/area-schema';
import { carbonFactorsFromConfig } from '../../../core/domain/carbon';
import type { Scope } from '../../../core/domain/scope';
import { dayKey, formatDateTime, formatHourMinute, nextDayStartMs } from '../../../core/time/shanghai';
import { createHistoryClient, type HistoryError } from '../../history/history-client';
import { useAreaConfig, useRuntime } from '../../live/runtime-context';
import { type Accent, KpiTile } from '../../ui/components/KpiTile';
import { DASH, type FormattedValue, formatEnergy, formatMass, formatNumber, formatPct } from '../../ui/format/number';
import type { Lang } from '../../../core/lang';
import { useLang } from '../../ui/i18n/lang-context';
import { scopeMessageId, t, translate } from '../../ui/i18n/messages';
import { efNote, factorNote, shortSource } from './factor-notes';
import { ProgressCharts, type ReportChart } from './ProgressCharts';
import {
  cutOffMs,
  displayStepOf,
  isoWeek,
  lastYearOf,
  PERIOD_KINDS,
  type Period,
  type PeriodKind,
  parseDayKey,
  periodContaining,
  periodFromSearch,
  periodToParams,
  shiftPeriod,
} from './period';
import styles from './progress.module.css';
import { buildCleanShareOption, buildCumulativeCo2Option, buildEnergyBarsOption } from './progress-charts';
import { csvFileName, detailCsv, summaryCsv } from './progress-csv';
import type { LoadedProgress } from './progress-data';
import {
  budgetPathKg,
  FIGURE_IDS,
  FIGURE_UNIT,
  type FigureComparison,
  type FigureId,
  hasAnyData,
  type ProgressFigures,
  progressFigures,
  progressSeries,
  targetForYear,
} from './progress-figures';
import { type ProgressMessageId, progressMessages } from './progress-messages';
import { useProgressData } from './use-progress-data';

type Params = Record<string, string | number>;
const useTr = (lang: Lang) => (id: ProgressMessageId, params?: Params) => translate(progressMessages, lang, id, params);

const SCOPES: Scope[] = ['area', 'sc', 'cq'];
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

function formatFigure(id: FigureId, v: number | null, lang: Lang): FormattedValue {
  const unit = FIGURE_UNIT[id];
  if (unit === '%') return formatPct(v, lang);
  if (unit === 'kg') return formatMass(v, lang);
  return formatEnergy(v, lang);
}

function formatChange(c: FigureComparison, lang: Lang): string {
  if (c.change === null) return DASH;
  const arrow = c.change > 0.05 ? '▲' : c.change < -0.05 ? '▼' : '■';
  const value = formatNumber(c.change, lang, { decimals: 1, signed: true });
  return `${arrow} ${value}${c.changeKind === 'pp' ? ' pp' : '%'}`;
}

/** 'YYYY-MM-DD – YYYY-MM-DD' (last day included), or one day, or with times when the end is not midnight. */
function rangeText(fromMs: number, toMs: number): string {
  const endsAtMidnight = formatHourMinute(toMs) === '00:00';
  if (!endsAtMidnight) return `${formatDateTime(fromMs).slice(0, 16)} – ${formatDateTime(toMs).slice(0, 16)}`;
  const last = dayKey(toMs - 1);
  return dayKey(fromMs) === last ? last : `${dayKey(fromMs)} – ${last}`;
}

function periodLabel(period: Period, lang: Lang): string {
  const key = dayKey(period.fromMs);
  switch (period.kind) {
    case 'day':
      return key;
    case 'week': {
      const w = isoWeek(period.fromMs);
      return `${translate(progressMessages, lang, 'period.weekLabel', w)} (${rangeText(period.fromMs, period.toMs)})`;
    }
    case 'month':
      return lang === 'zh' ? `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月` : key.slice(0, 7);
    case 'year':
      return lang === 'zh' ? `${key.slice(0, 4)}年` : key.slice(0, 4);
    case 'custom':
      return rangeText(period.fromMs, period.toMs);
  }
}

function download(text: string, fileName: string): void {
  // BOM: spreadsheet programs open UTF-8 with Chinese notes correctly only with it.
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export default function ProgressPage() {
  const lang = useLang();
  const tr = useTr(lang);
  const area = useAreaConfig();
  const { runtime, clock } = useRuntime();
  const [search, setSearch] = useSearchParams();
  const [reloadKey, setReloadKey] = useState(0);
  const client = useMemo(() => createHistoryClient(runtime.historyBaseUrl), [runtime.historyBaseUrl]);

  // The URL's period; "now" for a URL without a date is the dashboard's clock (the world's, in a simulation).
  const searchText = search.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read only when the URL changes
  const { period, problem } = useMemo(
    () => periodFromSearch(new URLSearchParams(searchText), clock.now()),
    [searchText],
  );
  const state = useProgressData(client, period, reloadKey);

  const goTo = (next: Period) => {
    const params = new URLSearchParams();
    const langParam = search.get('lang');
    if (langParam) params.set('lang', langParam);
    for (const [k, v] of Object.entries(periodToParams(next))) params.set(k, v);
    setSearch(params);
  };
  const choose = (kind: PeriodKind) => {
    if (kind === 'custom') goTo({ kind, fromMs: period.fromMs, toMs: period.toMs });
    else goTo(periodContaining(kind, Math.min(period.toMs - 1, Math.max(period.fromMs, clock.now()))));
  };

  const data = state.data;
  const shown = data && data.period.fromMs === period.fromMs && data.period.toMs === period.toMs ? data : null;

  return (
    <div className={styles.page} data-testid="progress-page" data-progress-page="">
      <div className={styles.reportHeader}>
        <div>
          <h1 className={styles.title}>
            {tr('title')} · <span data-testid="period-label">{periodLabel(period, lang)}</span>
          </h1>
          <p className={styles.subtitle}>
            {t(lang, 'app.areaName')} · {tr('subtitle')}
            {shown ? <PeriodWindows loaded={shown} lang={lang} /> : null}
          </p>
        </div>
        <Toolbar
          period={period}
          lang={lang}
          onChoose={choose}
          onGo={goTo}
          nowMs={shown?.nowMs ?? clock.now()}
          exportDisabled={!shown || !hasAnyData(shown.current)}
          onCsv={(what) => shown && exportCsv(shown, area, lang, what)}
          onReload={() => setReloadKey((k) => k + 1)}
        />
      </div>

      {problem ? <Notice kind="warn">{tr(`period.${problem}`)}</Notice> : null}
      <Body
        state={state}
        shown={shown}
        period={period}
        area={area}
        lang={lang}
        client={client}
        onRetry={() => setReloadKey((k) => k + 1)}
      />
    </div>
  );
}

function PeriodWindows({ loaded, lang }: { loaded: LoadedProgress; lang: Lang }) {
  const tr = useTr(lang);
  const cut = cutOffMs(loaded.period, loaded.nowMs);
  const inProgress = cut < loaded.period.toMs;
  const ly = lastYearOf(loaded.period.kind, loaded.period.fromMs, cut);
  return (
    <span data-testid="period-windows">
      {' · '}
      {inProgress ? `${tr('period.toDate', { time: formatDateTime(cut).slice(0, 16) })} · ` : ''}
      {tr('period.vsLastYear', { range: rangeText(ly.fromMs, ly.toMs) })}
    </span>
  );
}

function exportCsv(loaded: LoadedProgress, area: AreaConfig, lang: Lang, what: 'detail' | 'summary') {
  const factors = carbonFactorsFromConfig(area);
  const cut = cutOffMs(loaded.period, loaded.nowMs);
  if (what === 'detail') {
    const series = progressSeries(loaded.current, factors, area.targets, loaded.period.toMs);
    const text = detailCsv(series, factors, { sc: area.emissionFactors.sc.year, cq: area.emissionFactors.cq.year });
    download(text, csvFileName(loaded.period, 'detail'));
  } else {
    const figures = progressFigures(loaded.current, loaded.lastYear, factors);
    const ly = lastYearOf(loaded.period.kind, loaded.period.fromMs, cut);
    const text = summaryCsv(figures, { fromMs: loaded.period.fromMs, toMs: cut }, ly, (id, scope) =>
      factorNote(area, id, scope, lang),
    );
    download(text, csvFileName(loaded.period, 'summary'));
  }
}

interface ToolbarProps {
  period: Period;
  lang: Lang;
  nowMs: number;
  exportDisabled: boolean;
  onChoose: (kind: PeriodKind) => void;
  onGo: (p: Period) => void;
  onCsv: (what: 'detail' | 'summary') => void;
  onReload: () => void;
}

function Toolbar({ period, lang, nowMs, exportDisabled, onChoose, onGo, onCsv, onReload }: ToolbarProps) {
  const tr = useTr(lang);
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
            {tr(`period.${kind}`)}
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
        <button
          type="button"
          className={styles.button}
          disabled={exportDisabled}
          title={tr('action.csvNote')}
          data-testid="csv-detail"
          onClick={() => onCsv('detail')}
        >
          {tr('action.csvDetail')}
        </button>
        <button
          type="button"
          className={styles.button}
          disabled={exportDisabled}
          title={tr('action.csvNote')}
          data-testid="csv-summary"
          onClick={() => onCsv('summary')}
        >
          {tr('action.csvSummary')}
        </button>
        <button type="button" className={styles.button} data-testid="print" onClick={() => window.print()}>
          {tr('action.print')}
        </button>
      </div>
    </div>
  );
}

function CustomRange({ period, lang, onGo }: { period: Period; lang: Lang; onGo: (p: Period) => void }) {
  const tr = useTr(lang);
  const [fromKey, setFromKey] = useState(dayKey(period.fromMs));
  const [toKey, setToKey] = useState(dayKey(period.toMs - 1));
  const fromMs = parseDayKey(fromKey);
  const lastDayMs = parseDayKey(toKey);
  const valid = fromMs !== null && lastDayMs !== null && fromMs <= lastDayMs;
  return (
    <form
      className={styles.custom}
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onGo({ kind: 'custom', fromMs, toMs: nextDayStartMs(lastDayMs) });
      }}
    >
      <label>
        {tr('period.from')}{' '}
        <input type="date" value={fromKey} data-testid="custom-from" onChange={(e) => setFromKey(e.target.value)} />
      </label>
      <label>
        {tr('period.to')}{' '}
        <input type="date" value={toKey} data-testid="custom-to" onChange={(e) => setToKey(e.target.value)} />
      </label>
      <button type="submit" className={styles.button} disabled={!valid} data-testid="custom-apply">
        {tr('period.apply')}
      </button>
    </form>
  );
}

function Notice({ kind, children, testId }: { kind: 'warn' | 'info' | 'error'; children: ReactNode; testId?: string }) {
  return (
    <p className={styles.notice} data-kind={kind} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <span aria-hidden="true">{kind === 'error' ? '✕' : kind === 'warn' ? '⚠' : 'ℹ'}</span> {children}
    </p>
  );
}

function errorText(error: HistoryError, lang: Lang, baseUrl: string): string {
  const tr = (id: ProgressMessageId, p?: Params) => translate(progressMessages, lang, id, p);
  switch (error.kind) {
    case 'unreachable':
      return `${tr('state.unreachable', { url: baseUrl })} (${error.message})`;
    case 'bad-request':
      return tr('state.badRequest', { message: error.message });
    case 'invalid-response':
      return tr('state.invalid', { message: error.message });
    default:
      return tr('state.httpError', { message: error.message });
  }
}

interface BodyProps {
  state: ReturnType<typeof useProgressData>;
  shown: LoadedProgress | null;
  period: Period;
  area: AreaConfig;
  lang: Lang;
  client: ReturnType<typeof createHistoryClient>;
  onRetry: () => void;
}

function Body({ state, shown, period, area, lang, client, onRetry }: BodyProps) {
  const tr = useTr(lang);
  if (state.error) {
    return (
      <div className={styles.stateBox} data-testid="progress-error" data-kind={state.error.kind}>
        <Notice kind="error">{errorText(state.error, lang, client.baseUrl)}</Notice>
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
  return <Report loaded={shown} area={area} lang={lang} updating={state.loading} baseUrl={client.baseUrl} />;
}

function Report({
  loaded,
  area,
  lang,
  updating,
  baseUrl,
}: {
  loaded: LoadedProgress;
  area: AreaConfig;
  lang: Lang;
  updating: boolean;
  baseUrl: string;
}) {
  const tr = useTr(lang);
  const factors = useMemo(() => carbonFactorsFromConfig(area), [area]);
  const figures = useMemo(() => progressFigures(loaded.current, loaded.lastYear, factors), [loaded, factors]);
  const series = useMemo(
    () => progressSeries(loaded.current, factors, area.targets, loaded.period.toMs),
    [loaded, factors, area.targets],
  );
  const step = displayStepOf(loaded.period);
  const cut = cutOffMs(loaded.period, loaded.nowMs);
  const scopeName = (s: Scope) => t(lang, scopeMessageId(s));

  const charts = useMemo<ReportChart[]>(() => {
    const bars = (p: 'sc' | 'cq'): ReportChart => ({
      id: `energy-${p}`,
      title: translate(progressMessages, lang, 'chart.energy', { scope: t(lang, scopeMessageId(p)) }),
      build: (palette) =>
        buildEnergyBarsOption({
          bucketStartsMs: series.bucketStartsMs,
          step,
          consumptionKwh: series.energyKwh[p].consumption,
          pvKwh: series.energyKwh[p].pv,
          gridImportKwh: series.energyKwh[p].gridImport,
          labels: { consumption: t(lang, 'consumption'), pv: t(lang, 'pvOutput'), gridImport: t(lang, 'gridImport') },
          lang,
          palette,
        }),
    });
    return [
      bars('sc'),
      bars('cq'),
      {
        id: 'clean-share',
        title: translate(progressMessages, lang, 'chart.cleanShare'),
        build: (palette) =>
          buildCleanShareOption({
            bucketStartsMs: series.bucketStartsMs,
            step,
            sharePct: series.cleanSharePct,
            targetPct: series.cleanShareTargetPct,
            labels: {
              area: t(lang, 'wholeArea'),
              sc: t(lang, 'sichuan'),
              cq: t(lang, 'chongqing'),
              target: translate(progressMessages, lang, 'chart.target'),
            },
            lang,
            palette,
          }),
      },
      {
        id: 'co2-cumulative',
        title: translate(progressMessages, lang, 'chart.co2'),
        build: (palette) =>
          buildCumulativeCo2Option({
            bucketStartsMs: series.bucketStartsMs,
            step,
            cumulativeKg: { sc: series.co2CumulativeKg.sc, cq: series.co2CumulativeKg.cq },
            budgetPathKg: series.co2BudgetPathKg,
            labels: {
              sc: t(lang, 'sichuan'),
              cq: t(lang, 'chongqing'),
              budget: translate(progressMessages, lang, 'chart.budget'),
            },
            lang,
            palette,
          }),
      },
    ];
  }, [series, step, lang]);

  if (!hasAnyData(loaded.current)) {
    const { firstMs, lastMs } = loaded.health.coverage;
    const future = cut <= loaded.period.fromMs;
    return (
      <div className={styles.stateBox} data-testid="progress-empty">
        <Notice kind="info">
          {future
            ? tr('period.future')
            : tr('state.empty', { range: rangeText(loaded.period.fromMs, loaded.period.toMs) })}{' '}
          {firstMs !== null && lastMs !== null
            ? tr('state.emptyCoverage', {
                from: formatDateTime(firstMs).slice(0, 16),
                to: formatDateTime(lastMs).slice(0, 16),
              })
            : tr('state.noCoverage')}
        </Notice>
      </div>
    );
  }

  const unit = tr(`unit.${step}`);
  const cov = figures.coverage;
  const notices: ReactNode[] = [];
  if (loaded.health.backfill?.state === 'running')
    notices.push(
      <Notice key="backfill" kind="warn" testId="notice-backfill">
        {tr('state.backfill', { time: formatDateTime(loaded.health.backfill.doneToMs).slice(0, 16) })}
      </Notice>,
    );
  for (const reason of loaded.serviceNotes)
    notices.push(
      <Notice key={reason} kind="warn" testId="notice-capped">
        {tr('state.capped', { reason })}
      </Notice>,
    );
  if (cov.current.fraction < 0.99)
    notices.push(
      <Notice key="partial-current" kind="warn" testId="notice-partial-current">
        {tr('state.partialCurrent', { covered: cov.current.coveredBuckets, elapsed: cov.current.elapsedBuckets, unit })}
      </Notice>,
    );
  if (cov.lastYear.fraction < 0.99)
    notices.push(
      <Notice key="partial-ly" kind="info" testId="notice-partial-last-year">
        {tr('state.partialLastYear', {
          covered: cov.lastYear.coveredBuckets,
          elapsed: cov.lastYear.elapsedBuckets,
          unit,
        })}
      </Notice>,
    );

  const fileStem = csvFileName(loaded.period, 'detail').replace(/-detail\.csv$/, '');
  return (
    <div className={styles.report} data-testid="progress-report" data-updating={updating ? 'true' : undefined}>
      {updating ? <p className={`${styles.updating} ${styles.screenOnly}`}>{tr('state.updating')}</p> : null}
      {notices}
      <KpiGrid figures={figures} loaded={loaded} area={area} lang={lang} cut={cut} />
      <ComparisonTable figures={figures} area={area} lang={lang} scopeName={scopeName} />
      <ProgressCharts
        charts={charts}
        lang={lang}
        fileStem={fileStem}
        exportSubtitle={`${t(lang, 'app.areaName')} · ${periodLabel(loaded.period, lang)}`}
        note={series.targetsInterpolated ? tr('chart.targetInterpolated') : undefined}
      />
      <Footnotes area={area} lang={lang} loaded={loaded} baseUrl={baseUrl} cut={cut} />
    </div>
  );
}

function KpiGrid({
  figures,
  loaded,
  area,
  lang,
  cut,
}: {
  figures: ProgressFigures;
  loaded: LoadedProgress;
  area: AreaConfig;
  lang: Lang;
  cut: number;
}) {
  const tr = useTr(lang);
  const a = figures.current.area;
  const budgetKg = budgetPathKg(area.targets.co2BudgetTByYear, loaded.period.fromMs, cut);
  const year = Number(dayKey(loaded.period.fromMs).slice(0, 4));
  const cleanTarget = targetForYear(area.targets.cleanSharePctByYear, year);
  const extra: Partial<Record<FigureId, string>> = {
    cleanShare: cleanTarget ? tr('kpi.target', { value: formatPct(cleanTarget.value, lang).text }) : undefined,
    co2Emitted:
      budgetKg !== null && budgetKg > 0
        ? tr('kpi.budgetToDate', {
            budget: formatMass(budgetKg, lang).text,
            pct: formatPct((a.co2EmittedKg / budgetKg) * 100, lang).text,
          })
        : undefined,
    evNetCo2Avoided: tr('kpi.evDetail', {
      km: formatNumber(a.ev.km, lang, { decimals: 0 }),
      litres: formatNumber(a.ev.petrolL, lang, { decimals: 0 }),
    }),
  };
  return (
    <section className={styles.kpis} data-testid="progress-kpis">
      {FIGURE_IDS.map((id) => {
        const c = figures.comparisons[id].area;
        const v = formatFigure(id, c.current, lang);
        const note = factorNote(area, id, 'area', lang);
        return (
          <KpiTile
            key={id}
            testId={`kpi-${id}`}
            accent={FIGURE_ACCENT[id]}
            label={tr(`kpi.${id}`)}
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
                  {note}
                </span>
              </>
            }
          />
        );
      })}
    </section>
  );
}

function ComparisonTable({
  figures,
  area,
  lang,
  scopeName,
}: {
  figures: ProgressFigures;
  area: AreaConfig;
  lang: Lang;
  scopeName: (s: Scope) => string;
}) {
  const tr = useTr(lang);
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
                {scopeName(s)}
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
                {tr(`kpi.${id}`)}
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

/** The factor note of a row without the per-province EF (that one heads each province's columns). */
function rowFactor(area: AreaConfig, id: FigureId, lang: Lang): string {
  const tr = (m: ProgressMessageId, p?: Params) => translate(progressMessages, lang, m, p);
  const fossil = area.emissionFactors.fossil;
  switch (id) {
    case 'cleanShare':
      return `EF; ${tr('factor.clean', { value: fossil.kgCo2PerKwh, year: fossil.year })}`;
    case 'co2Emitted':
    case 'co2AvoidedByPv':
      return 'EF';
    case 'evNetCo2Avoided': {
      const a = area.evAssumptions;
      return `EF; ${tr('factor.ev', { kwh: a.kwhPer100Km, l: a.petrolLPer100Km, kg: a.petrolKgCo2PerL, year: a.year })}`;
    }
    default:
      return factorNote(area, id, 'area', lang);
  }
}

function Footnotes({
  area,
  lang,
  loaded,
  baseUrl,
  cut,
}: {
  area: AreaConfig;
  lang: Lang;
  loaded: LoadedProgress;
  baseUrl: string;
  cut: number;
}) {
  const tr = useTr(lang);
  const ef = area.emissionFactors;
  const year = Number(dayKey(loaded.period.fromMs).slice(0, 4));
  const budget = targetForYear(area.targets.co2BudgetTByYear, year);
  const items: [string, string][] = [
    [efNote(area, 'sc', lang), ef.sc.source],
    [efNote(area, 'cq', lang), ef.cq.source],
    [
      `EF ${ef.fossil.name[lang]} ${ef.fossil.kgCo2PerKwh} kg/kWh (${ef.fossil.year}, ${shortSource(ef.fossil.source)})`,
      ef.fossil.source,
    ],
    [
      tr('factor.coal', { value: area.coal.gcePerKwh, year: area.coal.year, source: shortSource(area.coal.source) }),
      area.coal.source,
    ],
    [
      tr('factor.ev', {
        kwh: area.evAssumptions.kwhPer100Km,
        l: area.evAssumptions.petrolLPer100Km,
        kg: area.evAssumptions.petrolKgCo2PerL,
        year: area.evAssumptions.year,
      }),
      area.evAssumptions.source,
    ],
  ];
  return (
    <section className={styles.footnotes} data-testid="progress-footnotes">
      <h2 className={styles.sectionTitle}>{tr('factor.title')}</h2>
      <ul>
        {items.map(([note, source]) => (
          <li key={note}>
            <strong>{note}</strong> — {tr('factor.source')}: {source}
          </li>
        ))}
        {budget ? (
          <li>
            {tr('factor.budget', { budget: formatMass(budget.value * 1000, lang).text, year })}
            {budget.interpolated ? ` (${tr('chart.targetInterpolated')})` : ''}
          </li>
        ) : null}
      </ul>
      <p>{tr('factor.dataSource', { url: baseUrl, time: formatDateTime(loaded.nowMs) })}</p>
      <p className={styles.muted}>{rangeText(loaded.period.fromMs, cut)}</p>
    </section>
  );
}
