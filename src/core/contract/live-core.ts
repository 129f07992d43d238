/**
 * The live core's topics and payloads: what the live service (src/services/live) computes once, on the server, from
 * the raw device stream, and publishes retained for every screen. Screens draw these; they do not aggregate raw
 * device messages (DESIGN.md §5). Like the device contract (./payloads.ts) these zod schemas are the one definition:
 * types are inferred, the browser validates with them, and public/asyncapi.yaml is generated from them.
 *
 *   gaozhu/v1/live/status                         retained; the service's presence (Last Will: offline) and its source
 *   gaozhu/v1/live/figures/<area|sc|cq>           retained, once a second: power, today's energies, carbon, coverage
 *   gaozhu/v1/live/substations/<substationId>     retained: each of its feeders' load, loading and state, compact
 *   gaozhu/v1/live/stations/<sc|cq>               retained: each charging station's connectors, compact
 *   gaozhu/v1/live/alarms/dispatch                retained: active alarms in full (dispatchers)
 *   gaozhu/v1/live/alarms/public                  retained: active alarms masked on the server (the public wall)
 *   gaozhu/v1/live/alarms/events                  QoS 1, not retained: raised, escalated, acknowledged, cleared
 *
 * Every figure carries its coverage: how many devices of each kind contributed live, how many are held at their last
 * good value (and since when), how many are missing; and the data time it stands for. A figure that rests on missing
 * data says so (status 'partial'); there is never a silent partial sum.
 */
import { z } from 'zod';
import {
  ALARM_EVENT_TYPES,
  FEEDER_LIVE_STATES,
  FIGURE_STATUSES,
  LIVE_SCOPES,
  LIVE_SOURCE_STATES,
  LOSS_NOT_COMPUTABLE,
} from './live-core-terms';
import { timestampMs } from './payloads';
import { DEVICE_ID_PATTERN, PROVINCES } from './topics';

// The topics, scopes, states and limits, without the schemas: what a page's main thread needs (./live-core-terms.ts).
export * from './live-core-terms';

const kw = (what: string) => z.number().min(-10_000_000).max(10_000_000).describe(`${what}, kW`);
const kwh = (what: string) => z.number().min(-1e12).max(1e12).describe(`${what}, kWh`);
const kg = (what: string) => z.number().min(-1e12).max(1e12).describe(`${what}, kg`);
const pct = (what: string) =>
  z.number().min(0).max(100).nullable().describe(`${what}, % (null: nothing to take a share of)`);
const count = z.number().int().min(0);
const deviceId = z.string().regex(DEVICE_ID_PATTERN);

export const kindCoverageSchema = z
  .object({
    configured: count,
    live: count.describe('Reporting within their expected interval'),
    held: count.describe('Silent, contributing their last good value (within the hold time)'),
    missing: count.describe('No usable value: never reported, offline, or silent beyond the hold time'),
    heldSinceMs: timestampMs.nullable().describe('Oldest last good reading among the held devices'),
  })
  .describe('How the devices of one kind contributed to a figure');
export type KindCoverage = z.infer<typeof kindCoverageSchema>;

export const intakeLossesSchema = z
  .object({
    intakeKw: kw('Σ P at the intake substations (no upstream substation: the 220 kV ones)').nullable(),
    kw: kw('Losses now: Σ intake P − Σ feeder-head P').nullable(),
    pctOfIntake: pct('Losses now as a share of the intake (null also while the area exports through it)'),
    notComputable: z.enum(LOSS_NOT_COMPUTABLE).nullable().describe('Why kw is null; null when it is given'),
    today: z.object({
      kwh: kwh('Losses today over the counted time: ∫ intake P − ∫ feeder-head P').nullable(),
      pctOfIntake: pct('Losses today as a share of the intake energy over the counted time'),
      countedSinceMs: timestampMs.nullable().describe('First instant counted today; null: none yet'),
      countedMs: z
        .number()
        .min(0)
        .describe('How much of today since countedSinceMs was counted, ms (instants not computable are left out)'),
    }),
  })
  .describe(
    'Losses between the intake (220 kV) and the feeder heads: transformers and the lines between substations. ' +
      'Feeder-head import (power.gridImportKw, today.eImportKwh) excludes them.',
  );
export type IntakeLossesFigure = z.infer<typeof intakeLossesSchema>;

export const lossTermsSchema = z
  .object({
    intakeKw: kw('Σ P at this part’s intake substations; null unless every one has a live value').nullable(),
    feederHeadsKw: kw('Σ P at this part’s feeder heads; null unless every feeder has a live value').nullable(),
  })
  .describe(
    'A province shard’s two sums for the area’s losses, which the roll-up adds up (a province’s own difference is not ' +
      'its losses: a 110 kV station may be fed from the other province’s 220 kV station)',
  );
