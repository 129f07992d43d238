/**
 * The broker connection state, always in words and a glyph as well as colour. Takes the state as a prop (the caller
 * passes useConnectionState()): the UI kit draws what it is given and never reads the live layer itself.
 */
import type { Lang } from '../../../core/lang';
import { t } from '../i18n/messages';
import styles from './connection-badge.module.css';

export type ConnectionPhase = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** What the badge shows of the live layer's ConnectionState (structurally the same fields). */
export interface ConnectionBadgeState {
  phase: ConnectionPhase;
  lastError: string | null;
  url: string;
}

const GLYPH: Record<ConnectionPhase, string> = {
  connected: '●',
  connecting: '◌',
  reconnecting: '↻',
  disconnected: '✕',
};

interface Props {
  state: ConnectionBadgeState;
  lang: Lang;
  /** 'wall': the wall header's larger badge, without the hover detail (nobody hovers a lobby wall). */
  variant?: 'shell' | 'wall';
  testId?: string;
}

export function ConnectionBadge({ state, lang, variant = 'shell', testId = 'connection-state' }: Props) {
  return (
    <span
      className={styles.badge}
      data-variant={variant}
      data-phase={state.phase}
      data-testid={testId}
      role="status"
      title={variant === 'shell' ? (state.lastError ?? state.url) : undefined}
    >
      <span aria-hidden="true">{GLYPH[state.phase]}</span> {t(lang, `connection.${state.phase}`)}
    </span>
  );
}
