/**
 * In-memory 1-minute rollup of device samples, between two flushes to the database. Pure (no I/O), unit-tested.
 *
 * Energy comes from the cumulative counters, never from integrating power: the difference between consecutive readings
 * of a device (in device-timestamp order) is spread over the minutes the interval overlaps, in proportion to the
 * overlap. Rules that keep the totals honest:
 *   - a reading whose timestamp the device already sent is a duplicate and ignored entirely;
 *   - a reading older than the device's latest (out of order) adds its power sample but no energy (the interval it
 *     falls in was already attributed), and one older than the late window is dropped;
 *   - a counter that goes down was reset (device replaced): counting restarts from the new reading, which is not
 *     energy (a replacement meter need not start at 0), the one rule of core/domain/counters.ts counterStep;
 *   - an interval longer than maxSpreadMs is a gap (recorder or device down): its energy is not invented into minutes.
 * A short interval bridging a quick restart is measured at both ends, so its energy is kept even where it falls in
 * minutes outside coverage (those read null per minute, but day totals stay true to the counters).
 */
import { counterStep } from '../../core/domain/counters';
import { MINUTE_MS } from './shanghai-time';

export interface DeviceSample {
  tsMs: number;
  pKw: number;
  iA?: number;
  uKv?: number;
  /** Cumulative registers, kWh: feeders [import, export] (energy = Δimport − Δexport), PV and chargers [e]. */
  countersKwh: readonly number[];
  /** The edge judge took these registers as a new baseline (see counters.ts CounterStepOptions): no energy. */
  rebase?: boolean;
}

export interface MinuteCell {
  device: number;
  minute: number;
  n: number;
  sumPKw: number;
  maxPKw: number | null;
  eKwh: number;
  sumIA: number;
  sumUKv: number;
}

export interface DeviceCursor {
  lastTsMs: number;
  countersKwh: number[];
}

export type SampleOutcome = 'accepted' | 'out-of-order' | 'duplicate' | 'too-late' | 'before-session';

export interface AccumulatorOptions {
  /** Longest interval between two readings whose counter difference is spread over minutes. */
  maxSpreadMs: number;
  /** How far behind a device's latest reading an out-of-order reading is still used (for its power sample). */
  lateWindowMs: number;
  /** A counter difference implying more than this average power is a glitch or a swapped device, not energy. */
  maxPlausibleKw: number;
}

export const DEFAULT_ACCUMULATOR_OPTIONS: AccumulatorOptions = {
  maxSpreadMs: 5 * MINUTE_MS,
  lateWindowMs: 10 * MINUTE_MS,
  maxPlausibleKw: 100_000,
};

const cellKey = (device: number, minute: number) => device * 2 ** 32 + minute;

export class MinuteAccumulator {
  private cells = new Map<number, MinuteCell>();
  private cursors = new Map<number, DeviceCursor>();
  /** Recent timestamps per device, to recognise duplicates among out-of-order readings. */
  private seen = new Map<number, Set<number>>();
  private dirtyCursors = new Set<number>();
  /** Last reading stored before a restart, per device: anything at or before it may already be in the database. */
  private restoredTsMs = new Map<number, number>();
  /** Minutes before this one are outside the recording session and receive nothing. */
  private floorMinute = Number.POSITIVE_INFINITY;
  readonly counts = { counterGaps: 0, counterResets: 0, counterJumps: 0 };

  constructor(private readonly opts: AccumulatorOptions = DEFAULT_ACCUMULATOR_OPTIONS) {}

  /** Restores the last readings persisted before a restart; readings at or before them count as already seen. */
  restoreCursor(device: number, cursor: DeviceCursor): void {
    this.cursors.set(device, { lastTsMs: cursor.lastTsMs, countersKwh: [...cursor.countersKwh] });
    this.restoredTsMs.set(device, cursor.lastTsMs);
  }

  /** Starts (or restarts) a recording session at sessionStartMs: earlier minutes are not covered. */
  beginSession(sessionStartMs: number): void {
    this.floorMinute = Math.floor(sessionStartMs / MINUTE_MS);
  }

  endSession(): void {
    this.floorMinute = Number.POSITIVE_INFINITY;
  }

  get sessionFloorMinute(): number {
    return this.floorMinute;
  }

