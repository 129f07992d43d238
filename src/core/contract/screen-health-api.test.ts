import { describe, expect, it } from 'vitest';
import {
  classifyScreen,
  DEFAULT_SCREEN_STATE_RULE,
  FROZEN_DATA_AGE_S,
  HEARTBEAT_INTERVAL_MS,
  type ScreenHeartbeat,
  screenHeartbeatSchema,
} from './screen-health-api';

const rule = { intervalMs: 10_000, staleAfterIntervals: 3, frozenDataAgeS: 60 };

describe('classifyScreen', () => {
  it('is live while reports come and the data is fresh', () => {
    expect(classifyScreen(0, 2, rule)).toBe('live');
    expect(classifyScreen(29_999, 60, rule)).toBe('live');
  });

  it('is stale from three missed intervals on, whatever its last data age said', () => {
    expect(classifyScreen(30_000, 2, rule)).toBe('stale');
    expect(classifyScreen(30_000, 3600, rule)).toBe('stale');
    expect(classifyScreen(30_000, null, rule)).toBe('stale');
  });

  it('shows frozen data when a reporting screen holds data older than the threshold', () => {
    expect(classifyScreen(5_000, 60.5, rule)).toBe('frozen-data');
    expect(classifyScreen(5_000, 61, rule)).toBe('frozen-data');
  });

  it('is live before its first value (connecting, said by its connection state)', () => {
    expect(classifyScreen(5_000, null, rule)).toBe('live');
  });

  it('defaults to the 15 s interval and the 60 s data threshold', () => {
    expect(DEFAULT_SCREEN_STATE_RULE.intervalMs).toBe(HEARTBEAT_INTERVAL_MS);
    expect(classifyScreen(3 * HEARTBEAT_INTERVAL_MS - 1, FROZEN_DATA_AGE_S)).toBe('live');
    expect(classifyScreen(3 * HEARTBEAT_INTERVAL_MS, 1)).toBe('stale');
    expect(classifyScreen(0, FROZEN_DATA_AGE_S + 1)).toBe('frozen-data');
  });
});

describe('screenHeartbeatSchema', () => {
  const good: ScreenHeartbeat = {
    screenId: 'k3j9',
    screenName: 'lobby-left',
    route: '/wall',
    fps: 59.8,
    heapUsedBytes: 48_000_000,
    dataAgeS: 1.2,
    connection: 'connected',
    appVersion: '0.1.0+abc1234',
  };

  it('takes a heartbeat', () => {
    expect(screenHeartbeatSchema.parse(good)).toEqual(good);
  });

  it('refuses unknown fields, control characters, negative or absurd figures', () => {
    expect(screenHeartbeatSchema.safeParse({ ...good, extra: 1 }).success).toBe(false);
    expect(screenHeartbeatSchema.safeParse({ ...good, screenName: 'a\nb' }).success).toBe(false);
    expect(screenHeartbeatSchema.safeParse({ ...good, fps: -1 }).success).toBe(false);
    expect(screenHeartbeatSchema.safeParse({ ...good, fps: 1e6 }).success).toBe(false);
    expect(screenHeartbeatSchema.safeParse({ ...good, screenId: '' }).success).toBe(false);
    expect(screenHeartbeatSchema.safeParse({ ...good, connection: 'great' }).success).toBe(false);
  });
});
