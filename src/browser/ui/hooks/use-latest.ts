/**
 * A ref that holds the latest value a component rendered with, for callbacks that run later (events, timers,
 * observers, imperative handles) and must see the current props without being re-created. The ref is written after
 * the commit, in a layout effect, not during render: a render React discards (StrictMode, an interrupted concurrent
 * render) must not leave its value behind. Layout effects run before the browser paints and before passive effects,
 * so whatever runs after a commit reads the value of that commit.
 */
import { type RefObject, useLayoutEffect, useRef } from 'react';

export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
