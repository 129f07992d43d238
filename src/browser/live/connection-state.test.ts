import { describe, expect, it } from 'vitest';
import { connectionStateCell, filterSubscriptions } from './connection-state';

describe('filterSubscriptions', () => {
  it('subscribes a filter at its first handler and unsubscribes it when its last one leaves', () => {
    const calls: string[] = [];
    const subs = filterSubscriptions({
      subscribeFilter: (f) => calls.push(`sub ${f}`),
      unsubscribeFilter: (f) => calls.push(`unsub ${f}`),
    });
    const offA = subs.subscribe('gz/#', () => {});
    const offB = subs.subscribe('gz/#', () => {});
    expect(calls).toEqual(['sub gz/#']);
    offA();
    expect(calls).toEqual(['sub gz/#']);
    expect(subs.handlers.get('gz/#')?.size).toBe(1);
    offB();
    offB(); // a second call of the same removal changes nothing
    expect(calls).toEqual(['sub gz/#', 'unsub gz/#']);
    expect(subs.handlers.has('gz/#')).toBe(false);
  });
});

describe('connectionStateCell', () => {
  it('starts connecting, merges changes and tells its listeners until they leave', () => {
    const cell = connectionStateCell('ws://127.0.0.1:8790');
    expect(cell.get()).toMatchObject({ phase: 'connecting', attempts: 0, url: 'ws://127.0.0.1:8790' });
    const seen: string[] = [];
    const off = cell.onState((s) => seen.push(s.phase));
    cell.patch({ phase: 'connected', connectedAtMs: 1 });
    off();
    cell.patch({ phase: 'reconnecting' });
    expect(seen).toEqual(['connected']);
    expect(cell.get()).toMatchObject({ phase: 'reconnecting', connectedAtMs: 1, url: 'ws://127.0.0.1:8790' });
  });
});
