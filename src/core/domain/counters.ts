/**
 * Energy over a window from cumulative kWh registers (DESIGN.md §3), with power integration as the fallback for
 * devices without one. Registers make totals robust: a lost message only delays the next delta, a duplicate adds
 * nothing. What a register cannot survive unaided (resets, clocks going backwards) is handled and reported here.
 */

export interface CounterSample {
  ts: number;
  counterKwh: number;
}

export interface PowerSample {
  ts: number;
  pKw: number;
}

export interface SampleGap {
  fromTs: number;
  toTs: number;
  durationMs: number;
}

/**
 * Default longest interval treated as continuous: the feeds publish every 5–30 s and the real replay series are 15 min,
 * so anything longer is an outage worth showing.
 */
export const DEFAULT_MAX_GAP_MS = 15 * 60_000;

export type CounterStep =
  | { kind: 'delta'; deltaKwh: number }
  /** The register went down: taken as a reset (device replaced); the new value becomes the baseline. */
  | { kind: 'reset' }
  /** Same timestamp as the previous sample (e.g. a retained message delivered again). */
  | { kind: 'duplicate' }
  /** Older than the previous sample. */
  | { kind: 'out-of-order' }
  | { kind: 'invalid' };

const validCounter = (s: CounterSample) => Number.isFinite(s.ts) && Number.isFinite(s.counterKwh) && s.counterKwh >= 0;

export interface CounterStepOptions {
  /**
   * The edge judge accepted this reading as a register's new baseline (a jump beyond the rating that the next reading
   * confirmed: a swapped or re-initialised meter). It is a reset: counting restarts from it, the jump is not energy.
   */
  rebase?: boolean;
}

/**
 * How one sample moves a register relative to the previous accepted one. Exported so the live store can keep "today"
 * incrementally with exactly the rules used for history windows.
 */
export function counterStep(prev: CounterSample, next: CounterSample, opts: CounterStepOptions = {}): CounterStep {
  if (!validCounter(next)) return { kind: 'invalid' };
  if (next.ts === prev.ts) return { kind: 'duplicate' };
  if (next.ts < prev.ts) return { kind: 'out-of-order' };
  if (opts.rebase) return { kind: 'reset' };
  // A drop is a reset, and counting restarts from the new value rather than adding it: a replacement meter need not
  // start at 0, and adding its reading would put a spike of its whole history into today.
  if (next.counterKwh < prev.counterKwh) return { kind: 'reset' };
  return { kind: 'delta', deltaKwh: next.counterKwh - prev.counterKwh };
}

/**
 * One register's count for one local day, kept one reading at a time (the live store's "today", the wall's sessions
 * today). Unit-agnostic: kWh for energy registers, sessions for sessionsTotal. The rule is counterStep's: a register
 * that goes down was reset, counting restarts from the new value and the new value itself is not counted.
 */
export interface DayRegister {
  /** Local day start (injected: this module has no time-zone logic). */
  readonly dayStartMs: number;
  /** Reading the current stretch counts from: yesterday's last reading, today's first, or the first after a reset. */
  readonly baseline: number;
  readonly lastValue: number;
  readonly lastTs: number;
  /** Counted before the latest reset of the day. */
  readonly carried: number;
  /** From when the count is complete: the day start when carried on from yesterday's last reading, else first sight. */
  readonly sinceMs: number;
}

/**
 * The register after one more reading whose local day starts at dayStartMs. On a new day it counts on from yesterday's
 * last reading when it has one (so the interval across midnight is not lost), else from this first reading. Readings
 * not newer than the last one, and invalid ones, leave it as it was.
 */
export function stepDayRegister(
  reg: DayRegister | null | undefined,
  value: number,
  ts: number,
  dayStartMs: number,
  opts: CounterStepOptions = {},
): DayRegister {
  if (!reg) return { dayStartMs, baseline: value, lastValue: value, lastTs: ts, carried: 0, sinceMs: ts };
  const step = counterStep({ ts: reg.lastTs, counterKwh: reg.lastValue }, { ts, counterKwh: value }, opts);
  if (step.kind === 'duplicate' || step.kind === 'out-of-order' || step.kind === 'invalid') return reg;
  if (reg.dayStartMs !== dayStartMs) {
    const baseline = reg.dayStartMs < dayStartMs && step.kind === 'delta' ? reg.lastValue : value;
    return { dayStartMs, baseline, lastValue: value, lastTs: ts, carried: 0, sinceMs: dayStartMs };
  }
  if (step.kind === 'reset')
    return {
      ...reg,
      carried: reg.carried + (reg.lastValue - reg.baseline),
      baseline: value,
      lastValue: value,
      lastTs: ts,
    };
  return { ...reg, lastValue: value, lastTs: ts };
}

/** What the register counted on the day starting at dayStartMs, or null when it has nothing of that day. */
export function dayRegisterCount(reg: DayRegister | null | undefined, dayStartMs: number): number | null {
  if (!reg || reg.dayStartMs !== dayStartMs) return null;
  return reg.carried + (reg.lastValue - reg.baseline);
}

/**
 * Within this of the day's start a count is the whole day's: a register first seen in the day's first minute (a
 * service started at midnight, the first reading's latency) missed nothing worth a note.
 */
export const WHOLE_DAY_GRACE_MS = 60_000;

