/** The report's period, held in the URL (shareable, back button), and the moves to another period. */
import { useMemo } from 'react';
import { useSearchParams } from '../../ui/routing/router';
import { type Period, type PeriodFromUrl, type PeriodKind, periodFromSearch } from './period';
import { chosenPeriod, periodSearch } from './period-view';

export interface ProgressPeriod extends PeriodFromUrl {
  goTo: (next: Period) => void;
  choose: (kind: PeriodKind) => void;
}

/** `nowMs` is the dashboard's clock (the world's, in a simulation): "now" for a URL without a date. */
export function useProgressPeriod(nowMs: () => number): ProgressPeriod {
  const [search, setSearch] = useSearchParams();
  const searchText = search.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read only when the URL changes
  const { period, problem } = useMemo(() => periodFromSearch(new URLSearchParams(searchText), nowMs()), [searchText]);
  const goTo = (next: Period) => setSearch(periodSearch(next, search.get('lang')));
  const choose = (kind: PeriodKind) => goTo(chosenPeriod(kind, period, nowMs()));
  return { period, problem, goTo, choose };
}
