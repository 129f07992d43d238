/**
 * The wall's energy-flow picture from the live figures (LiveFigures.power): PV and grid import flow into consumption,
 * EV charging is a part of consumption (not a flow of its own), and when PV exceeds the load the surplus flows back to
 * the grid. By the contract consumption = grid import + PV, with import negative while the area exports.
 *
 * Pure: the picture (which flows, how thick) is decided here and drawn by AreaHero.tsx.
 */

export interface FlowPower {
  gridImportKw: number | null;
  pvKw: number | null;
  evKw: number | null;
  consumptionKw: number | null;
}

export interface EnergyFlow {
  /** PV used inside the area, kW. */
  pvToLoadKw: number;
  /** Drawn from the grid, kW (0 while exporting). */
  gridToLoadKw: number;
  /** PV surplus sent back to the grid, kW (0 while importing). */
  pvToGridKw: number;
  consumptionKw: number;
  /** EV charging, a part of consumption, kW. */
  evKw: number;
  /** EV share of consumption, %. */
  evSharePct: number;
  /** PV share of consumption, %. */
  pvSharePct: number;
  /** Band thickness per flow, design px: proportional to power against the largest of the picture. */
  thicknessPx: { pvToLoad: number; gridToLoad: number; pvToGrid: number };
}

/** A flow this thin still reads as a line from 5 m; the thickest is a broad band. */
export const FLOW_MIN_PX = 6;
export const FLOW_MAX_PX = 40;

const finite = (x: number | null): x is number => x !== null && Number.isFinite(x);

/** Thickness of a flow of `kw` when the largest of the picture is `maxKw`: 0 for no flow. */
export function flowThicknessPx(kw: number, maxKw: number): number {
  if (!(kw > 0) || !(maxKw > 0)) return 0;
  return Math.round(FLOW_MIN_PX + (FLOW_MAX_PX - FLOW_MIN_PX) * Math.min(1, kw / maxKw));
}

/** The picture, or null while a figure it needs is missing (the panel says it is waiting, it never draws a guess). */
export function energyFlow(power: FlowPower | null | undefined): EnergyFlow | null {
  if (!power) return null;
  const { gridImportKw, pvKw, evKw } = power;
  if (!finite(gridImportKw) || !finite(pvKw)) return null;
  const pv = Math.max(0, pvKw);
  const consumption = Math.max(0, finite(power.consumptionKw) ? power.consumptionKw : gridImportKw + pv);
  const exporting = gridImportKw < 0;
  const pvToLoadKw = exporting ? Math.min(pv, consumption) : pv;
  const gridToLoadKw = exporting ? 0 : gridImportKw;
  const pvToGridKw = exporting ? -gridImportKw : 0;
  const ev = finite(evKw) ? Math.min(Math.max(0, evKw), consumption) : 0;
  const maxKw = Math.max(pvToLoadKw, gridToLoadKw, pvToGridKw);
  return {
    pvToLoadKw,
    gridToLoadKw,
    pvToGridKw,
    consumptionKw: consumption,
    evKw: ev,
    evSharePct: consumption > 0 ? (ev / consumption) * 100 : 0,
    pvSharePct: consumption > 0 ? Math.min(100, (pvToLoadKw / consumption) * 100) : 0,
    thicknessPx: {
      pvToLoad: flowThicknessPx(pvToLoadKw, maxKw),
      gridToLoad: flowThicknessPx(gridToLoadKw, maxKw),
      pvToGrid: flowThicknessPx(pvToGridKw, maxKw),
    },
  };
}
