/**
 * Schema of the area configuration (`public/config/area.json`): topology, ratings, thresholds, emission factors,
 * assumptions, targets and feed rates. Served beside the app so it can be edited without a rebuild; read by the
 * feeds and the services through `parseAreaConfig` and by the browser against the same `areaConfigSchema` in a worker
 * (src/browser/live/checked-documents.ts), both naming a problem with area-config-error.ts's words, so a bad file fails
 * the same way everywhere: with the file, the field and the problem named.
 */
import { z } from 'zod';
import { DEVICE_ID_PATTERN, PROVINCES } from '../contract/topics';
import { configIssueError, notJsonConfigError } from './area-config-error';

// The error is defined in a zod-free module, so the browser's main thread can raise it without these schemas; the
// services keep importing it from here.
export { AreaConfigError } from './area-config-error';

const id = z.string().regex(DEVICE_ID_PATTERN, 'must be a lowercase slug (a-z, 0-9, -)');
const province = z.enum(PROVINCES);
const bilingualName = z.object({ zh: z.string().min(1).max(60), en: z.string().min(1).max(80) });
/** Position on the schematic, in a 0–1000 × 0–600 drawing space. */
const schematicPos = z.object({ x: z.number().min(0).max(1000), y: z.number().min(0).max(600) });
const sourced = z.object({ year: z.number().int().min(2000).max(2100), source: z.string().min(1) });
const customerCount = z.number().int().min(0).max(1_000_000);
const yearKey = z.string().regex(/^\d{4}$/);
/** A range of seconds or hours [min, max] the world draws from (uniformly). */
const range = (max: number) =>
  z
    .tuple([z.number().positive().max(max), z.number().positive().max(max)])
    .refine(([lo, hi]) => lo <= hi, 'min must not exceed max');

/**
 * One switchable section of a 10 kV feeder, in order from the feeder head (section 0) to its far end. Between two
 * sections stands a remotely operated sectionalising switch (switch k is between section k−1 and k); a section may end
 * at a normally-open tie switch to a section of a neighbouring feeder, listed on both feeders with the same tie id.
 */
export const feederSectionSchema = z.object({
  residential: customerCount.describe('Residential customers supplied by this section'),
  enterprise: customerCount.describe('Enterprise (industrial and commercial) customers'),
  /** Share of the feeder's base load in this section, %; the shares of a feeder add up to 100. */
  loadSharePct: z.number().positive().max(100),
  tie: z
    .object({
      id: z.string().regex(/^tie-[a-z0-9-]{1,60}$/, 'must be tie-<slug>'),
      feederId: id,
      /** Section of the other feeder the tie switch connects to. */
      section: z.number().int().min(0),
    })
    .nullable(),
});
export type FeederSectionConfig = z.infer<typeof feederSectionSchema>;

export const emissionFactorSchema = sourced.extend({
  kgCo2PerKwh: z.number().positive().max(2),
  name: bilingualName,
});

/**
 * The alarm and display thresholds: in area.json, and the same schema for an administrator's change on the live
 * service (which versions them), so both are refused for the same reasons. The cross-field sanity lives here too.
 */
export const thresholdsSchema = z
  .object({
    heavyLoadingPct: z.number().positive(),
    overloadLoadingPct: z.number().positive(),
    voltageDeviationPct: z.number().positive().max(20),
    frequencyNominalHz: z.number().positive(),
    frequencyTolerationHz: z.number().positive(),
    /** A device is stale after this many missed publish intervals. */
    staleAfterMissedIntervals: z.number().int().min(1),
    /**
     * How long a silent device's last good value still counts in the live figures (marked held), s; after that the
     * figures that need it say partial. Long enough to ride out a feeds or broker restart, short enough that a held
     * value never passes for the present.
     */
    holdLastGoodS: z.number().positive().max(3_600).default(120),
  })
  .superRefine((t, ctx) => {
    if (t.overloadLoadingPct <= t.heavyLoadingPct)
      ctx.addIssue({ code: 'custom', message: 'must be above heavyLoadingPct', path: ['overloadLoadingPct'] });
    if (t.frequencyTolerationHz >= t.frequencyNominalHz)
      ctx.addIssue({ code: 'custom', message: 'must be below frequencyNominalHz', path: ['frequencyTolerationHz'] });
  });
