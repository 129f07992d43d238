/**
 * The overview's figures, computed from the live snapshot by the domain functions (pure: unit-tested without React).
 * Nothing here is a constant: every figure is telemetry through DESIGN.md §4's formulas, or null with a reason.
 */
import type { AreaConfig } from '../../../core/config/area-schema';
import { type CarbonSummary, carbonByScope, carbonFactorsFromConfig, cleanShareNow } from '../../../core/domain/carbon';
import type { Scope } from '../../../core/domain/scope';
import type { TodayEnergies } from '../../history/today';
import type { TelemetrySnapshot } from '../../live/telemetry-store';

export interface OverviewFigures {
  consumptionKw: number | null;
  gridImportKw: number | null;
  pvKw: number | null;
  evKw: number | null;
  /** Grid-inclusive clean share of what is being consumed right now, %. */
  cleanShareNowPct: number | null;
  localGreenShareNowPct: number | null;
  co2AvoidedTodayKg: number | null;
  /** Energy counted today (history since midnight plus this page's counters, or the page's alone) and since when. */
  today: CarbonSummary;
  todayObservedSinceMs: number | null;
  /** Today's energies came from the history service (since midnight), not from page load. */
  todayFromHistory: boolean;
  /** Feeders reporting fresh data / configured: below 1 the load figures are partial. */
  feederCoverage: { reporting: number; configured: number };
  noDataReason: 'no-data' | null;
}

/**
 * `todayEnergies`: today's energies per province from src/browser/history/today.ts (history + live deltas); without it the
 * page's own counters since load.
 */
export function overviewFigures(
  snapshot: TelemetrySnapshot,
  config: AreaConfig,
  scope: Scope,
  todayEnergies?: TodayEnergies,
): OverviewFigures {
  const factors = carbonFactorsFromConfig(config);
  const b = snapshot.balance;
  const now = cleanShareNow({ sc: b.sc, cq: b.cq }, factors);
  const fromHistory = todayEnergies?.fromHistory === true;
  const today = carbonByScope(
    fromHistory ? todayEnergies.byProvince : { sc: snapshot.today.sc, cq: snapshot.today.cq },
    factors,
  );
  const todaySinceMs = fromHistory ? todayEnergies.countedSinceMs : snapshot.today[scope].observedSinceMs;
  const bs = b[scope];
  const hasFeeders = bs.coverage.feeders.reporting > 0;
  const hasPv = bs.coverage.pv.reporting > 0;
  const hasEv = bs.coverage.chargers.reporting > 0;
  return {
    consumptionKw: hasFeeders ? bs.consumptionKw : null,
    gridImportKw: hasFeeders ? bs.gridImportKw : null,
    pvKw: hasPv ? bs.pvKw : null,
    evKw: hasEv ? bs.evKw : null,
    cleanShareNowPct: hasFeeders ? now[scope].cleanSharePct : null,
    localGreenShareNowPct: hasFeeders ? now[scope].localGreenSharePct : null,
    co2AvoidedTodayKg: todaySinceMs === null ? null : today[scope].co2AvoidedByPvKg,
    today: today[scope],
    todayObservedSinceMs: todaySinceMs,
    todayFromHistory: fromHistory,
    feederCoverage: bs.coverage.feeders,
    noDataReason: hasFeeders ? null : 'no-data',
  };
}
