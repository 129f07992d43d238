/**
 * GET /api/devices/day-registers: per feeder, PV site and charging station, the history's count of today (Σ of its
 * device minutes' energy) and the latest register readings it holds (device_state). A live service that starts mid-day
 * without its own state seeds its day registers from it (src/services/live/live-area.ts seedFromHistory), so today's
 * count on the screens runs from midnight like the history's instead of from the moment it started.
 *
 * Both come from the storage, never from the recorder's buffer: the minutes and the cursors are written together in one
 * drain, so the count runs exactly up to the readings it answers with.
 */
import type { DayRegistersResponse } from '../../core/contract/history-api';
import { dayStartMs as shanghaiDayStartMs } from '../../core/time/shanghai';
import { DAY_MS, MINUTE_MS } from './shanghai-time';
import type { DeviceRow, HistoryStorage } from './storage/history-storage';

export async function dayRegisters(
  storage: HistoryStorage,
  devices: Map<string, DeviceRow>,
  nowMs: number,
): Promise<DayRegistersResponse> {
  const dayStartMs = shanghaiDayStartMs(nowMs);
  // The whole local day: a device clock slightly ahead of the service's still has its minutes counted.
  const energies = await storage.deviceEnergies(dayStartMs / MINUTE_MS, (dayStartMs + DAY_MS) / MINUTE_MS);
  const eWhByDevice = new Map(energies.map((e) => [e.device, e.eWh]));
  const cursors = await storage.deviceCursors();
  const covered = await storage.coveredIntervals(dayStartMs, dayStartMs + DAY_MS);
  const first = covered[0];
  const out: DayRegistersResponse['devices'] = [];
  for (const d of [...devices.values()].sort((a, b) => a.idx - b.idx)) {
    if (d.kind === 'substation') continue;
    const c = cursors.get(d.idx);
    out.push({
      id: d.id,
      kind: d.kind,
      todayKwh: (eWhByDevice.get(d.idx) ?? 0) / 1000,
      lastTs: c?.lastTsMs ?? null,
      countersKwh: c?.countersKwh ?? [],
    });
  }
  return {
    timeZone: 'Asia/Shanghai',
    nowMs,
    dayStartMs,
    // A hole later in the day (history down for more than a few minutes) is not told here: its energy is missing from
    // the count as it is from /api/today's device minutes, which is what the seeded count is meant to agree with.
    countedSinceMs: first ? Math.max(dayStartMs, first.startMs) : null,
    devices: out,
  };
}
