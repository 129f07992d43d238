/**
 * The documents the page fetches, each with the contract schema it is checked against before a screen sees it: the
 * history service's answers (src/core/contract/history-api.ts) and the two configuration files read at start
 * (src/core/config/area-schema.ts, runtime-config.ts). `checkDocumentText` parses the text and checks it in one step.
 *
 * This module brings zod and every schema with it, so the page runs it in the document-check worker
 * (document-check.worker.ts) and keeps it off the main thread; document-check.ts is the main thread's way in, and
 * loads it in-process only where there is no Worker (the unit tests in Node).
 */
import type { z } from 'zod';
import { areaConfigSchema } from '../../core/config/area-schema';
import {
  alarmLogResponseSchema,
  devicesTodayResponseSchema,
  healthResponseSchema,
  reliabilityMonthlyResponseSchema,
  reliabilityOutagesResponseSchema,
  seriesResponseSchema,
  todayResponseSchema,
} from '../../core/contract/history-api';
import { runtimeConfigSchema } from './runtime-config';

const DOCUMENT_SCHEMAS = {
  series: seriesResponseSchema,
  today: todayResponseSchema,
  devicesToday: devicesTodayResponseSchema,
  health: healthResponseSchema,
  alarmLog: alarmLogResponseSchema,
  reliabilityMonthly: reliabilityMonthlyResponseSchema,
  reliabilityOutages: reliabilityOutagesResponseSchema,
  areaConfig: areaConfigSchema,
  runtimeConfig: runtimeConfigSchema,
} satisfies Record<string, z.ZodType>;

export type DocumentKind = keyof typeof DOCUMENT_SCHEMAS;
/** What a document of a kind is once checked (the schema's output: defaults filled in). */
export type DocumentOf<K extends DocumentKind> = z.output<(typeof DOCUMENT_SCHEMAS)[K]>;
/** The same map typed by kind, so a kind's schema parses to that kind's document (not the union of all of them). */
const SCHEMA_OF: { [K in DocumentKind]: z.ZodType<DocumentOf<K>> } = DOCUMENT_SCHEMAS;

/**
 * The finding on a document, plain data so it crosses from the worker as it is. A failure keeps its parts apart
 * (the parser's words; the first issue's path and zod's words) because the history client and the configuration
 * loader each say them in their own established sentence.
 */
export type DocumentCheck<T> =
  | { ok: true; data: T }
  /** Not JSON at all (an empty body included); `message` is the JSON parser's. */
  | { ok: false; problem: 'not-json'; message: string }
  /** JSON, not the contract's: the first issue, at `path` (dotted; '' at the root). */
  | { ok: false; problem: 'contract'; path: string; message: string }
  /** The check itself could not run (the worker failed); nothing is known of the document. */
  | { ok: false; problem: 'unchecked'; message: string };

export function checkDocumentText<K extends DocumentKind>(kind: K, text: string): DocumentCheck<DocumentOf<K>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: 'not-json', message: (e as Error).message };
  }
  let result: z.ZodSafeParseResult<DocumentOf<K>>;
  try {
    result = SCHEMA_OF[kind].safeParse(json);
  } catch (e) {
    // safeParse reports issues, it does not throw; a throw is a fault of a refinement or an unknown kind. The worker
    // must still answer, or the page waits for ever on this document.
    return { ok: false, problem: 'unchecked', message: `${kind}: ${(e as Error).message}` };
  }
  if (result.success) return { ok: true, data: result.data };
  const issue = result.error.issues[0];
  return { ok: false, problem: 'contract', path: issue?.path.join('.') ?? '', message: issue?.message ?? 'invalid' };
}
