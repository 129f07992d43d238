/**
 * The history service's HTTP contract, defined once: each route's path, query parameters and response body as zod
 * schemas. The server (services/history/http-api.ts) validates requests and types its answers with them, the browser
 * checks the answers with them in a worker (browser/live/checked-documents.ts, for browser/history/history-client.ts),
 * and public/openapi.yaml is generated from them (buildOpenApiDocument, `npm run contract`; a test keeps the published
 * file in step). The values a page needs without the schemas are in ./history-api-terms.ts.
 */
import { z } from 'zod';
import {
  ALARM_LOG_LIMITS,
  ALARM_LOG_STATES,
  DEVICES_TODAY_KINDS,
  HISTORY_AGGS,
  HISTORY_METRICS,
  HISTORY_SCOPES,
  HISTORY_STEPS,
  RELIABILITY_OUTAGES_LIMITS,
} from './history-api-terms';
import { ALARM_EVENT_TYPES } from './live-core';
import { outageRecordSchema, periodIndicatorsSchema } from './reliability';
import { DEVICE_ID_PATTERN } from './topics';

// The vocabulary is defined in a zod-free module (./history-api-terms.ts), so the browser can take its values without
// these schemas; the services keep importing it from here.
export * from './history-api-terms';

// ── Query parameters ────────────────────────────────────────────────────────────────────────────────────────────────

const timeParam = (name: 'from' | 'to', description: string) =>
  z
    .string({ error: `${name} is required (ISO 8601 or ms since the epoch)` })
    .min(1, { error: `${name} is required (ISO 8601 or ms since the epoch)` })
    .meta({ description });

/**
 * GET /api/series and /api/series.csv. Rules that need the configuration or another parameter (the entity a metric
 * takes, the aggregations of its kind, from before to) are the server's; times are read by its parseTime.
 */
export const seriesQuerySchema = z.object({
  metric: z.enum(HISTORY_METRICS, { error: `metric must be one of ${HISTORY_METRICS.join(', ')}` }).meta({
    description:
      'Area/province metrics (entity area, sc or cq): power `gridImportKw` (Σ feeder-head P, net of PV), `pvKw`, ' +
      '`evKw`, `consumptionKw` (= grid import + PV), aggregated avg (default) or max; energy `eImportKwh` (net grid ' +
      'import), `ePvKwh`, `eEvKwh`, `eConsumptionKwh`, aggregated sum. Device metrics (entity = a device id): `pKw` ' +
      '(all kinds; avg/max), `eKwh` (feeders: import − export; PV; chargers; sum), `iA` (feeders; avg/max of minute ' +
      'averages), `uKv` (feeders and substations; avg/max of minute averages).',
  }),
  entity: z
    .string({ error: 'entity is required: area, sc, cq or a device id' })
    .min(1, { error: 'entity is required: area, sc, cq or a device id' })
    .meta({
      description: 'area, sc (Sichuan side), cq (Chongqing side), or a device id from public/config/area.json.',
    }),
  from: timeParam('from', 'Start (inclusive); ms, ISO 8601 with Z/offset, or zone-less Asia/Shanghai local time.'),
  to: timeParam('to', 'End (exclusive); must be after from.'),
  step: z
    .enum(HISTORY_STEPS, { error: `step must be one of ${HISTORY_STEPS.join(', ')}` })
    .default('1h')
    .meta({ description: 'Bucket width; 1d and 1mo are local Asia/Shanghai days and months.' }),
  agg: z.enum(HISTORY_AGGS).optional().meta({
    description: 'avg or max for power, current and voltage (default avg); sum for energy (the only choice).',
  }),
});

export const todayQuerySchema = z.object({
  entity: z.enum(HISTORY_SCOPES, { error: 'entity must be area, sc or cq' }).default('area'),
  step: z.enum(['1m', '5m'], { error: 'step must be 1m or 5m' }).default('1m'),
});

export const devicesTodayQuerySchema = z.object({
  kind: z.enum(DEVICES_TODAY_KINDS, { error: `kind must be one of ${DEVICES_TODAY_KINDS.join(', ')}` }),
});

