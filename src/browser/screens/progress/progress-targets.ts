/**
 * The area's yearly targets from the configuration ({"2025": x, …} tables): the clean-share target of a year and the
 * scope-2 CO₂ budget path over any window. Pure.
 */
import { shanghaiParts, shanghaiWallToMs } from '../../../core/time/shanghai';

export interface YearTarget {
  value: number;
  /** True when the configuration has no entry for the year and the value lies on the line between its neighbours. */
  interpolated: boolean;
}

/** The target of a year from a {"2025": x, …} table; linear between configured years, null outside them. */
export function targetForYear(byYear: Record<string, number>, year: number): YearTarget | null {
  const exact = byYear[String(year)];
  if (exact !== undefined) return { value: exact, interpolated: false };
  const years = Object.keys(byYear)
    .map(Number)
    .sort((a, b) => a - b);
  const before = years.filter((y) => y < year).pop();
  const after = years.find((y) => y > year);
  if (before === undefined || after === undefined) return null;
  const a = byYear[String(before)] as number;
  const b = byYear[String(after)] as number;
  return { value: a + ((b - a) * (year - before)) / (after - before), interpolated: true };
}

/**
 * Scope-2 budget (kg) for [fromMs, toMs): each year's budget spread evenly over that year's time, so the path at any
 * moment is where the area would stand if it emitted exactly its budget at a constant rate. null if a year in the
 * range has no budget.
 */
export function budgetPathKg(co2BudgetTByYear: Record<string, number>, fromMs: number, toMs: number): number | null {
  if (!(toMs > fromMs)) return 0;
  let kg = 0;
  let t = fromMs;
  while (t < toMs) {
    const year = shanghaiParts(t).year;
    const yearFromMs = shanghaiWallToMs(year, 1, 1);
    const yearToMs = shanghaiWallToMs(year + 1, 1, 1);
    const target = targetForYear(co2BudgetTByYear, year);
    if (!target) return null;
    const end = Math.min(toMs, yearToMs);
    kg += (target.value * 1000 * (end - t)) / (yearToMs - yearFromMs);
    t = end;
  }
  return kg;
}
