/**
 * The lobby display wall (`/wall`): header, an always-visible KPI band and three scenes (保供 supply, 转型 transition,
 * 绿色出行 e-mobility) that cross-fade in rotation, on a 1920×1080 design canvas scaled to the screen (see
 * wall-layout.ts). On a 3×1 spliced wall the three scenes stand side by side instead of rotating; on a screen too small
 * for the canvas's text (a tablet, a 1366×768 laptop) they stand one under the other at 1:1, each under its heading,
 * and the page scrolls down.
 *
 * It runs on the live core only (the public role: the server's figures, feeder and connector states and masked
 * alarms); it never sees a raw device message.
 *
 * URL: ?scene=supply|transition|emobility  ?rotate=off  ?dwell=<s>  ?kiosk  ?lang=en  (?crash=<panel>: test hook)
 */

import { useEffect, useMemo, useState } from 'react';
import { formatClock, formatLongDate } from '../../../core/time/shanghai';
import { liveFiguresStopped } from '../../live/live-core-store';
import {
  useAreaConfig,
  useConnectionState,
  usePublicRuntime,
  useReliability,
  useThresholdsInForce,
} from '../../live/runtime-context';
import { ConnectionBadge } from '../../ui/components/ConnectionBadge';
import { useLang } from '../../ui/i18n/lang-context';
import { Link, useLocation } from '../../ui/routing/router';
import { EmobilityScene } from './EmobilityScene';
import { SupplyScene } from './SupplyScene';
import { TransitionScene } from './TransitionScene';
import { useWallAlarms } from './use-wall-alarms';
import { useWallHistory } from './use-wall-history';
import { usePrefersReducedMotion, useThrottledSnapshot } from './use-wall-snapshot';
import { WallKpiBand } from './WallKpiBand';
import { CRASH_WINDOW_MS, PanelBoundary, type WallEnv, WallEnvContext } from './WallPanel';
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
  const { clock } = usePublicRuntime();
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
  const total = f.feeder.configured + f.pv.configured + f.charger.configured;
  const live = f.feeder.live + f.pv.live + f.charger.live;
  // The counts are the last figures' coverage: with the service silent they say nothing of the devices now.
  const health = model.snapshot.health;
  const serviceDown = liveFiguresStopped(health);
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
        <span
          className={`${styles.freshness} num`}
          data-testid="wall-freshness"
          data-all-live={!serviceDown && live === total}
          data-service-down={serviceDown}
        >
          {serviceDown
            ? `◌ ${tw(lang, 'freshStopped', { time: health.lastFiguresMs === null ? '—' : formatClock(health.lastFiguresMs) })}`
            : `${live === total ? '●' : '◐'} ${tw(lang, 'freshAll', { live, total })}`}
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

export default function WallPage() {
  const lang = useLang();
  const { search } = useLocation();
  const params = useMemo(() => parseWallParams(search), [search]);
  const runtime = usePublicRuntime();
  const config = useAreaConfig();
  const conn = useConnectionState();
  const layout = useViewportLayout();
  const [loadedAtMs] = useState(() => performance.now());
  const reducedMotion = usePrefersReducedMotion();
  const snapshot = useThrottledSnapshot(runtime.liveCore, WALL_REFRESH_MS);
  // A handful of messages a minute: each drawn at once (an outage should not wait for the figures' throttle).
  const reliability = useReliability();
  const dayStart = snapshot.figures.area?.today.dayStartMs ?? 0;
  const history = useWallHistory(runtime.runtime.historyBaseUrl, runtime.liveCore, dayStart);
  const alarmMarks = useWallAlarms(snapshot.alarms, config);
  const thresholds = useThresholdsInForce();
  const model = useWallModel(snapshot, config, history, alarmMarks, thresholds);

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
    () => ({
      lang,
      reducedMotion,
      crash: params.crashPanel ? { panel: params.crashPanel, untilMs: loadedAtMs + CRASH_WINDOW_MS } : null,
      pixelRatio,
    }),
    [lang, reducedMotion, params.crashPanel, loadedAtMs, pixelRatio],
  );
  const quiet = conn.phase !== 'connected' && conn.connectedAtMs !== null;
  const triptych = layout.mode === 'triptych';
  const stack = layout.mode === 'stack';
  const isActive = (id: SceneId) => triptych || stack || id === scene;
  // Stacked, the canvas is the page's width (not a pixel width: a vertical scroll bar would push it sideways) and
  // grows with its content; otherwise a fixed design canvas, scaled.
  const canvasStyle = stack
    ? { minHeight: layout.canvasHeight }
    : {
        width: layout.canvasWidth,
        height: layout.canvasHeight,
        transform: `translate(${layout.offsetX}px, ${layout.offsetY}px) scale(${layout.scale})`,
      };

  return (
    <WallEnvContext value={env}>
      <div
        className={styles.viewport}
        data-kiosk={params.kiosk || undefined}
        data-mode={layout.mode}
        data-testid="wall-viewport"
      >
        <div
          className={styles.canvas}
          data-mode={layout.mode}
          data-scene={triptych || stack ? 'all' : scene}
          data-testid="wall-canvas"
          style={canvasStyle}
        >
          <PanelBoundary name="header">
            <WallHeader model={model} lang={lang} />
          </PanelBoundary>
          <ConnectionBanner model={model} lang={lang} />
          <PanelBoundary name="kpis">
            <WallKpiBand model={model} lang={lang} reducedMotion={reducedMotion} quiet={quiet} />
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
                {stack ? (
                  <h2 className={styles.sceneHeading} data-testid={`wall-scene-heading-${id}`}>
                    <span className="num">{SCENES.indexOf(id) + 1}</span> {sceneLabel(lang, id)}
                    <small>{sceneSubLabel(lang, id)}</small>
                  </h2>
                ) : null}
                <PanelBoundary name={`scene-${id}`}>
                  {id === 'supply' ? (
                    <SupplyScene model={model} config={config} active={isActive(id)} reliability={reliability} />
                  ) : id === 'transition' ? (
                    <TransitionScene model={model} config={config} active={isActive(id)} reliability={reliability} />
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
