import { describe, expect, it } from 'vitest';
import { DataClock } from '../../core/contract/data-clock';
import type { AnyRuntime } from '../live/runtime';
import { appVersionFrom, connectionOf, newestDataAgeS, screenIdFrom, screenNameFrom } from './screen-health-reporter';

const NOW = 1_800_000_000_000;

function publicRuntime(lastFiguresMs: number | null, clock = new DataClock(() => NOW)): AnyRuntime {
  return {
    role: 'public',
    clock,
    liveCore: { getSnapshot: () => ({ health: { lastFiguresMs } }) },
    connection: { getState: () => ({ phase: 'disconnected' }) },
  } as unknown as AnyRuntime;
}

describe('newestDataAgeS', () => {
  it("is the live core's figures' age on a public screen, null before any and without a runtime", () => {
    expect(newestDataAgeS(publicRuntime(NOW - 2_340))).toBe(2.3);
    expect(newestDataAgeS(publicRuntime(null))).toBeNull();
    expect(newestDataAgeS(null)).toBeNull();
  });

  it("is the newest device reading's age on the dispatcher's screens", () => {
    const devices = new Map([
      ['a', { lastTs: NOW - 9_000 }],
      ['b', { lastTs: null }],
      ['c', { lastTs: NOW - 4_000 }],
    ]);
    const rt = {
      role: 'dispatcher',
      clock: new DataClock(() => NOW),
      store: { getSnapshot: () => ({ devices }) },
    } as unknown as AnyRuntime;
    expect(newestDataAgeS(rt)).toBe(4);
  });

  it('counts wall seconds in a sped-up world (60 world seconds at 60× are one wall second)', () => {
    const clock = new DataClock(() => NOW);
    clock.setSimClock({ worldMs: NOW, wallMs: NOW, speed: 60 } as Parameters<DataClock['setSimClock']>[0]);
    expect(newestDataAgeS(publicRuntime(NOW - 60_000, clock))).toBe(1);
  });
});

describe('the report fields', () => {
  it('names the connection, none without a runtime', () => {
    expect(connectionOf(publicRuntime(null))).toBe('offline');
    expect(connectionOf(null)).toBe('none');
  });

  it('takes ?screen= cleaned and bounded', () => {
    expect(screenNameFrom('?screen=lobby-left&kiosk')).toBe('lobby-left');
    expect(screenNameFrom('?screen=a%09b')).toBe('ab');
    expect(screenNameFrom('?screen=')).toBeNull();
    expect(screenNameFrom('')).toBeNull();
    expect(screenNameFrom(`?screen=${'x'.repeat(100)}`)).toHaveLength(64);
  });

  it('keeps one id per browser, and makes one where storage refuses', () => {
    const kept = new Map<string, string>();
    const storage = { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => kept.set(k, v) };
    const id = screenIdFrom(storage);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(screenIdFrom(storage)).toBe(id);
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(screenIdFrom(refusing)).toMatch(/^[0-9a-f]{16}$/);
    expect(screenIdFrom(null)).not.toBe(id);
  });

  it("says the build's hash from the entry chunk's name", () => {
    expect(appVersionFrom('http://127.0.0.1:4173/assets/index-B3x_k9Qa.js')).toMatch(/^\d+\.\d+\.\d+\+B3x_k9Qa$/);
    expect(appVersionFrom('http://127.0.0.1:5173/src/browser/app/screen-health-reporter.ts')).toMatch(/\+dev$/);
  });
});
