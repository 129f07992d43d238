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
import type { IntakeLossesFigure, LOSS_NOT_COMPUTABLE, LossTerms } from '../contract/live-core';

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

/**
 * The two sums of a part of the area (a province shard's devices), each null unless every one of its values is usable:
 * what a roll-up adds up. A part's own difference is not its losses — a 110 kV station fed from both provinces' 220 kV
 * stations takes power in across the border — but the sums of all parts are the area's terms.
 */
export function lossTerms(intake: readonly LossReading[], feederHeads: readonly LossReading[]): LossTerms {
  const sum = (list: readonly LossReading[]) =>
    list.every(usable) ? (list as number[]).reduce((s, v) => s + v, 0) : null;
  return { intakeKw: intake.length ? sum(intake) : null, feederHeadsKw: sum(feederHeads) };
}

/** The area's losses from its parts' terms (every part must have both). */
export function intakeLossesOfParts(parts: readonly LossTerms[]): IntakeLosses {
  if (parts.length === 0 || parts.some((p) => p.intakeKw === null))
    return { computable: false, reason: 'intake-missing' };
  if (parts.some((p) => p.feederHeadsKw === null)) return { computable: false, reason: 'feeder-missing' };
  return intakeLosses(
    parts.map((p) => p.intakeKw),
    parts.map((p) => p.feederHeadsKw),
  );
}

/**
 * Today's losses integrate the intake and the feeder heads between two computable instants no further apart than this
 * (a snapshot is taken every second of wall time; a sped-up clock moves further): a longer gap is left out, not bridged.
 */
export const LOSS_BRIDGE_MS = 60_000;

/** Today's integration of both terms (trapezoids between computable instants). */
export interface LossDay {
  dayStartMs: number;
  last: { atMs: number; intakeKw: number; feederHeadsKw: number } | null;
  sinceMs: number | null;
  countedMs: number;
  intakeKwh: number;
  feederHeadsKwh: number;
}

export const newLossDay = (dayStartMs: number): LossDay => ({
  dayStartMs,
  last: null,
  sinceMs: null,
  countedMs: 0,
  intakeKwh: 0,
  feederHeadsKwh: 0,
});

/**
 * The losses figure at `nowMs` from the losses now, and `day` carried on (a new one at a new day): returns both. An
 * instant not computable ends the trapezoid chain, so no interval with a missing term is counted.
 */
export function lossesFigure(
  now: IntakeLosses,
  nowMs: number,
  dayStartMs: number,
  previous: LossDay,
): { figure: IntakeLossesFigure; day: LossDay } {
  const day = previous.dayStartMs === dayStartMs ? { ...previous } : newLossDay(dayStartMs);
  if (!now.computable) day.last = null;
  else if (!day.last || nowMs > day.last.atMs) {
    const last = day.last;
    if (last && nowMs - last.atMs <= LOSS_BRIDGE_MS) {
      const hours = (nowMs - last.atMs) / 3_600_000;
      day.intakeKwh += ((last.intakeKw + now.intake) / 2) * hours;
      day.feederHeadsKwh += ((last.feederHeadsKw + now.feederHeads) / 2) * hours;
      day.countedMs += nowMs - last.atMs;
    }
    day.last = { atMs: nowMs, intakeKw: now.intake, feederHeadsKw: now.feederHeads };
    day.sinceMs ??= nowMs;
  }
  const today = day.countedMs > 0 ? intakeLosses([day.intakeKwh], [day.feederHeadsKwh]) : null;
  const figure: IntakeLossesFigure = {
    intakeKw: now.computable ? now.intake : null,
    kw: now.computable ? now.losses : null,
    pctOfIntake: now.computable ? now.pctOfIntake : null,
    notComputable: now.computable ? null : now.reason,
    today: {
      kwh: today?.computable ? today.losses : null,
      pctOfIntake: today?.computable ? today.pctOfIntake : null,
      countedSinceMs: day.sinceMs,
      countedMs: day.countedMs,
    },
  };
  return { figure, day };
}
