/**
 * Faults, planned outages and self-healing (FLISR: fault location, isolation and service restoration) of the area's
 * 10 kV feeders, for the world model (./world.ts). Pure apart from the host it is given: the state is the switch
 * positions, which feeder head supplies each section, the outage in progress per feeder and a queue of timed actions;
 * every change is an event of the contract (src/core/contract/feeder-events.ts) with its device time.
 *
 * A fault on section s of a feeder:
 *   trip      t0                      head breaker opens: every section of the feeder is out      → `tripped`
 *   isolate   t0 + isolateS           the switches on both sides of s open                       → `isolated`
 *   upstream  + upstreamRestoreS      the head breaker recloses: sections 0…s−1 back (if s > 0)  → `restored` upstream
 *   tie       + tieRestoreS           a normally-open tie closes for sections s+1…: the feeder   → `restored` tie
 *                                     across it takes their load, if it is healthy and stays at
 *                                     or below tieMaxLoadingPct with it (otherwise they wait)
 *   repair    t0 + repairH            s back, switches as before (make before break: no new     → `repaired`
 *                                     interruption of the sections fed across the tie)
 * A planned outage of section s moves the sections downstream onto a tie first (no interruption) when one can take
 * them, then opens the switches around s (`isolated`, cause planned) and ends with `repaired`.
 *
 * Random faults and planned outages are drawn per feeder and world minute by a hash of (seed, feeder, minute), so the
 * same seed gives the same outages whatever the step pattern. A feeder already in an outage, fed across a tie or
 * feeding another across one, gets no new one (the random draw is skipped; a scenario is refused).
 */
import type { AreaConfig, FeederConfig } from '../../src/core/config/area-schema';
import type { FeederEvent } from '../../src/core/contract/feeder-events';
import type { FeederSwitching } from '../../src/core/contract/payloads';
import type { Province } from '../../src/core/contract/topics';
import { hash01 } from './noise';
import { createRng, randomBetween, seedFrom } from './random';

export interface FlisrHost {
  /** Whether feeder `to` can take over the given sections of feeder `from` within the tie's loading limit. */
  canTakeOver(to: number, from: number, sections: readonly number[], maxLoadingPct: number): boolean;
}

export interface EmittedFeederEvent {
  feederId: string;
  province: Province;
  event: FeederEvent;
}

/** The simulation defaults when the area configuration has no `reliability` block. */
export const DEFAULT_RELIABILITY: NonNullable<AreaConfig['reliability']> = {
  faultsPerFeederYear: 2,
  repairH: [2, 5],
  plannedPerFeederYear: 1,
  plannedH: [3, 6],
  isolateS: [3, 8],
  upstreamRestoreS: 2,
  tieRestoreS: [30, 120],
  tieMaxLoadingPct: 100,
  year: 2026,
  source: 'mock-feeds/world/flisr.ts defaults',
};

export interface OutageSummary {
  feederId: string;
  cause: 'fault' | 'planned';
  section: number;
  startMs: number;
  /** When the faulted (worked-on) section is back. */
  endMs: number;
  sectionsOut: number[];
}

interface Tie {
  id: string;
  /** Feeder and section on the other side. */
  feeder: number;
  section: number;
}

interface Outage {
  cause: 'fault' | 'planned';
  section: number;
  startMs: number;
  endMs: number;
  tieId: string | null;
  /** Sections switched out on purpose: the located fault, or the work and what no tie could take. */
  isolated: number[];
  /** From isolation to the tie closing, drawn at the trip so the outage does not depend on when it is applied. */
  tieDelayMs: number;
}

type ActionKind = 'isolate' | 'upstream' | 'tie' | 'repair';
interface Action {
  atMs: number;
  feeder: number;
  kind: ActionKind;
  /** The outage it belongs to (a stale action of an ended outage is dropped). */
  startMs: number;
}

const MINUTES_PER_YEAR = 365 * 1440;
/** Planned work starts on working hours, 08:00–16:00 local time. */
const PLANNED_START_HOURS = [8, 16] as const;
const MAX_EMITTED = 2_000;

