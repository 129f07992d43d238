/**
 * Everything the wall shows, derived once per (throttled) snapshot: KPI figures, the freshness state of each tile and
 * panel, today's curves (history before the page's own minutes), feeder loadings and connector states.
 */
import { useMemo, useRef } from 'react';
import type { AreaConfig } from '../../../core/config/area-schema';
import { addDaysStartMs } from '../../../core/time/shanghai';
import { type CurveMetric, curvePeak, mergeDayCurve, shiftCurve, todayEnergies } from '../../history/today';
import type { AreaMetric, TelemetrySnapshot } from '../../live/telemetry-store';
import type { WallHistory } from './use-wall-history';
import { yearPvNow } from './use-wall-history';
import type { WallAlarmMark } from './wall-alarms';
import {
  connectorGrid,
  type FeederLoading,
  type FreshnessByKind,
  feederLoadings,
  freshnessByKind,
  INPUTS,
  type PanelId,
  SessionsToday,
  type StationConnectors,
  type TileId,
  type TileState,
  tileState,
  type WallKpis,
  wallKpis,
} from './wall-figures';

export interface DayCurves {
  today: [number, number | null][];
  yesterday: [number, number | null][];
}

export interface WallModel {
  snapshot: TelemetrySnapshot;
  fresh: FreshnessByKind;
  states: Record<TileId | PanelId, TileState>;
  kpis: WallKpis;
  curves: Record<'consumptionKw' | 'pvKw' | 'evKw', DayCurves>;
  feeders: FeederLoading[];
  connectors: StationConnectors[];
  sessions: { sessions: number; sinceMs: number | null };
  /** Newest device timestamp seen (the time of the last good data). */
  lastDataMs: number | null;
  historyStatus: WallHistory['status'];
  yearAvailable: boolean;
  /** Feeders with an active load alarm and whether a dispatcher acknowledged it (masked: no names, no notes). */
  alarmMarks: ReadonlyMap<string, WallAlarmMark>;
  /** Why this year's figure is not complete: the service is still backfilling, or months have no data; else null. */
  yearPartial: 'backfill' | 'gaps' | null;
}

const CURVES: CurveMetric[] = ['consumptionKw', 'pvKw', 'evKw'];

export function useWallModel(
  snapshot: TelemetrySnapshot,
  config: AreaConfig,
  history: WallHistory,
  alarmMarks: ReadonlyMap<string, WallAlarmMark>,
): WallModel {
  const sessionsRef = useRef<SessionsToday | null>(null);
  sessionsRef.current ??= new SessionsToday();
  const sessionsTracker = sessionsRef.current;

  return useMemo(() => {
    const dayStart = snapshot.dayStartMs;
    const now = snapshot.nowMs;
    const fresh = freshnessByKind(snapshot);
    const states = Object.fromEntries(
      Object.entries(INPUTS).map(([id, kinds]) => [id, tileState(fresh, kinds)]),
    ) as Record<TileId | PanelId, TileState>;

    const yesterdayStart = addDaysStartMs(now, -1);
    const curves = {} as WallModel['curves'];
    const historyToday = history.area && history.area.today.startMs === dayStart ? history.area : null;
    for (const metric of CURVES as ('consumptionKw' | 'pvKw' | 'evKw')[]) {
      const live = snapshot.series.areaMinutes('area', metric as AreaMetric, dayStart);
      const today = mergeDayCurve(historyToday?.today.series[metric], live, dayStart, now);
      const yesterday = historyToday
        ? shiftCurve(historyToday.yesterday.series[metric], dayStart - historyToday.yesterday.startMs)
        : shiftCurve(
            snapshot.series.areaMinutes('area', metric as AreaMetric, yesterdayStart).filter(([t]) => t < dayStart),
            dayStart - yesterdayStart,
          );
      curves[metric] = { today, yesterday };
    }

    const t = snapshot.today;
    const energies = todayEnergies({ sc: t.sc, cq: t.cq }, dayStart, history.energyBase);
    const yearPv = yearPvNow(history.yearPv, { sc: t.sc.ePvKwh, cq: t.cq.ePvKwh }, now);
    const kpis = wallKpis({
      snapshot,
      config,
      today: energies,
      peakToday: curvePeak(curves.consumptionKw.today),
      yearPvKwh: yearPv,
    });

    let lastDataMs: number | null = null;
    for (const d of snapshot.devices.values())
      if (d.lastTs !== null && (lastDataMs === null || d.lastTs > lastDataMs)) lastDataMs = d.lastTs;

    return {
      snapshot,
      fresh,
      states,
      kpis,
      curves,
      feeders: feederLoadings(snapshot, config),
      connectors: connectorGrid(snapshot, config),
      sessions: sessionsTracker.update(snapshot),
      lastDataMs,
      historyStatus: history.status,
      yearAvailable: yearPv !== null,
      alarmMarks,
      yearPartial: history.yearPv?.backfilling ? 'backfill' : history.yearPv && history.yearPv.gaps > 0 ? 'gaps' : null,
    };
  }, [snapshot, config, history, sessionsTracker, alarmMarks]);
}