/**
 * An optional `limit` query parameter: a whole number from 1 to `limits.max`; absent, the service takes
 * `limits.default`, which the description (`what`, without its end) names.
 */
const limitParam = (limits: { default: number; max: number }, what: string) =>
  z
    .string()
    .regex(/^\d{1,5}$/, { error: `limit must be an integer from 1 to ${limits.max}` })
    .transform(Number)
    .refine((n) => n >= 1 && n <= limits.max, { error: `limit must be an integer from 1 to ${limits.max}` })
    .optional()
    .meta({ description: `${what} (default ${limits.default}).`, type: 'integer', minimum: 1, maximum: limits.max });

/** GET /api/alarm-log and /api/alarm-log.csv (times read by the server's parseTime, as the series' are). */
export const alarmLogQuerySchema = z.object({
  from: timeParam('from', 'Alarms still active at or after this time (ms or ISO 8601); default: all.').optional(),
  to: timeParam('to', 'Alarms raised before this time (ms or ISO 8601); default: no end.').optional(),
  deviceId: z
    .string()
    .regex(DEVICE_ID_PATTERN, { error: 'deviceId: a device id from the area configuration' })
    .optional()
    .meta({ description: 'Only this device.' }),
  rule: z
    .string()
    .regex(/^[a-z][a-z-]{0,31}$/, { error: 'rule: an alarm rule id (e.g. overload, voltage, offline)' })
    .optional()
    .meta({ description: 'Only alarms of this rule (at any point of their life: an alarm escalates in place).' }),
  state: z
    .enum(ALARM_LOG_STATES, { error: `state must be one of ${ALARM_LOG_STATES.join(', ')}` })
    .optional()
    .meta({ description: 'active: not cleared yet; cleared; acknowledged: acknowledged at some point.' }),
  limit: limitParam(ALARM_LOG_LIMITS, 'At most this many alarms, the most recently raised'),
});

/** GET /api/reliability/outages (times read by the server's parseTime, as the series' are). */
export const reliabilityOutagesQuerySchema = z.object({
  from: timeParam('from', 'Outages still out at or after this time (ms, ISO 8601 or Asia/Shanghai local).'),
  to: timeParam('to', 'Outages that began before this time; must be after from.'),
  scope: z
    .enum(HISTORY_SCOPES, { error: 'scope must be area, sc or cq' })
    .default('area')
    .meta({ description: 'area (both provinces), sc or cq.' }),
  limit: limitParam(RELIABILITY_OUTAGES_LIMITS, 'At most this many outages, the earliest started'),
});

/** GET /api/reliability/monthly. */
export const reliabilityMonthlyQuerySchema = z.object({
  year: z
    .string({ error: 'year is required (e.g. 2026)' })
    .regex(/^20\d{2}$/, { error: 'year must be a year from 2000 to 2099' })
    .transform(Number)
    .meta({ description: 'Calendar year (months in Asia/Shanghai).', type: 'integer', minimum: 2000, maximum: 2099 }),
  scope: z
    .enum(HISTORY_SCOPES, { error: 'scope must be area, sc or cq' })
    .optional()
    .meta({ description: 'Only this scope; default: the area and both provinces.' }),
});

// ── Response bodies ─────────────────────────────────────────────────────────────────────────────────────────────────

export const pointSchema = z
  .tuple([z.number(), z.number().nullable()])
  .meta({ description: '[bucket start ms, value or null]' });
export type SeriesPoint = z.infer<typeof pointSchema>;

const shanghai = z.literal('Asia/Shanghai');

export const seriesResponseSchema = z.object({
  metric: z.string(),
  entity: z.string(),
  unit: z.string().meta({ description: 'kW, kWh, A or kV.' }),
  step: z.enum(HISTORY_STEPS),
  agg: z.enum(HISTORY_AGGS),
  timeZone: shanghai,
  from: z.number().meta({ description: 'Requested start, ms.' }),
  to: z.number().meta({ description: 'Requested end, ms (the end of the last bucket when capped).' }),
  points: z.array(pointSchema),
  capped: z.object({ reason: z.string(), maxPoints: z.number() }).optional(),
  note: z
    .string()
    .optional()
    .meta({ description: 'e.g. per-device data at this step is not available that far back.' }),
});
export type SeriesResponse = z.infer<typeof seriesResponseSchema>;

