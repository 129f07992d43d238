import { startTransition, useEffect, useState } from 'react';
import { tableRowsPeriodMs } from '../../live/pace';
import { useTelemetryStore } from '../../live/runtime-context';
import type { DeviceView, SeriesReader } from '../../live/telemetry-store';

export interface DeviceSample {
  devices: ReadonlyMap<string, DeviceView>;
  nowMs: number;
  series: SeriesReader;
}

/**
 * The store's device views, sampled at most every tableRowsPeriodMs (and only when the snapshot changed), and not
 * while `holdRef` says the dispatcher is scrolling a table: rows then hold still under the eye (no re-sort moves them,
 * no values jump) and the frames go to scrolling; the next sample comes within a period after scrolling stops.
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
    const id = setInterval(() => {
      if (holdRef.current) return;
      const s = store.getSnapshot();
      startTransition(() =>
        setSample((prev) =>
          prev.version === s.version || holdRef.current
            ? prev
            : { devices: s.devices, nowMs: s.nowMs, series: s.series, version: s.version },
        ),
      );
    }, tableRowsPeriodMs(store.getSnapshot().devices.size));
    return () => clearInterval(id);
  }, [store, holdRef]);
  return sample;
}
