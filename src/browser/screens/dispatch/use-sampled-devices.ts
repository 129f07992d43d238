import { useEffect, useState } from 'react';
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
      setSample((prev) =>
        prev.version === s.version
          ? prev
          : { devices: s.devices, nowMs: s.nowMs, series: s.series, version: s.version },
      );
    }, tableRowsPeriodMs(store.getSnapshot().devices.size));
    return () => clearInterval(id);
  }, [store, holdRef]);
  return sample;
}
