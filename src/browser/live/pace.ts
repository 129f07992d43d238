/**
 * How often the page's O(devices) work runs, by the size of the area. Two jobs walk every device: building a
 * store snapshot (sums, freshness) and rebuilding and re-sorting the dispatcher's table rows (the alarm rules run on
 * the live service). For the real new area (a few hundred devices) they run at the pace the screens want; for a big area (the
 * 10,000-feeder benchmark) they slow down so that, together, they leave the frames free for scrolling: a dispatcher
 * reads numbers that change every 5 s per device, not frames. One module owns these paces so they are tuned together.
 */

import { BIG_AREA_DEVICES } from '../../core/config/area-size';

const isBig = (devices: number) => devices > BIG_AREA_DEVICES;

/** Least time between two store snapshots (the views' re-render pace): 10 Hz, 4 Hz for a big area. */
export const snapshotIntervalMs = (devices: number) => (isBig(devices) ? 250 : 100);

/**
 * Dispatcher table rows: rebuilt with every snapshot (a value's publish → pixel is then the worker's batch and the
 * commit), once a second for a big area (re-sorting 10,000 rows is the cost).
 */
export const tableRowsPeriodMs = (devices: number) => (isBig(devices) ? 1_000 : snapshotIntervalMs(devices));
