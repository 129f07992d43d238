/**
 * A panel of a scene: its title, a "delayed" tag when its data is late, and its content inside its own ErrorBoundary,
 * so a panel that throws shows a quiet notice and re-mounts itself after a pause while the rest of the wall carries on.
 * Also the wall's chart wrapper, which draws at the wall's pixel ratio.
 */
import { type ComponentProps, createContext, type ReactNode, useContext } from 'react';
import type { Lang } from '../../../core/lang';
import { Chart } from '../../ui/charts/Chart';
import '../../ui/charts/echarts-wall';
import { ErrorBoundary } from '../../ui/components/ErrorBoundary';
import { delayedText } from './WallTile';
import styles from './wall.module.css';
import type { TileState } from './wall-figures';
import { tw } from './wall-messages';
import type { WallModel } from './wall-model';

/** Re-mount a crashed panel after this long. */
export const PANEL_RETRY_MS = 5_000;

/**
 * How long a `?crash=` panel keeps throwing after load: a window rather than a single throw, because React retries a
 * failed render once synchronously and a throw-once probe would be swallowed by that retry.
 */
export const CRASH_WINDOW_MS = 2_000;

export interface WallEnv {
  lang: Lang;
  reducedMotion: boolean;
  /** `?crash=<panel>`: that panel throws until `untilMs` (performance clock) after load (test hook). */
  crash: { panel: string; untilMs: number } | null;
  pixelRatio: number;
}

export const WallEnvContext = createContext<WallEnv>({
  lang: 'zh',
  reducedMotion: false,
  crash: null,
  pixelRatio: 1,
});

export const useWallEnv = () => useContext(WallEnvContext);

/**
 * Throws for a moment after load when `?crash=<name>` names this panel: proves isolation and self-recovery. The window
 * comes from the page (not from state here), as the boundary re-mounts this probe and would restart its own clock.
 */
function CrashProbe({ name }: { name: string }) {
  const { crash } = useWallEnv();
  if (crash?.panel !== name) return null;
  if (performance.now() < crash.untilMs) throw new Error(`test crash of panel "${name}" (?crash=${name})`);
  return null;
}

export function PanelBoundary({ name, children }: { name: string; children: ReactNode }) {
  const { lang } = useWallEnv();
  return (
    <ErrorBoundary
      name={name}
      retryAfterMs={PANEL_RETRY_MS}
      fallback={() => (
        <div className={styles.panelError} role="status" data-testid={`panel-error-${name}`}>
          <span aria-hidden="true">↻</span> {tw(lang, 'panelRestarting')}
        </div>
      )}
    >
      <CrashProbe name={name} />
      {children}
    </ErrorBoundary>
  );
}

interface PanelProps {
  name: string;
  title: string;
  state: TileState;
  className?: string;
  children: ReactNode;
  /** Shown at the right of the title (e.g. a legend or a basis). */
  aside?: ReactNode;
}

export function WallPanel({ name, title, state, className, children, aside }: PanelProps) {
  const { lang } = useWallEnv();
  const note = delayedText(state, lang);
  return (
    <section
      className={`${styles.panel} ${className ?? ''}`}
      data-testid={`wall-panel-${name}`}
      data-state={state.kind}
      aria-label={title}
    >
      <header className={styles.panelHead}>
        <h3 className={styles.panelTitle}>{title}</h3>
        {note ? (
          <span className={styles.panelDelayed} role="status">
            <span aria-hidden="true">◔ </span>
            {note}
          </span>
        ) : (
          aside
        )}
      </header>
      <div className={styles.panelBody}>
        <PanelBoundary name={name}>{children}</PanelBoundary>
      </div>
    </section>
  );
}

/**
 * A panel of the wall model's: its state is the model's of the same name, so a scene names the panel once and cannot
 * show one panel's title over another's state.
 */
export function ScenePanel({
  model,
  name,
  ...panel
}: Omit<PanelProps, 'name' | 'state'> & { model: WallModel; name: keyof WallModel['states'] }) {
  return <WallPanel name={name} state={model.states[name]} {...panel} />;
}

/** A chart at the wall's pixel ratio; `children` are drawn over it (the schematic's flow dots). */
export function WallChart({
  children,
  ...props
}: Omit<ComponentProps<typeof Chart>, 'pixelRatio'> & { children?: ReactNode }) {
  const { pixelRatio } = useWallEnv();
  return (
    <div className={styles.chartBox}>
      <Chart {...props} pixelRatio={pixelRatio} />
      {children}
    </div>
  );
}

/** A day curve's caveat: without the history service it holds only what arrived since the page loaded. */
export function HistoryNote({ status }: { status: 'loading' | 'ok' | 'unavailable' }) {
  const { lang } = useWallEnv();
  if (status !== 'unavailable') return null;
  return (
    <span className={styles.panelDelayed} role="status" data-testid="wall-history-unavailable">
      {tw(lang, 'historyUnavailable')}
    </span>
  );
}