export const dayCurvesSchema = z.object({
  startMs: z.number().meta({ description: 'Local midnight (Asia/Shanghai), ms.' }),
  /** gridImportKw, pvKw, evKw and consumptionKw. */
  series: z.record(z.string(), z.array(pointSchema)),
  /** eImportKwh, ePvKwh, eEvKwh and eConsumptionKwh. */
  energiesKwh: z.record(z.string(), z.number().nullable()),
  peakConsumption: z.object({ consumptionKw: z.number(), atMs: z.number() }).nullable(),
  energiesFrom: z
    .object({
      source: z.enum(['live-figures', 'device-minutes']),
      atMs: z.number().nullable().meta({ description: "The live figures' time (live-figures only)." }),
      countedSinceMs: z
        .number()
        .nullable()
        .meta({ description: 'From when the live service counted today (after startMs: a partial day).' }),
    })
    .optional()
    .meta({
      description:
        "Where `energiesKwh` and `peakConsumption` come from: today, the live service's latest figures while it is " +
        'recording (so they equal what the screens show), else the recorded device minutes.',
    }),
});

export const todayResponseSchema = z.object({
  entity: z.enum(HISTORY_SCOPES),
  timeZone: shanghai,
  step: z.enum(['1m', '5m']),
  nowMs: z.number().meta({ description: "The service's clock (simulation clock when the feeds publish one)." }),
  today: dayCurvesSchema,
  yesterday: dayCurvesSchema,
});
export type TodayResponse = z.infer<typeof todayResponseSchema>;

export const deviceTodaySchema = z.object({
  id: z.string(),
  province: z.enum(['sc', 'cq']),
  peakKw: z.number().nullable().meta({ description: 'Highest P sample today, kW; null when none recorded.' }),
  peakAtMs: z.number().nullable().meta({ description: 'Start of the minute of the peak, ms.' }),
  recentKw: z
    .array(z.number().nullable())
    .meta({ description: '1-minute mean P in kW of minute `recentFromMs + i × stepMs` (60 of them), or null.' }),
});

export const devicesTodayResponseSchema = z.object({
  kind: z.enum(DEVICES_TODAY_KINDS),
  timeZone: shanghai,
  nowMs: z.number().meta({ description: "The service's clock." }),
  dayStartMs: z.number().meta({ description: 'Local midnight (Asia/Shanghai) of today, ms.' }),
  recentFromMs: z.number().meta({ description: 'Start of the first minute of every `recentKw`, ms.' }),
  stepMs: z.number().positive().meta({ description: '60 000.' }),
  devices: z.array(deviceTodaySchema),
});
export type DevicesTodayResponse = z.infer<typeof devicesTodayResponseSchema>;

export const deviceDayRegistersSchema = z.object({
  id: z.string(),
  kind: z.enum(DEVICES_TODAY_KINDS),
  todayKwh: z.number().meta({
    description:
      "The history's count of today for the device, kWh: Σ of its recorded minutes' energy (feeders import − export).",
  }),
  lastTs: z
    .number()
    .nullable()
    .meta({ description: 'Device time of the latest register readings the history holds, ms; null when none.' }),
  countersKwh: z.array(z.number()).meta({
    description:
      'Those readings, kWh, as the device sent them: feeders [eImportKwh, eExportKwh], PV and chargers [eKwh]; ' +
      '`todayKwh` counts up to them. Empty when none.',
  }),
});

export const dayRegistersResponseSchema = z.object({
  timeZone: shanghai,
  nowMs: z.number().meta({ description: "The service's clock (simulation clock when the feeds publish one)." }),
  dayStartMs: z.number().meta({ description: 'Local midnight (Asia/Shanghai) of today, ms.' }),
  countedSinceMs: z
    .number()
    .nullable()
    .meta({
      description:
        'From when the history covered today: `dayStartMs` when its recording (or backfill) reaches back to midnight, ' +
        'else the start of its first covered interval of today; null when it covered nothing of today.',
    }),
  devices: z.array(deviceDayRegistersSchema),
});
export type DayRegistersResponse = z.infer<typeof dayRegistersResponseSchema>;

