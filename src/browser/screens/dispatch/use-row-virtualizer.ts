import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef } from 'react';

/**
 * A virtualizer over rows of fixed height keyed by their ids, with the scroll element's ref. The callbacks are stable:
 * a new getItemKey makes the virtualizer re-measure every row (10,000 of them) on every render while scrolling.
 * `rowHeight` must be a module-level function for the same reason.
 */
export function useRowVirtualizer(items: readonly { id: string }[], rowHeight: () => number, overscan: number) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const getItemKey = useCallback((i: number) => items[i]?.id ?? i, [items]);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement,
    estimateSize: rowHeight,
    getItemKey,
    overscan,
  });
  return { scrollRef, virtualizer };
}
