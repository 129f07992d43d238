/**
 * The fast path against zod on a corpus: every valid reading a device sends, and, for every field at every depth, the
 * same payload with that field missing, of another type, at and across each bound the contract uses, or beside an
 * extra key. Wherever the fast check says yes, zod must accept and return the same data; the ordinary valid
 * payloads must take the fast path (else it is no faster than zod).
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { compileFastCheck, fastSafeParse } from './fast-check';
import {
  chargerTelemetrySchema,
  feederTelemetrySchema,
  pvTelemetrySchema,
  simClockSchema,
  statusSchema,
  substationTelemetrySchema,
} from './payloads';

const TS = Date.UTC(2026, 11, 2, 4, 0, 0);

const switching = {
  breakerClosed: true,
  sectionalisersClosed: [true, false],
  tiesClosed: [null, false, true],
  energised: [true, true, false],
  isolated: [false, false, true],
};

const VALID: [string, z.ZodType, unknown[]][] = [
  [
    'feeder',
    feederTelemetrySchema,
    [
      { ts: TS, pKw: 1234.5, qKvar: 300.1, iA: 71.2, uKv: 10.4, eImportKwh: 1.5e6, eExportKwh: 0 },
      { ts: TS, pKw: -20_000, qKvar: 20_000, iA: 0, uKv: 5, eImportKwh: 0, eExportKwh: 1e12, switching },
      {
        ts: TS,
        pKw: 10,
        qKvar: 0,
        iA: 2_000,
        uKv: 15,
        eImportKwh: 3,
        eExportKwh: 4,
        switching: { ...switching, isolated: undefined },
      },
    ],
  ],
  ['substation', substationTelemetrySchema, [{ ts: TS, pKw: 52_000, qKvar: -8_000, uKv: 110.2, fHz: 50.01 }]],
  [
    'pv',
    pvTelemetrySchema,
    [
      { ts: TS, pKw: 412.3, eKwh: 88_123.4, state: 'producing' },
      { ts: TS, pKw: -5, eKwh: 0, state: 'idle' },
    ],
  ],
  [
    'charger',
    chargerTelemetrySchema,
    [
      {
        ts: TS,
        pKw: 240,
        eKwh: 51_234,
        sessionsTotal: 8_812,
        connectors: [
          { id: 'c1', state: 'charging', pKw: 120, sessionKwh: 23.4 },
          { id: 'c-2', state: 'available', pKw: 0, sessionKwh: 0 },
        ],
      },
    ],
  ],
  [
    'status',
    statusSchema,
    [
      { ts: TS, state: 'online' },
      { ts: TS, state: 'offline' },
    ],
  ],
  ['sim clock', simClockSchema, [{ wallMs: TS, worldMs: TS + 3_600_000, speed: 10 }]],
];

// The contract's bounds and their neighbours, and values of every other JSON type.
const NUMBERS = [
  -600_001,
  -600_000,
  -20_001,
  -20_000,
  -5.0001,
  -5,
  -1,
  -0,
  0,
  0.5,
  4.999,
  5,
  15,
  15.001,
  45,
  44.99,
  55,
  55.01,
  250,
  250.01,
  400,
  400.5,
  500,
  500.1,
  2_000,
  2_000.1,
  5_000,
  5_001,
  10_000,
  10_001,
  20_000,
  20_001,
  600_000,
  600_001,
  1e12,
  1e12 + 1,
  1577836800000,
  1577836799999,
  1577836800000.5,
  4102444800000,
  4102444800001,
  TS + 0.5,
  Number.MAX_SAFE_INTEGER + 2,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
];
const OTHERS: unknown[] = [
  null,
  true,
  false,
  '',
  '12',
  'producing',
  'idle',
  'online',
  'offline',
  'charging',
  'faulted',
  'unknown',
  'C1',
  'a'.repeat(33),
  'ok-1',
  [],
  {},
  [true],
  [null],
  [1],
];

const clone = <T>(x: T): T => structuredClone(x);

/** Every value reachable in `x`, by path (objects' keys and arrays' indices). */
function paths(x: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof x !== 'object' || x === null) return [prefix];
  const keys = Array.isArray(x) ? x.map((_, i) => i) : Object.keys(x);
  return [prefix, ...keys.flatMap((k) => paths((x as Record<string | number, unknown>)[k], [...prefix, k]))];
}

