/**
 * The thresholds API: the live service owns the alarm and display thresholds it applies, versioned (version 0 is
 * area.json's), and the web server forwards an administrator's change or revert to it. One definition of the bodies
 * and answers for the live service, the web server and the admin screen; the thresholds themselves are the area
 * schema's (thresholdsSchema), never a copy.
 *
 *   GET  /api/thresholds         → ThresholdsList (the current version and every version, newest first)
 *   PUT  /api/thresholds         {thresholds, note, by} → 201 the new version; 400 {error, field, problem}
 *   POST /api/thresholds/revert  {version, by, note?} → 201 a new version equal to that one; 404 when none has it
 */
import { z } from 'zod';
import { thresholdsSchema } from '../config/area-schema';

const by = z.string().trim().min(1).max(80);
const note = z.string().max(500).optional().default('');

export const thresholdsVersionSchema = z.object({
  version: z.number().int().min(0),
  thresholds: thresholdsSchema,
  /** Who made it; 'area.json' for version 0. */
  by: z.string(),
  atMs: z.number(),
  note: z.string(),
  /** Set when this version was made by reverting to an older one. */
  revertedFrom: z.number().int().min(0).optional(),
});
export type ThresholdsVersion = z.infer<typeof thresholdsVersionSchema>;

export const thresholdsListSchema = z.object({
  current: thresholdsVersionSchema,
  /** Newest first. */
  versions: z.array(thresholdsVersionSchema),
});
export type ThresholdsList = z.infer<typeof thresholdsListSchema>;

export const thresholdsChangeBodySchema = z.object({ thresholds: thresholdsSchema, note, by });
export const thresholdsRevertBodySchema = z.object({ version: z.number().int().min(0), note, by });

/** A 400's body: the first problem, its field dotted from the body's root (e.g. thresholds.overloadLoadingPct). */
export interface ThresholdsProblem {
  error: string;
  field: string;
  problem: string;
}

export function thresholdsProblem(issues: readonly z.core.$ZodIssue[]): ThresholdsProblem {
  const issue = issues[0];
  const field = issue?.path.map(String).join('.') || '(body)';
  const problem = issue?.message ?? 'invalid';
  return { error: `${field}: ${problem}`, field, problem };
}
