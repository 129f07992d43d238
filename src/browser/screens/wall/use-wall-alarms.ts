/**
 * The wall's alarm marks from the masked alarms the live service publishes (gaozhu/v1/live/alarms/public): the wall
 * runs no alarm engine and asks the history service nothing about acknowledgements. Until the live service publishes
 * alarms the strip lists the heavy and overloaded feeders from their states, unmarked.
 */
import { useMemo } from 'react';
import type { AreaConfig } from '../../../core/config/area-schema';
import type { PublicAlarms } from '../../../core/contract/live-core';
import { type WallAlarmMark, wallAlarmMarks } from './wall-alarms';

const NONE: ReadonlyMap<string, WallAlarmMark> = new Map();

export function useWallAlarms(alarms: PublicAlarms | null, area: AreaConfig): ReadonlyMap<string, WallAlarmMark> {
  const feederIds = useMemo(() => new Set(area.feeders.map((f) => f.id)), [area]);
  return useMemo(() => (alarms ? wallAlarmMarks(alarms.alarms, feederIds) : NONE), [alarms, feederIds]);
}
