/** Test helper: the live core as the live service publishes it for the configured area (unit tests only). */
import { readFileSync } from 'node:fs';
import { parseAreaConfig } from '../../../core/config/area-schema';
import type { LiveFigures, StationsLive, SubstationLive } from '../../../core/contract/live-core';
import { dayStartMs } from '../../../core/time/shanghai';
import { coverageOf, liveFigures } from '../../live/live-core-fixture';
import type { LiveHealth } from '../../live/live-core-store';
import type { WallLiveInput } from './wall-figures';

export const config = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
export const T0 = Date.UTC(2026, 10, 26, 4, 0, 0); // 12:00 in Shanghai

export interface LiveOptions {
  /** Device ids held at their last good value (at T0) by the live service. */
  held?: string[];
  /** Device ids missing (silent beyond the hold time, or never reported). */
  missing?: string[];
  feederLoadingPct?: (id: string) => number;
  health?: LiveHealth;
  power?: Partial<LiveFigures['power']>;
}

/** The live core at T0 + 2 min: every feeder at 2 MW / 40 %, PV at half its kWp, chargers with a third charging. */
export function liveInput(opts: LiveOptions = {}): WallLiveInput {
  const ts = T0 + 120_000;
  const held = new Set(opts.held ?? []);
  const missing = new Set(opts.missing ?? []);
  const stateOf = (id: string) => (missing.has(id) ? 'missing' : held.has(id) ? 'held' : 'live');
  const coverage = (ids: string[]) => {
    const c = coverageOf(ids.length, { live: 0 });
    for (const id of ids) {
      const s = stateOf(id);
      if (s === 'live') c.live++;
      else if (s === 'held') {
        c.held++;
        c.heldSinceMs = T0;
      } else c.missing++;
    }
    return c;
  };
  const figuresOf = (scope: 'area' | 'sc' | 'cq'): LiveFigures => {
    const inScope = <T extends { province: string; id: string }>(xs: T[]) =>
      xs.filter((x) => scope === 'area' || x.province === scope).map((x) => x.id);
    const cov = {
      feeder: coverage(inScope(config.feeders)),
      pv: coverage(inScope(config.pvSites)),
      charger: coverage(inScope(config.chargingStations)),
    };
    const kinds = [cov.feeder, cov.pv, cov.charger];
    const status = kinds.some((c) => c.missing > 0) ? 'partial' : kinds.some((c) => c.held > 0) ? 'held' : 'complete';
    const pvKw = config.pvSites
      .filter((p) => scope === 'area' || p.province === scope)
      .reduce((a, p) => a + (stateOf(p.id) === 'missing' ? 0 : p.kWp * 0.5), 0);
    const gridImportKw = cov.feeder.configured * 2000 - pvKw;
    return liveFigures(
      {
        ts,
        scope,
        status,
        coverage: cov,
        power: { gridImportKw, pvKw, consumptionKw: gridImportKw + pvKw, ...opts.power },
      },
      dayStartMs(T0),
    );
  };
  const substations = new Map<string, SubstationLive>();
  for (const s of config.substations) {
    const feeders = config.feeders
      .filter((f) => f.substationId === s.id)
      .map((f) => {
        const st = stateOf(f.id);
        const pct = opts.feederLoadingPct?.(f.id) ?? 40;
        const state =
          st === 'missing'
            ? ('missing' as const)
            : st === 'held'
              ? ('held' as const)
              : pct >= 100
                ? ('overload' as const)
                : pct >= 80
                  ? ('heavy' as const)
                  : ('normal' as const);
        return {
          id: f.id,
          pKw: st === 'missing' ? null : 2000,
          loadingPct: st === 'missing' ? null : pct,
          state,
          lastTs: st === 'missing' ? null : st === 'held' ? T0 : ts,
        };
      });
    substations.set(s.id, { ts, substationId: s.id, feeders });
  }
  const stations: Partial<Record<'sc' | 'cq', StationsLive>> = {};
  for (const p of ['sc', 'cq'] as const) {
    const list: StationsLive['stations'] = config.chargingStations
      .filter((c) => c.province === p)
      .map((c) => ({
        id: c.id,
        pKw: stateOf(c.id) === 'missing' ? null : 50,
        connectors:
          stateOf(c.id) === 'missing'
            ? '?'.repeat(c.connectors.length)
            : c.connectors.map((_, i) => (i % 3 === 0 ? 'c' : i % 7 === 6 ? 'f' : 'a')).join(''),
        held: stateOf(c.id) === 'held',
      }));
    stations[p] = { ts, province: p, stations: list };
  }
  return {
    figures: { area: figuresOf('area'), sc: figuresOf('sc'), cq: figuresOf('cq') },
    substations,
    stations,
    health: opts.health ?? { state: 'live', lastFiguresMs: ts },
  };
}
