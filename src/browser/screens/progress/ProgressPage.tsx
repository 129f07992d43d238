/**
 * Managers' low-carbon progress (`/progress`): for a day, week, month, year or custom period (in the URL), the area's
 * and each province's consumption, PV, grid import, clean share, CO₂ emitted and avoided, EV substitution and coal
 * saved against the same period last year; monthly (or daily/hourly) bars, the clean-share trend against its target
 * and cumulative CO₂ against the budget path. Every figure names its factor and year. Exports CSV and PNG; prints
 * to A4 landscape on a light page.
 *
 * Figures come from the history service's energies only, through the domain's carbon functions. Below them, the
 * supply reliability of the period's year (ReliabilitySection), from the history's outage records.
 */
import { useCallback, useMemo, useState } from 'react';
import { shanghaiParts } from '../../../core/time/shanghai';
import { createHistoryClient } from '../../history/history-client';
import { useAreaConfig, useRuntime } from '../../live/runtime-context';
import { saveCsv } from '../../ui/format/csv';
import { useLang } from '../../ui/i18n/lang-context';
import { t } from '../../ui/i18n/messages';
import { CarbonPathSection } from './CarbonPathSection';
import { Footnotes } from './Footnotes';
import { Notice } from './Notice';
import { PrintPageBoxes } from './PrintPageBoxes';
import { ProgressBody } from './ProgressBody';
import { cutOffMs } from './period';
import { periodLabel, periodWindowsText } from './period-view';
import styles from './progress.module.css';
import { busDepotsOf } from './progress-data';
import { progressCsv } from './progress-export';
import { hasAnyData } from './progress-figures';
import { PERIOD_PROBLEM_TEXT, progressTr } from './progress-messages';
import { ReliabilitySection } from './ReliabilitySection';
import { reliabilityCsv } from './reliability-csv';
import { reliabilityView } from './reliability-view';
import { Toolbar } from './Toolbar';
import { useProgressData } from './use-progress-data';
import { useProgressPeriod } from './use-progress-period';
import { useReliabilityYear } from './use-reliability-year';

export default function ProgressPage() {
  const lang = useLang();
  const tr = progressTr(lang);
  const area = useAreaConfig();
  const { runtime, clock } = useRuntime();
  const [reloadKey, setReloadKey] = useState(0);
  const nowMs = useCallback(() => clock.now(), [clock]);
  const reload = () => setReloadKey((k) => k + 1);
  const client = useMemo(() => createHistoryClient(runtime.historyBaseUrl), [runtime.historyBaseUrl]);
  const { period, problem, goTo, choose } = useProgressPeriod(() => clock.now());
  const busDepots = useMemo(() => busDepotsOf(area), [area]);
  const state = useProgressData(client, period, busDepots, reloadKey);
  // Reliability is stated for calendar years (month by month): the year the period starts in.
  const reliabilityYear = shanghaiParts(period.fromMs).year;
  const reliability = useReliabilityYear(client, reliabilityYear, reloadKey);
  const reliabilityShown = reliability.data?.year === reliabilityYear ? reliability.data : null;

  // The last load is shown only while it is of the period in the URL (not of the one before a move).
  const data = state.data;
  const shown = data && data.period.fromMs === period.fromMs && data.period.toMs === period.toMs ? data : null;

  return (
    <div className={styles.page} data-testid="progress-page" data-progress-page="">
      <PrintPageBoxes
        title={`${t(lang, 'app.title')} · ${tr('title')} · ${periodLabel(period, lang)}`}
        printedAt={(time) => tr('print.printedAt', { time })}
        nowMs={nowMs}
      />
      <div className={styles.reportHeader}>
        <div>
          <h1 className={styles.title}>
            {tr('title')} · <span data-testid="period-label">{periodLabel(period, lang)}</span>
          </h1>
          <p className={styles.subtitle}>
            {t(lang, 'app.areaName')} · {tr('subtitle')}
            {shown ? (
              <span data-testid="period-windows">
                {' · '}
                {periodWindowsText(shown.period, shown.nowMs, lang)}
              </span>
            ) : null}
          </p>
        </div>
        <Toolbar
          period={period}
          lang={lang}
          onChoose={choose}
          onGo={goTo}
          nowMs={shown?.nowMs ?? clock.now()}
          exportDisabled={!shown || !hasAnyData(shown.current)}
          onCsv={(what) => {
            if (!shown) return;
            const csv = progressCsv(shown, area, lang, what);
            saveCsv(csv.text, csv.fileName);
          }}
          reliabilityCsvDisabled={!reliabilityShown}
          onReliabilityCsv={() => {
            if (!reliabilityShown) return;
            const csv = reliabilityCsv(reliabilityView(reliabilityShown, area.targets));
            saveCsv(csv.text, csv.fileName);
          }}
          onReload={reload}
        />
      </div>

      {problem ? <Notice kind="warn">{tr(PERIOD_PROBLEM_TEXT[problem])}</Notice> : null}
      <ProgressBody
        state={state}
        shown={shown}
        period={period}
        area={area}
        lang={lang}
        baseUrl={client.baseUrl}
        onRetry={reload}
      />
      <CarbonPathSection client={client} area={area} lang={lang} reloadKey={reloadKey} />
      <ReliabilitySection state={reliability} year={reliabilityYear} area={area} lang={lang} />
      {/* The one methods section, at the end of the page and of the printed report. */}
      {shown && hasAnyData(shown.current) ? (
        <Footnotes
          area={area}
          lang={lang}
          loaded={shown}
          baseUrl={client.baseUrl}
          cutMs={cutOffMs(shown.period, shown.nowMs)}
        />
      ) : null}
    </div>
  );
}
