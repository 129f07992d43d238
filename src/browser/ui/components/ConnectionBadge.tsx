/** The broker connection state, always in words and a glyph as well as colour. */
import { useConnectionState } from '../../live/runtime-context';
import { useLang } from '../i18n/lang-context';
import { t } from '../i18n/messages';
import styles from './connection-badge.module.css';

const GLYPH = { connected: '●', connecting: '◌', reconnecting: '↻', disconnected: '✕' } as const;

export function ConnectionBadge() {
  const state = useConnectionState();
  const lang = useLang();
  return (
    <span
      className={styles.badge}
      data-phase={state.phase}
      data-testid="connection-state"
      role="status"
      title={state.lastError ?? state.url}
    >
      <span aria-hidden="true">{GLYPH[state.phase]}</span> {t(lang, `connection.${state.phase}`)}
    </span>
  );
}