export const alarmLogEventSchema = z.object({
  ts: z.number().meta({ description: 'When it happened (data time), ms.' }),
  type: z.enum(ALARM_EVENT_TYPES),
  severity: z.enum(['critical', 'major', 'minor']),
  value: z.number().nullable(),
  by: z.string().nullable(),
  note: z.string().nullable(),
});

export const alarmLogRowSchema = z.object({
  alarmId: z.string(),
  rule: z.string().meta({ description: 'The rule of its latest event (an alarm escalates in place).' }),
  deviceId: z.string(),
  state: z.enum(['active', 'cleared']),
  severity: z.enum(['critical', 'major', 'minor']).meta({ description: 'Its latest severity.' }),
  peakSeverity: z.enum(['critical', 'major', 'minor']),
  startMs: z.number().meta({ description: 'When the condition began (from the alarm id; else the raise), ms.' }),
  raisedMs: z.number(),
  peakValue: z.number().nullable().meta({ description: "The events' value of largest magnitude." }),
  ack: z.object({ by: z.string(), note: z.string(), atMs: z.number() }).nullable(),
  clearedMs: z.number().nullable(),
  events: z.array(alarmLogEventSchema).meta({ description: 'Its lifecycle events in order.' }),
});
export type AlarmLogRow = z.infer<typeof alarmLogRowSchema>;

export const alarmLogResponseSchema = z.object({
  timeZone: shanghai,
  nowMs: z.number(),
  alarms: z.array(alarmLogRowSchema).meta({ description: 'Oldest raise first.' }),
  limited: z.boolean().meta({ description: 'True when more alarms matched than `limit`; the oldest were left out.' }),
});
export type AlarmLogResponse = z.infer<typeof alarmLogResponseSchema>;

export const reliabilityOutagesResponseSchema = z.object({
  fromMs: z.number(),
  toMs: z.number(),
  scope: z.enum(HISTORY_SCOPES),
  nowMs: z.number(),
  outages: z.array(outageRecordSchema).meta({
    description:
      'The latest stored version of each outage record the live service published on ' +
      'gaozhu/v1/live/reliability/records whose interval (start … last section back, or still out) overlaps the range; ' +
      'earliest start first.',
  }),
  limited: z.boolean().meta({ description: 'True when more outages matched than `limit`; the latest were left out.' }),
});
export type ReliabilityOutagesResponse = z.infer<typeof reliabilityOutagesResponseSchema>;

const reliabilityByScopeSchema = z.object({
  area: periodIndicatorsSchema.optional(),
  sc: periodIndicatorsSchema.optional(),
  cq: periodIndicatorsSchema.optional(),
});

const reliabilityPeriodSchema = z.object({
  fromMs: z.number(),
  toMs: z.number().meta({ description: 'The month end, or now for the running month.' }),
  periodMin: z.number().meta({ description: 'Length of the period, minutes (the RS-1 denominator).' }),
  recordedMin: z.number().meta({
    description:
      'Minutes of the period in which the history recorded the live service (its area figures): outages can only ' +
      'have been recorded then. 0: nothing is known of the period — its indicators are not a measurement.',
  }),
  byScope: reliabilityByScopeSchema.meta({
    description: 'The indicators (src/core/domain/reliability) from the stored outage records, per scope.',
  }),
});

export const reliabilityMonthlyResponseSchema = z.object({
  year: z.number(),
  timeZone: shanghai,
  nowMs: z.number(),
  months: z
    .array(reliabilityPeriodSchema.extend({ month: z.string().regex(/^\d{4}-\d{2}$/) }))
    .meta({ description: 'The months of the year that have begun, January first; the running one up to now.' }),
  yearToDate: reliabilityPeriodSchema.meta({ description: 'From 1 January to now (or the year end).' }),
  limited: z.boolean().meta({ description: 'True when the year held more outage records than one answer reads.' }),
});
export type ReliabilityMonthlyResponse = z.infer<typeof reliabilityMonthlyResponseSchema>;

