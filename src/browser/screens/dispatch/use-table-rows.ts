import { useMemo } from 'react';
import { useAreaConfig, useThresholdsInForce } from '../../live/runtime-context';
import { useIncremental } from '../../ui/hooks/use-incremental';
import {
  buildConnectorRows,
  buildFeederRows,
  buildPvRows,
  type ConnectorRow,
  connectorSources,
  type DailyPeak,
  type FeederRow,
  feederSources,
  type PvRow,
  pvSources,
} from './dispatch-rows';
import type { Tab } from './dispatch-tables';
import { emptyRowsCache, type RowsCache } from './rows-cache';
import type { DeviceSample } from './use-sampled-devices';

export interface TableRows {
  feeders: readonly FeederRow[];
  pv: readonly PvRow[];
  connectors: readonly ConnectorRow[];
}

/** The three tables' rows, built incrementally (dispatch-rows.ts); only the visible tab's rows are rebuilt. */
export function useTableRows(tab: Tab, { devices }: DeviceSample, peaks: ReadonlyMap<string, DailyPeak>): TableRows {
  const area = useAreaConfig();
  const thresholds = useThresholdsInForce();
  const fSources = useMemo(() => feederSources(area), [area]);
  const pSources = useMemo(() => pvSources(area), [area]);
  const cSources = useMemo(() => connectorSources(area), [area]);
  const feeders = useIncremental<RowsCache<FeederRow>>(
    emptyRowsCache,
    tab === 'feeders' ? [fSources, thresholds, devices, peaks] : [],
    (prev) => (tab === 'feeders' ? buildFeederRows(prev, fSources, { thresholds, views: devices, peaks }) : prev),
  );
  const pv = useIncremental<RowsCache<PvRow>>(emptyRowsCache, tab === 'pv' ? [pSources, devices] : [], (prev) =>
    tab === 'pv' ? buildPvRows(prev, pSources, devices) : prev,
  );
  const connectors = useIncremental<RowsCache<ConnectorRow>>(
    emptyRowsCache,
    tab === 'connectors' ? [cSources, devices] : [],
    (prev) => (tab === 'connectors' ? buildConnectorRows(prev, cSources, devices) : prev),
  );
  return { feeders: feeders.rows, pv: pv.rows, connectors: connectors.rows };
}
