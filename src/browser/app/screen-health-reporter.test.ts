import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataClock } from '../../core/contract/data-clock';
import type { AnyRuntime } from '../live/runtime';
import {
  appVersionFrom,
  connectionOf,
  FPS_WINDOW_MS,
  newestDataAgeS,
  screenIdFrom,
  screenNameFrom,
  startScreenHealthReporter,
} from './screen-health-reporter';

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

describe('the frame rate', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('is counted only over the window before each report: between reports no frame is asked for', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
    // A display at 62.5 Hz: every FRAME_MS the callbacks asked for run once (what requestAnimationFrame promises).
    const FRAME_MS = 16;
    let asked = new Map<number, () => void>();
    let nextId = 1;
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => {
      asked.set(nextId, cb);
      return nextId++;
    });
    vi.stubGlobal('cancelAnimationFrame', (id: number) => asked.delete(id));
    vi.stubGlobal('document', { visibilityState: 'visible', addEventListener() {}, removeEventListener() {} });
    vi.stubGlobal('location', { search: '', pathname: '/wall' });
    const reports: { fps: number }[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: { body: string }) => {
      reports.push(JSON.parse(init.body));
      return new Response(null, { status: 204 });
    });
    const framesAskedAt: number[] = [];
    const display = setInterval(() => {
      if (asked.size > 0) framesAskedAt.push(performance.now());
      const run = asked;
      asked = new Map();
      for (const cb of run.values()) cb();
    }, FRAME_MS);

    const intervalMs = 15_000;
    const stop = startScreenHealthReporter({ runtime: () => null, intervalMs });
    await vi.advanceTimersByTimeAsync(5_000 + 2 * intervalMs + 100);
    stop();
    clearInterval(display);

    expect(reports).toHaveLength(3);
    for (const r of reports) expect(r.fps).toBeGreaterThan(55);
    // Frames were asked for only in the windows before the reports at 5 s, 20 s and 35 s.
    const inWindow = (t: number) => [5_000, 20_000, 35_000].some((at) => t > at - FPS_WINDOW_MS - 20 && t <= at + 20);
    expect(framesAskedAt.filter((t) => !inWindow(t))).toEqual([]);
    expect(framesAskedAt.length).toBeLessThanOrEqual(3 * (FPS_WINDOW_MS / FRAME_MS + 2));
  });
});
