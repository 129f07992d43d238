import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../../core/config/area-schema';
import { joinCurve } from '../../history/curve-join';
import { buildAreaByProvinceOption, buildFeederCurvesOption } from './dispatch-charts';
import {
  buildConnectorRows,
  buildFeederRows,
  connectorSources,
  feederSources,
  type RowDeviceView,
  updateDailyPeak,
} from './dispatch-rows';
import { emptyRowsCache } from './rows-cache';

const area = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'area.json');
const T0 = Date.UTC(2026, 0, 15, 4);
const DAY0 = Date.UTC(2026, 0, 14, 16); // Shanghai midnight of the 15th

function feederView(
  id: string,
  ts: number,
  pKw: number,
  freshness: RowDeviceView['freshness'] = 'live',
): RowDeviceView {
  return {
    id,
    lastTs: ts,
    freshness,
    latest: { ts, pKw, qKvar: pKw * 0.3, iA: pKw / 17, uKv: 10.3, eImportKwh: 0, eExportKwh: 0 },
  };
}

describe('feeder rows', () => {
  const sources = feederSources(area);
  const f = area.feeders[0]!;
  const thresholds = area.thresholds;

  it('computes loading, power factor and state, and keeps row and array identity when nothing changed', () => {
    const rated = f.ratedMva * 1000;
    const views = new Map([[f.id, feederView(f.id, T0, (rated * 0.9) / Math.hypot(1, 0.3))]]);
    const a = buildFeederRows(emptyRowsCache(), sources, { thresholds, views, peaks: new Map() });
    const row = a.rows[0]!;
    expect(row.id).toBe(f.id);
    expect(row.loadingPct).toBeCloseTo(90, 0);
    expect(row.state).toBe('heavy');
    expect(row.powerFactor).toBeCloseTo(1 / Math.hypot(1, 0.3));
    expect(a.rows[1]!.state).toBe('no-data');
    const b = buildFeederRows(a, sources, { thresholds, views: new Map(views), peaks: new Map() });
    expect(b).toBe(a);
    // One feeder changes: only its row object is new.
    const views2 = new Map(views).set(area.feeders[1]!.id, feederView(area.feeders[1]!.id, T0, 100));
    const c = buildFeederRows(b, sources, { thresholds, views: views2, peaks: new Map() });
    expect(c.rows).not.toBe(b.rows);
    expect(c.rows[0]).toBe(b.rows[0]);
    expect(c.rows[1]).not.toBe(b.rows[1]);
  });

  it('a feeder seeded from the substation snapshot shows its P, loading and state, not the rest of a reading', () => {
    const seeded = { pKw: 4321, loadingPct: 95, lastTs: T0 };
    const views = new Map([[f.id, { id: f.id, lastTs: T0, freshness: 'live' as const, latest: null, seeded }]]);
    const row = buildFeederRows(emptyRowsCache(), sources, { thresholds, views, peaks: new Map() }).rows[0]!;
    expect(row.pKw).toBe(4321);
    expect(row.loadingPct).toBe(95);
    expect(row.state).toBe('heavy');
    expect(row.lastTs).toBe(T0);
    expect([row.qKvar, row.iA, row.uKv, row.powerFactor]).toEqual([null, null, null, null]);
  });

  it('rebuilds every row with new thresholds in force, though no device reported since', () => {
    const rated = f.ratedMva * 1000;
    const views = new Map([[f.id, feederView(f.id, T0, (rated * 0.9) / Math.hypot(1, 0.3))]]);
    const a = buildFeederRows(emptyRowsCache(), sources, { thresholds, views, peaks: new Map() });
    expect(a.rows[0]!.state).toBe('heavy');
    // An administrator lowered the overload limit below this feeder's 90 %.
    const lowered = { heavyLoadingPct: 70, overloadLoadingPct: 85 };
    const b = buildFeederRows(a, sources, { thresholds: lowered, views, peaks: new Map() });
    expect(b.rows[0]!.state).toBe('overload');
    expect(b.rows[0]!.stateRank).toBeLessThan(a.rows[0]!.stateRank);
    expect(buildFeederRows(b, sources, { thresholds: lowered, views, peaks: new Map() })).toBe(b);
  });

  it('says stale and offline before any loading state', () => {
    const views = new Map([[f.id, feederView(f.id, T0, 99_999, 'stale')]]);
    expect(buildFeederRows(emptyRowsCache(), sources, { thresholds, views, peaks: new Map() }).rows[0]!.state).toBe(
      'stale',
    );
    views.set(f.id, feederView(f.id, T0, 99_999, 'offline'));
    expect(buildFeederRows(emptyRowsCache(), sources, { thresholds, views, peaks: new Map() }).rows[0]!.state).toBe(
      'offline',
    );
  });

  it("tracks today's peak and its time, and starts again at local midnight", () => {
    let p = updateDailyPeak(undefined, T0, 100, DAY0);
    p = updateDailyPeak(p, T0 + 1, 150, DAY0);
    p = updateDailyPeak(p, T0 + 2, 120, DAY0);
    expect(p).toEqual({ dayStartMs: DAY0, peakKw: 150, atMs: T0 + 1 });
    expect(updateDailyPeak(p, DAY0 - 1, 999, DAY0)).toBe(p); // yesterday's sample does not count
    const next = updateDailyPeak(p, DAY0 + 86_400_000 + 5, 10, DAY0 + 86_400_000);
    expect(next).toEqual({ dayStartMs: DAY0 + 86_400_000, peakKw: 10, atMs: DAY0 + 86_400_000 + 5 });
  });
});

