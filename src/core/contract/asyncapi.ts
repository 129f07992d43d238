/**
 * Builds the AsyncAPI 3.0 document of the telemetry contract from the zod schemas themselves, so the published
 * document (public/asyncapi.yaml, served by the app at /asyncapi.yaml) cannot drift from what the code validates:
 * `npm run contract` rewrites it, and a unit test fails when the committed file differs from this builder's output.
 */
import { type ZodType, z } from 'zod';
import { poolStatusSchema } from './feed-pools';
import { FEEDER_EVENTS_CHANNEL, feederEventSchema } from './feeder-events';
import {
  alarmEventSchema,
  LIVE_ROOT,
  LIVE_SCOPES,
  liveAlarmsSchema,
  liveFiguresSchema,
  liveStatusSchema,
  liveTopics,
  publicAlarmsSchema,
  stationsLiveSchema,
  substationLiveSchema,
} from './live-core';
import {
  chargerTelemetrySchema,
  feederTelemetrySchema,
  MAX_PAYLOAD_BYTES,
  pvTelemetrySchema,
  simClockSchema,
  statusSchema,
  substationTelemetrySchema,
} from './payloads';
import { liveOutagesSchema, liveReliabilitySchema, outageRecordSchema, reliabilityTopics } from './reliability';
import { substationDevicesSchema, substationDevicesTopic } from './substation-devices';
import { DEVICE_KINDS, PROVINCES, SIM_CLOCK_TOPIC, TOPIC_ROOT } from './topics';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** JSON Schema (draft 7, which AsyncAPI schemas extend) of a zod schema, without zod's strictness markers. */
function jsonSchema(schema: ZodType): Json {
  const raw = z.toJSONSchema(schema, { target: 'draft-7' }) as Record<string, Json>;
  delete raw.$schema;
  // Validation strips unknown fields rather than rejecting them (devices may add fields), so don't promise otherwise.
  const relax = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(relax);
    if (node && typeof node === 'object') {
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(node)) if (!(k === 'additionalProperties' && v === false)) out[k] = relax(v);
      return out;
    }
    return node;
  };
  return relax(raw);
}

const telemetry = [
  { kind: 'substation', name: 'SubstationTelemetry', schema: substationTelemetrySchema, intervalNote: 'every 5 s' },
  { kind: 'feeder', name: 'FeederTelemetry', schema: feederTelemetrySchema, intervalNote: 'every 5 s' },
  { kind: 'pv', name: 'PvTelemetry', schema: pvTelemetrySchema, intervalNote: 'every 10 s' },
  {
    kind: 'charger',
    name: 'ChargerTelemetry',
    schema: chargerTelemetrySchema,
    intervalNote: 'on change and at least every 30 s',
  },
] as const;

const provinceParam = { enum: [...PROVINCES], description: 'Province: sc = Sichuan (四川), cq = Chongqing (重庆)' };
const deviceIdParam = { description: 'Device id from public/config/area.json (lowercase slug)' };

