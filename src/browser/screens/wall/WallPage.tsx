/**
 * The lobby display wall (`/wall`): header, an always-visible KPI band and three scenes (保供 supply, 转型 transition,
 * 绿色出行 e-mobility) that cross-fade in rotation, on a 1920×1080 design canvas scaled to the screen (see
 * wall-layout.ts). On a 3×1 spliced wall the three scenes stand side by side instead of rotating.
 *
 * URL: ?scene=supply|transition|emobility  ?rotate=off  ?dwell=<s>  ?kiosk  ?lang=en  (?crash=<panel>: test hook)
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { formatClock, formatHourMinute, formatLongDate } from '../../../core/time/shanghai';
import { useAreaConfig, useConnectionState, useRuntime } from '../../live/runtime-context';
import { ConnectionBadge } from '../../ui/components/ConnectionBadge';
import { formatNumber, numberFormatter, scaleEnergy, scaleMass } from '../../ui/format/number';
import { useLang } from '../../ui/i18n/lang-context';
import { EmobilityScene } from './EmobilityScene';
import { SupplyScene } from './SupplyScene';
import { TransitionScene } from './TransitionScene';
import { useWallAlarms } from './use-wall-alarms';
import { useWallHistory } from './use-wall-history';
import { usePrefersReducedMotion, useThrottledSnapshot } from './use-wall-snapshot';
import { PanelBoundary, type WallEnv, WallEnvContext } from './WallPanel';
import { WallTile } from './WallTile';
import styles from './wall.module.css';
import { wallLayout } from './wall-layout';
import { sceneLabel, sceneSubLabel, tw } from './wall-messages';
import { useWallModel, type WallModel } from './wall-model';
import { nextScene, parseWallParams, SCENES, type SceneId } from './wall-params';

/** The wall re-reads the store at most once a second: calm, and cheap enough to run for months. */
const WALL_REFRESH_MS = 1_000;

const readLayout = () => wallLayout(window.innerWidth, window.innerHeight);

function useViewportLayout() {
  const [layout, setLayout] = useState(readLayout);
  useEffect(() => {
    const onResize = () => setLayout(readLayout());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return layout;
}

/** The data clock (the world's clock when the feeds run sped up), ticking every second for the header. */
function useClock(): number {
  const { clock } = useRuntime();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(clock.now()), 1_000);
    return () => clearInterval(timer);
  }, [clock]);
  return now;
}

function WallHeader({ model, lang }: { model: WallModel; lang: WallEnv['lang'] }) {
  const now = useClock();
  const conn = useConnectionState();
  const area = useAreaConfig();
  const f = model.fresh;
  const total = f.feeder.configured + f.pv.configured + f.charger.configured + f.substation.configured;
  const live = f.feeder.live + f.pv.live + f.charger.live + f.substation.live;
  return (
    <header className={styles.header}>
      <div className={styles.titleBlock}>
        <h1 className={styles.title}>{tw(lang, 'title')}</h1>
        <p className={styles.subtitle}>
          {area.provinces.map((p) => p.name[lang]).join(' ＋ ')} — {tw(lang, 'subtitle')}
        </p>
      </div>
      <div className={styles.statusBlock}>
        <ConnectionBadge state={conn} lang={lang} variant="wall" testId="wall-connection" />
        <span className={`${styles.freshness} num`} data-testid="wall-freshness" data-all-live={live === total}>
          {live === total ? '●' : '◐'} {tw(lang, 'freshAll', { live, total })}
        </span>
      </div>
      <div className={styles.clockBlock}>
        <span className={`${styles.clock} num`} data-testid="wall-clock">
          {formatClock(now)}
        </span>
        <span className={styles.date}>
          {formatLongDate(now, lang)} · {tw(lang, 'timeZone')}
        </span>
      </div>
    </header>
  );
}

function ConnectionBanner({ model, lang }: { model: WallModel; lang: WallEnv['lang'] }) {
  const conn = useConnectionState();
  // Lost: it was connected and is not now. Never connected at start-up is said in the header, not with an alarm.
  if (conn.phase === 'connected' || conn.connectedAtMs === null) return null;
  return (
    <div className={styles.banner} role="alert" data-testid="wall-banner">
      <span aria-hidden="true">⚠</span>{' '}
      {tw(lang, 'bannerLost', { time: model.lastDataMs === null ? '—' : formatClock(model.lastDataMs) })}
    </div>
  );
}

