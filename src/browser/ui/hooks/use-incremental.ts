/**
 * A value built from its previous value whenever its inputs change: the incremental rows and today's peaks reuse what
 * did not change. Kept in state and updated during render (React's "storing information from previous renders"), so
 * no ref is written during render and no memo has side effects: a discarded or repeated render (StrictMode,
 * concurrent rendering) computes the same value again from the same committed one.
 */
import { useState } from 'react';

const sameInputs = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

export function useIncremental<T>(initial: () => T, inputs: readonly unknown[], next: (prev: T) => T): T {
  const [state, setState] = useState(() => ({ inputs, value: next(initial()) }));
  if (sameInputs(state.inputs, inputs)) return state.value;
  const value = next(state.value);
  setState({ inputs, value });
  return value;
}
