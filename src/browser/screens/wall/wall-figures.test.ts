import { describe, expect, it } from 'vitest';
import type { KindCoverage, LiveFigures } from '../../../core/contract/live-core';
import {
  connectorGrid,
  feederLoadings,
  freshnessByKind,
  INPUTS,
  rememberHeldSince,
  type TileId,
  tileState,
  topLoadedFeeders,
  wallKpis,
} from './wall-figures';
import { config, type LiveOptions, liveInput, T0 } from './wall-test-fixture';

const TILES: TileId[] = ['load', 'consumption', 'pv', 'clean', 'co2', 'chargers'];

const kpisOf = (opts: LiveOptions = {}, year: { sc: number; cq: number } | null = null) =>
  wallKpis({ figures: liveInput(opts).figures, config, yearPvKwh: year });

const delayedTiles = (opts: LiveOptions = {}) => {
  const live = liveInput(opts);
  const fresh = freshnessByKind(live.figures.area);
  return TILES.filter((id) => tileState(fresh, INPUTS[id], live.health).kind === 'delayed');
};

describe('tile freshness', () => {
  it('all live: no tile delayed', () => {
    expect(delayedTiles()).toEqual([]);
  });
  it('a held PV site greys exactly the tiles that count PV, with its last good time', () => {
    const pv = config.pvSites[3]!.id;
    expect(delayedTiles({ held: [pv] })).toEqual(['load', 'consumption', 'pv', 'clean', 'co2']);
    const st = tileState(freshnessByKind(liveInput({ held: [pv] }).figures.area), INPUTS.pv);
    expect(st).toEqual({ kind: 'delayed', late: [{ kind: 'pv', count: 1, configured: 100 }], lastGoodMs: T0 });
  });
  it('a PV site missing beyond the hold time keeps the last "held since" the wall saw', () => {
    const pv = config.pvSites[3]!.id;
    const fresh = freshnessByKind(liveInput({ missing: [pv] }).figures.area, { pv: T0 - 5_000 });
    expect(tileState(fresh, INPUTS.pv)).toEqual({
      kind: 'delayed',
      late: [{ kind: 'pv', count: 1, configured: 100 }],
      lastGoodMs: T0 - 5_000,
    });
  });
  it('a silent charging station greys only the chargers tile', () => {
    expect(delayedTiles({ held: [config.chargingStations[0]!.id] })).toEqual(['chargers']);
  });
  it('before any data: waiting, not delayed', () => {
    expect(tileState(freshnessByKind(undefined), INPUTS.load)).toEqual({ kind: 'waiting' });
  });
  it('the live service silent: every tile delayed, as of its last figures', () => {
    const health = { state: 'stale' as const, lastFiguresMs: T0 };
    expect(delayedTiles({ health })).toEqual(TILES);
    expect(tileState(freshnessByKind(liveInput().figures.area), INPUTS.chargers, health)).toEqual({
      kind: 'delayed',
      late: [],
      lastGoodMs: T0,
      service: true,
    });
  });
});

describe('wallKpis', () => {
  it('every figure is a finite number when all devices report', () => {
    const k = kpisOf({}, { sc: 1e6, cq: 2e6 });
    for (const v of [
      k.loadNowKw,
      k.pvNowKw,
      k.consumptionTodayKwh,
      k.pvTodayKwh,
      k.cleanNowPct,
      k.cleanTodayPct,
      k.localGreenTodayPct,
      k.co2AvoidedTodayKg,
      k.co2AvoidedYearKg,
      k.coalSavedTodayKg,
      k.evCo2AvoidedTodayKg,
      k.sessionsToday,
    ]) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v as number).toBeGreaterThanOrEqual(0);
    }
    // Load = Σ feeder heads + Σ PV, as the live service computed it (40 × 2 MW).
    expect(k.loadNowKw).toBeCloseTo(40 * 2000, 3);
    // Today's figures are the live core's (counted on the server since midnight), not since page load.
    expect(k.consumptionTodayKwh).toBe(1_200_000);
    expect(k.sessionsToday).toBe(321);
    expect(k.peakToday).toEqual({ kw: 180_000, atMs: liveInput().figures.area!.today.peakAtMs });
    // Year CO₂ from each province's own factor.
    expect(k.co2AvoidedYearKg).toBeCloseTo(1e6 * 0.1404 + 2e6 * 0.5227, 3);
    expect(k.connectors).toEqual({
      total: 100,
      known: 100,
      byState: { charging: 40, available: 55, faulted: 3, unavailable: 2 },
    });
    expect(k.provinceToday.sc?.ePvKwh).toBe(200_000);
  });
  it('says from when the sessions count: the server’s first sight of the counters, else the energies’ start', () => {
    const live = liveInput();
    const area = live.figures.area!;
    const since = area.today.dayStartMs + 15 * 3_600_000;
    const withSince = { ...live.figures, area: { ...area, today: { ...area.today, evSessionsCountedSinceMs: since } } };
    expect(wallKpis({ figures: withSince, config, yearPvKwh: null }).sessionsSinceMs).toBe(since);
    // A server that does not say (older contract): the energies' counted-since stands in.
    expect(kpisOf().sessionsSinceMs).toBe(area.today.countedSinceMs);
  });
  it('says "unavailable" (null) for this year without history, never 0', () => {
    expect(kpisOf().co2AvoidedYearKg).toBeNull();
  });
  it('PV standby at night (a few kW negative) shows as 0, not a negative output', () => {
    expect(kpisOf({ power: { pvKw: -5 } }).pvNowKw).toBe(0);
  });
  it('no figures yet: nothing is a number', () => {
    const k = wallKpis({ figures: {}, config, yearPvKwh: null });
    expect([k.loadNowKw, k.pvNowKw, k.consumptionTodayKwh, k.peakToday, k.sessionsToday]).toEqual(Array(5).fill(null));
  });
});

