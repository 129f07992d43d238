/**
 * The right-hand side of the console: the alarm list with its header (counts, acknowledgement sync, cleared, sound,
 * who acknowledges, the alarm log), the service's refusal of an acknowledgement in words, the critical banner above
 * the page, and the area load chart below the alarms.
 */
import { useMemo } from 'react';
import type { Alarm } from '../../../core/domain/alarms/types';
import { formatClock } from '../../../core/time/shanghai';
import type { LiveServicePresence } from '../../live/live-status-store';
import { Chart } from '../../ui/charts/Chart';
import '../../ui/charts/echarts-dispatch';
import { useAreaLosses } from '../../live/use-area-losses';
import { useLang } from '../../ui/i18n/lang-context';
import { AlarmList, type DeviceNames, formatAlarmValue } from './AlarmList';
import { lossesLine } from './area-losses';
import styles from './dispatch.module.css';
import { RULE_LABEL } from './dispatch-labels';
import { dt } from './dispatch-messages';
import { useAreaChartOption } from './use-area-chart';
import type { DispatchAlarms } from './use-dispatch-alarms';
import type { DispatchHistory } from './use-dispatch-history';
import type { DeviceSample } from './use-sampled-devices';

export function CriticalBanner({
  alarm,
  names,
  onAck,
  onDismiss,
}: {
  alarm: Alarm;
  names: DeviceNames;
  onAck: (a: Alarm) => void;
  onDismiss: () => void;
}) {
  const lang = useLang();
  return (
    <div className={styles.banner} role="alert" data-testid="critical-banner">
      <span className={styles.bannerGlyph} aria-hidden>
        ⬣
      </span>
      <b>{dt(lang, 'alarms.newCritical')}</b>
      <span>
        {dt(lang, RULE_LABEL[alarm.rule])} · {names.get(alarm.deviceId)?.[lang] ?? alarm.deviceId} ·{' '}
        {formatAlarmValue(alarm, lang)}
      </span>
      <span className={styles.spacer} />
      <button type="button" className={styles.ackButton} onClick={() => onAck(alarm)}>
        {dt(lang, 'alarms.ack')}
      </button>
      <button type="button" className={styles.smallButton} onClick={onDismiss}>
        {dt(lang, 'alarms.dismiss')}
      </button>
    </div>
  );
}

interface AlarmPanelProps {
  alarms: DispatchAlarms;
  rows: readonly Alarm[];
  showCleared: boolean;
  onShowCleared: (show: boolean) => void;
  muted: boolean;
  onToggleMuted: () => void;
  dispatcherName: string | null;
  onChangeName: () => void;
  onOpenLog: () => void;
  onAck: (a: Alarm) => void;
  selectedId: string | null;
  onSelect: (a: Alarm) => void;
  names: DeviceNames;
  nowMs: number;
}

export function AlarmPanel(p: AlarmPanelProps) {
  const lang = useLang();
  const { active, ackOf } = p.alarms;
  // Counted once per change of the alarms or acknowledgements, not on every render (an alarm storm is thousands).
  const unacked = useMemo(() => active.filter((a) => !ackOf(a)).length, [active, ackOf]);
  return (
    <>
      <div className={styles.alarmHead}>
        <h2>
          {dt(lang, 'alarms.title')}{' '}
          <span className="num" data-testid="alarm-count">
            {active.length}
          </span>
          <span className={styles.muted}>
            {' '}
            {dt(lang, 'alarms.count')}
            {unacked ? ` · ${unacked} ${dt(lang, 'alarms.unackedCount')}` : ''}
          </span>
        </h2>
        <span className={styles.spacer} />
        {p.alarms.syncState === 'error' ? (
          <span className={styles.notShared} data-testid="ack-sync-error" title={dt(lang, 'alarms.notSharedHint')}>
            {dt(lang, 'alarms.syncError')}
          </span>
        ) : null}
        <label className={styles.check}>
          <input type="checkbox" checked={p.showCleared} onChange={(e) => p.onShowCleared(e.target.checked)} />
          {dt(lang, 'alarms.showCleared')}
        </label>
        <button
          type="button"
          className={styles.smallButton}
          aria-pressed={!p.muted}
          onClick={p.onToggleMuted}
          data-testid="mute-toggle"
        >
          {p.muted ? `♪̸ ${dt(lang, 'alarms.unmute')}` : `♪ ${dt(lang, 'alarms.mute')}`}
        </button>
        <button type="button" className={styles.smallButton} onClick={p.onOpenLog} data-testid="alarm-log-open">
          {dt(lang, 'alarms.tabLog')}
        </button>
        <button
          type="button"
          className={styles.smallButton}
          onClick={p.onChangeName}
          data-testid="dispatcher-name"
          title={dt(lang, 'name.title')}
        >
          {dt(lang, 'alarms.by')}: {p.dispatcherName ?? '—'}
        </button>
      </div>
      {p.alarms.refusal ? (
        <div className={styles.refusal} role="status" data-testid="ack-refused" data-kind={p.alarms.refusal.kind}>
          <span>
            {dt(lang, `alarms.refused.${p.alarms.refusal.kind}`)}
            {p.alarms.refusal.detail ? ` (${p.alarms.refusal.detail})` : ''}
          </span>
          <span className={styles.spacer} />
          <button type="button" className={styles.smallButton} onClick={p.alarms.dismissRefusal}>
            {dt(lang, 'alarms.dismiss')}
          </button>
        </div>
      ) : null}
      <ServiceDownNotice service={p.alarms.service} />
      <AlarmList
        waiting={!p.alarms.received}
        unknown={serviceDown(p.alarms.service)}
        alarms={p.rows}
        ackOf={ackOf}
        onAck={p.onAck}
        selectedId={p.selectedId}
        onSelect={p.onSelect}
        names={p.names}
        nowMs={p.nowMs}
      />
    </>
  );
}

const serviceDown = (s: LiveServicePresence): s is LiveServicePresence & { state: 'offline' | 'silent' } =>
  s.state === 'offline' || s.state === 'silent';

/** Above the list while the live service is offline or silent: the list is only as of its last status. */
function ServiceDownNotice({ service }: { service: LiveServicePresence }) {
  const lang = useLang();
  if (!serviceDown(service)) return null;
  const time = service.lastOnlineTs === null ? '—' : formatClock(service.lastOnlineTs);
  return (
    <div className={styles.refusal} role="status" data-testid="alarm-service-down" data-state={service.state}>
      <span>{dt(lang, `alarms.service.${service.state}`, { time })}</span>
    </div>
  );
}

export function AreaLoadChart({ sample, history }: { sample: DeviceSample; history: DispatchHistory }) {
  const lang = useLang();
  const option = useAreaChartOption(sample, history);
  return (
    <div className={styles.areaChart}>
      <div className={styles.areaTitle}>{dt(lang, 'area.title')}</div>
      <Chart option={option} testId="area-province-chart" ariaLabel={dt(lang, 'area.title')} />
      <AreaLossesFigure nowMs={sample.nowMs} />
    </div>
  );
}

/** Below the area load: the losses between the 220 kV intake and the feeder heads, as the live service gives them. */
function AreaLossesFigure({ nowMs }: { nowMs: number }) {
  const lang = useLang();
  const line = lossesLine(useAreaLosses(), nowMs, lang);
  return (
    <p className={styles.areaLosses} data-testid="area-losses" data-state={line.state} title={dt(lang, 'losses.title')}>
      <span>{dt(lang, 'losses.label')}</span> <span className="num">{line.text}</span>
    </p>
  );
}
