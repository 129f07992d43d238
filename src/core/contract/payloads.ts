/**
 * Payload schemas of the telemetry contract. These zod schemas are the single definition: the TypeScript types are
 * inferred from them, the browser and the Node services validate with them, and `public/asyncapi.yaml` is generated
 * from them (`npm run contract`; a test fails when the document and the schemas disagree).
 *
 * Units are in field names. Ranges are wide enough for any real device in the area but narrow enough that a value sent
 * in the wrong unit (V instead of kV, W instead of kW, MW instead of kW) fails validation instead of reaching a chart.
 */
import { z } from 'zod';

/** Device timestamp, ms since the Unix epoch. Anything before 2020 is a device with an unset clock. */
export const timestampMs = z
  .number()
  .int()
  .min(Date.UTC(2020, 0, 1))
  .max(Date.UTC(2100, 0, 1))
  .describe('Device timestamp, milliseconds since the Unix epoch (UTC)');

const counterKwh = (what: string) =>
  z
    .number()
    .min(0)
    .max(1e12)
    .describe(`${what}: cumulative register in kWh; only ever increases (it may reset to 0 after device replacement)`);

/** Most switchable sections a feeder may have (the area schema's limit). */
export const MAX_FEEDER_SECTIONS = 8;

/**
 * Breaker and switch states of a feeder with remote switching (feeder automation), sent with its telemetry so a
 * retained reading always says the feeder's present topology. Sections are numbered from the head (0). The judge checks
 * the lengths and the ties against the feeder's configured sections, and that the energised sections follow from the
 * switch states (device-registry.ts).
 */
export const feederSwitchingSchema = z
  .object({
    breakerClosed: z.boolean().describe('Feeder head circuit breaker closed'),
    sectionalisersClosed: z
      .array(z.boolean())
      .max(MAX_FEEDER_SECTIONS - 1)
      .describe('Sectionalising switch k+1 (between section k and k+1) closed; one fewer than the sections'),
    tiesClosed: z
      .array(z.boolean().nullable())
      .min(1)
      .max(MAX_FEEDER_SECTIONS)
      .describe('Per section, its normally-open tie switch closed; null where the section has no tie'),
    energised: z
      .array(z.boolean())
      .min(1)
      .max(MAX_FEEDER_SECTIONS)
      .describe('Per section, supplied now (from the head or across a closed tie)'),
    isolated: z
      .array(z.boolean())
      .min(1)
      .max(MAX_FEEDER_SECTIONS)
      .optional()
      .describe(
        'Per section, switched out on purpose: the located fault, or planned work (and what no tie could take over)',
      ),
  })
  .describe('Breaker and switch states of the feeder, and which sections are supplied');

export const feederTelemetrySchema = z
  .object({
    ts: timestampMs,
    pKw: z
      .number()
      .min(-20_000)
      .max(20_000)
      .describe('Active power at the feeder head, kW; positive = drawn from the grid. Net of the PV on the feeder'),
    qKvar: z.number().min(-20_000).max(20_000).describe('Reactive power at the feeder head, kvar'),
    iA: z.number().min(0).max(2_000).describe('Phase current at the feeder head, A'),
    uKv: z.number().min(5).max(15).describe('Line-to-line voltage at the feeder head, kV (10 kV nominal)'),
    eImportKwh: counterKwh('Energy imported from the grid into the feeder'),
    eExportKwh: counterKwh('Energy exported from the feeder back to the grid (reverse flow at high PV)'),
    switching: feederSwitchingSchema
      .optional()
      .describe('Present only for a feeder with remote switching (its sections are configured)'),
  })
  .describe('10 kV feeder head measurement');

export const substationTelemetrySchema = z
  .object({
    ts: timestampMs,
    pKw: z.number().min(-600_000).max(600_000).describe('Active power through the substation transformers, kW'),
    qKvar: z.number().min(-600_000).max(600_000).describe('Reactive power, kvar'),
    uKv: z.number().min(5).max(250).describe('Bus voltage on the high-voltage side, kV (220 or 110 nominal)'),
    fHz: z.number().min(45).max(55).describe('Grid frequency, Hz'),
  })
  .describe('220 kV or 110 kV substation measurement');

export const PV_STATES = ['producing', 'idle', 'tripped'] as const;
export const pvTelemetrySchema = z
  .object({
    ts: timestampMs,
    pKw: z.number().min(-5).max(10_000).describe('AC output of the site, kW (a few kW negative at night is standby)'),
    eKwh: counterKwh('Energy generated'),
    state: z.enum(PV_STATES).describe('Inverter state: producing, idle (night) or tripped (protection operated)'),
  })
  .describe('Rooftop PV site (all inverters of the site summed)');

export const CONNECTOR_STATES = ['available', 'charging', 'faulted', 'unavailable'] as const;
export const connectorSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/),
  state: z.enum(CONNECTOR_STATES),
  pKw: z.number().min(0).max(400).describe('Charging power of the connector, kW'),
  sessionKwh: z.number().min(0).max(500).describe('Energy delivered in the current session, kWh (0 when idle)'),
});

export const chargerTelemetrySchema = z
  .object({
    ts: timestampMs,
    pKw: z.number().min(0).max(5_000).describe('Total charging power of the station, kW'),
    eKwh: counterKwh('Energy delivered to vehicles'),
    sessionsTotal: z.number().int().min(0).describe('Cumulative count of charging sessions started'),
    connectors: z.array(connectorSchema).min(1).max(64),
  })
  .describe('EV charging station (all its connectors)');

export const DEVICE_STATES = ['online', 'offline'] as const;
export const statusSchema = z
  .object({
    ts: timestampMs,
    state: z.enum(DEVICE_STATES).describe('online when the device connects; offline is its Last Will'),
  })
  .describe('Retained device presence');

export const telemetrySchemaByKind = {
  feeder: feederTelemetrySchema,
  substation: substationTelemetrySchema,
  pv: pvTelemetrySchema,
  charger: chargerTelemetrySchema,
} as const;

export type FeederTelemetry = z.infer<typeof feederTelemetrySchema>;
export type FeederSwitching = z.infer<typeof feederSwitchingSchema>;
export type SubstationTelemetry = z.infer<typeof substationTelemetrySchema>;
export type PvTelemetry = z.infer<typeof pvTelemetrySchema>;
export type ChargerTelemetry = z.infer<typeof chargerTelemetrySchema>;
export type ConnectorTelemetry = z.infer<typeof connectorSchema>;
export type ConnectorState = (typeof CONNECTOR_STATES)[number];
export type DeviceStatus = z.infer<typeof statusSchema>;

export interface TelemetryByKind {
  feeder: FeederTelemetry;
  substation: SubstationTelemetry;
  pv: PvTelemetry;
  charger: ChargerTelemetry;
}

/** Largest payload accepted; anything bigger is rejected before JSON.parse. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;

/**
 * Simulation clock (published retained by the mock feeds only, at `gaozhu/v1/sim/clock`). When the feeds run the world
 * faster than real time (`--speed N`) device timestamps run ahead of the wall clock; the dashboard maps its clock onto
 * the world's with this so "now", "today" and staleness follow the data. A real deployment has no such topic and the
 * dashboard uses its own clock.
 */
export const simClockSchema = z
  .object({
    wallMs: timestampMs.describe('Wall-clock time at which worldMs was true'),
    worldMs: timestampMs.describe('World time at that moment'),
    speed: z.number().min(0).max(10_000).describe('World seconds per wall-clock second'),
  })
  .describe('Simulation clock of the mock feeds');
export type SimClock = z.infer<typeof simClockSchema>;
