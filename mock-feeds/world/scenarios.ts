/**
 * Scenario requests of the control endpoint, validated once here so the HTTP server and in-process callers (tests,
 * the backfill) judge them the same way. Durations are in world seconds.
 */
import { z } from 'zod';
import { type DeviceKind, PROVINCES } from '../../src/core/contract/topics';

export const SCENARIO_TYPES = [
  'overload',
  'silent',
  'offline',
  'pv-trip',
  'cloud',
  'charger-fault',
  'fault',
  'planned',
] as const;
export type ScenarioType = (typeof SCENARIO_TYPES)[number];

export const scenarioRequestSchema = z
  .object({
    type: z.enum(SCENARIO_TYPES),
    deviceId: z.string().min(1).max(48).optional(),
    province: z.enum(PROVINCES).optional(),
    /**
     * World seconds until the scenario clears itself; absent = until cleared. fault: the repair time (absent: drawn
     * from the area's repairH); planned: the work's duration (absent: drawn from plannedH).
     */
    durationS: z
      .number()
      .positive()
      .max(366 * 86_400)
      .optional(),
    /** overload: target loading S / S_rated, %. */
    loadingPct: z.number().min(50).max(300).optional(),
    /** cloud: remaining fraction of irradiance. */
    factor: z.number().min(0).max(1).optional(),
    /** charger-fault: one connector (default: the whole station). */
    connectorId: z.string().min(1).max(32).optional(),
    /** fault, planned: the feeder's section (0 = the head section). */
    section: z.number().int().min(0).max(7).optional(),
  })
  .strict();
export type ScenarioRequest = z.infer<typeof scenarioRequestSchema>;

export interface ActiveScenario extends ScenarioRequest {
  id: string;
  /** Kind of deviceId, when the scenario targets a device. */
  kind?: DeviceKind;
  startedMs: number;
  untilMs: number | null;
}

/** Which device kinds a scenario may target; `any` for silent/offline, `none` when it targets no device. */
export const SCENARIO_TARGET: Record<ScenarioType, readonly DeviceKind[] | 'any' | 'none'> = {
  overload: ['feeder'],
  silent: 'any',
  offline: 'any',
  'pv-trip': ['pv'],
  cloud: 'none',
  'charger-fault': ['charger'],
  fault: ['feeder'],
  planned: ['feeder'],
};

export class ScenarioError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'ScenarioError';
  }
}

export function parseScenarioRequest(input: unknown): ScenarioRequest {
  const r = scenarioRequestSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ScenarioError(400, `${issue?.path.join('.') || '(body)'}: ${issue?.message ?? 'invalid'}`);
  }
  return r.data;
}