export type LossTerms = z.infer<typeof lossTermsSchema>;

export const liveFiguresSchema = z
  .object({
    ts: timestampMs.describe('When the live service computed this (its data clock)'),
    dataTimeMs: timestampMs.nullable().describe('Newest device reading the figures stand for'),
    scope: z.enum(LIVE_SCOPES),
    status: z
      .enum(FIGURE_STATUSES)
      .describe(
        'complete: every device live; held: some held at last good values; partial: some missing; no-data: nothing',
      ),
    coverage: z.object({ feeder: kindCoverageSchema, pv: kindCoverageSchema, charger: kindCoverageSchema }),
    power: z.object({
      gridImportKw: kw('Σ feeder-head P (negative = net export)'),
      pvKw: kw('Σ PV output (standby counted as 0)'),
      evKw: kw('Σ charging power (inside consumption)'),
      consumptionKw: kw('grid import + PV'),
      cleanSharePct: pct('Clean share of consumption now, grid-inclusive'),
      localGreenSharePct: pct('PV share of consumption now'),
    }),
    today: z.object({
      dayStartMs: timestampMs.describe('Local midnight (Asia/Shanghai) the energies count from'),
      countedSinceMs: timestampMs
        .nullable()
        .describe('Earliest time every contributing register is counted from (after dayStartMs: partial day)'),
      eImportKwh: kwh('Grid import from feeder registers (import − export)'),
      ePvKwh: kwh('PV generation from registers'),
      eEvKwh: kwh('EV charging from registers'),
      eConsumptionKwh: kwh('Import + PV'),
      cleanSharePct: pct('Clean share of consumption today, grid-inclusive'),
      localGreenSharePct: pct('PV share of consumption today'),
      co2EmittedKg: kg('Scope 2: grid import × EF'),
      co2AvoidedPvKg: kg('PV energy × EF'),
      coalSavedKg: kg('PV energy × standard coal per kWh'),
      evSubstitution: z.object({
        km: z.number().min(0),
        petrolAvoidedL: z.number().min(0),
        co2NetAvoidedKg: kg('Petrol CO₂ avoided minus the EV energy × EF'),
      }),
      evSessions: count.describe("Charging sessions started today (from the stations' session counters)"),
      // The history keeps no session counts, so after a restart they count from the live service's first readings.
      evSessionsCountedSinceMs: timestampMs
        .nullable()
        .optional()
        .describe('From when evSessions is counted (after dayStartMs: only since then); null: no station counted'),
      peakConsumptionKw: kw('Highest consumption today').nullable(),
      peakAtMs: timestampMs.nullable(),
    }),
    chargers: z.object({
      connectors: count,
      charging: count,
      available: count,
      faulted: count,
      unavailable: count,
      unknown: count.describe('Connectors of stations with no usable value'),
    }),
    factor: z.object({
      efKgPerKwh: z.number().positive(),
      year: z.number().int(),
      source: z.string().max(300),
    }),
    // The area only: a 110 kV station fed from both provinces' 220 kV stations splits no loss by province.
    losses: intakeLossesSchema.optional(),
    // A province shard's figures only (LIVE_SHARD): what the roll-up needs to give the area's losses.
    lossTerms: lossTermsSchema.optional(),
  })
  .describe('Live figures of the area or one province');
export type LiveFigures = z.infer<typeof liveFiguresSchema>;

export const substationLiveSchema = z
  .object({
    ts: timestampMs,
    substationId: deviceId,
    feeders: z
      .array(
        z.object({
          id: deviceId,
          pKw: kw('Feeder-head P (last good value when held)').nullable(),
          loadingPct: z.number().min(0).max(1_000).nullable(),
          state: z.enum(FEEDER_LIVE_STATES),
          lastTs: timestampMs.nullable(),
        }),
      )
      .max(5_000),
  })
  .describe('The feeders of one substation, compact: what the schematic and the top-10 list draw');
export type SubstationLive = z.infer<typeof substationLiveSchema>;

export const stationsLiveSchema = z
  .object({
    ts: timestampMs,
    province: z.enum(PROVINCES),
    stations: z
      .array(
        z.object({
          id: deviceId,
          pKw: kw('Station charging power').nullable(),
          connectors: z
            .string()
            .regex(/^[cafu?]{0,64}$/)
            .describe('Connector states in configured order'),
          held: z.boolean(),
        }),
      )
      .max(20_000),
  })
  .describe('Every charging station of a province, compact');
export type StationsLive = z.infer<typeof stationsLiveSchema>;

