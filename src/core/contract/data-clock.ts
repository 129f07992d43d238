/**
 * The dashboard's "now". Normally the wall clock; when the mock feeds run a sped-up world they publish a retained
 * simulation clock (SIM_CLOCK_TOPIC) and "now" follows the world, so staleness, "today" and the future-timestamp
 * check stay consistent with the data.
 */
import type { SimClock } from './payloads';

export class DataClock {
  private sim: SimClock | null = null;

  constructor(private readonly wallNow: () => number = Date.now) {}

  setSimClock(sim: SimClock | null): void {
    this.sim = sim;
  }

  get speed(): number {
    return this.sim?.speed ?? 1;
  }

  get simulated(): boolean {
    return this.sim !== null;
  }

  now(): number {
    const wall = this.wallNow();
    if (!this.sim) return wall;
    return this.sim.worldMs + (wall - this.sim.wallMs) * this.sim.speed;
  }
}
