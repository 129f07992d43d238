/**
 * A fast path for the contract's zod schemas, compiled from the schemas themselves (their definitions: shapes, bounds,
 * lengths, enums, patterns), so the schema stays the one source of truth. A compiled check answers only "valid, and
 * already exactly what zod would return": a plain object with no key outside the shape, every value of the right type
 * within its bounds. Then the parsed JSON is the data as it is, with no copy and no result objects. Anything else —
 * invalid, or valid with extra keys zod would strip — goes to zod, which decides and gives the rejection its reason.
 *
 * A schema using anything this compiler does not know (refinements, transforms, defaults, other number formats)
 * compiles to null: always zod. fast-check.test.ts holds every contract schema it compiles to zod's verdicts on a
 * corpus of valid and invalid payloads.
 */
import type { z } from 'zod';

/** True only when zod would accept `value` and return a deep-equal copy of it. */
export type FastCheck = (value: unknown) => boolean;

interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, { _zod: { def: Def } }>;
  innerType?: { _zod: { def: Def } };
  element?: { _zod: { def: Def } };
  entries?: Record<string, string | number>;
  catchall?: unknown;
}

interface CheckDef {
  check: string;
  value?: number;
  inclusive?: boolean;
  format?: string;
  minimum?: number;
  maximum?: number;
  pattern?: RegExp;
}

const defOf = (schema: { _zod: { def: Def } }): Def => schema._zod.def;

/** Number bounds and formats; null when a check is one this compiler does not know. */
function numberCheck(checks: CheckDef[]): FastCheck | null {
  let min = Number.NEGATIVE_INFINITY;
  let max = Number.POSITIVE_INFINITY;
  let minInclusive = true;
  let maxInclusive = true;
  let safeInt = false;
  for (const c of checks) {
    if (c.check === 'greater_than' && typeof c.value === 'number') {
      min = c.value;
      minInclusive = c.inclusive === true;
    } else if (c.check === 'less_than' && typeof c.value === 'number') {
      max = c.value;
      maxInclusive = c.inclusive === true;
    } else if (c.check === 'number_format' && c.format === 'safeint') safeInt = true;
    else return null;
  }
  return (v) =>
    typeof v === 'number' &&
    Number.isFinite(v) &&
    (minInclusive ? v >= min : v > min) &&
    (maxInclusive ? v <= max : v < max) &&
    (!safeInt || Number.isSafeInteger(v));
}

/** Length bounds of a string or an array; null for any other check. */
function lengthBounds(checks: CheckDef[], allowPattern: boolean) {
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  const patterns: RegExp[] = [];
  for (const c of checks) {
    if (c.check === 'min_length' && typeof c.minimum === 'number') min = Math.max(min, c.minimum);
    else if (c.check === 'max_length' && typeof c.maximum === 'number') max = Math.min(max, c.maximum);
    else if (allowPattern && c.check === 'string_format' && c.format === 'regex' && c.pattern instanceof RegExp) {
      // A global or sticky pattern keeps state between tests: not the same verdict every time, so not compiled.
      if (c.pattern.global || c.pattern.sticky) return null;
      patterns.push(c.pattern);
    } else return null;
  }
  return { min, max, patterns };
}

function compileDef(def: Def): FastCheck | null {
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  switch (def.type) {
    case 'number':
      return numberCheck(checks);
    case 'boolean':
      return checks.length === 0 ? (v) => typeof v === 'boolean' : null;
    case 'string': {
      const b = lengthBounds(checks, true);
      if (!b) return null;
      const { min, max, patterns } = b;
      return (v) =>
        typeof v === 'string' && v.length >= min && v.length <= max && patterns.every((p) => p.test(v as string));
    }
    case 'enum': {
      if (checks.length > 0 || !def.entries) return null;
      const values = new Set<unknown>(Object.values(def.entries));
      return (v) => values.has(v);
    }
    case 'nullable': {
      const inner = checks.length === 0 && def.innerType ? compileDef(defOf(def.innerType)) : null;
      return inner && ((v) => v === null || inner(v));
    }
    case 'array': {
      const b = lengthBounds(checks, false);
      const element = b && def.element ? compileDef(defOf(def.element)) : null;
      if (!b || !element) return null;
      const { min, max } = b;
      return (v) => {
        if (!Array.isArray(v) || v.length < min || v.length > max) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'object':
      return compileObject(def, checks);
    default:
      return null;
  }
}

function compileObject(def: Def, checks: CheckDef[]): FastCheck | null {
  // A catchall (passthrough, strict) changes what zod does with extra keys: not compiled.
  if (checks.length > 0 || !def.shape || def.catchall !== undefined) return null;
  const fields: { key: string; check: FastCheck; optional: boolean }[] = [];
  for (const [key, schema] of Object.entries(def.shape)) {
    let d = defOf(schema);
    let optional = false;
    if (d.type === 'optional') {
      if ((d.checks ?? []).length > 0 || !d.innerType) return null;
      optional = true;
      d = defOf(d.innerType);
    }
    const check = compileDef(d);
    if (!check) return null;
    fields.push({ key, check, optional });
  }
  const known = new Set(fields.map((f) => f.key));
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    // Only plain JSON objects: anything with another prototype is zod's to judge.
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    const o = v as Record<string, unknown>;
    // JSON.parse makes every key an own enumerable string key, which for…in walks (the prototype adds none).
    for (const key in o) if (!known.has(key)) return false;
    for (const f of fields) {
      const value = o[f.key];
      if (value === undefined) {
        // An optional key present with undefined cannot come from JSON; zod would keep it, so let zod decide.
        if (!f.optional || f.key in o) return false;
      } else if (!f.check(value)) return false;
    }
    return true;
  };
}

/** The fast check of a schema, or null when it uses anything not compiled here (then zod alone judges). */
export function compileFastCheck(schema: z.ZodType): FastCheck | null {
  return compileDef(defOf(schema as unknown as { _zod: { def: Def } }));
}

const compiled = new WeakMap<z.ZodType, FastCheck | null>();

/**
 * Parses with the fast path first: the value itself when the compiled check passes, else zod's safeParse (the verdict
 * and its issues). Same results as `schema.safeParse(value)`, up to the order of the object's keys.
 */
export function fastSafeParse<T extends z.ZodType>(schema: T, value: unknown): z.ZodSafeParseResult<z.output<T>> {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = compileFastCheck(schema);
    compiled.set(schema, check);
  }
  if (check?.(value)) return { success: true, data: value as z.output<T> } as z.ZodSafeParseResult<z.output<T>>;
  return schema.safeParse(value);
}
