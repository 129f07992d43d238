/**
 * Everything the wall shows, derived once per (throttled) live-core snapshot: KPI figures, the freshness state of each
 * tile and panel, today's curves (history before the live figures accumulated since the page loaded), feeder loadings
 * and connector states.
 */
import { useMemo } from 'react';
import type { AreaConfig } from '../../../core/config/area-schema';
import type { LoadingThresholds } from '../../../core/domain/loading';
import { addDaysStartMs, dayStartMs as dayStartOf } from '../../../core/time/shanghai';
import { mergeDayCurve, shiftCurve } from '../../history/today';
import type { AreaSampleMetric, LiveCoreSnapshot } from '../../live/live-core-store';
import { useIncremental } from '../../ui/hooks/use-incremental';
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
  type RememberedHeldSince,
  rememberHeldSince,
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
  snapshot: LiveCoreSnapshot;
  /** Local midnight of the data clock's day, and the data clock now. */
  dayStartMs: number;
  nowMs: number;
  fresh: FreshnessByKind;
  states: Record<TileId | PanelId, TileState>;
  kpis: WallKpis;
  curves: Record<'consumptionKw' | 'pvKw' | 'evKw', DayCurves>;
  feeders: FeederLoading[];
  connectors: StationConnectors[];
  /** Data time of the last good figures. */
  lastDataMs: number | null;
  historyStatus: WallHistory['status'];
  yearAvailable: boolean;
  /** Feeders with an active load alarm and whether a dispatcher acknowledged it (masked: no names, no notes). */
  alarmMarks: ReadonlyMap<string, WallAlarmMark>;
  /** Why this year's figure is not complete: the service is still backfilling, or months have no data; else null. */
  yearPartial: 'backfill' | 'gaps' | null;
}

const CURVES: ('consumptionKw' | 'pvKw' | 'evKw')[] = ['consumptionKw', 'pvKw', 'evKw'];

export function useWallModel(
  snapshot: LiveCoreSnapshot,
  config: AreaConfig,
  history: WallHistory,
  alarmMarks: ReadonlyMap<string, WallAlarmMark>,
  /** The thresholds in force (useThresholdsInForce), which a held feeder's loading is judged against. */
  thresholds: LoadingThresholds,
): WallModel {
  // The last "held since" seen per kind, carried from one snapshot's figures to the next (no ref written in a memo).
  const remembered = useIncremental<RememberedHeldSince>(
    () => ({}),
    [snapshot.figures.area],
    (prev) => rememberHeldSince(prev, snapshot.figures.area),
  );

  return useMemo(() => {
    const area = snapshot.figures.area;
    const now = snapshot.nowMs;
    const dayStart = area?.today.dayStartMs ?? dayStartOf(now);
    const fresh = freshnessByKind(area, remembered);
    const states = Object.fromEntries(
      Object.entries(INPUTS).map(([id, kinds]) => [id, tileState(fresh, kinds, snapshot.health)]),
    ) as Record<TileId | PanelId, TileState>;

    const yesterdayStart = addDaysStartMs(now, -1);
    const curves = {} as WallModel['curves'];
    const historyToday = history.area && history.area.today.startMs === dayStart ? history.area : null;
    for (const metric of CURVES) {
      const live = snapshot.samples.minutes(metric as AreaSampleMetric, dayStart);
      const today = mergeDayCurve(historyToday?.today.series[metric], live, dayStart, now);
      const yesterday = historyToday
        ? shiftCurve(historyToday.yesterday.series[metric], dayStart - historyToday.yesterday.startMs)
        : shiftCurve(
            snapshot.samples.minutes(metric as AreaSampleMetric, yesterdayStart).filter(([t]) => t < dayStart),
            dayStart - yesterdayStart,
          );
      curves[metric] = { today, yesterday };
    }

    const yearPv = yearPvNow(
      history.yearPv,
      { sc: snapshot.figures.sc?.today.ePvKwh ?? 0, cq: snapshot.figures.cq?.today.ePvKwh ?? 0 },
      now,
    );
    const kpis = wallKpis({ figures: snapshot.figures, config, yearPvKwh: yearPv });

    return {
      snapshot,
      dayStartMs: dayStart,
      nowMs: now,
      fresh,
      states,
      kpis,
      curves,
      feeders: feederLoadings(snapshot.substations, config, thresholds),
      connectors: connectorGrid(snapshot.stations, config),
      lastDataMs: area?.dataTimeMs ?? snapshot.health.lastFiguresMs,
      historyStatus: history.status,
      yearAvailable: yearPv !== null,
      alarmMarks,
      yearPartial: history.yearPv?.backfilling ? 'backfill' : history.yearPv && history.yearPv.gaps > 0 ? 'gaps' : null,
    };
  }, [snapshot, remembered, config, history, alarmMarks, thresholds]);
}
