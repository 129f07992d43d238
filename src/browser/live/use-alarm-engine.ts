/**
 * Runs the pure alarm rule engine (src/core/domain/alarms/) over the store on a slow timer, for every screen that shows
 * alarms (the dispatcher console, the wall's alarm strip). Alarm ids come from device timestamps, so two screens
 * watching the same stream name the same alarm the same way and acknowledgements made on one apply on the other.
 *
 * The engine reads the latest snapshot every `periodMs` (not every frame; by default the area-size pace of
 * store/pace.ts): alarms need no faster pace, and with 10,000 devices this keeps frames free. The view changes only when the engine says something changed.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AreaConfig } from '../../core/config/area-schema';
import { parseAlarmId } from '../../core/domain/alarms/acks';
import {
  type AlarmEngineState,
  type AlarmEvaluation,
  createAlarmEngineState,
  evaluateAlarms,
} from '../../core/domain/alarms/engine';
import { type Alarm, alarmSettingsFromArea, alarmTopologyFromArea } from '../../core/domain/alarms/types';
import { alarmPeriodMs } from './pace';
import type { TelemetryStore } from './telemetry-store';

export interface AlarmEngineView {
  active: readonly Alarm[];
  cleared: readonly Alarm[];
  /** When this screen last saw each rule+device key clear (for `findAck`); the same map object throughout. */
  lastClearedMs: ReadonlyMap<string, number>;
}

/**
 * `onChange` is called after each evaluation that changed something, with the time of this screen's first
 * evaluation (alarms that began before it were already on when the screen opened).
 */
export function useAlarmEngine(
  store: TelemetryStore,
  area: AreaConfig,
  onChange?: (r: AlarmEvaluation, firstEvaluatedMs: number) => void,
  periodMs = alarmPeriodMs(store.getSnapshot().devices.size),
): AlarmEngineView {
  const topo = useMemo(() => alarmTopologyFromArea(area), [area]);
  const settings = useMemo(() => alarmSettingsFromArea(area), [area]);
  const engineRef = useRef<AlarmEngineState>(createAlarmEngineState());
  const lastClearedRef = useRef(new Map<string, number>());
  const startedAtRef = useRef<number | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [view, setView] = useState<{ active: readonly Alarm[]; cleared: readonly Alarm[] }>({
    active: [],
    cleared: [],
  });

  useEffect(() => {
    const tick = () => {
      const snap = store.getSnapshot();
      if (snap.nowMs === 0) return;
      const r = evaluateAlarms(engineRef.current, snap.devices.values(), topo, settings, snap.nowMs);
      engineRef.current = r.state;
      startedAtRef.current ??= snap.nowMs;
      for (const c of r.clearedNow) {
        const key = parseAlarmId(c.id)?.key;
        if (key) lastClearedRef.current.set(key, c.clearedMs ?? snap.nowMs);
      }
      if (!r.changed) return;
      setView({ active: r.active, cleared: r.state.cleared });
      onChangeRef.current?.(r, startedAtRef.current);
    };
    tick();
    const id = setInterval(tick, periodMs);
    return () => clearInterval(id);
  }, [store, topo, settings, periodMs]);

  return useMemo(() => ({ ...view, lastClearedMs: lastClearedRef.current }), [view]);
}
