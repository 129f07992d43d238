import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../core/config/area-schema';
import { type LiveStatus, liveTopics } from '../../core/contract/live-core';
import { loadingState } from '../../core/domain/loading';
import { recordingSource } from './live-source-fixture';
import {
  areaThresholdsInForce,
  MAX_STATUS_PAYLOAD_BYTES,
  selectThresholdsInForce,
  ThresholdsInForceStore,
} from './thresholds-in-force';

const area = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'area.json');
const fromArea = areaThresholdsInForce(area.thresholds);
const T0 = Date.UTC(2026, 0, 15, 4);
const enc = (x: unknown) => new TextEncoder().encode(typeof x === 'string' ? x : JSON.stringify(x));

// An administrator's version 3: both loading limits lowered from area.json's, voltage band widened.
const changed = {
  version: 3,
  heavyLoadingPct: area.thresholds.heavyLoadingPct - 10,
  overloadLoadingPct: area.thresholds.overloadLoadingPct - 10,
  voltageDeviationPct: area.thresholds.voltageDeviationPct + 1,
};
const status = (thresholds?: LiveStatus['thresholds'], state: LiveStatus['state'] = 'online'): LiveStatus => ({
  ts: T0,
  state,
  source: 'ok',
  lastDeviceMessageMs: T0,
  publishIntervalMs: 1000,
  ...(thresholds ? { thresholds } : {}),
});

describe('thresholds in force: selection', () => {
  it("is area.json's before any status", () => {
    expect(selectThresholdsInForce(null, fromArea)).toBe(fromArea);
    expect(fromArea).toEqual({
      source: 'area',
      version: null,
      heavyLoadingPct: area.thresholds.heavyLoadingPct,
      overloadLoadingPct: area.thresholds.overloadLoadingPct,
      voltageDeviationPct: area.thresholds.voltageDeviationPct,
    });
  });

  it("is the live status's once one carries thresholds, and the same object while they stay", () => {
    const live = selectThresholdsInForce(status(changed), fromArea);
    expect(live).toEqual({ source: 'live', ...changed });
    expect(selectThresholdsInForce(status({ ...changed }), live)).toBe(live);
    // Version 0 from the service is still the service's word (source live), equal in values to area.json's.
    const v0 = { version: 0, ...area.thresholds };
    expect(selectThresholdsInForce(status(v0), live)).toMatchObject({ source: 'live', version: 0 });
  });

  it('keeps the last received through a status without thresholds (the Last Will)', () => {
    const live = selectThresholdsInForce(status(changed), fromArea);
    expect(selectThresholdsInForce(status(undefined, 'offline'), live)).toBe(live);
    expect(selectThresholdsInForce(status(undefined, 'offline'), fromArea)).toBe(fromArea);
  });

  it('moves a loading between the new and the old overload limit into overload (the one loading rule)', () => {
    const live = selectThresholdsInForce(status(changed), fromArea);
    const between = (changed.overloadLoadingPct + area.thresholds.overloadLoadingPct) / 2;
    expect(loadingState(between, fromArea)).toBe('heavy');
    expect(loadingState(between, live)).toBe('overload');
  });
});

describe('thresholds in force: store', () => {
  it('reads the status topic, notifies on a change only, and counts what it refuses', () => {
    const store = new ThresholdsInForceStore(area.thresholds);
    const src = recordingSource();
    store.start(src.source);
    expect(src.filters).toEqual([liveTopics.status]);
    expect(store.getSnapshot()).toEqual(fromArea);
    let notified = 0;
    store.subscribe(() => notified++);

    src.deliver(liveTopics.status, enc(status(changed)));
    expect(store.getSnapshot()).toEqual({ source: 'live', ...changed });
    expect(notified).toBe(1);
    const first = store.getSnapshot();
    src.deliver(liveTopics.status, enc({ ...status(changed), ts: T0 + 1000 }));
    expect(store.getSnapshot()).toBe(first);
    expect(notified).toBe(1);

    src.deliver(liveTopics.status, enc('{not json'));
    src.deliver(liveTopics.status, enc({ ...status(changed), thresholds: { ...changed, overloadLoadingPct: -5 } }));
    src.deliver(liveTopics.status, new Uint8Array(MAX_STATUS_PAYLOAD_BYTES + 1));
    expect(store.rejected).toBe(3);
    expect(store.lastRejected).toMatch(/^too large/);
    expect(store.getSnapshot()).toBe(first);
    expect(notified).toBe(1);

    // An empty retained message clears the topic: nothing new is known, the last thresholds stay.
    src.deliver(liveTopics.status, new Uint8Array(0));
    expect(store.getSnapshot()).toBe(first);
    expect(store.rejected).toBe(3);
  });

  it('takes statuses validated elsewhere (the public runtime feeds its live core status)', () => {
    const store = new ThresholdsInForceStore(area.thresholds);
    store.update(null);
    expect(store.getSnapshot()).toEqual(fromArea);
    store.update(status(changed));
    expect(store.getSnapshot()).toMatchObject({ source: 'live', version: 3 });
  });
});
