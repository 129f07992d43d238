/**
 * The live overview (`/`): the area's load, PV, EV charging, clean share and CO₂ avoided today, per province and for
 * the whole area, from the live core (the public role: the server's figures, never a raw device message). Today's
 * energies are counted on the server since midnight; the chart's first minutes come from the history service
 * (src/browser/history/today.ts) before the live figures accumulated since the page loaded, so a reload neither
 * restarts "today" nor empties the chart. Links to the three screens.
 */
import { useMemo } from 'react';
import type { LiveFigures } from '../../../core/contract/live-core';
import { SCOPES_AREA_FIRST, type Scope } from '../../../core/domain/scope';
import { formatHourMinute } from '../../../core/time/shanghai';
import { createHistoryClient } from '../../history/history-client';
import { recentWindow } from '../../history/today';
import { useAreaConfig, useLiveCore, usePublicRuntime } from '../../live/runtime-context';
import { useAreaToday } from '../../live/use-area-today';
import { Chart } from '../../ui/charts/Chart';
import { Link } from '../../ui/routing/router';
import '../../ui/charts/echarts-overview';
import { chartPalette } from '../../ui/charts/chart-theme';
import { KpiTile } from '../../ui/components/KpiTile';
import { formatEnergy, formatMass, formatPct, formatPower } from '../../ui/format/number';
import { useLang } from '../../ui/i18n/lang-context';
import { t } from '../../ui/i18n/messages';
import { buildLiveLoadOption } from './live-load-chart';
import styles from './overview.module.css';
import { overviewFigures } from './overview-metrics';

const WINDOW_MS = 15 * 60_000;

