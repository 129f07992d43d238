/**
 * What a region's dispatcher reads (DISPATCH_SCOPE=substation, src/services/deployment.md): not every device's raw stream — at
 * 100,000 devices that is the whole stream in one browser tab — but the devices of the substations it shows, as one
 * document per substation that the live service (src/services/live/substation-devices.ts) publishes, and the area's
 * totals from the live core's figures.
 *
 *   gaozhu/v1/live/devices/<substationId>   retained, QoS 0: every device of one substation — the substation itself,
 *                                           its feeders, the PV sites and charging stations on those feeders — each
 *                                           with its latest accepted reading (the device contract's payload, as the
 *                                           device sent it) and its presence as the live service knows it
 *
 * The device topics carry no substation level (./topics.ts), so a broker cannot give a dispatcher "one substation's
 * devices" of the raw stream; this document is what an allow list can name. DISPATCH_SCOPE is one setting read by the
 * broker's ACL (src/services/broker/acl.ts), the live service and the app server (the page's runtime configuration):
 * they must agree, which is why it is a setting and not a device-count threshold each would judge on its own.
 */
import { z } from 'zod';
import type { AreaConfig } from '../config/area-schema';
import { LIVE_ROOT, liveTopics, PUBLIC_RELIABILITY_FILTERS } from './live-core';
import { timestampMs } from './payloads';
import { DEVICE_ID_PATTERN, DEVICE_KINDS, type DeviceKind, PROVINCES, type Province, SIM_CLOCK_TOPIC } from './topics';

/** 'area' (the default, one PC): the dispatcher reads every device's raw stream. 'substation': a region's dispatcher. */
export const DISPATCH_SCOPES = ['area', 'substation'] as const;
export type DispatchScope = (typeof DISPATCH_SCOPES)[number];

/** DISPATCH_SCOPE's value (unset or empty: 'area'); anything else is refused, naming the setting. */
export function parseDispatchScope(value: string | undefined): DispatchScope {
  if (value === undefined || value === '') return 'area';
  if ((DISPATCH_SCOPES as readonly string[]).includes(value)) return value as DispatchScope;
  throw new Error(`DISPATCH_SCOPE="${value.slice(0, 40)}" must be ${DISPATCH_SCOPES.join(' or ')} (unset: area)`);
}

export const substationDevicesTopic = (substationId: string) => `${LIVE_ROOT}/devices/${substationId}`;
export const SUBSTATION_DEVICES_FILTER = `${LIVE_ROOT}/devices/+`;

/**
 * Everything a dispatcher reads in substation scope, and all its broker user may read then: the clock, the live
 * service's status (thresholds in force), the figures (area totals), the substations' device documents, the alarms in
 * full and the outages and reliability indicators.
 */
export const REGION_DISPATCH_FILTERS = [
  SIM_CLOCK_TOPIC,
  liveTopics.status,
  `${LIVE_ROOT}/figures/+`,
  SUBSTATION_DEVICES_FILTER,
  liveTopics.alarmsDispatch,
  ...PUBLIC_RELIABILITY_FILTERS,
] as const;

export const PRESENCE_STATES = ['online', 'offline', 'unknown'] as const;

export const substationDevicesSchema = z
  .object({
    ts: timestampMs.describe('When the live service wrote this document (its data clock)'),
    substationId: z.string().regex(DEVICE_ID_PATTERN),
    devices: z
      .array(
        z.object({
          kind: z.enum(DEVICE_KINDS),
          province: z.enum(PROVINCES),
          id: z.string().regex(DEVICE_ID_PATTERN),
          presence: z.enum(PRESENCE_STATES).describe("The device's presence: its status topic, or its pool's Will"),
          telemetry: z
            .unknown()
            .describe(
              "The device's latest accepted reading, a payload of its telemetry topic (./payloads.ts); the reader judges it as if it had arrived there. null before any",
            ),
        }),
      )
      .max(5_000),
  })
  .describe('Every device of one substation with its latest reading: what a region dispatcher shows of it');
export type SubstationDevices = z.infer<typeof substationDevicesSchema>;

export interface SubstationMember {
  kind: DeviceKind;
  province: Province;
  id: string;
}

/**
 * The devices of each substation, in the order a document lists them: the substation itself, its feeders, then the PV
 * sites and the charging stations on those feeders. A 220 kV substation without feeders of its own has itself only.
 */
export function substationMembers(
  area: Pick<AreaConfig, 'substations' | 'feeders' | 'pvSites' | 'chargingStations'>,
): Map<string, SubstationMember[]> {
  const members = new Map<string, SubstationMember[]>();
  for (const s of area.substations) members.set(s.id, [{ kind: 'substation', province: s.province, id: s.id }]);
  const substationOfFeeder = new Map<string, string>();
  for (const f of area.feeders) {
    substationOfFeeder.set(f.id, f.substationId);
    members.get(f.substationId)?.push({ kind: 'feeder', province: f.province, id: f.id });
  }
  const onFeeder = (kind: 'pv' | 'charger', d: { id: string; province: Province; feederId: string }) => {
    const sub = substationOfFeeder.get(d.feederId);
    if (sub) members.get(sub)?.push({ kind, province: d.province, id: d.id });
  };
  for (const p of area.pvSites) onFeeder('pv', p);
  for (const c of area.chargingStations) onFeeder('charger', c);
  return members;
}