  add(device: number, s: DeviceSample): SampleOutcome {
    const cursor = this.cursors.get(device);
    let seen = this.seen.get(device);
    if (!seen) {
      seen = new Set();
      this.seen.set(device, seen);
    }
    if (seen.has(s.tsMs) || (cursor && s.tsMs === cursor.lastTsMs)) return 'duplicate';
    if (cursor && s.tsMs < cursor.lastTsMs) {
      const restoredMs = this.restoredTsMs.get(device) ?? Number.NEGATIVE_INFINITY;
      if (s.tsMs < cursor.lastTsMs - this.opts.lateWindowMs || s.tsMs <= restoredMs) return 'too-late';
      if (Math.floor(s.tsMs / MINUTE_MS) < this.floorMinute) return 'before-session';
      seen.add(s.tsMs);
      this.addPowerSample(device, s);
      return 'out-of-order';
    }
    seen.add(s.tsMs);
    this.pruneSeen(seen, s.tsMs);
    if (cursor) this.attributeEnergy(device, cursor, s);
    this.cursors.set(device, { lastTsMs: s.tsMs, countersKwh: [...s.countersKwh] });
    this.dirtyCursors.add(device);
    if (Math.floor(s.tsMs / MINUTE_MS) < this.floorMinute) return 'before-session';
    this.addPowerSample(device, s);
    return 'accepted';
  }

  private pruneSeen(seen: Set<number>, latestMs: number): void {
    if (seen.size < 512) return;
    for (const ts of seen) if (ts < latestMs - this.opts.lateWindowMs) seen.delete(ts);
  }

  private cell(device: number, minute: number): MinuteCell {
    const key = cellKey(device, minute);
    let c = this.cells.get(key);
    if (!c) {
      c = { device, minute, n: 0, sumPKw: 0, maxPKw: null, eKwh: 0, sumIA: 0, sumUKv: 0 };
      this.cells.set(key, c);
    }
    return c;
  }

  private addPowerSample(device: number, s: DeviceSample): void {
    const c = this.cell(device, Math.floor(s.tsMs / MINUTE_MS));
    c.n += 1;
    c.sumPKw += s.pKw;
    c.maxPKw = c.maxPKw === null ? s.pKw : Math.max(c.maxPKw, s.pKw);
    c.sumIA += s.iA ?? 0;
    c.sumUKv += s.uKv ?? 0;
  }

  private attributeEnergy(device: number, prev: DeviceCursor, s: DeviceSample): void {
    if (s.countersKwh.length === 0) return;
    const intervalMs = s.tsMs - prev.lastTsMs;
    if (intervalMs > this.opts.maxSpreadMs) {
      this.counts.counterGaps++;
      return;
    }
    let eKwh = 0;
    for (let k = 0; k < s.countersKwh.length; k++) {
      const before = prev.countersKwh[k];
      if (before === undefined) return;
      const step = counterStep(
        { ts: prev.lastTsMs, counterKwh: before },
        { ts: s.tsMs, counterKwh: s.countersKwh[k] as number },
        { rebase: s.rebase },
      );
      if (step.kind !== 'delta' && step.kind !== 'reset') return;
      if (step.kind === 'reset') this.counts.counterResets++;
      const delta = step.kind === 'delta' ? step.deltaKwh : 0;
      // Feeders: the second register (export) counts against the first (import).
      eKwh += k === 0 ? delta : -delta;
    }
    if (Math.abs(eKwh) / (intervalMs / 3_600_000) > this.opts.maxPlausibleKw) {
      this.counts.counterJumps++;
      return;
    }
    for (let m = Math.floor(prev.lastTsMs / MINUTE_MS); m * MINUTE_MS < s.tsMs; m++) {
      const startMs = Math.max(m * MINUTE_MS, prev.lastTsMs);
      const endMs = Math.min((m + 1) * MINUTE_MS, s.tsMs);
      if (endMs <= startMs) continue;
      this.cell(device, m).eKwh += (eKwh * (endMs - startMs)) / intervalMs;
    }
  }

  get pendingCells(): number {
    return this.cells.size;
  }

  /** Hands over everything gathered since the last drain (cells and changed cursors) and starts afresh. */
  drain(): { cells: MinuteCell[]; cursors: Map<number, DeviceCursor> } {
    const cells = [...this.cells.values()];
    this.cells.clear();
    const cursors = new Map<number, DeviceCursor>();
    for (const d of this.dirtyCursors) {
      const c = this.cursors.get(d);
      if (c) cursors.set(d, c);
    }
    this.dirtyCursors.clear();
    return { cells, cursors };
  }
}
