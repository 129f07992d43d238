/**
 * Losses between the area's intake and its feeder heads (DESIGN.md §4): what the 220 kV (and 110 kV) transformers
 * and the lines between the substations use up before the 10 kV feeder heads measure it. Feeder-head import (the grid
 * import every screen shows) leaves these out; this says how much they are.
 *
 *   losses = Σ intake P − Σ feeder-head P          % of intake = losses / Σ intake P
 *
 * The intake is P at the substations where power enters the area: those with no upstream substation in the
 * configuration (the 220 kV ones). The same arithmetic holds for power (kW in, kW out) and for energy over the same
 * interval (kWh in, kWh out).
 *
 * Losses are a small difference of two large sums (under 1 % of the intake), so one term missing, or an
 * old value standing in for it, would make the difference false by more than the losses themselves: then the answer
 * is "not computable", with why, never a number. Exports: when PV pushes power back up through the 220 kV station both
 * sums are negative and the difference is still the losses; a share of the intake is then not meaningful (null).
 */
import type { LOSS_NOT_COMPUTABLE } from '../contract/live-core';

/** One device's value: null when it has none that may be used (missing, offline, or only a held last value). */
export type LossReading = number | null;

/**
 * intake-missing / feeder-missing: a term has no usable value; inconsistent: the intake is below the feeder heads
 * (a loss cannot be negative: the readings are of different moments or a meter is wrong).
 */
export type LossNotComputable = (typeof LOSS_NOT_COMPUTABLE)[number];

export type IntakeLosses =
  | {
      computable: true;
      intake: number;
      feederHeads: number;
      losses: number;
      /** losses / intake × 100; null when the intake is not positive (the area exports through it, or draws none). */
      pctOfIntake: number | null;
    }
  | { computable: false; reason: LossNotComputable };

const usable = (v: LossReading): v is number => v !== null && Number.isFinite(v);

/** Intake: one value per intake substation; feederHeads: one per configured feeder. Both lists must be complete. */
export function intakeLosses(intake: readonly LossReading[], feederHeads: readonly LossReading[]): IntakeLosses {
  if (intake.length === 0 || !intake.every(usable)) return { computable: false, reason: 'intake-missing' };
  if (!feederHeads.every(usable)) return { computable: false, reason: 'feeder-missing' };
  const intakeSum = (intake as number[]).reduce((s, v) => s + v, 0);
  const feederSum = (feederHeads as number[]).reduce((s, v) => s + v, 0);
  const losses = intakeSum - feederSum;
  if (losses < 0) return { computable: false, reason: 'inconsistent' };
  return {
    computable: true,
    intake: intakeSum,
    feederHeads: feederSum,
    losses,
    pctOfIntake: intakeSum > 0 ? (losses / intakeSum) * 100 : null,
  };
}

/** The substations where power enters the area: no upstream substation configured (the 220 kV ones). */
export function intakeSubstationIds(substations: readonly { id: string; parentIds: readonly string[] }[]): string[] {
  return substations.filter((s) => s.parentIds.length === 0).map((s) => s.id);
}
