/**
 * The dispatcher's pipeline in substation scope (DISPATCH_SCOPE=substation, subscription-scope.ts): the live core's
 * figures for the area's totals (the area chart samples them, the picker shows them), one store of the substations
 * selected so far, and the selection whose every change re-scopes that store and moves the worker's subscriptions.
 * runtime.ts builds it in place of the store of every device; the dispatch page's picker drives it.
 */
import type { AreaConfig } from '../../core/config/area-schema';
import type { DataClock } from '../../core/contract/data-clock';
import { dayStartMs } from '../../core/time/shanghai';
import { type LiveCoreSnapshot, type LiveCoreSource, LiveCoreStore } from './live-core-store';
import { type SelectSubstations, SubstationSelection, scopedArea } from './subscription-scope';
import { type AreaMetric, type BalanceScope, TelemetryStore } from './telemetry-store';

/** What the selection moves: the ingest worker's subscriptions (worker-ingest.ts), which also carry the figures. */
export interface SelectableIngest extends LiveCoreSource {
  select(substationIds: readonly string[]): void;
}

export interface RegionScope {
  /** The live core's figures (area, sc, cq) through the dispatcher's connection: the area's totals. */
  figures: LiveCoreStore;
  /** The devices of the substations selected so far (TelemetryStore.rescope). */
  store: TelemetryStore;
  selection: SubstationSelection;
  /** What the worker starts subscribed to: no substation until the page selects one. */
  workerStart: Omit<SelectSubstations, 'type'>;
  /** Starts the figures on the worker's connection and lets the selection move it; returns the stop. */
  start(ingest: SelectableIngest): () => void;
}

/** The live core's power figures per scope, or null until all three have arrived. */
export function areaPowerOf(s: LiveCoreSnapshot): Record<BalanceScope, Record<AreaMetric, number>> | null {
  const { area, sc, cq } = s.figures;
  return area && sc && cq ? { area: area.power, sc: sc.power, cq: cq.power } : null;
}

export function createRegionScope(area: AreaConfig, clock: DataClock): RegionScope {
  const figures = new LiveCoreStore(clock);
  const store = new TelemetryStore(scopedArea(area, []), {
    dayStartMs,
    areaPower: () => areaPowerOf(figures.getSnapshot()),
  });
  let ingest: SelectableIngest | null = null;
  const selection = new SubstationSelection(area, (view) => {
    store.rescope(view.area);
    ingest?.select(view.substationIds);
  });
  return {
    figures,
    store,
    selection,
    workerStart: { dispatchScope: 'substation', substationIds: [] },
    start(i) {
      ingest = i;
      const stop = figures.start(i);
      return () => {
        stop();
        ingest = null;
      };
    },
  };
}
