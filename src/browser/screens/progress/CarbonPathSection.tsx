/**
 * The dual-carbon path on /progress: the configured targets of every year to the zero-carbon year charted against the
 * years the history measured, and a table of the measured years whose status is said in words and signs (▼ below
 * target, ▲ over budget) as well as colour. Loads its own years (carbon-path-data.ts), independent of the period shown.
 */
import { useEffect, useMemo, useState } from 'react';
import type { AreaConfig } from '../../../core/config/area-schema';
import { carbonFactorsFromConfig } from '../../../core/domain/carbon';
import type { Lang } from '../../../core/lang';
import type { HistoryClient } from '../../history/history-client';
import { formatNumber } from '../../ui/format/number';
import { t } from '../../ui/i18n/messages';
import { carbonPath, type PathYear, pathYears } from './carbon-path';
import { carbonPathChart } from './carbon-path-chart';
import { type LoadedPath, loadCarbonPath } from './carbon-path-data';
import { Notice } from './Notice';
import { PRINT_WIDE_CHART_PX, ProgressCharts } from './ProgressCharts';
import styles from './progress.module.css';
import { type ProgressTr, progressTr } from './progress-messages';

interface Props {
  client: HistoryClient;
  area: AreaConfig;
  lang: Lang;
  reloadKey: number;
}

type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ok'; loaded: LoadedPath };

export function CarbonPathSection({ client, area, lang, reloadKey }: Props) {
  const tr = progressTr(lang);
  const [state, setState] = useState<State>({ status: 'loading' });
  const years = useMemo(() => pathYears(area.targets), [area.targets]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey is the retry trigger
  useEffect(() => {
    const ctrl = new AbortController();
    setState({ status: 'loading' });
    loadCarbonPath(client, years, carbonFactorsFromConfig(area), area.targets.co2BudgetTByYear, ctrl.signal).then(
      (loaded) => !ctrl.signal.aborted && setState({ status: 'ok', loaded }),
      (e: unknown) => !ctrl.signal.aborted && setState({ status: 'error', message: (e as Error).message }),
    );
    return () => ctrl.abort();
  }, [client, area, years, reloadKey]);

  const path = useMemo(
    () => carbonPath(area.targets, state.status === 'ok' ? state.loaded.measured : new Map()),
    [area.targets, state],
  );
  const charts = useMemo(() => [carbonPathChart(path, lang)], [path, lang]);
  const measured = path.filter((y) => y.measured);
  return (
    <section className={styles.relCard} data-testid="carbon-path" data-state={state.status}>
      <h2 className={styles.sectionTitle}>
        {tr('path.title', { from: years[0] ?? '', to: years[years.length - 1] ?? '' })}
      </h2>
      {state.status === 'loading' ? <p className={styles.muted}>{tr('path.loading')}</p> : null}
      {state.status === 'error' ? <Notice kind="error">{tr('path.error', { message: state.message })}</Notice> : null}
      {state.status === 'ok' && measured.length === 0 ? <Notice kind="info">{tr('path.noData')}</Notice> : null}
      <div className={styles.pathCharts}>
        <ProgressCharts
          charts={charts}
          lang={lang}
          fileStem="gaozhu-carbon-path"
          printPx={PRINT_WIDE_CHART_PX}
          exportSubtitle={`${t(lang, 'app.areaName')} · ${years[0]}–${years[years.length - 1]}`}
        />
      </div>
      {measured.length > 0 ? (
        <div className={styles.relTableBox}>
          <table className={styles.table} data-testid="carbon-path-table">
            <thead>
              <tr>
                <th>{tr('path.col.year')}</th>
                <th>{tr('path.col.cleanTarget')}</th>
                <th>{tr('path.col.cleanMeasured')}</th>
                <th>{tr('path.col.cleanStatus')}</th>
                <th>{tr('path.col.budget')} (t)</th>
                <th>{tr('path.col.used')} (t)</th>
                <th>{tr('path.col.proRata')} (t)</th>
                <th>{tr('path.col.budgetStatus')}</th>
                <th>{tr('path.col.coverage')}</th>
              </tr>
            </thead>
            <tbody>
              {measured.map((y) => (
                <PathRow key={y.year} y={y} lang={lang} tr={tr} />
              ))}
            </tbody>
          </table>
          <p className={styles.muted}>{tr('path.note')}</p>
        </div>
      ) : null}
    </section>
  );
}

function PathRow({ y, lang, tr }: { y: PathYear; lang: Lang; tr: ProgressTr }) {
  const m = y.measured;
  if (!m) return null;
  const n = (v: number | null | undefined, decimals = 0) => formatNumber(v ?? null, lang, { decimals });
  const pct = (v: number | null | undefined) => (v == null ? '—' : `${n(v, 1)}%`);
  const interp = (x: { interpolated: boolean } | null) => (x?.interpolated ? tr('path.interpolated') : '');
  return (
    <tr data-year={y.year} data-clean-status={y.cleanStatus ?? ''} data-budget-status={y.budgetStatus ?? ''}>
      <th scope="row">{y.year}</th>
      <td className="num">
        {pct(y.cleanTarget?.value)}
        {interp(y.cleanTarget)}
      </td>
      <td className="num">{pct(m.cleanSharePct)}</td>
      <td className={y.cleanStatus === 'below' ? styles.statusBad : styles.statusGood} data-testid="path-clean-status">
        {y.cleanStatus === 'below'
          ? tr('path.below', { gap: n(Math.abs(y.cleanGapPts ?? 0), 1) })
          : y.cleanStatus === 'met'
            ? tr('path.met', { gap: n(y.cleanGapPts, 1) })
            : '—'}
      </td>
      <td className="num">
        {n(y.budgetT?.value)}
        {interp(y.budgetT)}
      </td>
      <td className="num">{n(m.co2EmittedT)}</td>
      <td className="num">{n(m.budgetToDateT)}</td>
      <td className={y.budgetStatus === 'over' ? styles.statusBad : styles.statusGood} data-testid="path-budget-status">
        {y.budgetStatus === 'over'
          ? tr('path.over', { pct: `${n(m.budgetUsedPct)}%` })
          : y.budgetStatus === 'within'
            ? tr('path.within', { pct: `${n(m.budgetUsedPct)}%` })
            : '—'}
      </td>
      <td className="num">{`${n(m.coverage * 100)}%`}</td>
    </tr>
  );
}