export type Thresholds = z.infer<typeof thresholdsSchema>;

export const areaConfigSchema = z
  .object({
    version: z.literal(1),
    name: bilingualName,
    timezone: z.string().min(1),
    location: z.object({ latDeg: z.number().min(-90).max(90), lonDeg: z.number().min(-180).max(180) }),
    provinces: z
      .array(
        z.object({ id: province, name: bilingualName, townsZh: z.array(z.string()), areaKm2: z.number().positive() }),
      )
      .length(2),
    substations: z
      .array(
        schematicPos.extend({
          id,
          name: bilingualName,
          province,
          voltageKv: z.union([z.literal(220), z.literal(110)]),
          /** Upstream substation(s); empty for 220 kV. */
          parentIds: z.array(id),
          ratedMva: z.number().positive(),
        }),
      )
      .min(1),
    /** Line segments between substations drawn on the schematic (the 110 kV double chain and 220 kV tie). */
    links: z.array(z.object({ from: id, to: id, voltageKv: z.number().positive() })),
    feeders: z
      .array(
        schematicPos.extend({
          id,
          name: bilingualName,
          province,
          substationId: id,
          ratedMva: z.number().positive().max(30),
          ratedA: z.number().positive().max(2000),
          nominalKv: z.number().positive(),
          mix: z.enum(['industrial', 'commercial', 'residential']),
          /** Peak of the feeder's base (non-EV) load, kW; the feeds scale their daily shape to it. */
          basePeakKw: z.number().positive(),
          /**
           * The feeder's switchable sections, head first (absent: one unswitched section, no customer data — a
           * hand-made or load-test area). The supply-reliability model (faults, FLISR, outage records) needs them.
           */
          sections: z.array(feederSectionSchema).min(1).max(8).optional(),
        }),
      )
      .min(1),
    pvSites: z.array(
      z.object({ id, name: bilingualName, province, feederId: id, kWp: z.number().positive().max(10_000) }),
    ),
    chargingStations: z.array(
      z.object({
        id,
        name: bilingualName,
        province,
        feederId: id,
        /**
         * What charges here: passenger cars (absent: cars) or buses (a depot). Picks the EV-substitution assumptions
         * (evAssumptions for cars, evAssumptions.bus for buses).
         */
        vehicles: z.enum(['car', 'bus']).optional(),
        connectors: z
          .array(
            z.object({
              id: z.string().regex(/^[a-z0-9-]{1,32}$/),
              type: z.enum(['ac', 'dc']),
              ratedKw: z.number().positive().max(400),
            }),
          )
          .min(1),
      }),
    ),
    thresholds: thresholdsSchema,
    emissionFactors: z.object({
      sc: emissionFactorSchema,
      cq: emissionFactorSchema,
      national: emissionFactorSchema,
      fossil: emissionFactorSchema,
    }),
    /** EV substitution for passenger cars (petrol); `bus`, for the depots' city e-buses against diesel buses. */
    evAssumptions: sourced.extend({
      kwhPer100Km: z.number().positive(),
      petrolLPer100Km: z.number().positive(),
      petrolKgCo2PerL: z.number().positive(),
      bus: sourced
        .extend({
          kwhPer100Km: z.number().positive(),
          dieselLPer100Km: z.number().positive(),
          dieselKgCo2PerL: z.number().positive(),
        })
        .optional(),
    }),
    coal: sourced.extend({ gcePerKwh: z.number().positive() }),
    /**
     * Specific yield the replayed real PV series is scaled to, kWh/kWp a year. The replayed plant is a high, cold site
     * (about 1,700 kWh/kWp) while rooftops in the Sichuan basin yield far less; absent, the replay is unscaled.
     */
    pvReplayYield: sourced.extend({ kwhPerKwpYear: z.number().positive().max(3_000) }).optional(),
    targets: z.object({
      /** Clean-energy share of consumption (grid-inclusive), % per year. */
      cleanSharePctByYear: z.record(z.string().regex(/^\d{4}$/), z.number().min(0).max(100)),
      /** Scope-2 CO₂ budget, tonnes per year. */
      co2BudgetTByYear: z.record(z.string().regex(/^\d{4}$/), z.number().positive()),
      /** Year by which the area aims to be net zero-carbon ("零碳高竹"). */
      zeroCarbonYear: z.number().int(),
      /** Supply reliability rate RS-1 (供电可靠率) target, % per year. */
      rs1PctByYear: z.record(yearKey, z.number().min(90).max(100)).optional(),
      /** SAIDI (户均停电时间) target, minutes per customer per year. */
      saidiMinByYear: z.record(yearKey, z.number().min(0).max(525_600)).optional(),
      /** Where the reliability targets come from. */
      reliabilitySource: z.string().min(1).optional(),
    }),
    /** Customers of the area (the denominators of SAIDI/SAIFI); Σ over the feeders' sections must match. */
    customers: sourced.extend({ residential: customerCount, enterprise: customerCount }).optional(),
    /**
     * The world model's fault, repair and self-healing (FLISR) parameters: what the mock feeds simulate. A real
     * deployment's devices report their own events; these only shape the simulation.
     */
    reliability: sourced
      .extend({
        /** Permanent faults per feeder per year (each trips the feeder head). */
        faultsPerFeederYear: z.number().min(0).max(100),
        /** Repair time of a faulted section, h [min, max]. */
        repairH: range(72),
        /** Planned outages (maintenance) per feeder per year, scheduled in daytime working hours. */
        plannedPerFeederYear: z.number().min(0).max(100),
        /** Duration of a planned outage, h [min, max]. */
        plannedH: range(72),
        /** From trip to the fault located and the switches around it open, s [min, max]. */
        isolateS: range(600),
        /** From isolation to the head breaker reclosed for the upstream sections, s. */
        upstreamRestoreS: z.number().positive().max(600),
        /** From isolation to the tie closed for the downstream sections, s [min, max]. */
        tieRestoreS: range(3_600),
        /** A tie is closed only if the feeder across it stays at or below this loading with the load taken over, %. */
        tieMaxLoadingPct: z.number().positive().max(200),
      })
      .optional(),
    feedIntervalsS: z.object({
      substation: z.number().positive(),
      feeder: z.number().positive(),
      pv: z.number().positive(),
      /** Chargers publish on change and at least this often. */
      charger: z.number().positive(),
    }),
    privacy: z.object({
      /** On the public wall, alarms name only the feeder (no customer or station detail). */
      maskAlarmDetailsOnWall: z.boolean(),
    }),
  })
  .superRefine((cfg, ctx) => {
    const subIds = new Set(cfg.substations.map((s) => s.id));
    const feederIds = new Set(cfg.feeders.map((f) => f.id));
    const seen = new Set<string>();
    const all = [...cfg.substations, ...cfg.feeders, ...cfg.pvSites, ...cfg.chargingStations];
    for (const d of all) {
      if (seen.has(d.id)) ctx.addIssue({ code: 'custom', message: `duplicate device id "${d.id}"`, path: ['id'] });
      seen.add(d.id);
    }
    for (const issue of unknownParents('feeders', cfg.feeders, 'substationId', subIds, 'substation'))
      ctx.addIssue({ code: 'custom', ...issue });
    const feederById = new Map(cfg.feeders.map((f) => [f.id, f]));
    let residential = 0;
    let enterprise = 0;
    cfg.feeders.forEach((f, i) => {
      if (!f.sections) return;
      const share = f.sections.reduce((a, s) => a + s.loadSharePct, 0);
      if (Math.abs(share - 100) > 0.05)
        ctx.addIssue({
          code: 'custom',
          message: `section load shares add up to ${share.toFixed(2)} %, not 100 %`,
          path: ['feeders', i, 'sections'],
        });
      f.sections.forEach((s, k) => {
        residential += s.residential;
        enterprise += s.enterprise;
        const problem = s.tie ? tieProblem(f.id, k, s.tie, feederById) : null;
        if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['feeders', i, 'sections', k, 'tie'] });
      });
    });
    if (cfg.customers && (cfg.customers.residential !== residential || cfg.customers.enterprise !== enterprise))
      ctx.addIssue({
        code: 'custom',
        message: `the feeders' sections supply ${residential} residential and ${enterprise} enterprise customers; customers says ${cfg.customers.residential} and ${cfg.customers.enterprise}`,
        path: ['customers'],
      });
    for (const issue of unknownParents('pvSites', cfg.pvSites, 'feederId', feederIds, 'feeder'))
      ctx.addIssue({ code: 'custom', ...issue });
    for (const issue of unknownParents('chargingStations', cfg.chargingStations, 'feederId', feederIds, 'feeder'))
      ctx.addIssue({ code: 'custom', ...issue });
  });

