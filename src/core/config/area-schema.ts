/**
 * Schema of the area configuration (`public/config/area.json`): topology, ratings, thresholds, emission factors,
 * assumptions, targets and feed rates. Served beside the app so it can be edited without a rebuild; read by the
 * browser, the feeds and the history service, all through `parseAreaConfig`, so a bad file fails the same way
 * everywhere: with the file, the field and the problem named.
 */
import { z } from 'zod';
import { DEVICE_ID_PATTERN, PROVINCES } from '../contract/topics';

const id = z.string().regex(DEVICE_ID_PATTERN, 'must be a lowercase slug (a-z, 0-9, -)');
const province = z.enum(PROVINCES);
const bilingualName = z.object({ zh: z.string().min(1).max(60), en: z.string().min(1).max(80) });
/** Position on the schematic, in a 0–1000 × 0–600 drawing space. */
const schematicPos = z.object({ x: z.number().min(0).max(1000), y: z.number().min(0).max(600) });
const sourced = z.object({ year: z.number().int().min(2000).max(2100), source: z.string().min(1) });

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
    evAssumptions: sourced.extend({
      kwhPer100Km: z.number().positive(),
      petrolLPer100Km: z.number().positive(),
      petrolKgCo2PerL: z.number().positive(),
    }),
    coal: sourced.extend({ gcePerKwh: z.number().positive() }),
    targets: z.object({
      /** Clean-energy share of consumption (grid-inclusive), % per year. */
      cleanSharePctByYear: z.record(z.string().regex(/^\d{4}$/), z.number().min(0).max(100)),
      /** Scope-2 CO₂ budget, tonnes per year. */
      co2BudgetTByYear: z.record(z.string().regex(/^\d{4}$/), z.number().positive()),
      /** Year by which the area aims to be net zero-carbon ("零碳高竹"). */
      zeroCarbonYear: z.number().int(),
    }),
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
    cfg.feeders.forEach((f, i) => {
      if (!subIds.has(f.substationId))
        ctx.addIssue({
          code: 'custom',
          message: `unknown substation "${f.substationId}"`,
          path: ['feeders', i, 'substationId'],
        });
    });
    cfg.pvSites.forEach((p, i) => {
      if (!feederIds.has(p.feederId))
        ctx.addIssue({ code: 'custom', message: `unknown feeder "${p.feederId}"`, path: ['pvSites', i, 'feederId'] });
    });
    cfg.chargingStations.forEach((c, i) => {
      if (!feederIds.has(c.feederId))
        ctx.addIssue({
          code: 'custom',
          message: `unknown feeder "${c.feederId}"`,
          path: ['chargingStations', i, 'feederId'],
        });
    });
  });

export type AreaConfig = z.infer<typeof areaConfigSchema>;
export type FeederConfig = AreaConfig['feeders'][number];
export type SubstationConfig = AreaConfig['substations'][number];
export type PvSiteConfig = AreaConfig['pvSites'][number];
export type ChargingStationConfig = AreaConfig['chargingStations'][number];
export type BilingualName = z.infer<typeof bilingualName>;

export class AreaConfigError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`Invalid area configuration ${file}: field "${field}": ${problem}`);
    this.name = 'AreaConfigError';
  }
}

/** Validates a parsed (or unparsed) configuration; throws AreaConfigError naming the file, field and problem. */
export function parseAreaConfig(input: unknown, file: string): AreaConfig {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (e) {
      throw new AreaConfigError(file, '(file)', `not valid JSON: ${(e as Error).message}`);
    }
  }
  const result = areaConfigSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AreaConfigError(file, issue?.path.join('.') || '(root)', issue?.message ?? 'invalid');
  }
  return result.data;
}
