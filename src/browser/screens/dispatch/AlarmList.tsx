/**
 * The alarm list: severity, device, rule, start, duration, value against limit, state (active / acknowledged by whom
 * and when / cleared), with "not shared" (未同步) on acknowledgements the live service has not taken yet. Virtualised, since
 * a silent substation's worth of devices can raise hundreds at once.
 */
import { memo } from 'react';
import { alarmDisplayState } from '../../../core/domain/alarms/acks';
import type { Alarm } from '../../../core/domain/alarms/types';
import type { Lang } from '../../../core/lang';
import { formatClock } from '../../../core/time/shanghai';
import { formatNumber } from '../../ui/format/number';
import { useLang } from '../../ui/i18n/lang-context';
import styles from './dispatch.module.css';
import { ALARM_STATE_LABEL, RULE_LABEL, SEVERITY_GLYPH, SEVERITY_LABEL } from './dispatch-labels';
import { dt } from './dispatch-messages';
import type { LocalAck } from './use-dispatch-alarms';
import { useRowVirtualizer } from './use-row-virtualizer';

export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}

/** Value against limit in the alarm's own terms. */
export function formatAlarmValue(a: Alarm, lang: Lang): string {
  const n = (x: number | null, d = 1) => formatNumber(x, lang, { decimals: d });
  switch (a.rule) {
    case 'overload':
    case 'heavy-load':
      return `${n(a.value, 0)}% / ${n(a.threshold, 0)}%`;
    case 'voltage':
      return `${n(a.value, 1)}% / ±${n(a.threshold, 0)}%`;
    case 'stale':
      return `> ${n(a.threshold, 0)} s`;
    case 'pv-trip':
      return a.threshold === null ? `${n(a.value)} kW` : `${n(a.value)} kW / < ${n(a.threshold)} kW`;
    case 'charger-fault':
      return a.connectorId ?? '';
    default:
      return '';
  }
}

export interface DeviceNames {
  get(id: string): { zh: string; en: string } | undefined;
}

interface Props {
  /** No list from the live service yet: say so rather than "no alarms". */
  waiting?: boolean;
  /** The live service is offline or silent: an empty list says nothing about the area. */
  unknown?: boolean;
  alarms: readonly Alarm[];
  ackOf: (a: Alarm) => LocalAck | null;
  onAck: (a: Alarm) => void;
  selectedId: string | null;
  onSelect: (a: Alarm) => void;
  names: DeviceNames;
  nowMs: number;
}

const ROW_H = 52;
const alarmRowHeight = () => ROW_H;

export function AlarmList({ waiting, unknown, alarms, ackOf, onAck, selectedId, onSelect, names, nowMs }: Props) {
  const lang = useLang();
  const { scrollRef, virtualizer: v } = useRowVirtualizer(alarms, alarmRowHeight, 6);
  if (alarms.length === 0 && waiting)
    return (
      <div className={styles.alarmEmpty} data-testid="alarm-waiting">
        {dt(lang, 'alarms.waiting')}
      </div>
    );
  // No list from a service that is not there is not "no alarms": nothing raises them meanwhile.
  if (alarms.length === 0 && unknown)
    return (
      <div className={styles.alarmEmpty} data-testid="alarm-unknown">
        {dt(lang, 'alarms.unknown')}
      </div>
    );
  if (alarms.length === 0)
    return (
      <div className={styles.alarmEmpty} data-testid="alarm-empty">
        {dt(lang, 'alarms.none')}
      </div>
    );
  return (
    <div ref={scrollRef} className={styles.alarmScroll} data-testid="alarm-list">
      <ul className={styles.alarmUl} style={{ height: v.getTotalSize() }}>
        {v.getVirtualItems().map((item) => {
          const a = alarms[item.index] as Alarm;
          return (
            <AlarmRow
              key={a.id}
              alarm={a}
              ack={ackOf(a)}
              top={item.start}
              selected={a.id === selectedId}
              onAck={onAck}
              onSelect={onSelect}
              name={names.get(a.deviceId)}
              nowSecond={Math.floor(nowMs / 1000)}
              lang={lang}
            />
          );
        })}
      </ul>
    </div>
  );
}

const AlarmRow = memo(function AlarmRow({
  alarm: a,
  ack,
  top,
  selected,
  onAck,
  onSelect,
  name,
  nowSecond,
  lang,
}: {
  alarm: Alarm;
  ack: LocalAck | null;
  top: number;
  selected: boolean;
  onAck: (a: Alarm) => void;
  onSelect: (a: Alarm) => void;
  name: { zh: string; en: string } | undefined;
  nowSecond: number;
  lang: Lang;
}) {
  const state = alarmDisplayState(a, ack);
  const endMs = a.clearedMs ?? nowSecond * 1000;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard acknowledges with `a` on the selected device (help overlay)
    <li
      className={`${styles.alarmRow} ${selected ? styles.selected : ''}`}
      data-testid="alarm-row"
      data-alarm-id={a.id}
      data-rule={a.rule}
      data-device={a.deviceId}
      data-state={state}
      data-severity={a.severity}
      style={{ transform: `translateY(${top}px)`, height: ROW_H }}
      onClick={() => onSelect(a)}
    >
      <span className={styles.severity} data-severity={a.severity}>
        <span aria-hidden>{SEVERITY_GLYPH[a.severity]}</span> {dt(lang, SEVERITY_LABEL[a.severity])}
      </span>
      <span className={styles.alarmMain}>
        <span className={styles.alarmTitle}>
          {dt(lang, RULE_LABEL[a.rule])} · {name ? name[lang] : a.deviceId}
        </span>
        <span className={`${styles.alarmMeta} num`}>
          {formatClock(a.startMs)} · {formatDurationMs(endMs - a.startMs)} · {formatAlarmValue(a, lang)}
        </span>
      </span>
      <span className={styles.alarmState} data-testid="alarm-state" data-state={state}>
        {dt(lang, ALARM_STATE_LABEL[state])}
        {ack ? (
          <span className={styles.ackBy}>
            {ack.by} {formatClock(ack.atMs)}
            {ack.shared ? null : (
              <span className={styles.notShared} data-testid="ack-not-shared" title={dt(lang, 'alarms.notSharedHint')}>
                {dt(lang, 'alarms.notShared')}
              </span>
            )}
          </span>
        ) : null}
      </span>
      {state === 'active' ? (
        <button
          type="button"
          className={styles.ackButton}
          data-testid="alarm-ack"
          onClick={(e) => {
            e.stopPropagation();
            onAck(a);
          }}
        >
          {dt(lang, 'alarms.ackShort')}
        </button>
      ) : (
        <span />
      )}
    </li>
  );
});