/**
 * When a day's count began later than the day's start (beyond the grace): that instant, for the screens' "counted
 * since hh:mm" note; null when the count is the whole day's or there is none yet.
 */
export function partialDayStartMs(countedSinceMs: number | null, dayStartMs: number): number | null {
  return countedSinceMs !== null && countedSinceMs - dayStartMs > WHOLE_DAY_GRACE_MS ? countedSinceMs : null;
}

/** A day register folded over readings in order; dayStartOf gives the local day start of a timestamp. */
export function dayRegisterFrom(
  readings: readonly CounterSample[],
  dayStartOf: (tsMs: number) => number,
): DayRegister | null {
  let reg: DayRegister | null = null;
  for (const r of readings) {
    if (!reg && !validCounter(r)) continue;
    reg = stepDayRegister(reg, r.counterKwh, r.ts, dayStartOf(r.ts));
  }
  return reg;
}

export interface CounterEnergy {
  /** Σ positive deltas, kWh. */
  energyKwh: number;
  /** Accepted samples (the first one included). */
  samplesUsed: number;
  resets: number;
  /** Duplicates, out-of-order and invalid samples, left out. */
  ignored: number;
  /**
   * Intervals longer than maxGapMs. Their energy is still counted (the register kept counting through the outage);
   * they are reported so a screen can say the curve has a hole.
   */
  gaps: SampleGap[];
  firstTs: number | null;
  lastTs: number | null;
}

export function energyFromCounter(samples: readonly CounterSample[], opts: { maxGapMs?: number } = {}): CounterEnergy {
  const maxGapMs = opts.maxGapMs ?? DEFAULT_MAX_GAP_MS;
  const out: CounterEnergy = {
    energyKwh: 0,
    samplesUsed: 0,
    resets: 0,
    ignored: 0,
    gaps: [],
    firstTs: null,
    lastTs: null,
  };
  let prev: CounterSample | null = null;
  for (const s of samples) {
    if (prev === null) {
      if (!validCounter(s)) {
        out.ignored += 1;
        continue;
      }
      prev = s;
      out.samplesUsed = 1;
      out.firstTs = s.ts;
      out.lastTs = s.ts;
      continue;
    }
    const step = counterStep(prev, s);
    if (step.kind === 'duplicate' || step.kind === 'out-of-order' || step.kind === 'invalid') {
      out.ignored += 1;
      continue;
    }
    if (s.ts - prev.ts > maxGapMs) out.gaps.push({ fromTs: prev.ts, toTs: s.ts, durationMs: s.ts - prev.ts });
    if (step.kind === 'delta') out.energyKwh += step.deltaKwh;
    else out.resets += 1;
    out.samplesUsed += 1;
    out.lastTs = s.ts;
    prev = s;
  }
  return out;
}

/**
 * Energy between two register readings, e.g. "today" from the first sample at/after the day start to the latest.
 * null when the pair cannot tell: latest older than first, or the register went down in between (a reset, after which
 * two readings alone cannot say how much was used; use energyFromCounter over the samples instead).
 */
export function energySinceKwh(first: CounterSample, latest: CounterSample): number | null {
  if (!validCounter(first) || !validCounter(latest)) return null;
  if (latest.ts < first.ts || latest.counterKwh < first.counterKwh) return null;
  return latest.counterKwh - first.counterKwh;
}

/** Index of the first sample with ts ≥ tsMs in samples ordered by ts (binary search), or -1. */
export function firstIndexAtOrAfter(samples: readonly { ts: number }[], tsMs: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((samples[mid] as { ts: number }).ts < tsMs) lo = mid + 1;
    else hi = mid;
  }
  return lo < samples.length ? lo : -1;
}

export interface IntegratedEnergy {
  /** Trapezoid integral over the bridged intervals, kWh. */
  energyKwh: number;
  /** Total duration of the bridged intervals, ms. */
  coveredMs: number;
  /** Intervals longer than maxGapMs: not bridged, so their energy is missing, not guessed. */
  gaps: SampleGap[];
  ignored: number;
}

/**
 * Fallback for devices without a register: ∫P dt by trapezoids. An interval longer than maxGapMs is not bridged,
 * because a straight line across an outage (say, from a morning value to an evening value) would invent energy.
 */
export function integrateEnergyKwh(
  samples: readonly PowerSample[],
  opts: { maxGapMs?: number } = {},
): IntegratedEnergy {
  const maxGapMs = opts.maxGapMs ?? DEFAULT_MAX_GAP_MS;
  const out: IntegratedEnergy = { energyKwh: 0, coveredMs: 0, gaps: [], ignored: 0 };
  let prev: PowerSample | null = null;
  for (const s of samples) {
    if (!Number.isFinite(s.ts) || !Number.isFinite(s.pKw) || (prev !== null && s.ts <= prev.ts)) {
      out.ignored += 1;
      continue;
    }
    if (prev !== null) {
      const dtMs = s.ts - prev.ts;
      if (dtMs > maxGapMs) {
        out.gaps.push({ fromTs: prev.ts, toTs: s.ts, durationMs: dtMs });
      } else {
        out.energyKwh += ((prev.pKw + s.pKw) / 2) * (dtMs / 3_600_000);
        out.coveredMs += dtMs;
      }
    }
    prev = s;
  }
  return out;
}
