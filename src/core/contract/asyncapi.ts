/**
 * Builds the AsyncAPI 3.0 document of the telemetry contract from the zod schemas themselves, so the published
 * document (public/asyncapi.yaml, served by the app at /asyncapi.yaml) cannot drift from what the code validates:
 * `npm run contract` rewrites it, and a unit test fails when the committed file differs from this builder's output.
 */
import { type ZodType, z } from 'zod';
import {
  chargerTelemetrySchema,
  feederTelemetrySchema,
  MAX_PAYLOAD_BYTES,
  pvTelemetrySchema,
  simClockSchema,
  statusSchema,
  substationTelemetrySchema,
} from './payloads';
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

  channels.deviceStatus = {
    address: `${TOPIC_ROOT}/{kind}/{province}/{deviceId}/status`,
    description: 'Retained presence: online at connect, offline published by the broker as the device’s Last Will.',
    parameters: { kind: { enum: [...DEVICE_KINDS] }, province: provinceParam, deviceId: deviceIdParam },
    messages: { DeviceStatus: { $ref: '#/components/messages/DeviceStatus' } },
  };
  operations.receiveDeviceStatus = {
    action: 'receive',
    channel: { $ref: '#/channels/deviceStatus' },
    messages: [{ $ref: '#/channels/deviceStatus/messages/DeviceStatus' }],
    bindings: { mqtt: { qos: 0, retain: true } },
  };
  messages.DeviceStatus = {
    name: 'DeviceStatus',
    contentType: 'application/json',
    payload: { $ref: '#/components/schemas/DeviceStatus' },
  };
  schemas.DeviceStatus = jsonSchema(statusSchema);

  channels.simClock = {
    address: SIM_CLOCK_TOPIC,
    description: 'Mock feeds only: the simulated world clock, retained, so dashboards follow a sped-up world.',
    messages: { SimClock: { $ref: '#/components/messages/SimClock' } },
  };
  operations.receiveSimClock = {
    action: 'receive',
    channel: { $ref: '#/channels/simClock' },
    messages: [{ $ref: '#/channels/simClock/messages/SimClock' }],
    bindings: { mqtt: { qos: 0, retain: true } },
  };
  messages.SimClock = {
    name: 'SimClock',
    contentType: 'application/json',
    payload: { $ref: '#/components/schemas/SimClock' },
  };
  schemas.SimClock = jsonSchema(simClockSchema);

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
          'Embedded Aedes broker, MQTT over TCP (MQTT_PORT). Users: feeds (publish), dashboard and recorder (subscribe only).',
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