function withValue(x: unknown, path: (string | number)[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy = clone(x) as Record<string | number, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove) delete at[last];
  else at[last] = value;
  return copy;
}

/** The payload with each value replaced, removed, lengthened or shortened, and with an extra key at each object. */
function mutations(x: unknown): unknown[] {
  const out: unknown[] = [];
  for (const p of paths(x)) {
    const current = p.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], x);
    for (const v of [...NUMBERS, ...OTHERS]) out.push(withValue(x, p, v));
    if (p.length > 0) out.push(withValue(x, p, undefined, true), withValue(x, p, undefined));
    if (Array.isArray(current)) {
      out.push(withValue(x, p, []), withValue(x, p, [...current, ...current, ...current, ...current]));
      out.push(
        withValue(
          x,
          p,
          Array.from({ length: 65 }, () => clone(current[0])),
        ),
      );
    } else if (typeof current === 'object' && current !== null) {
      out.push(withValue(x, p, { ...current, extra: 1 }));
      out.push(withValue(x, p, Object.assign(Object.create({ inherited: 1 }), current)));
    }
  }
  return out;
}

describe('fast check compiled from the contract schemas', () => {
  for (const [name, schema, valid] of VALID) {
    it(`${name}: compiles, takes the fast path for valid payloads, and never says yes where zod says no`, () => {
      const check = compileFastCheck(schema);
      expect(check).not.toBeNull();
      for (const v of valid) {
        // Valid payloads as they arrive: through JSON (an optional key set to undefined is absent there).
        const payload = JSON.parse(JSON.stringify(v));
        expect(schema.safeParse(payload).success).toBe(true);
        expect(check!(payload)).toBe(true);
      }
      let fastYes = 0;
      let zodYes = 0;
      const corpus = valid.flatMap((v) => mutations(JSON.parse(JSON.stringify(v))));
      for (const candidate of corpus) {
        const zod = schema.safeParse(candidate);
        if (zod.success) zodYes++;
        if (!check!(candidate)) continue;
        fastYes++;
        expect(zod.success, JSON.stringify(candidate)).toBe(true);
        expect(zod.data).toEqual(candidate);
        const fast = fastSafeParse(schema, candidate);
        expect(fast.success && fast.data).toEqual(zod.data);
      }
      // Both verdicts occur in the corpus, and the fast path rejects each kind of invalid field (every mutation
      // that zod refuses was refused above).
      expect(corpus.length - zodYes).toBeGreaterThan(50);
      expect(fastYes).toBeGreaterThan(0);
    });
  }

  it('leaves the rejection and its reason to zod', () => {
    const bad = { ts: TS, pKw: 1e6, qKvar: 0, iA: 0, uKv: 10, eImportKwh: 0, eExportKwh: 0 };
    const r = fastSafeParse(feederTelemetrySchema, bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['pKw']);
    expect(r.error?.issues[0]?.code).toBe('too_big');
  });

  it('gives extra keys to zod, which strips them', () => {
    const r = fastSafeParse(statusSchema, { ts: TS, state: 'online', note: 'x' });
    expect(r.success && r.data).toEqual({ ts: TS, state: 'online' });
  });

  it('compiles nothing it does not know: a refinement means zod alone', async () => {
    const { z } = await import('zod');
    expect(compileFastCheck(z.object({ a: z.number().refine((n) => n !== 3) }))).toBeNull();
    expect(compileFastCheck(z.object({ a: z.number() }).passthrough())).toBeNull();
    expect(compileFastCheck(z.object({ a: z.number().default(1) }))).toBeNull();
  });
});
