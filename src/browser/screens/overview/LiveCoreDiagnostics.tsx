/**
 * Diagnostics of a public page: what its live-core store refused and why, the live service's own state and the
 * connection's details. A public page never sees a raw device message, so it has no device rejections to show (the
 * live service judges those; /dispatch's diagnostics show the raw stream's).
 */
import { formatClock } from '../../../core/time/shanghai';
import { LIVE_REJECT_REASONS } from '../../live/live-payload';
import { useConnectionState, useLiveCore } from '../../live/runtime-context';
import { DiagnosticsFrame } from '../../ui/components/DiagnosticsFrame';
import { useLang } from '../../ui/i18n/lang-context';

export function LiveCoreDiagnostics({ onClose }: { onClose?: () => void }) {
  const snap = useLiveCore();
  const conn = useConnectionState();
  const lang = useLang();
  const d = snap.diagnostics;
  const status = snap.status;
  return (
    <DiagnosticsFrame
      counts={d}
      reasons={LIVE_REJECT_REASONS}
      connection={conn}
      onClose={onClose}
      stats={
        <>
          <dt>live</dt>
          <dd data-testid="diag-live-health" data-state={snap.health.state}>
            {snap.health.state}
            {status ? ` · ${status.state} · ${status.source} · ${status.publishIntervalMs} ms` : ''}
            {snap.health.lastFiguresMs !== null ? ` · ${formatClock(snap.health.lastFiguresMs, lang)}` : ''}
          </dd>
        </>
      }
    />
  );
}
