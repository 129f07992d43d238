/** The area's intake losses as the live service publishes them, for the tests of the screens' losses lines. */
import type { IntakeLossesFigure } from '../../../core/contract/live-core';

/** 2026-12-02 00:00 in Beijing. */
export const MIDNIGHT = Date.UTC(2026, 11, 1, 16);
/** 14:00 that day: the figure's time. */
export const NOW = MIDNIGHT + 14 * 3_600_000;

/** 152 kW now, 0.76 % of a 20 MW intake; today's `kwh` (`pctOfIntake` % of the intake) counted since midnight. */
export function lossesFigure(today: { kwh: number; pctOfIntake: number }): IntakeLossesFigure {
  return {
    intakeKw: 20_000,
    kw: 152,
    pctOfIntake: 0.76,
    notComputable: null,
    today: { ...today, countedSinceMs: MIDNIGHT, countedMs: 14 * 3_600_000 },
  };
}
