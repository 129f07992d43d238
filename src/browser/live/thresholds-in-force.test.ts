import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../core/config/area-schema';
import type { LiveStatus } from '../../core/contract/live-core';
import { loadingState } from '../../core/domain/loading';
import { areaThresholdsInForce, selectThresholdsInForce, ThresholdsInForceStore } from './thresholds-in-force';

const area = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'area.json');
const fromArea = areaThresholdsInForce(area.thresholds);
const T0 = Date.UTC(2026, 0, 15, 4);

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
  it('follows the statuses its reader validated and notifies on a change only', () => {
    const store = new ThresholdsInForceStore(area.thresholds);
    let notified = 0;
    store.subscribe(() => notified++);
    store.update(null);
    expect(store.getSnapshot()).toEqual(fromArea);
    expect(notified).toBe(0);

    store.update(status(changed));
    expect(store.getSnapshot()).toEqual({ source: 'live', ...changed });
    expect(notified).toBe(1);
    const first = store.getSnapshot();
    store.update({ ...status(changed), ts: T0 + 1000 });
    expect(store.getSnapshot()).toBe(first);
    // The Last Will carries no thresholds: the last ones stay.
    store.update(status(undefined, 'offline'));
    expect(store.getSnapshot()).toBe(first);
    expect(notified).toBe(1);
  });
});
