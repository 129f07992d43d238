import { describe, expect, it } from 'vitest';
import { DataClock } from '../../core/contract/data-clock';
import { PUBLIC_RELIABILITY_FILTERS } from '../../core/contract/live-core';
import { liveOutagesSchema, liveReliabilitySchema, reliabilityTopics } from '../../core/contract/reliability';
import { topicMatches } from '../../core/contract/topic-match';
import { LiveReliabilityStore, RELIABILITY_STALE_AFTER_MS } from './live-reliability-store';
import { deliverPayload, recordingSource } from './live-source-fixture';
import { manualTimers } from './manual-timers-fixture';
import { encodeJson, liveOutages, liveReliability, outageRecord, T0_MS } from './reliability-fixture';

function setup() {
  const timers = manualTimers(T0_MS + 120_000);
  const store = new LiveReliabilityStore(new DataClock(timers.now), timers.options);
  const src = recordingSource();
  store.start(src.source);
  return { store, subscribed: src.filters, advance: timers.advance };
}

describe('LiveReliabilityStore', () => {
  it('subscribes to exactly the public reliability filters, which cover the contract topics', () => {
    const { subscribed } = setup();
    expect(subscribed.sort()).toEqual([...PUBLIC_RELIABILITY_FILTERS].sort());
    for (const topic of [
      reliabilityTopics.outages,
      reliabilityTopics.indicators('area'),
      reliabilityTopics.indicators('cq'),
    ])
      expect(subscribed.some((f) => topicMatches(f, topic))).toBe(true);
    // The records stream carries every change: not the wall's.
    expect(subscribed.some((f) => topicMatches(f, reliabilityTopics.records))).toBe(false);
  });

  it('the fixtures pass the contract schemas', () => {
    expect(liveOutagesSchema.safeParse(liveOutages([outageRecord({ state: 'tripped' })])).success).toBe(true);
    expect(liveReliabilitySchema.safeParse(liveReliability()).success).toBe(true);
  });

  it('keeps the latest outages and indicators; an older retained list never replaces a newer one', () => {
    const { store } = setup();
    expect(store.getSnapshot().freshness).toBe('waiting');
    deliverPayload(
      store.handle,
      reliabilityTopics.outages,
      encodeJson(liveOutages([outageRecord({ state: 'tripped' })], T0_MS + 5_000)),
    );
    deliverPayload(store.handle, reliabilityTopics.outages, encodeJson(liveOutages([], T0_MS + 1_000)));
    expect(store.getSnapshot().outages?.outages.map((o) => o.state)).toEqual(['tripped']);
    deliverPayload(store.handle, reliabilityTopics.indicators('area'), encodeJson(liveReliability()));
    expect(store.getSnapshot().indicators.area?.yearToDate.faults).toBe(3);
    expect(store.getSnapshot().freshness).toBe('live');
  });

  it('rejects what is not the contract, counts it by reason and keeps the last good', () => {
    const { store } = setup();
    deliverPayload(store.handle, reliabilityTopics.indicators('area'), encodeJson(liveReliability()));
    deliverPayload(store.handle, reliabilityTopics.indicators('area'), new TextEncoder().encode('{nope'));
    deliverPayload(store.handle, reliabilityTopics.indicators('sc'), encodeJson(liveReliability({ scope: 'cq' })));
    const badRs1 = liveReliability();
    badRs1.yearToDate.all.rs1Pct = 101;
    deliverPayload(store.handle, reliabilityTopics.indicators('area'), encodeJson(badRs1));
    deliverPayload(
      store.handle,
      `${reliabilityTopics.indicators('area').slice(0, -4)}xx`,
      encodeJson(liveReliability()),
    );
    const s = store.getSnapshot();
    expect(s.rejected).toEqual({ 'bad-topic': 1, 'too-large': 0, 'not-json': 1, schema: 2 });
    expect(s.indicators.area?.yearToDate.all.rs1Pct).toBe(99.9997);
    expect(s.indicators.sc).toBeUndefined();
  });

  it('says stale when the indicators stop (three missed minutes), live again when they resume', () => {
    const { store, advance } = setup();
    deliverPayload(store.handle, reliabilityTopics.indicators('area'), encodeJson(liveReliability()));
    advance(RELIABILITY_STALE_AFTER_MS - 10_000);
    expect(store.getSnapshot().freshness).toBe('live');
    advance(20_000);
    expect(store.getSnapshot().freshness).toBe('stale');
    deliverPayload(
      store.handle,
      reliabilityTopics.indicators('area'),
      encodeJson(liveReliability({ ts: T0_MS + 120_000 + RELIABILITY_STALE_AFTER_MS + 10_000 })),
    );
    expect(store.getSnapshot().freshness).toBe('live');
  });

  it('says stale for a retained message left long ago by a service that is gone', () => {
    const { store } = setup();
    deliverPayload(
      store.handle,
      reliabilityTopics.indicators('area'),
      encodeJson(liveReliability({ ts: T0_MS + 120_000 - RELIABILITY_STALE_AFTER_MS - 1 })),
    );
    expect(store.getSnapshot().freshness).toBe('stale');
  });
});