function KpiBand({
  model,
  lang,
  reducedMotion,
  quiet,
}: {
  model: WallModel;
  lang: WallEnv['lang'];
  reducedMotion: boolean;
  quiet: boolean;
}) {
  const k = model.kpis;
  const s = model.states;
  const mw = (kw: number | null) => (kw === null ? null : kw / 1000);
  const consumption = scaleEnergy(k.consumptionTodayKwh);
  const co2 = scaleMass(k.co2AvoidedTodayKg, lang);
  const pvToday = scaleEnergy(k.pvTodayKwh);
  const since =
    k.countedSinceMs !== null && k.countedSinceMs > model.snapshot.dayStartMs + 60_000
      ? ` · ${tw(lang, 'countedSince', { time: formatHourMinute(k.countedSinceMs) })}`
      : '';
  const c = k.connectors;
  const common = { lang, reducedMotion, quietDelay: quiet };
  return (
    <div className={styles.kpiBand} data-testid="wall-kpis">
      <WallTile
        {...common}
        id="load"
        accent="load"
        label={tw(lang, 'kpi.load')}
        value={mw(k.loadNowKw)}
        format={numberFormatter(lang, 1)}
        unit="MW"
        state={s.load}
        sub={
          k.peakToday
            ? tw(lang, 'kpi.peak', {
                value: `${formatNumber(k.peakToday.kw / 1000, lang, { decimals: 1 })} MW`,
                time: formatHourMinute(k.peakToday.atMs),
              })
            : '—'
        }
      />
      <WallTile
        {...common}
        id="consumption"
        accent="load"
        label={tw(lang, 'kpi.consumptionToday')}
        value={consumption.value}
        format={numberFormatter(lang)}
        unit={consumption.unit}
        state={s.consumption}
        sub={`${tw(lang, 'kpi.gridImportNow', { value: k.gridImportNowKw === null ? '—' : `${formatNumber(k.gridImportNowKw / 1000, lang, { decimals: 1 })} MW` })}${since}`}
      />
      <WallTile
        {...common}
        id="pv"
        accent="pv"
        label={tw(lang, 'kpi.pv')}
        value={mw(k.pvNowKw)}
        format={numberFormatter(lang, 1)}
        unit="MW"
        state={s.pv}
        sub={tw(lang, 'kpi.pvToday', {
          value: pvToday.value === null ? '—' : `${formatNumber(pvToday.value, lang)} ${pvToday.unit}`,
        })}
      />
      <WallTile
        {...common}
        id="clean"
        accent="clean"
        label={tw(lang, 'kpi.clean')}
        value={k.cleanNowPct}
        format={numberFormatter(lang, 1)}
        unit="%"
        state={s.clean}
        sub={tw(lang, 'kpi.cleanToday', {
          today: k.cleanTodayPct === null ? '—' : `${formatNumber(k.cleanTodayPct, lang, { decimals: 1 })}%`,
          local: k.localGreenTodayPct === null ? '—' : `${formatNumber(k.localGreenTodayPct, lang, { decimals: 1 })}%`,
        })}
      />
      <WallTile
        {...common}
        id="co2"
        accent="carbon"
        label={tw(lang, 'kpi.co2')}
        value={co2.value}
        format={numberFormatter(lang)}
        unit={co2.unit}
        state={s.co2}
        sub={<YearCo2 kg={k.co2AvoidedYearKg} partial={model.yearPartial} lang={lang} />}
      />
      <WallTile
        {...common}
        id="chargers"
        accent="ev"
        label={tw(lang, 'kpi.chargers')}
        value={c.known > 0 ? c.byState.charging : null}
        format={numberFormatter(lang, 0)}
        unit={`/ ${c.total}`}
        state={s.chargers}
        sub={tw(lang, 'kpi.chargersSub', { total: c.total, faulted: c.byState.faulted })}
      />
    </div>
  );
}

/** CO₂ avoided this year; while the history is incomplete the figure is a lower bound and says so. */
function YearCo2({
  kg,
  partial,
  lang,
}: {
  kg: number | null;
  partial: WallModel['yearPartial'];
  lang: WallEnv['lang'];
}) {
  if (kg === null) return <span data-testid="wall-kpi-co2-year">{tw(lang, 'kpi.co2YearUnavailable')}</span>;
  const m = scaleMass(kg, lang);
  const value = `${formatNumber(m.value, lang)} ${m.unit}`;
  if (partial === null) return <span data-testid="wall-kpi-co2-year">{tw(lang, 'kpi.co2Year', { value })}</span>;
  // A lower bound, and why, on a line of its own.
  return (
    <span data-testid="wall-kpi-co2-year" data-partial={partial}>
      {tw(lang, 'kpi.co2YearAtLeast', { value })}
      <br />
      {tw(lang, partial === 'backfill' ? 'kpi.co2YearBackfill' : 'kpi.co2YearGaps')}
    </span>
  );
}

