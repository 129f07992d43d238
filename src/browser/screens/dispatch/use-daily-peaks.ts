import { useMemo } from 'react';
import { dayStartMs } from '../../../core/time/shanghai';
import { useAreaConfig } from '../../live/runtime-context';
import { useIncremental } from '../../ui/hooks/use-incremental';
import { joinPeaks, NO_LIVE_PEAKS, trackLivePeaks } from './daily-peaks';
import type { DailyPeak } from './dispatch-rows';
import type { DeviceSample } from './use-sampled-devices';

/** Today's peak per feeder from the sampled devices and the history service (daily-peaks.ts). */
export function useDailyPeaks(
  { devices, nowMs, series }: DeviceSample,
  historyPeaks: ReadonlyMap<string, DailyPeak> | null,
  historyAsOfMs: number | null,
): ReadonlyMap<string, DailyPeak> {
  const area = useAreaConfig();
  const feederIds = useMemo(() => area.feeders.map((f) => f.id), [area]);
  const day = dayStartMs(nowMs || historyAsOfMs || Date.now());
  const live = useIncremental(
    () => NO_LIVE_PEAKS,
    [devices, day, feederIds, series],
    (prev) =>
      trackLivePeaks(prev, {
        feederIds,
        devices,
        dayStartMs: day,
        minutesOf: series.deviceMinutes,
      }),
  );
  return useMemo(() => joinPeaks(feederIds, live, historyPeaks, day), [feederIds, live, historyPeaks, day]);
}