export const liveStatusSchema = z
  .object({
    ts: timestampMs,
    state: z.enum(['online', 'offline']).describe('offline is the Last Will'),
    source: z
      .enum(LIVE_SOURCE_STATES)
      .describe('ok: devices report; silent: no device message for the hold time (feeds or link down)'),
    lastDeviceMessageMs: timestampMs.nullable(),
    publishIntervalMs: z.number().int().positive(),
    thresholds: z
      .object({
        version: z.number().int().min(0).describe("0: area.json's; higher: an administrator's change or revert"),
        heavyLoadingPct: z.number().positive(),
        overloadLoadingPct: z.number().positive(),
        voltageDeviationPct: z.number().positive(),
      })
      .optional()
      .describe('The thresholds applied now (alarms, feeder states): a screen colouring loading itself uses these'),
  })
  .describe('The live service itself');
export type LiveStatus = z.infer<typeof liveStatusSchema>;

const alarmRule = z
  .string()
  .regex(/^[a-z][a-z-]{0,31}$/)
  .describe('Rule id (see src/core/domain/alarms)');
const severity = z.enum(['critical', 'major', 'minor']);

export const liveAlarmSchema = z
  .object({
    id: z.string().max(200).describe('<rule>:<deviceId>[/<connectorId>]:<startMs>'),
    rule: alarmRule,
    severity,
    deviceId: deviceId,
    deviceKind: z
      .enum(['substation', 'feeder', 'pv', 'charger', 'source'])
      .describe("'source': the device stream as a whole (rule source-down), not one device"),
    province: z.enum(PROVINCES).nullable().describe('null for the device stream as a whole'),
    feederId: deviceId.nullable(),
    connectorId: z.string().max(32).optional(),
    startMs: timestampMs.describe('When the condition began (device time)'),
    raisedMs: timestampMs,
    value: z.number().nullable(),
    threshold: z.number().nullable(),
    peakValue: z.number().nullable(),
    unit: z.enum(['%', 'kV', 'kW', 's', '']),
    ack: z
      .object({ by: z.string().max(80), note: z.string().max(500), atMs: timestampMs })
      .nullable()
      .describe('Who acknowledged it, with the note'),
  })
  .describe('An active alarm, in full (dispatchers)');
export type LiveAlarm = z.infer<typeof liveAlarmSchema>;

export const liveAlarmsSchema = z
  .object({ ts: timestampMs, alarms: z.array(liveAlarmSchema).max(50_000) })
  .describe('Every active alarm, in full');
export type LiveAlarms = z.infer<typeof liveAlarmsSchema>;

/** Masked on the server: no who, no note, no measured value beyond what the wall shows. */
export const publicAlarmSchema = z.object({
  id: z.string().max(200),
  rule: alarmRule,
  severity,
  deviceId: deviceId,
  startMs: timestampMs,
  acknowledged: z.boolean(),
});
export type PublicAlarm = z.infer<typeof publicAlarmSchema>;
export const publicAlarmsSchema = z
  .object({ ts: timestampMs, alarms: z.array(publicAlarmSchema).max(50_000) })
  .describe('Active alarms masked for the public wall');
export type PublicAlarms = z.infer<typeof publicAlarmsSchema>;

export const alarmEventSchema = z
  .object({
    ts: timestampMs.describe('When it happened (data time)'),
    alarmId: z.string().max(200),
    type: z.enum(ALARM_EVENT_TYPES),
    rule: alarmRule,
    severity,
    deviceId: deviceId,
    value: z.number().nullable(),
    by: z.string().max(80).nullable().describe('Who acknowledged (acknowledged events only)'),
    note: z.string().max(500).nullable(),
  })
  .describe("One step in an alarm's life, recorded by the history service");
export type AlarmEvent = z.infer<typeof alarmEventSchema>;

/**
 * The lifecycle events an alarm of the dispatchers' list stands for: raised at its raisedMs and, once taken,
 * acknowledged at its ack's atMs — the times the live service gives those events (src/services/live/live-alarms.ts),
 * so an event the history gets both from the events stream and from the list is one row (the log keys an event by
 * alarm, type and time). Rule, severity and value are the alarm's now, not necessarily those it was raised with.
 */
export function eventsOfActiveAlarm(a: LiveAlarm): AlarmEvent[] {
  const base = { alarmId: a.id, rule: a.rule, severity: a.severity, deviceId: a.deviceId, value: a.value };
  const raised: AlarmEvent = { ...base, ts: a.raisedMs, type: 'raised', by: null, note: null };
  return a.ack ? [raised, { ...base, ts: a.ack.atMs, type: 'acknowledged', by: a.ack.by, note: a.ack.note }] : [raised];
}