describe('connector rows', () => {
  it('one row per connector with a stable id, state from the station telemetry', () => {
    const st = area.chargingStations[0]!;
    const views = new Map<string, RowDeviceView>([
      [
        st.id,
        {
          id: st.id,
          lastTs: T0,
          freshness: 'live',
          latest: {
            ts: T0,
            pKw: 7,
            eKwh: 1,
            sessionsTotal: 1,
            connectors: st.connectors.map((c, i) => ({
              id: c.id,
              state: i === 0 ? 'faulted' : 'available',
              pKw: 0,
              sessionKwh: 0,
            })),
          },
        },
      ],
    ]);
    const rows = buildConnectorRows(emptyRowsCache(), connectorSources(area), views).rows;
    expect(rows.length).toBe(area.chargingStations.reduce((s, c) => s + c.connectors.length, 0));
    expect(rows[0]).toMatchObject({ id: `${st.id}/${st.connectors[0]!.id}`, state: 'faulted' });
    expect(rows[1]!.state).toBe('available');
    expect(rows.at(-1)!.state).toBe('no-data');
  });
});

describe('chart options', () => {
  const labels = { p: 'P', i: 'I', u: 'U', loading: 'L', history: 'h', live: 'l' };
  const palette = { load: '#1', textMuted: '#3', grid: '#4', heavy: '#5', overload: '#6' };

  it('joins history to the live tail without drawing the same minutes twice', () => {
    expect(
      joinCurve(
        [
          [0, 1],
          [60, 2],
          [120, 3],
        ],
        [
          [100, 9],
          [105, 8],
        ],
        { handover: 'beforeLive', gaps: true },
      ),
    ).toEqual([
      [0, 1],
      [60, 2],
      [100, 9],
      [105, 8],
    ]);
  });

  it('feeder curves: four linked panels with zoom and pan, loading from I/I_rated in history, limits marked', () => {
    const opt = buildFeederCurvesOption({
      nowMs: T0,
      windowMs: 86_400_000,
      history: { pKw: [[T0 - 120_000, 500]], iA: [[T0 - 120_000, 202]], uKv: [[T0 - 120_000, 10.2]] },
      live: { pKw: [[T0, 600]], iA: [[T0, 220]], uKv: [[T0, 10.3]], loadingPct: [[T0, 55]] },
      rating: { ratedA: 404, ratedMva: 7, nominalKv: 10 },
      thresholds: { heavyLoadingPct: 80, overloadLoadingPct: 100, voltageDeviationPct: 7 },
      labels,
      palette,
    });
    const series = opt.series as { data: [number, number | null][]; markLine?: { data: { yAxis: number }[] } }[];
    expect(series).toHaveLength(4);
    expect(series[3]!.data).toEqual([
      [T0 - 120_000, 50],
      [T0, 55],
    ]);
    expect(series[3]!.markLine!.data.map((d) => d.yAxis)).toEqual([80, 100]);
    expect(series[2]!.markLine!.data.map((d) => d.yAxis)).toEqual([9.3, 10.7]);
    const zoom = opt.dataZoom as { type: string; xAxisIndex: number[] }[];
    expect(zoom.map((z) => z.type)).toEqual(['inside', 'slider']);
    expect(zoom[0]!.xAxisIndex).toEqual([0, 1, 2, 3]);
  });

  it('area load: Sichuan and Chongqing stacked, in MW', () => {
    const opt = buildAreaByProvinceOption({
      nowMs: T0,
      windowMs: 3_600_000,
      sc: [[T0, 2000]],
      cq: [[T0, 3000]],
      labels: { sc: '四川', cq: '重庆', unit: 'MW' },
      palette: { sc: '#a', cq: '#b', textMuted: '#c', grid: '#d' },
    });
    const series = opt.series as { name: string; stack: string; data: [number, number][] }[];
    expect(series.map((s) => [s.name, s.stack, s.data[0]![1]])).toEqual([
      ['四川', 'province', 2],
      ['重庆', 'province', 3],
    ]);
  });
});
