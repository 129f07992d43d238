/**
 * The wall's mirror of the dispatchers' acknowledgements: the shared alarm engine (same ids as the dispatch screens)
 * and the shared acknowledgement poll, read-only, reduced to what the public wall may show (`wallAlarmMarks`).
 */
import { useCallback, useMemo, useState } from 'react';
import type { AreaConfig } from '../../../core/config/area-schema';
import { findAck, indexAcksByKey, parseAlarmId } from '../../../core/domain/alarms/acks';
import type { Alarm, AlarmAck } from '../../../core/domain/alarms/types';
import { useAckPoll } from '../../history/use-ack-poll';
import type { TelemetryStore } from '../../live/telemetry-store';
import { useAlarmEngine } from '../../live/use-alarm-engine';
import { type WallAlarmMark, wallAlarmMarks } from './wall-alarms';

/** Slower than a dispatcher's screen: the wall has nobody waiting on it. */
export const WALL_ACK_POLL_MS = 5_000;

const sameAcks = (a: ReadonlyMap<string, AlarmAck>, list: readonly AlarmAck[]) =>
  a.size === list.length && list.every((x) => a.get(x.alarmId)?.atMs === x.atMs);

export function useWallAlarms(
  store: TelemetryStore,
  area: AreaConfig,
  baseUrl: string,
  nowMs: () => number,
): ReadonlyMap<string, WallAlarmMark> {
  const engine = useAlarmEngine(store, area);
  const [acks, setAcks] = useState<ReadonlyMap<string, AlarmAck>>(() => new Map());
  const onAcks = useCallback(
    (list: AlarmAck[]) => setAcks((m) => (sameAcks(m, list) ? m : new Map(list.map((a) => [a.alarmId, a])))),
    [],
  );
  // An unreachable service leaves the last known acknowledgements in place; the strip still shows every alarm.
  useAckPoll({ baseUrl, periodMs: WALL_ACK_POLL_MS, nowMs, onAcks });

  const byKey = useMemo(() => indexAcksByKey(acks.values()), [acks]);
  const { active, lastClearedMs } = engine;
  return useMemo(
    () =>
      wallAlarmMarks(active, (alarm: Alarm) => {
        const key = parseAlarmId(alarm.id)?.key;
        return findAck(alarm, acks, byKey, key ? (lastClearedMs.get(key) ?? null) : null);
      }),
    [active, acks, byKey, lastClearedMs],
  );
}