export class Flisr {
  readonly params: NonNullable<AreaConfig['reliability']>;
  private readonly feeders: FeederConfig[];
  private readonly n: number[];
  private readonly shares: number[][];
  private readonly ties: (Tie | null)[][];
  private readonly breaker: boolean[];
  /** sw[i][k]: the sectionalising switch between section k and k+1 closed. */
  private readonly sw: boolean[][];
  private readonly tieClosed = new Map<string, boolean>();
  /** sup[i][k]: the feeder whose head supplies section k of feeder i; −1 when dead. */
  readonly sup: Int32Array[];
  private readonly outage: (Outage | null)[];
  private readonly seq: number[];
  private readonly faultSeed: number[];
  private readonly plannedSeed: number[];
  private actions: Action[] = [];
  private emitted: EmittedFeederEvent[] = [];
  /** Bumped on every change of supply, so the world refreshes what depends on it. */
  version = 0;

  constructor(
    config: AreaConfig,
    private readonly seed: number,
    private readonly host: FlisrHost,
    params?: Partial<NonNullable<AreaConfig['reliability']>>,
  ) {
    this.params = { ...DEFAULT_RELIABILITY, ...config.reliability, ...params };
    this.feeders = config.feeders;
    const index = new Map(config.feeders.map((f, i) => [f.id, i]));
    this.n = config.feeders.map((f) => f.sections?.length ?? 1);
    this.shares = config.feeders.map((f) => f.sections?.map((s) => s.loadSharePct / 100) ?? [1]);
    this.ties = config.feeders.map(
      (f) =>
        f.sections?.map((s) =>
          s.tie ? { id: s.tie.id, feeder: index.get(s.tie.feederId) as number, section: s.tie.section } : null,
        ) ?? [null],
    );
    for (const row of this.ties) for (const t of row) if (t) this.tieClosed.set(t.id, false);
    this.breaker = config.feeders.map(() => true);
    this.sw = this.n.map((n) => Array.from({ length: n - 1 }, () => true));
    this.sup = this.n.map((n) => new Int32Array(n));
    this.outage = config.feeders.map(() => null);
    this.seq = config.feeders.map(() => 0);
    this.faultSeed = config.feeders.map((f) => seedFrom(seed, 'fault', f.id));
    this.plannedSeed = config.feeders.map((f) => seedFrom(seed, 'planned', f.id));
    this.recompute();
  }

  sectionCount(i: number): number {
    return this.n[i] as number;
  }

  sectionShare(i: number, k: number): number {
    return this.shares[i]?.[k] ?? 0;
  }

  /** True when the feeder has configured sections (remote switching). */
  switchable(i: number): boolean {
    return this.feeders[i]?.sections !== undefined;
  }

  switching(i: number): FeederSwitching | undefined {
    if (!this.switchable(i)) return undefined;
    const sup = this.sup[i] as Int32Array;
    return {
      breakerClosed: this.breaker[i] as boolean,
      sectionalisersClosed: [...(this.sw[i] as boolean[])],
      tiesClosed: (this.ties[i] as (Tie | null)[]).map((t) => (t ? (this.tieClosed.get(t.id) ?? false) : null)),
      energised: Array.from(sup, (x) => x >= 0),
      isolated: Array.from(sup, (_, k) => this.outage[i]?.isolated.includes(k) ?? false),
    };
  }

  /** In an outage, fed across a tie, or feeding another feeder's sections across one. */
  busy(i: number): boolean {
    if (this.outage[i]) return true;
    const own = this.sup[i] as Int32Array;
    if (own.some((x) => x !== i)) return true;
    for (const t of this.ties[i] as (Tie | null)[])
      if (t && this.tieClosed.get(t.id) && (this.sup[t.feeder] as Int32Array)[t.section] === i) return true;
    return false;
  }

  outages(): OutageSummary[] {
    const out: OutageSummary[] = [];
    this.outage.forEach((o, i) => {
      if (!o) return;
      out.push({
        feederId: (this.feeders[i] as FeederConfig).id,
        cause: o.cause,
        section: o.section,
        startMs: o.startMs,
        endMs: o.endMs,
        sectionsOut: this.deadSections(i),
      });
    });
    return out;
  }

