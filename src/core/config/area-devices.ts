/**
 * Every configured device of an area with its kind, province and reporting interval: the one list from which the
 * browser's live store and the live service build their device tables, so both know the same devices in the same order.
 */
import type { DeviceStatus, TelemetryByKind } from '../contract/payloads';
import type { DeviceKind, Province } from '../contract/topics';
import type { AreaConfig } from './area-schema';

export interface ConfiguredDevice {
  id: string;
  kind: DeviceKind;
  province: Province;
  /** How often the device reports, ms (the area's feed interval for its kind). */
  intervalMs: number;
}

/** Substations, feeders, PV sites, then charging stations, each in configuration order. */
export function configuredDevicesOf(config: AreaConfig): ConfiguredDevice[] {
  const iv = config.feedIntervalsS;
  const of = (kind: DeviceKind, intervalS: number) => (d: { id: string; province: Province }) => ({
    id: d.id,
    kind,
    province: d.province,
    intervalMs: intervalS * 1000,
  });
  return [
    ...config.substations.map(of('substation', iv.substation)),
    ...config.feeders.map(of('feeder', iv.feeder)),
    ...config.pvSites.map(of('pv', iv.pv)),
    ...config.chargingStations.map(of('charger', iv.charger)),
  ];
}

/** A configured device and what was last heard of it: the shared part of every live device table. */
export interface HeardDevice extends ConfiguredDevice {
  /** Latest accepted telemetry, or null before the first message. */
  latest: TelemetryByKind[DeviceKind] | null;
  /** Device timestamp of `latest`. */
  lastTs: number | null;
  presence: DeviceStatus['state'] | 'unknown';
}

/** A configured device before its first message: no reading, no time, presence unknown. */
export function unheardDevice(d: ConfiguredDevice): HeardDevice {
  return { ...d, latest: null, lastTs: null, presence: 'unknown' };
}