export function OverviewPage() {
  const lang = useLang();
  const area = useAreaConfig();
  const snap = useLiveCore();
  const historyBaseUrl = usePublicRuntime().runtime.historyBaseUrl;
  const client = useMemo(() => createHistoryClient(historyBaseUrl), [historyBaseUrl]);
  const dayStartMs = snap.figures.area?.today.dayStartMs ?? 0;
  const history = useAreaToday(client, dayStartMs, 'overview');
  const scopes = snap.figures;
  const figures = useMemo(
    () =>
      Object.fromEntries(
        SCOPES_AREA_FIRST.map((s) => [s, overviewFigures(scopes[s] as LiveFigures | undefined)]),
      ) as Record<Scope, ReturnType<typeof overviewFigures>>,
    [scopes],
  );
  const f = figures.area;
  // The curve gains a point per figures message (1 s): rebuild the option only then, not on every snapshot.
  const samples = snap.samples;
  const seriesVersion = samples.lastTs;
  const historyArea = history.area;
  // seriesVersion is the trigger: the ring is appended in place, its newest time says when it grew.
  const option = useMemo(() => {
    // Before the first live sample the history's clock places the window.
    const nowMs = Number.isFinite(seriesVersion) ? seriesVersion : (historyArea?.nowMs ?? seriesVersion);
    const fromMs = nowMs - WINDOW_MS;
    const windowOf = (m: 'consumptionKw' | 'gridImportKw' | 'pvKw' | 'evKw') =>
      recentWindow(historyArea, m, samples.area(m, fromMs), fromMs, nowMs);
    return buildLiveLoadOption({
      nowMs,
      windowMs: WINDOW_MS,
      // The history's minutes before the page's first sample, so a fresh page shows the last 15 minutes at once.
      series: {
        consumption: windowOf('consumptionKw'),
        gridImport: windowOf('gridImportKw'),
        pv: windowOf('pvKw'),
        ev: windowOf('evKw'),
      },
      labels: {
        consumption: t(lang, 'kpi.consumptionNow'),
        gridImport: t(lang, 'gridImport'),
        pv: t(lang, 'pvOutput'),
        ev: t(lang, 'evCharging'),
        unitMw: 'MW',
      },
      palette: chartPalette(),
    });
  }, [samples, seriesVersion, lang, historyArea]);

  const partial =
    f.feederCoverage.reporting < f.feederCoverage.configured
      ? `${t(lang, 'partialData')} ${f.feederCoverage.reporting}/${f.feederCoverage.configured}`
      : undefined;
  const power = (kw: number | null) => formatPower(kw, lang);
  const since0 = f.todayObservedSinceMs;

  return (
    <div className={styles.page}>
      <div className={styles.kpis} data-testid="overview-kpis">
        <KpiTile
          testId="kpi-load"
          accent="load"
          size="lg"
          label={t(lang, 'kpi.consumptionNow')}
          value={power(f.consumptionKw).value}
          unit={power(f.consumptionKw).unit}
          sub={partial ?? `${t(lang, 'gridImport')} ${power(f.gridImportKw).text}`}
        />
        <KpiTile
          testId="kpi-pv"
          accent="pv"
          size="lg"
          label={t(lang, 'pvOutput')}
          value={power(f.pvKw).value}
          unit={power(f.pvKw).unit}
          sub={`${area.pvSites.length} ${t(lang, 'unit.sites')}`}
        />
        <KpiTile
          testId="kpi-ev"
          accent="ev"
          size="lg"
          label={t(lang, 'evCharging')}
          value={power(f.evKw).value}
          unit={power(f.evKw).unit}
          sub={`${area.chargingStations.length} ${t(lang, 'unit.stations')}`}
        />
        <KpiTile
          testId="kpi-clean"
          accent="clean"
          size="lg"
          label={t(lang, 'cleanShare')}
          value={formatPct(f.cleanShareNowPct, lang).value}
          unit="%"
          sub={`${t(lang, 'localGreenShare')} ${formatPct(f.localGreenShareNowPct, lang).text}`}
        />
        <KpiTile
          testId="kpi-co2"
          accent="carbon"
          size="lg"
          label={t(lang, 'co2AvoidedToday')}
          value={formatMass(f.co2AvoidedTodayKg, lang).value}
          unit={formatMass(f.co2AvoidedTodayKg, lang).unit}
          sub={
            since0 === null
              ? history.status === 'unavailable'
                ? t(lang, 'historyUnavailable')
                : undefined
              : since0 > dayStartMs + 60_000
                ? `${t(lang, 'countedSince')} ${formatHourMinute(since0)} · PV ${formatEnergy(f.today.ePvKwh, lang).text}`
                : `${t(lang, 'sinceMidnight')} · PV ${formatEnergy(f.today.ePvKwh, lang).text}`
          }
        />
      </div>

      <div className={styles.row}>
        <section className={styles.chartCard} aria-label={t(lang, 'kpi.consumptionNow')}>
          <Chart option={option} testId="overview-chart" ariaLabel={t(lang, 'kpi.consumptionNow')} />
        </section>
        <section className={styles.provinces} data-testid="province-table">
          <table>
            <thead>
              <tr>
                <th />
                {SCOPES_AREA_FIRST.map((s) => (
                  <th key={s}>{s === 'area' ? t(lang, 'wholeArea') : t(lang, s === 'sc' ? 'sichuan' : 'chongqing')}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th>{t(lang, 'kpi.consumptionNow')}</th>
                {SCOPES_AREA_FIRST.map((s) => (
                  <td key={s} className="num">
                    {power(figures[s].consumptionKw).text}
                  </td>
                ))}
              </tr>
              <tr>
                <th>{t(lang, 'pvOutput')}</th>
                {SCOPES_AREA_FIRST.map((s) => (
                  <td key={s} className="num">
                    {power(figures[s].pvKw).text}
                  </td>
                ))}
              </tr>
              <tr>
                <th>{t(lang, 'cleanShare')}</th>
                {SCOPES_AREA_FIRST.map((s) => (
                  <td key={s} className="num">
                    {formatPct(figures[s].cleanShareNowPct, lang).text}
                  </td>
                ))}
              </tr>
              <tr>
                <th>{t(lang, 'co2AvoidedToday')}</th>
                {SCOPES_AREA_FIRST.map((s) => (
                  <td key={s} className="num">
                    {formatMass(figures[s].co2AvoidedTodayKg, lang).text}
                  </td>
                ))}
              </tr>
              <tr>
                <th>{t(lang, 'emissionFactor')}</th>
                <td>—</td>
                {(['sc', 'cq'] as const).map((p) => (
                  <td key={p} className="num">
                    {area.emissionFactors[p].kgCo2PerKwh} kg/kWh ({area.emissionFactors[p].year})
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </section>
      </div>

      <nav className={styles.screens}>
        <Link to={`/wall${lang === 'en' ? '?lang=en' : ''}`}>{t(lang, 'screen.wall')} →</Link>
        <Link to={`/dispatch${lang === 'en' ? '?lang=en' : ''}`}>{t(lang, 'screen.dispatch')} →</Link>
        <Link to={`/progress${lang === 'en' ? '?lang=en' : ''}`}>{t(lang, 'screen.progress')} →</Link>
      </nav>
    </div>
  );
}