  /** Events since the last drain, oldest first (at most MAX_EMITTED kept: a world no one publishes stays bounded). */
  drainEvents(): EmittedFeederEvent[] {
    const e = this.emitted;
    this.emitted = [];
    return e;
  }

  nextDueMs(): number {
    return this.actions[0]?.atMs ?? Number.POSITIVE_INFINITY;
  }

  /**
   * A permanent fault on section `section` of feeder `i` at `atMs`; repair after `repairMs` (default: drawn from
   * repairH). Throws when the feeder cannot take one now (see busy).
   */
  fault(i: number, section: number, atMs: number, repairMs?: number): OutageSummary {
    this.checkTarget(i, section);
    const rng = createRng(seedFrom(this.seed, 'outage', i, atMs));
    const p = this.params;
    const endMs = atMs + Math.round(repairMs ?? randomBetween(rng, p.repairH[0], p.repairH[1]) * 3_600_000);
    const isolateAt = atMs + Math.round(randomBetween(rng, p.isolateS[0], p.isolateS[1]) * 1000);
    const tieDelayMs = Math.round(randomBetween(rng, p.tieRestoreS[0], p.tieRestoreS[1]) * 1000);
    this.outage[i] = { cause: 'fault', section, startMs: atMs, endMs, tieId: null, isolated: [], tieDelayMs };
    this.breaker[i] = false;
    this.recompute();
    this.emit(i, atMs, {
      type: 'tripped',
      section: null,
      sections: this.deadSections(i),
      via: null,
      tieFeederId: null,
    });
    this.schedule({ atMs: isolateAt, feeder: i, kind: 'isolate', startMs: atMs });
    const tieAt = isolateAt + tieDelayMs;
    this.schedule({ atMs: Math.max(endMs, tieAt + 1), feeder: i, kind: 'repair', startMs: atMs });
    return this.summary(i);
  }

  /** Planned work on section `section` of feeder `i` from `atMs` for `durationMs` (default: drawn from plannedH). */
  planned(i: number, section: number, atMs: number, durationMs?: number): OutageSummary {
    this.checkTarget(i, section);
    const rng = createRng(seedFrom(this.seed, 'planned-work', i, atMs));
    const p = this.params;
    const endMs = atMs + Math.round(durationMs ?? randomBetween(rng, p.plannedH[0], p.plannedH[1]) * 3_600_000);
    const o: Outage = { cause: 'planned', section, startMs: atMs, endMs, tieId: null, isolated: [], tieDelayMs: 0 };
    this.outage[i] = o;
    // Downstream onto a tie first, then open around the section: only the section itself (and what no tie can take)
    // goes out.
    const n = this.n[i] as number;
    if (section < n - 1) {
      const tie = this.findTie(i, section);
      if (tie) {
        this.tieClosed.set(tie.id, true);
        o.tieId = tie.id;
      }
    }
    this.openAround(i, section);
    this.recompute();
    o.isolated = this.deadSections(i);
    this.emit(i, atMs, {
      type: 'isolated',
      section,
      sections: this.deadSections(i),
      via: null,
      tieFeederId: null,
    });
    this.schedule({ atMs: endMs, feeder: i, kind: 'repair', startMs: atMs });
    return this.summary(i);
  }

  /** Ends the feeder's outage now (a scenario cleared): repaired at atMs. False when it has none. */
  endNow(i: number, atMs: number): boolean {
    const o = this.outage[i];
    if (!o) return false;
    this.actions = this.actions.filter((a) => a.feeder !== i);
    this.apply({ atMs, feeder: i, kind: 'repair', startMs: o.startMs }, o);
    return true;
  }

