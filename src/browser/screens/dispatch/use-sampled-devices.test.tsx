// @vitest-environment jsdom
/**
 * The dispatcher's table sample (use-sampled-devices.ts): it follows the store's snapshots, no closer together than
 * the rows' pace, and holds still while the dispatcher scrolls.
 */
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tableRowsPeriodMs } from '../../live/pace';
import type { AppRuntime } from '../../live/runtime';
import { RuntimeContext } from '../../live/runtime-context';
import type { TelemetrySnapshot } from '../../live/telemetry-store';
import { useSampledDevices } from './use-sampled-devices';

/** A store whose snapshots the test publishes: only what the hook reads. */
function fakeStore() {
  const listeners = new Set<() => void>();
  let snapshot = { version: 1, nowMs: 1_000, devices: new Map(), series: {} } as unknown as TelemetrySnapshot;
  return {
    getSnapshot: () => snapshot,
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    publish(version: number) {
      snapshot = { ...snapshot, version, nowMs: version * 1_000 };
      for (const l of listeners) l();
    },
  };
}

const PERIOD_MS = tableRowsPeriodMs(0);

describe('useSampledDevices', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('takes each new snapshot at the rows’ pace, and none while the table is held', () => {
    const store = fakeStore();
    const hold = { current: false };
    const wrapper = ({ children }: { children: ReactNode }) => (
      <RuntimeContext.Provider value={{ store } as unknown as AppRuntime}>{children}</RuntimeContext.Provider>
    );
    const { result } = renderHook(() => useSampledDevices(hold), { wrapper });
    expect(result.current.nowMs).toBe(1_000);

    // A snapshot right after the last sample waits out the pace, then shows.
    act(() => store.publish(2));
    expect(result.current.nowMs).toBe(1_000);
    act(() => vi.advanceTimersByTime(PERIOD_MS));
    expect(result.current.nowMs).toBe(2_000);

    // One arriving after a quiet spell shows at once.
    act(() => vi.advanceTimersByTime(PERIOD_MS * 3));
    act(() => store.publish(3));
    expect(result.current.nowMs).toBe(3_000);

    // Held (scrolling): nothing moves, however long; released, the newest shows within a period.
    hold.current = true;
    act(() => vi.advanceTimersByTime(PERIOD_MS * 3));
    act(() => store.publish(4));
    act(() => store.publish(5));
    act(() => vi.advanceTimersByTime(PERIOD_MS * 10));
    expect(result.current.nowMs).toBe(3_000);
    hold.current = false;
    act(() => vi.advanceTimersByTime(PERIOD_MS));
    expect(result.current.nowMs).toBe(5_000);
  });
});
