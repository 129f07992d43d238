/**
 * The MQTT topic tree of the Gaozhu telemetry contract (v1).
 *
 *   gaozhu/v1/<kind>/<province>/<deviceId>/telemetry   QoS 0, retained, JSON (see ./payloads.ts)
 *   gaozhu/v1/<kind>/<province>/<deviceId>/status      retained {state:"online"|"offline"}, offline set by Last Will
 *   gaozhu/v1/feeder/<province>/<deviceId>/events      QoS 1, not retained: protection and FLISR events
 *                                                      (./feeder-events.ts, judged by judgeFeederEvent)
 *
 * One device per topic; the kind, province and id are in the path so a subscriber can filter with wildcards
 * (e.g. `gaozhu/v1/pv/sc/+/telemetry`) and an ACL can be written per subtree.
 */
export const TOPIC_ROOT = 'gaozhu/v1';

export const DEVICE_KINDS = ['substation', 'feeder', 'pv', 'charger'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const PROVINCES = ['sc', 'cq'] as const;
export type Province = (typeof PROVINCES)[number];

export const CHANNELS = ['telemetry', 'status'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Device ids are short ASCII slugs: they travel in topics, file names and URLs. */
export const DEVICE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,47}$/;

export interface TopicAddress {
  kind: DeviceKind;
  province: Province;
  deviceId: string;
  channel: Channel;
}

export function deviceTopic(a: TopicAddress): string {
  return `${TOPIC_ROOT}/${a.kind}/${a.province}/${a.deviceId}/${a.channel}`;
}

/** Subscription filter for everything a dashboard reads. */
export const ALL_TELEMETRY_FILTER = `${TOPIC_ROOT}/+/+/+/telemetry`;
export const ALL_STATUS_FILTER = `${TOPIC_ROOT}/+/+/+/status`;
/** Retained simulation clock of the mock feeds (see payloads.ts simClockSchema). Not a device topic. */
export const SIM_CLOCK_TOPIC = `${TOPIC_ROOT}/sim/clock`;

export type TopicParseResult = { ok: true; address: TopicAddress } | { ok: false; reason: string };

/** Parses a topic of the contract; anything else is rejected with a reason a human can read. */
export function parseDeviceTopic(topic: string): TopicParseResult {
  const parts = topic.split('/');
  if (parts.length !== 6 || `${parts[0]}/${parts[1]}` !== TOPIC_ROOT) {
    return { ok: false, reason: `topic is not <root>/<kind>/<province>/<id>/<channel> under ${TOPIC_ROOT}` };
  }
  const [, , kind, province, deviceId, channel] = parts as [string, string, string, string, string, string];
  if (!(DEVICE_KINDS as readonly string[]).includes(kind))
    return { ok: false, reason: `unknown device kind "${kind}"` };
  if (!(PROVINCES as readonly string[]).includes(province))
    return { ok: false, reason: `unknown province "${province}"` };
  if (!DEVICE_ID_PATTERN.test(deviceId)) return { ok: false, reason: 'device id is not a lowercase slug' };
  if (!(CHANNELS as readonly string[]).includes(channel)) return { ok: false, reason: `unknown channel "${channel}"` };
  return {
    ok: true,
    address: { kind: kind as DeviceKind, province: province as Province, deviceId, channel: channel as Channel },
  };
}