export function buildAsyncApiDocument(): Json {
  const channels: Record<string, Json> = {};
  const operations: Record<string, Json> = {};
  const messages: Record<string, Json> = {};
  const schemas: Record<string, Json> = {};

  for (const t of telemetry) {
    const channelId = `${t.kind}Telemetry`;
    channels[channelId] = {
      address: `${TOPIC_ROOT}/${t.kind}/{province}/{deviceId}/telemetry`,
      description: `Telemetry of one ${t.kind}, ${t.intervalNote}; QoS 0, retained so a new subscriber gets the last value at once.`,
      parameters: { province: provinceParam, deviceId: deviceIdParam },
      messages: { [t.name]: { $ref: `#/components/messages/${t.name}` } },
    };
    operations[`receive${t.name}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${channelId}` },
      messages: [{ $ref: `#/channels/${channelId}/messages/${t.name}` }],
      bindings: { mqtt: { qos: 0, retain: true } },
    };
    messages[t.name] = {
      name: t.name,
      contentType: 'application/json',
      payload: { $ref: `#/components/schemas/${t.name}` },
    };
    schemas[t.name] = jsonSchema(t.schema);
  }

  /** One channel with one message, received by subscribers (the shape of every channel below). */
  const channel = (
    channelId: string,
    name: string,
    schema: ZodType,
    c: { address: string; description: string; parameters?: Record<string, Json>; qos?: 0 | 1; retain?: boolean },
  ) => {
    channels[channelId] = {
      address: c.address,
      description: c.description,
      ...(c.parameters ? { parameters: c.parameters } : {}),
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
    };
    operations[`receive${name}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${channelId}` },
      messages: [{ $ref: `#/channels/${channelId}/messages/${name}` }],
      bindings: { mqtt: { qos: c.qos ?? 0, retain: c.retain ?? true } },
    };
    messages[name] = { name, contentType: 'application/json', payload: { $ref: `#/components/schemas/${name}` } };
    schemas[name] = jsonSchema(schema);
  };

  channel('deviceStatus', 'DeviceStatus', statusSchema, {
    address: `${TOPIC_ROOT}/{kind}/{province}/{deviceId}/status`,
    description: 'Retained presence: online at connect, offline published by the broker as the device’s Last Will.',
    parameters: { kind: { enum: [...DEVICE_KINDS] }, province: provinceParam, deviceId: deviceIdParam },
  });
  channel('feederEvents', 'FeederEvent', feederEventSchema, {
    address: `${TOPIC_ROOT}/feeder/{province}/{deviceId}/${FEEDER_EVENTS_CHANNEL}`,
    description:
      'Protection and self-healing (FLISR) events of a feeder with remote switching: tripped, isolated, restored, repaired, each in device time with a per-feeder seq; QoS 1, not retained. The present switch states are in the feeder’s telemetry (switching).',
    parameters: { province: provinceParam, deviceId: deviceIdParam },
    qos: 1,
    retain: false,
  });
  channel('simClock', 'SimClock', simClockSchema, {
    address: SIM_CLOCK_TOPIC,
    description: 'Mock feeds only: the simulated world clock, retained, so dashboards follow a sped-up world.',
  });

  // The live core (./live-core.ts): computed once by the live service, drawn by the screens.
  channel('liveStatus', 'LiveStatus', liveStatusSchema, {
    address: liveTopics.status,
    description: 'The live service’s presence (Last Will: offline) and whether the device stream reaches it.',
    qos: 1,
  });
  channel('liveFigures', 'LiveFigures', liveFiguresSchema, {
    address: `${LIVE_ROOT}/figures/{scope}`,
    description: 'Figures of the area or a province with their coverage and data time, once a second.',
    parameters: { scope: { enum: [...LIVE_SCOPES] } },
  });
  channel('liveSubstation', 'SubstationLive', substationLiveSchema, {
    address: `${LIVE_ROOT}/substations/{substationId}`,
    description: 'The feeders of one substation, compact (load, loading, state), once a second.',
    parameters: { substationId: deviceIdParam },
  });
  channel('liveStations', 'StationsLive', stationsLiveSchema, {
    address: `${LIVE_ROOT}/stations/{province}`,
    description: 'The charging stations of a province, their connectors one letter each, once a second.',
    parameters: { province: provinceParam },
  });
  channel('liveAlarmsDispatch', 'LiveAlarms', liveAlarmsSchema, {
    address: liveTopics.alarmsDispatch,
    description: 'Active alarms in full, with acknowledgements (dispatchers only).',
    qos: 1,
  });
  channel('liveAlarmsPublic', 'PublicAlarms', publicAlarmsSchema, {
    address: liveTopics.alarmsPublic,
    description: 'Active alarms masked on the server for the public wall: no who, no note, no measured value.',
    qos: 1,
  });
  channel('liveAlarmEvents', 'AlarmEvent', alarmEventSchema, {
    address: liveTopics.alarmEvents,
    description: 'Raised, escalated, de-escalated, acknowledged, cleared: recorded by the history service.',
    qos: 1,
    retain: false,
  });

  channel('liveShardStatus', 'LiveShardStatus', liveStatusSchema, {
    address: `${LIVE_ROOT}/shards/{province}/status`,
    description:
      'A province shard’s presence when the live service runs sharded (LIVE_SHARD); the roll-up reads it and the province figures, never raw devices.',
    parameters: { province: provinceParam },
    qos: 1,
  });

  // A region's dispatcher (./substation-devices.ts, DISPATCH_SCOPE=substation): one document per substation instead of
  // every device's raw stream, because the device topics have no substation level an allow list could name.
  channel('liveSubstationDevices', 'SubstationDevices', substationDevicesSchema, {
    address: substationDevicesTopic('{substationId}'),
    description:
      'DISPATCH_SCOPE=substation only: every device of one substation (itself, its feeders, the PV sites and charging stations on them) with its latest accepted reading, a payload of its telemetry topic, and its presence; retained, republished when one of them changed, at a bounded rate of device entries a second over all substations (src/services/live/substation-devices.ts).',
    parameters: { substationId: deviceIdParam },
  });

  // Pooled device connections (./feed-pools.ts): one Last Will for many devices.
  channel('poolStatus', 'PoolStatus', poolStatusSchema, {
    address: `${TOPIC_ROOT}/pools/{poolId}/status`,
    description:
      'Retained presence of a pooled device connection naming the devices it carries; offline is its Last Will, on which the live service marks those devices offline.',
    parameters: { poolId: { description: 'Pool id of the feeds process (lowercase slug)' } },
    qos: 1,
  });

  // Supply reliability (./reliability.ts), computed by the live service from the feeder events.
  channel('liveOutages', 'LiveOutages', liveOutagesSchema, {
    address: reliabilityTopics.outages,
    description: 'Outages in progress and those ended in the last 24 h, newest first; retained.',
    qos: 1,
  });
  channel('liveReliability', 'LiveReliability', liveReliabilitySchema, {
    address: `${LIVE_ROOT}/reliability/indicators/{scope}`,
    description: 'SAIDI, SAIFI, CAIDI and RS-1 of the area or a province, month and year to date; retained.',
    parameters: { scope: { enum: [...LIVE_SCOPES] } },
    qos: 1,
  });
  channel('liveOutageRecords', 'OutageRecord', outageRecordSchema, {
    address: reliabilityTopics.records,
    description: 'An outage record each time it changes (the history service keeps the latest per id).',
    qos: 1,
    retain: false,
  });

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Gaozhu New Area telemetry (川渝高竹新区能源遥测)',
      version: '1.0.0',
      description: [
        `MQTT 3.1.1 topics and JSON payloads of the Gaozhu energy monitor. Topic root \`${TOPIC_ROOT}\`; one device per`,
        'topic; units in field names; energy as cumulative counters. Generated from src/core/contract/payloads.ts by',
        `\`npm run contract\`. Every message is validated at the edge; payloads over ${MAX_PAYLOAD_BYTES} bytes, non-JSON,`,
        'schema or range violations, timestamps more than 5 min ahead and unknown devices are rejected and counted.',
      ].join(' '),
    },
    defaultContentType: 'application/json',
    servers: {
      embeddedTcp: {
        host: 'localhost:1883',
        protocol: 'mqtt',
        protocolVersion: '3.1.1',
        description:
          'Embedded Aedes broker, MQTT over TCP (MQTT_PORT). Users: feeds (device topics), live (publishes the live core), dashboard and recorder (read only), wall (live core public topics only).',
      },
      embeddedWs: {
        host: 'localhost:8083',
        pathname: '/mqtt',
        protocol: 'ws',
        description: 'The same broker, MQTT over WebSocket for browsers (MQTT_WS_PORT).',
      },
    },
    channels,
    operations,
    components: { messages, schemas },
  };
}
