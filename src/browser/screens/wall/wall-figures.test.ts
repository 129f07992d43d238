import { describe, expect, it } from 'vitest';
import { todayEnergies } from '../../history/today';
import {
  connectorGrid,
  feederLoadings,
  freshnessByKind,
  INPUTS,
  SessionsToday,
  type TileId,
  tileState,
  topLoadedFeeders,
  wallKpis,
} from './wall-figures';
import { config, filledStore, T0 } from './wall-test-fixture';

const TILES: TileId[] = ['load', 'consumption', 'pv', 'clean', 'co2', 'chargers'];

function kpisOf(store: ReturnType<typeof filledStore>['store'], year: { sc: number; cq: number } | null = null) {
  const snap = store.getSnapshot();
  return wallKpis({
    snapshot: snap,
    config,
    today: todayEnergies({ sc: snap.today.sc, cq: snap.today.cq }, snap.dayStartMs, null),
    peakToday: null,
    yearPvKwh: year,
  });
}

const delayedTiles = (store: ReturnType<typeof filledStore>['store']) => {
  const fresh = freshnessByKind(store.getSnapshot());
  return TILES.filter((id) => tileState(fresh, INPUTS[id]).kind === 'delayed');
};

describe('tile freshness', () => {
  it('all live: no tile delayed', () => {
    const { store } = filledStore();
    expect(delayedTiles(store)).toEqual([]);
  });
  it('a silent PV site greys exactly the tiles that count PV, with its last good time', () => {
    const pv = config.pvSites[3]!.id;
    const { store } = filledStore({ silent: [pv] });
    expect(delayedTiles(store)).toEqual(['load', 'consumption', 'pv', 'clean', 'co2']);
    const st = tileState(freshnessByKind(store.getSnapshot()), INPUTS.pv);
    expect(st).toEqual({ kind: 'delayed', late: [{ kind: 'pv', count: 1, configured: 100 }], lastGoodMs: T0 });
  });
  it('a silent charging station greys only the chargers tile', () => {
    const { store } = filledStore({ silent: [config.chargingStations[0]!.id], seconds: 200 });
    expect(delayedTiles(store)).toEqual(['chargers']);
  });
  it('before any data: waiting, not delayed', () => {
    const { store } = filledStore({ seconds: 0 });
    const empty = freshnessByKind({ ...store.getSnapshot(), devices: new Map() });
    expect(tileState(empty, INPUTS.load)).toEqual({ kind: 'waiting' });
  });
});

describe('wallKpis', () => {
  it('every figure is a finite number when all devices report', () => {
    const { store } = filledStore();
    const k = kpisOf(store, { sc: 1e6, cq: 2e6 });
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
    ]) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v as number).toBeGreaterThanOrEqual(0);
    }
    // Load = Σ feeder heads + Σ PV (40 × 2 MW + half of the installed kWp).
    const kwp = config.pvSites.reduce((a, p) => a + p.kWp, 0);
    expect(k.loadNowKw).toBeCloseTo(40 * 2000 + kwp * 0.5, 3);
    // Year CO₂ from each province's own factor.
    expect(k.co2AvoidedYearKg).toBeCloseTo(1e6 * 0.1404 + 2e6 * 0.5227, 3);
    const total = config.chargingStations.reduce((a, c) => a + c.connectors.length, 0);
    expect(k.connectors.total).toBe(total);
    expect(k.connectors.known).toBe(total);
    expect(k.connectors.byState.charging).toBeGreaterThan(0);
  });
  it('says "unavailable" (null) for this year without history, never 0', () => {
    const { store } = filledStore();
    expect(kpisOf(store).co2AvoidedYearKg).toBeNull();
  });
  it('PV standby at night (a few kW negative) shows as 0, not a negative output', () => {
    const { store } = filledStore();
    const snap = store.getSnapshot();
    const night = {
      ...snap,
      balance: { ...snap.balance, sc: { ...snap.balance.sc, pvKw: -3 }, cq: { ...snap.balance.cq, pvKw: -2 } },
    };
    const k = wallKpis({
      snapshot: night,
      config,
      today: todayEnergies({ sc: snap.today.sc, cq: snap.today.cq }, snap.dayStartMs, null),
      peakToday: null,
      yearPvKwh: null,
    });
    expect(k.pvNowKw).toBe(0);
  });
  it('a live value above the recorded peak becomes the peak, at now', () => {
    const { store, nowMs } = filledStore();
    const snap = store.getSnapshot();
    const k = wallKpis({
      snapshot: snap,
      config,
      today: todayEnergies({ sc: snap.today.sc, cq: snap.today.cq }, snap.dayStartMs, null),
      peakToday: { kw: 1, atMs: T0 },
      yearPvKwh: null,
    });
    expect(k.peakToday?.atMs).toBe(nowMs);
  });
});

describe('feeders and connectors', () => {
  it('ranks feeders by loading and marks a silent one as unknown', () => {
    const silent = config.feeders[0]!.id;
    const { store } = filledStore({
      silent: [silent],
      feederPKw: (id) => (id === config.feeders[5]!.id ? 6000 : 2000),
    });
    const all = feederLoadings(store.getSnapshot(), config);
    expect(all.find((f) => f.id === silent)).toMatchObject({ live: false, loadingPct: null, state: null });
    const top = topLoadedFeeders(all, 10);
    expect(top).toHaveLength(10);
    expect(top[0]!.id).toBe(config.feeders[5]!.id);
    expect(top.every((f) => f.id !== silent)).toBe(true);
  });
  it('shows every configured connector; a silent station’s connectors are unknown', () => {
    const st = config.chargingStations[1]!;
    const { store } = filledStore({ silent: [st.id], seconds: 200 });
    const grid = connectorGrid(store.getSnapshot(), config);
    expect(grid).toHaveLength(config.chargingStations.length);
    expect(grid[1]!.cells.every((c) => c.state === 'unknown')).toBe(true);
    expect(grid[0]!.cells.some((c) => c.state === 'charging')).toBe(true);
  });
});

describe('SessionsToday', () => {
  it('counts sessions started since first sight today', () => {
    const { store } = filledStore({ seconds: 0 });
    const s = new SessionsToday();
    expect(s.update(store.getSnapshot()).sessions).toBe(0);
    const later = filledStore({ seconds: 90 });
    // Same tracker, later snapshot: each of 30 stations advanced by 3 sessions.
    const first = s.update(later.store.getSnapshot());
    expect(first.sessions).toBe(30 * 3);
    expect(first.sinceMs).toBe(T0);
  });
});