export default function WallPage() {
  const lang = useLang();
  const { search } = useLocation();
  const params = useMemo(() => parseWallParams(search), [search]);
  const runtime = useRuntime();
  const config = useAreaConfig();
  const conn = useConnectionState();
  const layout = useViewportLayout();
  const reducedMotion = usePrefersReducedMotion();
  const snapshot = useThrottledSnapshot(runtime.store, WALL_REFRESH_MS);
  const history = useWallHistory(runtime.runtime.historyBaseUrl, runtime.store, snapshot.dayStartMs);
  const dataNow = useCallback(() => runtime.store.getSnapshot().nowMs || runtime.clock.now(), [runtime]);
  const alarmMarks = useWallAlarms(runtime.store, config, runtime.runtime.historyBaseUrl, dataNow);
  const model = useWallModel(snapshot, config, history, alarmMarks);

  const [scene, setScene] = useState<SceneId>(params.scene ?? 'supply');
  const [paused, setPaused] = useState(false);
  const rotating = params.rotate && !paused && layout.mode === 'rotate';
  useEffect(() => {
    if (!rotating) return;
    const timer = setInterval(() => setScene((s) => nextScene(s)), params.dwellMs);
    return () => clearInterval(timer);
  }, [rotating, params.dwellMs]);

  const devicePixelRatio = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
  // Rounded so a tiny resize does not re-create every chart.
  const pixelRatio = Math.max(1, Math.round(devicePixelRatio * layout.scale * 4) / 4);
  const env = useMemo<WallEnv>(
    () => ({ lang, reducedMotion, crashPanel: params.crashPanel, pixelRatio }),
    [lang, reducedMotion, params.crashPanel, pixelRatio],
  );
  const quiet = conn.phase !== 'connected' && conn.connectedAtMs !== null;
  const triptych = layout.mode === 'triptych';
  const isActive = (id: SceneId) => triptych || id === scene;

  return (
    <WallEnvContext value={env}>
      <div className={styles.viewport} data-kiosk={params.kiosk || undefined} data-testid="wall-viewport">
        <div
          className={styles.canvas}
          data-mode={layout.mode}
          data-scene={triptych ? 'all' : scene}
          data-testid="wall-canvas"
          style={{
            width: layout.canvasWidth,
            height: layout.canvasHeight,
            transform: `translate(${layout.offsetX}px, ${layout.offsetY}px) scale(${layout.scale})`,
          }}
        >
          <PanelBoundary name="header">
            <WallHeader model={model} lang={lang} />
          </PanelBoundary>
          <ConnectionBanner model={model} lang={lang} />
          <PanelBoundary name="kpis">
            <KpiBand model={model} lang={lang} reducedMotion={reducedMotion} quiet={quiet} />
          </PanelBoundary>
          <nav className={styles.sceneTabs} aria-label="scenes" data-testid="wall-scene-tabs">
            {SCENES.map((id, i) => (
              <button
                key={id}
                type="button"
                className={styles.sceneTab}
                data-active={isActive(id) || undefined}
                onClick={() => setScene(id)}
                tabIndex={params.kiosk ? -1 : 0}
              >
                <span className="num">{i + 1}</span> {sceneLabel(lang, id)}
                <small>{sceneSubLabel(lang, id)}</small>
              </button>
            ))}
          </nav>
          <main className={styles.stage} data-testid="wall-stage">
            {SCENES.map((id) => (
              <div
                key={id}
                className={styles.scene}
                data-scene={id}
                data-active={isActive(id) || undefined}
                aria-hidden={!isActive(id)}
                data-testid={`wall-scene-${id}`}
              >
                <PanelBoundary name={`scene-${id}`}>
                  {id === 'supply' ? (
                    <SupplyScene model={model} config={config} active={isActive(id)} />
                  ) : id === 'transition' ? (
                    <TransitionScene model={model} config={config} active={isActive(id)} />
                  ) : (
                    <EmobilityScene model={model} config={config} active={isActive(id)} />
                  )}
                </PanelBoundary>
              </div>
            ))}
          </main>
          {params.kiosk ? null : (
            <div className={styles.chrome} data-testid="wall-chrome">
              {layout.mode === 'rotate' && params.rotate ? (
                <button type="button" onClick={() => setPaused((p) => !p)}>
                  {paused ? `▶ ${tw(lang, 'chrome.play')}` : `❚❚ ${tw(lang, 'chrome.pause')}`}
                </button>
              ) : null}
              <Link to={lang === 'en' ? '/?lang=en' : '/'}>{tw(lang, 'chrome.overview')}</Link>
            </div>
          )}
        </div>
      </div>
    </WallEnvContext>
  );
}
