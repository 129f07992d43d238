// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { type RefObject, StrictMode, useEffect } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useLatest } from './use-latest';

afterEach(cleanup);

function Probe({ value, onRef }: { value: string; onRef: (r: RefObject<string>) => void }) {
  const latest = useLatest(value);
  const seenInRender = latest.current;
  useEffect(() => onRef(latest));
  return <span data-seen={seenInRender}>{value}</span>;
}

describe('useLatest', () => {
  it('holds the value of the last commit for callbacks that run after it', () => {
    let ref: RefObject<string> | null = null;
    const keep = (r: RefObject<string>) => {
      ref = r;
    };
    const { rerender } = render(<Probe value="a" onRef={keep} />);
    expect(ref!.current).toBe('a');
    act(() => rerender(<Probe value="b" onRef={keep} />));
    expect(ref!.current).toBe('b');
  });

  it('is not written during render: a render sees the previous commit, and StrictMode double renders change nothing', () => {
    let ref: RefObject<string> | null = null;
    const keep = (r: RefObject<string>) => {
      ref = r;
    };
    const { container, rerender } = render(
      <StrictMode>
        <Probe value="first" onRef={keep} />
      </StrictMode>,
    );
    act(() =>
      rerender(
        <StrictMode>
          <Probe value="second" onRef={keep} />
        </StrictMode>,
      ),
    );
    // The render of "second" read the ref before its commit wrote it.
    expect(container.querySelector('span')!.getAttribute('data-seen')).toBe('first');
    expect(ref!.current).toBe('second');
  });
});