const counts = z.record(z.string(), z.number());

export const backfillStateSchema = z.looseObject({
  state: z.enum(['running', 'done']),
  fromMs: z.number(),
  toMs: z.number(),
  doneToMs: z.number(),
  deviceMinuteFromMs: z.number().optional(),
  seed: z.number().optional(),
  replay: z.boolean().optional(),
  coarseSampleMin: z.number().optional(),
  elapsedMs: z.number().optional(),
});

/** The service's report; the browser reads status, nowMs, coverage and backfill, the rest passes through. */
export const healthResponseSchema = z.looseObject({
  status: z.enum(['ok', 'degraded']).meta({ description: '`degraded` while the recorder is not connected.' }),
  nowMs: z.number(),
  recorder: z.looseObject({
    state: z.enum(['connecting', 'connected', 'reconnecting', 'offline', 'closed']).optional(),
    recordingSinceMs: z.number().nullable().optional(),
    lastMessageMs: z.number().nullable().optional().meta({ description: 'Newest device timestamp received.' }),
    counts: counts.optional().meta({
      description: 'received, accepted, outOfOrder, duplicate, tooLate, beforeSession, status, flushes, reconnects',
    }),
    rejected: counts.optional().meta({
      description:
        'Messages refused by the edge judge, by reason (bad-topic, too-large, not-json, schema, out-of-range, ' +
        'future-timestamp, unknown-device).',
    }),
    counters: counts.optional().meta({
      description: 'counterGaps (interval too long to attribute), counterResets, counterJumps (implausible).',
    }),
    devicesOnline: z.number().optional(),
    devicesConfigured: z.number().optional(),
  }),
  db: z.looseObject({
    engine: z
      .enum(['sqlite', 'postgresql'])
      .optional()
      .meta({ description: 'Where the history is stored (HISTORY_DB).' }),
    sizeBytes: z.number().optional(),
    retention: z
      .looseObject({
        minuteRetentionDays: z.number().meta({ description: 'Days per-device minute rows are kept (0: for ever).' }),
        runs: z.number(),
        lastRunAtMs: z.number().nullable(),
        lastReferenceMs: z
          .number()
          .nullable()
          .meta({ description: 'The newest recorded reading the last run counted the days back from.' }),
        deviceMinuteFromMs: z
          .number()
          .nullable()
          .meta({ description: 'Per-device minutes from here on; before it 15-minute rows and hours.' }),
        totals: z.looseObject({
          deviceHours: z.number(),
          deviceQuarters: z.number(),
          minuteRowsDeleted: z.number(),
          partitionsDropped: z.number(),
          bytesFreed: z.number(),
        }),
        lastError: z.string().nullable(),
      })
      .optional()
      .meta({ description: 'Retention of per-device minute rows: what it compacted since the service started.' }),
  }),
  coverage: z.looseObject({
    intervals: z.number().optional(),
    firstMs: z.number().nullable(),
    lastMs: z.number().nullable(),
  }),
  backfill: backfillStateSchema.nullable(),
  backup: z
    .looseObject({
      dir: z.string(),
      intervalMs: z.number().meta({ description: 'The schedule (0: on demand only).' }),
      keep: z.number(),
      running: z.boolean(),
      lastOkAtMs: z.number().nullable().meta({ description: 'When the newest backup was completed (wall clock).' }),
      lastFile: z.string().nullable(),
      lastDurationMs: z.number().nullable(),
      lastSizeBytes: z.number().nullable(),
      lastIntegrity: z.string().nullable().meta({ description: "The copy's PRAGMA integrity_check: `ok`." }),
      lastError: z.string().nullable(),
      lastErrorAtMs: z.number().nullable(),
      failures: z.number().meta({ description: 'Failed backups since the service started.' }),
      nextAtMs: z.number().nullable(),
      kept: z.number().meta({ description: 'Backups of this database in the directory.' }),
    })
    .nullable()
    .optional()
    .meta({ description: 'Online backups of the database file (null for an in-memory one).' }),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const errorResponseSchema = z.object({ error: z.string() });

// ── Routes and the OpenAPI document ─────────────────────────────────────────────────────────────────────────────────

export const HISTORY_ROUTES = [
  { method: 'GET', path: '/api/health' },
  { method: 'GET', path: '/api/series' },
  { method: 'GET', path: '/api/series.csv' },
  { method: 'GET', path: '/api/today' },
  { method: 'GET', path: '/api/devices/today' },
  { method: 'GET', path: '/api/devices/day-registers' },
  { method: 'GET', path: '/api/alarm-log' },
  { method: 'GET', path: '/api/alarm-log.csv' },
  { method: 'GET', path: '/api/reliability/outages' },
  { method: 'GET', path: '/api/reliability/monthly' },
] as const;

const COMPONENT_SCHEMAS = {
  Point: pointSchema,
  Series: seriesResponseSchema,
  DayCurves: dayCurvesSchema,
  Today: todayResponseSchema,
  DevicesToday: devicesTodayResponseSchema,
  DayRegisters: dayRegistersResponseSchema,
  AlarmLogEvent: alarmLogEventSchema,
  AlarmLogRow: alarmLogRowSchema,
  AlarmLog: alarmLogResponseSchema,
  OutageRecord: outageRecordSchema,
  ReliabilityIndicators: periodIndicatorsSchema,
  ReliabilityOutages: reliabilityOutagesResponseSchema,
  ReliabilityMonthly: reliabilityMonthlyResponseSchema,
  BackfillState: backfillStateSchema,
  Health: healthResponseSchema,
  Error: errorResponseSchema,
} as const;

type Json = Record<string, unknown>;

function stripSchemaKeys(schema: Json): Json {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

function parameterOf(name: string, field: z.ZodType, required: boolean): Json {
  const schema = stripSchemaKeys(z.toJSONSchema(field, { io: 'input' }) as Json);
  const { description, ...rest } = schema;
  return {
    name,
    in: 'query',
    ...(required ? { required: true } : {}),
    ...(description ? { description } : {}),
    schema: rest,
  };
}

function queryParameters(schema: z.ZodObject): Json[] {
  return Object.entries(schema.shape).map(([name, field]) =>
    parameterOf(name, field as z.ZodType, !(field as z.ZodType).safeParse(undefined).success),
  );
}

const ref = (name: keyof typeof COMPONENT_SCHEMAS | string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schemaName: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(schemaName) } },
});
/** A CSV download, saved under the file name its Content-Disposition header gives. */
const csvAttachment = (filename: string) => ({
  description: 'CSV attachment.',
  headers: {
    'Content-Disposition': { description: `attachment; filename="${filename}"`, schema: { type: 'string' } },
  },
  content: { 'text/csv': { schema: { type: 'string' } } },
});
const badRequest = { $ref: '#/components/responses/BadRequest' };
/** The heavy reads (series, CSV, alarm log) are bounded in the service (src/services/history/heavy-reads.ts). */
const busy = { $ref: '#/components/responses/Busy' };