  /** Random faults and planned outages drawn for world minute `minute` (starting at atMs, local hour `hour`). */
  onMinute(minute: number, atMs: number, hour: number): void {
    const p = this.params;
    const pFault = p.faultsPerFeederYear / MINUTES_PER_YEAR;
    const workMinutes = 365 * 60 * (PLANNED_START_HOURS[1] - PLANNED_START_HOURS[0]);
    const pPlanned =
      hour >= PLANNED_START_HOURS[0] && hour < PLANNED_START_HOURS[1] ? p.plannedPerFeederYear / workMinutes : 0;
    for (let i = 0; i < this.feeders.length; i++) {
      if (!this.switchable(i)) continue;
      const n = this.n[i] as number;
      const uf = hash01(this.faultSeed[i] as number, minute);
      const up = hash01(this.plannedSeed[i] as number, minute);
      if (uf >= pFault && up >= pPlanned) continue;
      if (this.busy(i)) continue;
      if (uf < pFault) this.fault(i, Math.floor(hash01((this.faultSeed[i] as number) ^ 0x51ec, minute) * n), atMs);
      else this.planned(i, Math.floor(hash01((this.plannedSeed[i] as number) ^ 0x51ec, minute) * n), atMs);
    }
  }

  /** Applies every action due at or before t, in time order; true when the supply changed. */
  applyDue(t: number): boolean {
    let changed = false;
    while (this.actions.length && (this.actions[0] as Action).atMs <= t) {
      const a = this.actions.shift() as Action;
      const o = this.outage[a.feeder];
      if (!o || o.startMs !== a.startMs) continue;
      changed = this.apply(a, o) || changed;
    }
    return changed;
  }

  // ---- internals

  private checkTarget(i: number, section: number): void {
    const f = this.feeders[i];
    if (!f?.sections) throw new FlisrError(`feeder "${f?.id}" has no switchable sections`);
    if (!Number.isInteger(section) || section < 0 || section >= f.sections.length)
      throw new FlisrError(`section ${section}: "${f.id}" has sections 0–${f.sections.length - 1}`);
    if (this.busy(i))
      throw new FlisrError(`"${f.id}" is already in an outage or switched across a tie; try again when it is over`);
  }

  private apply(a: Action, o: Outage): boolean {
    const i = a.feeder;
    const n = this.n[i] as number;
    const s = o.section;
    switch (a.kind) {
      case 'isolate': {
        this.openAround(i, s);
        o.isolated = [s];
        this.recompute();
        this.emit(i, a.atMs, {
          type: 'isolated',
          section: s,
          sections: this.deadSections(i),
          via: null,
          tieFeederId: null,
        });
        if (s > 0)
          this.schedule({
            atMs: a.atMs + Math.round(this.params.upstreamRestoreS * 1000),
            feeder: i,
            kind: 'upstream',
            startMs: o.startMs,
          });
        if (s < n - 1) {
          this.schedule({ atMs: a.atMs + o.tieDelayMs, feeder: i, kind: 'tie', startMs: o.startMs });
        }
        return false;
      }
      case 'upstream': {
        const before = this.deadSections(i);
        this.breaker[i] = true;
        this.recompute();
        const back = before.filter((k) => ((this.sup[i] as Int32Array)[k] as number) >= 0);
        if (back.length)
          this.emit(i, a.atMs, { type: 'restored', section: s, sections: back, via: 'upstream', tieFeederId: null });
        return back.length > 0;
      }
      case 'tie': {
        const tie = this.findTie(i, s);
        if (!tie) return false; // no healthy feeder with room: the downstream sections wait for the repair
        const before = this.deadSections(i);
        this.tieClosed.set(tie.id, true);
        o.tieId = tie.id;
        this.recompute();
        const back = before.filter((k) => ((this.sup[i] as Int32Array)[k] as number) >= 0);
        const by = (this.feeders[tie.feeder] as FeederConfig).id;
        if (back.length)
          this.emit(i, a.atMs, { type: 'restored', section: s, sections: back, via: 'tie', tieFeederId: by });
        return back.length > 0;
      }
      case 'repair': {
        const before = this.deadSections(i);
        // Back to the normal configuration in one step: switches closed, head closed, tie open (make before break).
        this.breaker[i] = true;
        (this.sw[i] as boolean[]).fill(true);
        if (o.tieId) this.tieClosed.set(o.tieId, false);
        this.recompute();
        this.outage[i] = null;
        const back = before.filter((k) => ((this.sup[i] as Int32Array)[k] as number) >= 0);
        this.emit(
          i,
          a.atMs,
          {
            type: 'repaired',
            section: s,
            sections: back.length ? back : [s],
            via: 'repair',
            tieFeederId: null,
          },
          o,
        );
        return true;
      }
    }
  }

