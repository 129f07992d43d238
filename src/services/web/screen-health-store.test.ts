import { describe, expect, it } from 'vitest';
import type { ScreenHeartbeat } from '../../core/contract/screen-health-api';
import { ScreenHealthStore, screenKey } from './screen-health-store';

const beat = (screenId: string, over: Partial<ScreenHeartbeat> = {}): ScreenHeartbeat => ({
  screenId,
  screenName: null,
  route: '/wall',
  fps: 60,
  heapUsedBytes: null,
  dataAgeS: 1,
  connection: 'connected',
  appVersion: '0.1.0',
  ...over,
});

describe('ScreenHealthStore', () => {
  it('lists a screen with its report age and state by the injected clock', () => {
    let now = 1_000_000;
    const store = new ScreenHealthStore({ nowMs: () => now });
    store.record(beat('a'), '10.0.0.5');
    expect(store.list()).toMatchObject([{ key: 'a/wall', reportAgeS: 0, state: 'live', address: '10.0.0.5' }]);
    now += 45_000;
    expect(store.list()[0]).toMatchObject({ reportAgeS: 45, state: 'stale' });
    store.record(beat('a', { dataAgeS: 120 }), '10.0.0.5');
    expect(store.list()[0]).toMatchObject({ reportAgeS: 0, state: 'frozen-data' });
  });

  it('keeps a route and a name apart from the same browser', () => {
    expect(screenKey(beat('a'))).not.toBe(screenKey(beat('a', { route: '/dispatch' })));
    expect(screenKey(beat('a', { screenName: 'lobby' }))).toBe('lobby/a/wall');
  });

  it('keeps at most maxScreens, evicting the one heard from longest ago', () => {
    let now = 0;
    const store = new ScreenHealthStore({ nowMs: () => now, maxScreens: 3 });
    for (const id of ['a', 'b', 'c']) {
      now += 1000;
      store.record(beat(id), 'x');
    }
    now += 1000;
    store.record(beat('a'), 'x'); // a is fresh again: b is now the oldest
    store.record(beat('d'), 'x');
    expect(store.list().map((s) => s.report.screenId)).toEqual(['c', 'a', 'd']);
    expect(store.size).toBe(3);
    expect(store.evicted).toBe(1);
  });
});