const DESCRIPTION = `The reference history service (\`npm run history\`, src/services/history) records the live MQTT stream and serves
it here. The app reaches it through its own origin at \`/api\` (the dev and preview servers proxy it).

- Times are ms since the Unix epoch (UTC). Day and month buckets are **local days and months in Asia/Shanghai**
  (UTC+8) whatever the zone of the server or the browser. Query times may be given as ms, as ISO 8601 with \`Z\` or
  an offset, or as a zone-less local date/time (\`2026-01-31\`, \`2026-01-31T08:00\`), which is read as Asia/Shanghai.
- Buckets are whole steps: the first bucket is the step containing \`from\` (e.g. the local day or month it falls in).
- A bucket the recorder did not cover (service down, broker unreachable, before the history began) or in which no
  data arrived is \`null\`, never 0.
- Energies come from the devices' cumulative counters (resets, duplicates and out-of-order messages handled), not
  from integrating power.
- On first start with an empty database the service backfills 13 months from the feeds' world model (same seed);
  those ranges are covered with source \`backfill\`. Per-device series older than two days are hourly only.

Generated by \`npm run contract\` from src/core/contract/history-api.ts.
`;

/** The OpenAPI 3.1 document of the history API, from the schemas above (public/openapi.yaml). */
export function buildOpenApiDocument(): Json {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENT_SCHEMAS)) registry.add(schema as z.ZodType, { id });
  const generated = z.toJSONSchema(registry, {
    uri: (id) => `#/components/schemas/${id}`,
    io: 'output',
  }) as { schemas: Record<string, Json> };
  const schemas = Object.fromEntries(Object.entries(generated.schemas).map(([id, s]) => [id, stripSchemaKeys(s)]));

  const seriesParameters = Object.keys(seriesQuerySchema.shape).map((name) => ({
    $ref: `#/components/parameters/${name}`,
  }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gaozhu energy wall — history service',
      // 2: the legacy POST/GET /api/alarms/acks is gone (acknowledgements are the live service's, through the app).
      version: '2.0.0',
      summary: 'Recorded telemetry of the Sichuan–Chongqing Gaozhu New Area, 1-minute rollups and the alarm log.',
      description: DESCRIPTION,
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/health': {
        get: {
          operationId: 'getHealth',
          summary:
            'Service state, recorder connection, message counts, rejections by reason, database size, backfill state.',
          responses: { '200': json('Health', 'Health report.') },
        },
      },
      '/api/series': {
        get: {
          operationId: 'getSeries',
          summary: 'One metric of one entity over a range, bucketed by step and aggregated.',
          parameters: seriesParameters,
          responses: {
            '200': json(
              'Series',
              'The series. Ranges that would need more than 20 000 points are truncated (see `capped`).',
            ),
            '400': badRequest,
            '503': busy,
          },
        },
      },
      '/api/series.csv': {
        get: {
          operationId: 'getSeriesCsv',
          summary: 'The same series as CSV, for export.',
          description:
            'Header line `time_asia_shanghai,ts_ms,<metric>_<agg>_<unit>`; one line per bucket with the local start ' +
            'time (ISO 8601 with +08:00), its ms timestamp and the value (empty when null). Lines end with CRLF.',
          parameters: seriesParameters,
          responses: {
            '200': csvAttachment('gaozhu-<entity>-<metric>-<step>-<YYYY-MM-DD>.csv'),
            '400': badRequest,
            '503': busy,
          },
        },
      },
      '/api/today': {
        get: {
          operationId: 'getToday',
          summary:
            "Today's and yesterday's power curves since local midnight, today's energies and peak (wall reload).",
          parameters: queryParameters(todayQuerySchema),
          responses: {
            '200': json(
              'Today',
              'Curves of gridImportKw, pvKw, evKw and consumptionKw; energies in kWh; peak consumption.',
            ),
            '400': badRequest,
          },
        },
      },
      '/api/devices/today': {
        get: {
          operationId: 'getDevicesToday',
          summary:
            "Every device of one kind at once — today's peak P with its minute and the last hour of 1-minute means.",
          description:
            "For the dispatcher console's table on load: one request for all devices of a kind (answers are reused " +
            "for up to 20 s within the same minute). Today is the local day in Asia/Shanghai by the service's clock, " +
            'as in `/api/today`. The peak is the maximum of `/api/series?metric=pKw&step=1m&agg=max` over today; ' +
            '`recentKw` holds the 60 whole minutes before the current one, the values of ' +
            '`/api/series?metric=pKw&step=1m&agg=avg` for those minutes (null where nothing was recorded).',
          parameters: queryParameters(devicesTodayQuerySchema),
          responses: {
            '200': json('DevicesToday', 'One entry per configured device of that kind.'),
            '400': badRequest,
          },
        },
      },
      '/api/devices/day-registers': {
        get: {
          operationId: 'getDayRegisters',
          summary: "Every feeder, PV site and charging station: today's energy as recorded and its latest registers.",
          description:
            'For the live service when it starts mid-day without its own state: it seeds its day registers so that ' +
            "today's count continues the history's from midnight (baseline = latest reading − today's count). " +
            '`todayKwh` and `countersKwh` are stored together, so the count runs exactly up to those readings.',
          responses: { '200': json('DayRegisters', 'One entry per configured feeder, PV site and charging station.') },
        },
      },
      '/api/alarm-log': {
        get: {
          operationId: 'getAlarmLog',
          summary: 'The alarm log: one row per alarm, built from its recorded lifecycle events, with filters.',
          description:
            'The history records every event the live service publishes on gaozhu/v1/live/alarms/events. A row is ' +
            'one alarm: its start, raise, latest and peak severity, peak value, acknowledgement (by, note, at), clear ' +
            'and its events in order. Rows are ordered by raise, oldest first; with `limit` the most recent are kept. ' +
            '(Not under /api/alarms/: the app sends that prefix to the live service, which owns acknowledgements.)',
          parameters: queryParameters(alarmLogQuerySchema),
          responses: { '200': json('AlarmLog', 'The matching alarms.'), '400': badRequest, '503': busy },
        },
      },
      '/api/alarm-log.csv': {
        get: {
          operationId: 'getAlarmLogCsv',
          summary: 'The same alarm log as CSV, one line per alarm, for spreadsheets.',
          description:
            'A header line, then one line per alarm: `alarm_id,rule,device_id,state,severity,peak_severity,' +
            'start_asia_shanghai,start_ms,raised_asia_shanghai,peak_value,ack_by,ack_note,ack_asia_shanghai,' +
            'cleared_asia_shanghai,events` (events: how many). Times are local ISO 8601 with +08:00 (empty when none); text cells are ' +
            "quoted when needed and prefixed with ' when they start with = + - @ (no formula runs). Lines end with CRLF.",
          parameters: queryParameters(alarmLogQuerySchema),
          responses: { '200': csvAttachment('gaozhu-alarm-log-<YYYY-MM-DD>.csv'), '400': badRequest, '503': busy },
        },
      },
      '/api/reliability/outages': {
        get: {
          operationId: 'getReliabilityOutages',
          summary: 'Outage records (trip to repair, sections, customers, customer-minutes) overlapping a range.',
          description:
            'The history stores the latest version of every record the live service publishes (QoS 1) on ' +
            'gaozhu/v1/live/reliability/records: a repeated or late older version changes nothing (newer = later ' +
            'state, then more facts set, then more customer-minutes).',
          parameters: queryParameters(reliabilityOutagesQuerySchema),
          responses: { '200': json('ReliabilityOutages', 'The matching outages.'), '400': badRequest },
        },
      },
      '/api/reliability/monthly': {
        get: {
          operationId: 'getReliabilityMonthly',
          summary: 'SAIDI, SAIFI, CAIDI, RS-1 month by month and year to date, all causes and faults only.',
          description:
            'Computed from the stored outage records and the customers of public/config/area.json (Σ over the ' +
            "feeders' sections per province) by the same function as the live indicators: sustained interruptions " +
            '(> 3 min, DL/T 836.1) only, momentary ones counted apart; an outage across a month boundary has its ' +
            'minutes split and its interruptions counted in the month it began. `recordedMin` says how much of each ' +
            'period the history was recording the live service: a month with none is unknown, not 100 %.',
          parameters: queryParameters(reliabilityMonthlyQuerySchema),
          responses: { '200': json('ReliabilityMonthly', 'The months of the year so far.'), '400': badRequest },
        },
      },
    },
    components: {
      parameters: Object.fromEntries(queryParameters(seriesQuerySchema).map((p) => [p.name as string, p])),
      responses: {
        BadRequest: json('Error', 'The request was refused; `error` says which parameter and why.'),
        Busy: {
          ...json(
            'Error',
            'Too many heavy reads (series, CSV, alarm log) are waiting; retry after `Retry-After` seconds.',
          ),
          headers: { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } },
        },
      },
      schemas,
    },
  };
}
