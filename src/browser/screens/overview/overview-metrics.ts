/**
 * The overview's figures, from the live core's figures of one scope (pure: unit-tested without React). Every figure
 * was computed once on the server from the device stream (DESIGN.md §4's formulas, src/services/live); here it is
 * picked, or null with a reason.
 */
import type { LiveFigures } from '../../../core/contract/live-core';

export interface OverviewFigures {
  consumptionKw: number | null;
  gridImportKw: number | null;
  pvKw: number | null;
  evKw: number | null;
  /** Grid-inclusive clean share of what is being consumed right now, %. */
  cleanShareNowPct: number | null;
  localGreenShareNowPct: number | null;
  co2AvoidedTodayKg: number | null;
  /** Today's energies, counted on the server from the registers since midnight (or since `todayObservedSinceMs`). */
  today: { ePvKwh: number; consumptionKwh: number };
  todayObservedSinceMs: number | null;
  /** Feeders contributing live or held / configured: below 1 the load figures are partial. */
  feederCoverage: { reporting: number; configured: number };
  status: LiveFigures['status'] | null;
  noDataReason: 'no-data' | null;
}

export function overviewFigures(f: LiveFigures | undefined): OverviewFigures {
  const cov = f?.coverage;
  const hasFeeders = cov !== undefined && cov.feeder.live + cov.feeder.held > 0;
  const hasPv = cov !== undefined && cov.pv.live + cov.pv.held > 0;
  const hasEv = cov !== undefined && cov.charger.live + cov.charger.held > 0;
  const since = f?.today.countedSinceMs ?? null;
  return {
    consumptionKw: hasFeeders ? f!.power.consumptionKw : null,
    gridImportKw: hasFeeders ? f!.power.gridImportKw : null,
    pvKw: hasPv ? Math.max(0, f!.power.pvKw) : null,
    evKw: hasEv ? f!.power.evKw : null,
    cleanShareNowPct: hasFeeders ? f!.power.cleanSharePct : null,
    localGreenShareNowPct: hasFeeders ? f!.power.localGreenSharePct : null,
    co2AvoidedTodayKg: since === null ? null : Math.max(0, f!.today.co2AvoidedPvKg),
    today: { ePvKwh: Math.max(0, f?.today.ePvKwh ?? 0), consumptionKwh: f?.today.eConsumptionKwh ?? 0 },
    todayObservedSinceMs: since,
    feederCoverage: {
      reporting: cov ? cov.feeder.live + cov.feeder.held : 0,
      configured: cov?.feeder.configured ?? 0,
    },
    status: f?.status ?? null,
    noDataReason: hasFeeders ? null : 'no-data',
  };
}
