/** Look-ups over the area configuration the console needs per alarm and per row. Built once per configuration. */
import type { AreaConfig } from '../../../core/config/area-schema';

/** Every device's (and substation's) name by id. */
export function deviceNames(area: AreaConfig): ReadonlyMap<string, { zh: string; en: string }> {
  const m = new Map<string, { zh: string; en: string }>();
  for (const d of [...area.substations, ...area.feeders, ...area.pvSites, ...area.chargingStations])
    m.set(d.id, d.name);
  return m;
}

/** The feeder a device hangs on (a feeder is its own). */
export function feederOfDevice(area: AreaConfig): ReadonlyMap<string, string> {
  const m = new Map<string, string>();
  for (const f of area.feeders) m.set(f.id, f.id);
  for (const p of area.pvSites) m.set(p.id, p.feederId);
  for (const c of area.chargingStations) m.set(c.id, c.feederId);
  return m;
}
