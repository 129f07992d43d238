/**
 * The live overview (`/`): the area's load, PV, EV charging, clean share and CO₂ avoided today, per province and for
 * the whole area, from the live core (the public role: the server's figures, never a raw device message). Today's
 * energies are counted on the server since midnight; the chart's first minutes come from the history service
 * (src/browser/history/today.ts) before the live figures accumulated since the page loaded, so a reload neither
 * restarts "today" nor empties the chart. Links to the three screens.
 */

import { useMemo } from 'react';
import type { LiveFigures } from '../../../core/contract/live-core';
import { partialDayStartMs } from '../../../core/domain/counters';
import { SCOPES_AREA_FIRST, type Scope } from '../../../core/domain/scope';
import type { Lang } from '../../../core/lang';
import { formatClock, formatHourMinute } from '../../../core/time/shanghai';
import { createHistoryClient } from '../../history/history-client';
import { recentWindow } from '../../history/today';
import { liveFiguresStopped } from '../../live/live-core-store';
import { useAreaConfig, useLiveCore, usePublicRuntime } from '../../live/runtime-context';
import { useAreaToday } from '../../live/use-area-today';
import { Chart } from '../../ui/charts/Chart';
import { Link } from '../../ui/routing/router';
import '../../ui/charts/echarts-overview';
import { chartPalette } from '../../ui/charts/chart-theme';
import { type Accent, KpiTile } from '../../ui/components/KpiTile';
import { type FormattedValue, formatEnergy, formatMass, formatPct, formatPower } from '../../ui/format/number';
import { useLang } from '../../ui/i18n/lang-context';
import { type MessageId, scopeMessageId, t } from '../../ui/i18n/messages';
import { buildLiveLoadOption } from './live-load-chart';
import styles from './overview.module.css';
import { overviewFigures } from './overview-metrics';

const WINDOW_MS = 15 * 60_000;

type ScopeFigures = ReturnType<typeof overviewFigures>;

/** The overview's figures: each one's words and how it is shown, alike in its tile and in the province table. */
const INDICATORS = {
  load: { label: 'kpi.consumptionNow', accent: 'load', shown: (x, lang) => formatPower(x.consumptionKw, lang) },
  pv: { label: 'pvOutput', accent: 'pv', shown: (x, lang) => formatPower(x.pvKw, lang) },
  ev: { label: 'evCharging', accent: 'ev', shown: (x, lang) => formatPower(x.evKw, lang) },
  clean: { label: 'cleanShare', accent: 'clean', shown: (x, lang) => formatPct(x.cleanShareNowPct, lang) },
  co2: { label: 'co2AvoidedToday', accent: 'carbon', shown: (x, lang) => formatMass(x.co2AvoidedTodayKg, lang) },
} satisfies Record<
  string,
  { label: MessageId; accent: Accent; shown: (x: ScopeFigures, lang: Lang) => FormattedValue }
>;
type IndicatorId = keyof typeof INDICATORS;
/** The area's tiles, left to right. */
const TILES: readonly IndicatorId[] = ['load', 'pv', 'ev', 'clean', 'co2'];
/** The province table's rows, top to bottom (EV charging only as a tile). */
const PROVINCE_ROWS: readonly IndicatorId[] = ['load', 'pv', 'clean', 'co2'];
/** The screens the overview links to. */
const SCREENS = ['wall', 'dispatch', 'progress'] as const;

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
      ) as Record<Scope, ScopeFigures>,
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
  // The live service (or the link to it) stopped: every figure is its last one, and says as of when.
  const { lastFiguresMs } = snap.health;
  const delayedNote = liveFiguresStopped(snap.health)
    ? t(lang, 'delayedLiveStopped', { time: lastFiguresMs === null ? '—' : formatClock(lastFiguresMs) })
    : undefined;
  const since0 = f.todayObservedSinceMs;
  const tileSub: Record<IndicatorId, string | undefined> = {
    load: partial ?? `${t(lang, 'gridImport')} ${power(f.gridImportKw).text}`,
    pv: `${area.pvSites.length} ${t(lang, 'unit.sites')}`,
    ev: `${area.chargingStations.length} ${t(lang, 'unit.stations')}`,
    clean: `${t(lang, 'localGreenShare')} ${formatPct(f.localGreenShareNowPct, lang).text}`,
    co2:
      since0 === null
        ? history.status === 'unavailable'
          ? t(lang, 'historyUnavailable')
          : undefined
        : partialDayStartMs(since0, dayStartMs) !== null
          ? `${t(lang, 'countedSince')} ${formatHourMinute(since0)} · PV ${formatEnergy(f.today.ePvKwh, lang).text}`
          : `${t(lang, 'sinceMidnight')} · PV ${formatEnergy(f.today.ePvKwh, lang).text}`,
  };

  return (
    <div className={styles.page}>
      <div className={styles.kpis} data-testid="overview-kpis">
        {TILES.map((id) => {
          const shown = INDICATORS[id].shown(f, lang);
          return (
            <KpiTile
              key={id}
              testId={`kpi-${id}`}
              accent={INDICATORS[id].accent}
              size="lg"
              label={t(lang, INDICATORS[id].label)}
              value={shown.value}
              unit={shown.unit}
              sub={tileSub[id]}
              delayedNote={delayedNote}
            />
          );
        })}
      </div>

      <div className={styles.row}>
        <section className={styles.chartCard} aria-label={t(lang, 'kpi.consumptionNow')}>
          <Chart option={option} testId="overview-chart" ariaLabel={t(lang, 'kpi.consumptionNow')} />
        </section>
        <section
          className={styles.provinces}
          data-testid="province-table"
          data-delayed={delayedNote ? 'true' : undefined}
        >
          <table>
            <thead>
              <tr>
                <th />
                {SCOPES_AREA_FIRST.map((s) => (
                  <th key={s}>{t(lang, scopeMessageId(s))}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {PROVINCE_ROWS.map((id) => (
                <tr key={id}>
                  <th>{t(lang, INDICATORS[id].label)}</th>
                  {SCOPES_AREA_FIRST.map((s) => (
                    <td key={s} className="num">
                      {INDICATORS[id].shown(figures[s], lang).text}
                    </td>
                  ))}
                </tr>
              ))}
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
        {SCREENS.map((screen) => (
          <Link key={screen} to={`/${screen}${lang === 'en' ? '?lang=en' : ''}`}>
            {t(lang, `screen.${screen}`)} →
          </Link>
        ))}
      </nav>
    </div>
  );
}
