import { describe, expect, it } from 'vitest';
import { DataClock } from '../../core/contract/data-clock';
import { liveTopics, PUBLIC_LIVE_FILTERS, PUBLIC_RELIABILITY_FILTERS } from '../../core/contract/live-core';
import { SIM_CLOCK_TOPIC } from '../../core/contract/topics';
import { encode, liveFigures, liveStatus } from './live-core-fixture';
import { LIVE_CORE_FILTERS, LiveCoreStore } from './live-core-store';
import { deliverPayload, recordingSource } from './live-source-fixture';
import { manualTimers } from './manual-timers-fixture';

function setup() {
  const timers = manualTimers(Date.UTC(2025, 5, 1, 4));
  const store = new LiveCoreStore(new DataClock(timers.now), timers.options);
  const src = recordingSource();
  const stop = store.start(src.source);
  return { store, advance: timers.advance, subscribed: src.filters, stop, now: timers.now };
}

describe('LiveCoreStore', () => {
  it('subscribes to the public live topics and the simulation clock only', () => {
    const { subscribed } = setup();
    expect(subscribed.sort()).toEqual([SIM_CLOCK_TOPIC, ...LIVE_CORE_FILTERS].sort());
    // The reliability topics are the wall's too, but another store's (live-reliability-store.ts).
    expect([...LIVE_CORE_FILTERS, ...PUBLIC_RELIABILITY_FILTERS].sort()).toEqual([...PUBLIC_LIVE_FILTERS].sort());
    expect(subscribed.some((f) => f.includes('/feeder/') || f === 'gaozhu/v1/#')).toBe(false);
  });

  it('keeps the latest figures per scope and publishes at most one snapshot per 100 ms', () => {
    const { store, advance, now } = setup();
    let renders = 0;
    store.subscribe(() => renders++);
    for (let i = 0; i < 20; i++)
      deliverPayload(
        store.handle,
        liveTopics.figures('area'),
        encode(liveFigures({ ts: now() - 10 + i, power: { pvKw: i } })),
      );
    expect(renders).toBe(0);
    advance(100);
    expect(renders).toBe(1);
    const snap = store.getSnapshot();
    expect(snap.figures.area?.power.pvKw).toBe(19);
    expect(snap.health.state).toBe('live');
    // A new snapshot object per commit; the old one is untouched.
    deliverPayload(store.handle, liveTopics.figures('sc'), encode(liveFigures({ ts: now(), scope: 'sc' })));
    advance(100);
    expect(store.getSnapshot()).not.toBe(snap);
    expect(snap.figures.sc).toBeUndefined();
    expect(store.getSnapshot().figures.sc?.scope).toBe('sc');
  });

  it('counts a rejected payload by reason and never draws it', () => {
    const { store, advance, now } = setup();
    deliverPayload(store.handle, liveTopics.figures('area'), encode(liveFigures({ ts: now() })));
    deliverPayload(store.handle, liveTopics.figures('area'), new TextEncoder().encode('{"ts": oops'));
    deliverPayload(
      store.handle,
      liveTopics.figures('area'),
      encode({ ...liveFigures({ ts: now() }), power: { pvKw: 'lots' } }),
    );
    deliverPayload(store.handle, liveTopics.figures('sc'), encode(liveFigures({ ts: now(), scope: 'cq' })));
    deliverPayload(store.handle, 'gaozhu/v1/live/figures/xx', encode(liveFigures({ ts: now() })));
    advance(100);
    const d = store.getSnapshot().diagnostics;
    expect(d.accepted).toBe(1);
    expect(d.rejected).toEqual({ 'bad-topic': 1, 'too-large': 0, 'not-json': 1, schema: 2 });
    expect(d.rejectedTotal).toBe(4);
    expect(d.lastRejected?.topic).toBe('gaozhu/v1/live/figures/xx');
    expect(store.getSnapshot().figures.area?.power.pvKw).toBe(50_000);
    expect(store.getSnapshot().figures.sc).toBeUndefined();
  });

  it('is stale when figures stop for 3 publish intervals, keeping the last good values; offline by its status', () => {
    const { store, advance, now } = setup();
    deliverPayload(store.handle, liveTopics.status, encode(liveStatus({ ts: now(), publishIntervalMs: 1_000 })));
    deliverPayload(store.handle, liveTopics.figures('area'), encode(liveFigures({ ts: now() })));
    advance(100);
    expect(store.getSnapshot().health.state).toBe('live');
    const ts = store.getSnapshot().figures.area?.ts;
    advance(2_900);
    expect(store.getSnapshot().health.state).toBe('live');
    advance(1_000);
    expect(store.getSnapshot().health).toEqual({ state: 'stale', lastFiguresMs: ts });
    expect(store.getSnapshot().figures.area?.power.consumptionKw).toBe(150_000);
    deliverPayload(store.handle, liveTopics.status, encode(liveStatus({ ts: now(), state: 'offline' })));
    advance(100);
    expect(store.getSnapshot().health.state).toBe('offline');
  });

  it('judges retained figures by their data time: a service gone long ago is stale at once', () => {
    const { store, advance, now } = setup();
    deliverPayload(store.handle, liveTopics.figures('area'), encode(liveFigures({ ts: now() - 60_000 })));
    advance(100);
    expect(store.getSnapshot().health.state).toBe('stale');
  });

  it('follows the simulation clock and accumulates the area samples in a bounded ring', () => {
    const { store, advance, now } = setup();
    const world = Date.UTC(2025, 5, 1, 2);
    deliverPayload(store.handle, SIM_CLOCK_TOPIC, encode({ wallMs: now(), worldMs: world, speed: 10 }));
    for (let i = 0; i < 5; i++)
      deliverPayload(
        store.handle,
        liveTopics.figures('area'),
        encode(liveFigures({ ts: world + i * 30_000, power: { consumptionKw: 1_000 * (i + 1) } })),
      );
    advance(100);
    const snap = store.getSnapshot();
    expect(snap.nowMs).toBe(world);
    expect(snap.samples.area('consumptionKw', world + 60_000)).toEqual([
      [world + 60_000, 3_000],
      [world + 90_000, 4_000],
      [world + 120_000, 5_000],
    ]);
    expect(snap.samples.minutes('consumptionKw', world)).toEqual([
      [world, 1_500],
      [world + 60_000, 3_500],
      [world + 120_000, 5_000],
    ]);
  });

  it('keeps substations, stations and the masked alarms when published', () => {
    const { store, advance, now } = setup();
    deliverPayload(
      store.handle,
      liveTopics.substation('sub-sc-01'),
      encode({
        ts: now(),
        substationId: 'sub-sc-01',
        feeders: [{ id: 'fdr-sc-01', pKw: 1_000, loadingPct: 50, state: 'normal', lastTs: now() }],
      }),
    );
    deliverPayload(
      store.handle,
      liveTopics.stations('cq'),
      encode({ ts: now(), province: 'cq', stations: [{ id: 'evc-cq-01', pKw: 10, connectors: 'caf?', held: false }] }),
    );
    advance(100);
    const s = store.getSnapshot();
    expect(s.substations.get('sub-sc-01')?.feeders[0]?.state).toBe('normal');
    expect(s.stations.cq?.stations[0]?.connectors).toBe('caf?');
    expect(s.alarms).toBeNull();
    deliverPayload(store.handle, liveTopics.alarmsPublic, encode({ ts: now(), alarms: [] }));
    advance(100);
    expect(store.getSnapshot().alarms?.alarms).toEqual([]);
  });

  it("a snapshot's substations never change under it: a later message makes a new map, an older snapshot keeps its own", () => {
    const { store, advance, now } = setup();
    const doc = (id: string, pKw: number) =>
      encode({
        ts: now(),
        substationId: id,
        feeders: [{ id: `fdr-${id}`, pKw, loadingPct: 50, state: 'normal', lastTs: now() }],
      });
    deliverPayload(store.handle, liveTopics.substation('sub-sc-01'), doc('sub-sc-01', 1_000));
    advance(100);
    const first = store.getSnapshot().substations;
    deliverPayload(store.handle, liveTopics.substation('sub-sc-01'), doc('sub-sc-01', 2_000));
    deliverPayload(store.handle, liveTopics.substation('sub-sc-02'), doc('sub-sc-02', 3_000));
    advance(100);
    const second = store.getSnapshot().substations;
    expect(second).not.toBe(first);
    expect(first.get('sub-sc-01')?.feeders[0]?.pKw).toBe(1_000);
    expect(first.has('sub-sc-02')).toBe(false);
    expect(second.get('sub-sc-01')?.feeders[0]?.pKw).toBe(2_000);
    expect(second.get('sub-sc-02')?.feeders[0]?.pKw).toBe(3_000);
    // An empty retained message removes a substation in the next snapshot only.
    deliverPayload(store.handle, liveTopics.substation('sub-sc-02'), new Uint8Array());
    advance(100);
    expect(second.has('sub-sc-02')).toBe(true);
    expect(store.getSnapshot().substations.has('sub-sc-02')).toBe(false);
  });
});