  /** Opens the switches on both sides of section s (the head breaker when s is the head section). */
  private openAround(i: number, s: number): void {
    const sw = this.sw[i] as boolean[];
    if (s === 0) this.breaker[i] = false;
    else sw[s - 1] = false;
    if (s < sw.length) sw[s] = false;
  }

  /** A tie on a section downstream of s to a healthy feeder that can take the sections downstream of s. */
  private findTie(i: number, s: number): Tie | null {
    const n = this.n[i] as number;
    const downstream = Array.from({ length: n - 1 - s }, (_, k) => s + 1 + k);
    for (const k of downstream) {
      const t = (this.ties[i] as (Tie | null)[])[k];
      if (!t || this.tieClosed.get(t.id)) continue;
      if (this.busy(t.feeder) || (this.sup[t.feeder] as Int32Array)[t.section] !== t.feeder) continue;
      if (this.host.canTakeOver(t.feeder, i, downstream, this.params.tieMaxLoadingPct)) return t;
    }
    return null;
  }

  private deadSections(i: number): number[] {
    const out: number[] = [];
    (this.sup[i] as Int32Array).forEach((x, k) => {
      if (x < 0) out.push(k);
    });
    return out;
  }

  private summary(i: number): OutageSummary {
    return this.outages().find((o) => o.feederId === (this.feeders[i] as FeederConfig).id) as OutageSummary;
  }

  private schedule(a: Action): void {
    let k = this.actions.length;
    while (k > 0 && (this.actions[k - 1] as Action).atMs > a.atMs) k--;
    this.actions.splice(k, 0, a);
  }

  private emit(
    i: number,
    ts: number,
    e: Pick<FeederEvent, 'type' | 'section' | 'sections' | 'via' | 'tieFeederId'>,
    ended?: Outage,
  ): void {
    const o = ended ?? (this.outage[i] as Outage);
    const f = this.feeders[i] as FeederConfig;
    this.seq[i] = (this.seq[i] as number) + 1;
    this.emitted.push({
      feederId: f.id,
      province: f.province,
      event: {
        ts: Math.floor(ts),
        seq: this.seq[i] as number,
        cause: o.cause,
        outageStartMs: Math.floor(o.startMs),
        ...e,
      },
    });
    if (this.emitted.length > MAX_EMITTED) this.emitted.splice(0, this.emitted.length - MAX_EMITTED);
    this.version++;
  }

  /** Which head supplies each section: along closed switches from a closed breaker, then across closed ties. */
  private recompute(): void {
    for (let i = 0; i < this.sup.length; i++) {
      const sup = this.sup[i] as Int32Array;
      sup.fill(-1);
      if (this.breaker[i]) this.flood(i, 0, i);
    }
    // A tie passes supply on to a dead section across it; chains of ties are followed a few levels deep.
    for (let pass = 0, changed = true; changed && pass < 4; pass++) {
      changed = false;
      for (let i = 0; i < this.ties.length; i++) {
        for (const [k, t] of (this.ties[i] as (Tie | null)[]).entries()) {
          if (!t || !this.tieClosed.get(t.id)) continue;
          const here = (this.sup[i] as Int32Array)[k] as number;
          const there = (this.sup[t.feeder] as Int32Array)[t.section] as number;
          if (here >= 0 && there < 0) {
            this.flood(t.feeder, t.section, here);
            changed = true;
          }
        }
      }
    }
    this.version++;
  }

  private flood(i: number, k: number, src: number): void {
    const sup = this.sup[i] as Int32Array;
    const sw = this.sw[i] as boolean[];
    sup[k] = src;
    for (let j = k; j > 0 && sw[j - 1] && (sup[j - 1] as number) < 0; j--) sup[j - 1] = src;
    for (let j = k; j < sup.length - 1 && sw[j] && (sup[j + 1] as number) < 0; j++) sup[j + 1] = src;
  }
}

export class FlisrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlisrError';
  }
}
