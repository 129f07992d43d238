/** What the console's keys act on, as pure functions of the page's state (use-dispatch-keys.ts binds the keys). */
import { alarmDisplayState } from '../../../core/domain/alarms/acks';
import { compareAlarms } from '../../../core/domain/alarms/engine';
import type { Alarm, AlarmAck } from '../../../core/domain/alarms/types';
import type { Tab } from './dispatch-tables';

/** The device a table row stands for: a connector row (`<stationId>/<connectorId>`) is its charging station's. */
export function deviceOfRow(tab: Tab, rowId: string | null | undefined): string | undefined {
  if (!rowId) return undefined;
  return tab === 'connectors' ? rowId.split('/')[0] : rowId;
}

/** `a`: the selected alarm if it is active, else the worst unacknowledged alarm of the selected device. */
export function alarmToAcknowledge(
  alarms: readonly Alarm[],
  selectedAlarmId: string | null,
  deviceId: string | undefined,
  ackOf: (a: Alarm) => AlarmAck | null,
): Alarm | undefined {
  const active = (a: Alarm) => alarmDisplayState(a, ackOf(a)) === 'active';
  return (
    alarms.find((a) => a.id === selectedAlarmId && active(a)) ??
    alarms.filter((a) => a.deviceId === deviceId && active(a)).sort(compareAlarms)[0]
  );
}

/** The number keys switch tables: `1` the first. */
export function tabOfKey(key: string, tabs: readonly Tab[]): Tab | undefined {
  return /^[1-9]$/.test(key) ? tabs[Number(key) - 1] : undefined;
}