/**
 * The items of a device list whose parent is not configured (a feeder's substation, a PV site's or charging station's
 * feeder): each as the message and path of its issue.
 */
function unknownParents<F extends string>(
  listName: string,
  list: readonly Record<F, string>[],
  field: F,
  known: ReadonlySet<string>,
  parentKind: 'substation' | 'feeder',
): { message: string; path: (string | number)[] }[] {
  return list.flatMap((item, i) =>
    known.has(item[field]) ? [] : [{ message: `unknown ${parentKind} "${item[field]}"`, path: [listName, i, field] }],
  );
}

/** What is wrong with a section's tie: the feeder across it must exist and list the same tie back. */
function tieProblem(
  feederId: string,
  section: number,
  tie: NonNullable<FeederSectionConfig['tie']>,
  feederById: ReadonlyMap<string, { id: string; sections?: readonly FeederSectionConfig[] | undefined }>,
): string | null {
  const other = feederById.get(tie.feederId);
  if (!other) return `unknown feeder "${tie.feederId}"`;
  if (other.id === feederId) return 'a tie must lead to another feeder';
  const back = other.sections?.[tie.section];
  if (!back) return `section ${tie.section} out of range for "${other.id}" (${other.sections?.length ?? 0} sections)`;
  if (back.tie?.id !== tie.id || back.tie.feederId !== feederId || back.tie.section !== section)
    return `tie "${tie.id}" is not listed back on "${other.id}" section ${tie.section}`;
  return null;
}

export type AreaConfig = z.infer<typeof areaConfigSchema>;
export type FeederConfig = AreaConfig['feeders'][number];
export type ReliabilityConfig = NonNullable<AreaConfig['reliability']>;
export type SubstationConfig = AreaConfig['substations'][number];
export type PvSiteConfig = AreaConfig['pvSites'][number];
export type ChargingStationConfig = AreaConfig['chargingStations'][number];
export type BilingualName = z.infer<typeof bilingualName>;

/**
 * Validates a parsed (or unparsed) configuration file against its schema; throws AreaConfigError naming the file,
 * field and problem. For the area configuration and the run-time configuration alike.
 */
export function parseConfigFile<T>(schema: z.ZodType<T>, input: unknown, file: string): T {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (e) {
      throw notJsonConfigError(file, (e as Error).message);
    }
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw configIssueError(file, issue?.path.join('.') ?? '', issue?.message ?? 'invalid');
  }
  return result.data;
}

/** The area configuration, validated (see parseConfigFile). */
export function parseAreaConfig(input: unknown, file: string): AreaConfig {
  return parseConfigFile(areaConfigSchema, input, file);
}
