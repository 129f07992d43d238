import { startTransition, useEffect, useState } from 'react';
import { tableRowsPeriodMs } from '../../live/pace';
import { subscribePaced } from '../../live/paced-subscription';
import { useTelemetryStore } from '../../live/runtime-context';
import type { DeviceView, SeriesReader } from '../../live/telemetry-store';

export interface DeviceSample {
  devices: ReadonlyMap<string, DeviceView>;
  nowMs: number;
  series: SeriesReader;
}

/**
 * The store's device views, sampled when a new snapshot arrives but at most every tableRowsPeriodMs, and not while
 * `holdRef` says the dispatcher is scrolling a table: rows then hold still under the eye (no re-sort moves them, no
 * values jump) and the frames go to scrolling; the next sample comes within a period after scrolling stops.
 * Following the snapshots (not a timer of its own) keeps a value's way from its publish to the table short: it waits
 * for the worker's batch and the store's commit only (`npm run bench:pixel`).
 * A new sample is a transition: React renders the rows' refresh (the tables' rows, their re-sort, the visible cells)
 * in slices of a few milliseconds between frames instead of one long task, and a click or a key press meanwhile goes
 * first. A scroll that starts while such a render is under way interrupts it, and React then applies the update
 * again: it keeps the rows as they were (the hold is read there too), or the sample taken before the scroll would
 * land under the dispatcher's eye.
 */
export function useSampledDevices(holdRef: { readonly current: boolean }): DeviceSample {
  const store = useTelemetryStore();
  const [sample, setSample] = useState(() => {
    const s = store.getSnapshot();
    return { devices: s.devices, nowMs: s.nowMs, series: s.series, version: s.version };
  });
  useEffect(() => {
    const periodMs = tableRowsPeriodMs(store.getSnapshot().devices.size);
    return subscribePaced(store.subscribe, periodMs, () => {
      if (holdRef.current) return false;
      const s = store.getSnapshot();
      startTransition(() =>
        setSample((prev) =>
          prev.version === s.version || holdRef.current
            ? prev
            : { devices: s.devices, nowMs: s.nowMs, series: s.series, version: s.version },
        ),
      );
      return true;
    });
  }, [store, holdRef]);
  return sample;
}