describe('feeders and connectors', () => {
  it('ranks feeders by loading and marks a missing one as unknown', () => {
    const missing = config.feeders[0]!.id;
    const live = liveInput({ missing: [missing], feederLoadingPct: (id) => (id === config.feeders[5]!.id ? 90 : 40) });
    const all = feederLoadings(live.substations, config, config.thresholds);
    expect(all.find((f) => f.id === missing)).toMatchObject({ live: false, loadingPct: null, state: null });
    expect(all.find((f) => f.id === config.feeders[5]!.id)).toMatchObject({ live: true, state: 'heavy' });
    const top = topLoadedFeeders(all, 10);
    expect(top).toHaveLength(10);
    expect(top[0]!.id).toBe(config.feeders[5]!.id);
    expect(top.every((f) => f.id !== missing)).toBe(true);
  });
  it('a held feeder keeps its last good value, not live', () => {
    const held = config.feeders[2]!.id;
    const f = feederLoadings(liveInput({ held: [held] }).substations, config, config.thresholds).find(
      (x) => x.id === held,
    );
    expect(f).toMatchObject({ live: false, pKw: 2000, loadingPct: 40, state: 'normal', serverState: 'held' });
  });
  it('judges a held feeder against the thresholds in force, not area.json’s', () => {
    const held = config.feeders[2]!.id;
    // Its last good 40 %: normal by area.json, overloaded after an administrator's limit of 35 %.
    const lowered = { heavyLoadingPct: 30, overloadLoadingPct: 35 };
    const f = feederLoadings(liveInput({ held: [held] }).substations, config, lowered).find((x) => x.id === held);
    expect(f).toMatchObject({ loadingPct: 40, state: 'overload', serverState: 'held' });
  });
  it('shows every configured connector; a missing station’s connectors are unknown', () => {
    const st = config.chargingStations[1]!;
    const grid = connectorGrid(liveInput({ missing: [st.id] }).stations, config);
    expect(grid).toHaveLength(config.chargingStations.length);
    expect(grid[1]!.cells.every((c) => c.state === 'unknown')).toBe(true);
    expect(grid[0]!.cells.some((c) => c.state === 'charging')).toBe(true);
    expect(grid[0]!.cells.some((c) => c.state === 'available')).toBe(true);
  });
});

describe('rememberHeldSince', () => {
  const cov = (over: Partial<KindCoverage> = {}): KindCoverage => ({
    configured: 10,
    live: 10,
    held: 0,
    missing: 0,
    heldSinceMs: null,
    ...over,
  });
  const figures = (feeder: KindCoverage) =>
    ({ coverage: { feeder, pv: cov(), charger: cov() } }) as unknown as LiveFigures;

  it('keeps a held-since through held → missing, forgets it when all are live, and is the same object meanwhile', () => {
    const held = rememberHeldSince({}, figures(cov({ live: 8, held: 2, heldSinceMs: T0 })));
    expect(held).toEqual({ feeder: T0 });
    // Beyond the hold time the server says "missing" without a time: the wall still knows since when.
    const missing = rememberHeldSince(held, figures(cov({ live: 8, missing: 2 })));
    expect(missing).toBe(held);
    expect(freshnessByKind(figures(cov({ live: 8, missing: 2 })), missing).feeder.lastGoodMs).toBe(T0);
    expect(rememberHeldSince(missing, figures(cov()))).toEqual({});
    expect(rememberHeldSince(held, undefined)).toBe(held);
  });
});
