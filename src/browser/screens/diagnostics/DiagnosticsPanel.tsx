/**
 * What the ingest refused and why: counts by reason, the last rejected topic with its reason, recent rejections,
 * duplicates dropped, message rate, what was refused of the live service's own documents and the connection's
 * details.
 */
import { REJECT_REASONS } from '../../../core/contract/reject-reasons';
import { useConnectionState, useTelemetry } from '../../live/runtime-context';
import { useLiveDocumentRefusals } from '../../live/use-live-refusals';
import { DiagnosticsFrame } from '../../ui/components/DiagnosticsFrame';
import { useLang } from '../../ui/i18n/lang-context';
import { t } from '../../ui/i18n/messages';

export function DiagnosticsPanel({ onClose }: { onClose?: () => void }) {
  const snap = useTelemetry();
  const conn = useConnectionState();
  const lang = useLang();
  const d = snap.diagnostics;
  const live = useLiveDocumentRefusals();
  return (
    <DiagnosticsFrame
      counts={d}
      reasons={REJECT_REASONS}
      connection={conn}
      onClose={onClose}
      stats={
        <>
          <dt>{t(lang, 'diag.duplicates')}</dt>
          <dd className="num">{d.duplicates}</dd>
          <dt>{t(lang, 'diag.rate')}</dt>
          <dd className="num">{d.messagesPerSecond} /s</dd>
          <dt>{t(lang, 'diag.streamLag')}</dt>
          <dd className="num" data-testid="diag-stream-lag">
            {(d.streamLagMs / 1000).toFixed(1)} s
          </dd>
          <dt>{t(lang, 'diag.liveRefused')}</dt>
          <dd className="num" data-testid="diag-live-refused" title={live.last ?? undefined}>
            {t(lang, 'diag.liveRefusedCounts', {
              alarms: live.alarms,
              status: live.status,
              losses: live.losses,
              reliability: live.reliability,
            })}
          </dd>
        </>
      }
    />
  );
}
