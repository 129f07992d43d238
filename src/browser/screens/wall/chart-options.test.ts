import { describe, expect, it } from 'vitest';
import { TEST_PALETTE } from '../../ui/charts/chart-palette-test-fixture';
import { buildCleanGaugeOption } from './clean-gauge-option';
import { buildDayCurveOption } from './day-curve-option';
import {
  buildSchematicPicture,
  FLOW_PERIOD_S,
  flowBand,
  lineSeries,
  schematicKey,
  widthStep,
} from './schematic-option';
import { config } from './wall-test-fixture';

const DAY = Date.UTC(2026, 10, 25, 16);

// biome-ignore lint/suspicious/noExplicitAny: reading back a built option in a test
type Any = any;

describe('buildDayCurveOption', () => {
  const option = buildDayCurveOption({
    dayStartMs: DAY,
    nowMs: DAY + 12 * 3_600_000,
    today: [
      [DAY, 100_000],
      [DAY + 60_000, null],
      [DAY + 120_000, -5],
    ],
    yesterday: [[DAY, 90_000]],
    peak: { kw: 140_000, atMs: DAY + 600_000 },
    labels: { today: '今日', yesterday: '昨日', unit: 'MW', peak: '峰值' },
    color: TEST_PALETTE.load,
    palette: TEST_PALETTE,
  }) as Any;
  it('fixes the axis to the Shanghai day and draws MW, keeping gaps and never negatives', () => {
    expect(option.xAxis.min).toBe(DAY);
    expect(option.xAxis.max).toBe(DAY + 86_400_000);
    const today = option.series[1];
    expect(today.data).toEqual([
      [DAY, 100],
      [DAY + 60_000, null],
      [DAY + 120_000, 0],
    ]);
    expect(option.series[0].lineStyle.type).toBe('dashed');
    expect(today.markPoint.data[0].coord).toEqual([DAY + 600_000, 140]);
    expect(today.markLine.data[0].xAxis).toBe(DAY + 12 * 3_600_000);
  });
  it('labels the axis in Shanghai time whatever the machine zone', () => {
    expect(option.xAxis.axisLabel.formatter(DAY + 3 * 3_600_000)).toBe('03:00');
    expect(option.xAxis.axisLabel.formatter(DAY + 86_400_000)).toBe('24:00');
  });
});

describe('buildCleanGaugeOption', () => {
  it('clamps shares to 0–100 and hides the target marker without a target', () => {
    const o = buildCleanGaugeOption({
      nowPct: 130,
      todayPct: null,
      targetPct: null,
      labels: { now: 'n', today: 't', target: '' },
      palette: TEST_PALETTE,
    }) as Any;
    expect(o.series[0].data[0].value).toBe(100);
    expect(o.series[1].data[0].value).toBe(0);
    expect(o.series[2].pointer.show).toBe(false);
  });
  it('moves its rings in half-point steps, without a tween, so a live share redraws only when a ring moves', () => {
    const at = (nowPct: number) =>
      buildCleanGaugeOption({
        nowPct,
        todayPct: 40,
        targetPct: 50,
        labels: { now: 'n', today: 't', target: '' },
        palette: TEST_PALETTE,
      }) as Any;
    expect(at(41.12).series[0].data[0].value).toBe(41);
    expect(at(41.3).series[0].data[0].value).toBe(41.5);
    expect(at(41.12)).toEqual(at(41.2));
    expect(at(41.12).animation).toBe(false);
  });
});

describe('schematic', () => {
  const feeders = config.feeders.map((f, i) => ({
    id: f.id,
    state: i === 0 ? ('overload' as const) : i === 1 ? ('heavy' as const) : i === 2 ? null : ('normal' as const),
    band: flowBand(i === 0 ? 105 : 50),
    widthStep: widthStep(i === 0 ? 105 : 50),
    reverse: i === 3,
  }));
  const subs = config.substations.map((s) => ({ id: s.id, band: 'mid' as const, widthStep: 3, live: true }));
  const input = {
    config,
    feeders,
    substations: subs,
    lang: 'zh' as const,
    labels: { heavy: '重载', overload: '过载', noData: '无实时数据', sc: '四川', cq: '重庆' },
    palette: TEST_PALETTE,
  };
  const picture = buildSchematicPicture(input);
  const o = picture.option as Any;
  const nodes = o.series[o.series.length - 1].data as Any[];
  const nodeOf = (id: string) => nodes[config.substations.length + config.feeders.findIndex((f) => f.id === id)];

  it("a region's thousands of stations: small unlabelled marks, no flow dots, the 220 kV names kept", () => {
    const small = config.substations.find((x) => x.voltageKv === 110)!;
    const many = Array.from({ length: 60 }, (_, i) => ({ ...small, id: `crowd-${i}`, x: 10 + i * 15 }));
    const crowdConfig = {
      ...config,
      substations: [...config.substations, ...many],
      links: [...config.links, ...many.map((m) => ({ from: config.links[0]!.from, to: m.id, voltageKv: 110 }))],
      feeders: [],
    };
    const p = buildSchematicPicture({
      ...input,
      config: crowdConfig,
      feeders: [],
      substations: crowdConfig.substations.map((x) => ({ id: x.id, band: 'mid' as const, widthStep: 3, live: true })),
    });
    expect(p.flows).toEqual([]);
    const o = p.option as Any;
    // Named nodes: the 220 kV stations only.
    const named = (o.series[o.series.length - 1].data as Any[]).filter((n) => n.label?.show).map((n) => n.name);
    expect(named).toEqual(config.substations.filter((x) => x.voltageKv >= 220).map((x) => x.name.zh));
    // Every 110 kV station a mark in one large-mode series per colour.
    const marks = (o.series as Any[]).filter((x) => x.type === 'scatter' && x.large);
    expect(marks.reduce((a, x) => a + x.data.length, 0)).toBe(
      crowdConfig.substations.filter((x) => x.voltageKv < 220).length,
    );
  });

  it('a region with many 220 kV stations names none of them either', () => {
    const big = config.substations.find((x) => x.voltageKv >= 220)!;
    const many = Array.from({ length: 60 }, (_, i) => ({ ...big, id: `crowd220-${i}`, x: 10 + i * 15 }));
    const crowdConfig = { ...config, substations: [...config.substations, ...many], feeders: [] };
    const p = buildSchematicPicture({
      ...input,
      config: crowdConfig,
      feeders: [],
      substations: crowdConfig.substations.map((x) => ({ id: x.id, band: 'mid' as const, widthStep: 3, live: true })),
    });
    const o = p.option as Any;
    expect((o.series[o.series.length - 1].data as Any[]).filter((n) => n.label?.show)).toEqual([]);
    const marks = (o.series as Any[]).filter((x) => x.type === 'scatter' && x.large);
    expect(marks.reduce((a, x) => a + x.data.length, 0)).toBe(crowdConfig.substations.length);
  });

  it('shapes and labels feeders by state, not colour alone', () => {
    expect(nodeOf(config.feeders[0]!.id).symbol).toBe('diamond');
    expect(nodeOf(config.feeders[0]!.id).label.formatter).toContain('过载');
    expect(nodeOf(config.feeders[1]!.id).symbol).toBe('triangle');
    expect(nodeOf(config.feeders[2]!.id).symbol).toBe('emptyCircle');
    expect(nodeOf(config.feeders[2]!.id).label.show).toBe(false);
    expect(nodeOf(config.feeders[4]!.id).label.show).toBe(false);
  });
  it('draws the 110 kV chain as two circuits, the 220 kV tie once, and places nodes at area.json positions', () => {
    const chainLinks = config.links.filter(
      (l) => l.voltageKv === 110 && !l.from.endsWith('220') && !l.to.endsWith('220'),
    );
    const doubled = picture.lines.filter((l) => l.lineStyle.width === 2 && l.lineStyle.opacity === 0.7);
    expect(doubled).toHaveLength(chainLinks.length * 2);
    expect(nodes[0].value).toEqual([config.substations[0]!.x, config.substations[0]!.y]);
  });
  it('flows faster on busier lines and reversed for an exporting feeder; the chart itself draws nothing that moves', () => {
    expect(FLOW_PERIOD_S.low).toBeGreaterThan(FLOW_PERIOD_S.mid);
    expect(FLOW_PERIOD_S.mid).toBeGreaterThan(FLOW_PERIOD_S.high);
    const high = picture.flows.filter((f) => f.band === 'high');
    expect(high).toHaveLength(1); // the overloaded feeder
    const f0 = config.feeders[0]!;
    expect(high[0]!.coords[1]).toEqual([f0.x, f0.y]);
    const f3 = config.feeders[3]!;
    expect(picture.flows.find((f) => f.coords[0][0] === f3.x && f.coords[0][1] === f3.y)).toBeDefined();
    // No feeder without live data flows.
    const f2 = config.feeders[2]!;
    expect(picture.flows.some((f) => f.coords.some(([x, y]) => x === f2.x && y === f2.y))).toBe(false);
    expect(o.series.some((s: Any) => s.effect)).toBe(false);
  });
  it('its key changes only when the picture does', () => {
    const k1 = schematicKey(feeders, subs);
    expect(
      schematicKey(
        feeders.map((f) => ({ ...f })),
        subs,
      ),
    ).toBe(k1);
    expect(schematicKey([{ ...feeders[0]!, state: 'normal' }, ...feeders.slice(1)], subs)).not.toBe(k1);
    expect(flowBand(null)).toBe('low');
    expect(widthStep(null)).toBe(1);
    expect(widthStep(300)).toBe(5);
  });
});

describe('schematic line series', () => {
  const a = { width: 2, color: 'A', opacity: 0.5 };
  const b = { width: 4, color: 'B', opacity: 0.9, type: 'dashed' as const };
  const series = lineSeries(
    [
      {
        coords: [
          [0, 0],
          [10, 0],
        ],
        lineStyle: a,
      },
      {
        coords: [
          [0, 5],
          [10, 5],
        ],
        lineStyle: b,
      },
      {
        coords: [
          [20, 0],
          [30, 0],
        ],
        lineStyle: { ...a },
      },
    ],
    0,
  );
  it('draws each style once, every segment ended by an empty point so none joins the next', () => {
    expect(series).toHaveLength(2);
    expect(series[0]!.data).toEqual([
      [0, 0],
      [10, 0],
      ['-', '-'],
      [20, 0],
      [30, 0],
      ['-', '-'],
    ]);
    expect(series[0]!.lineStyle).toEqual({ type: 'solid', ...a });
    expect(series[1]!.lineStyle.type).toBe('dashed');
    expect(series.every((s) => s.symbol === 'none' && !s.connectNulls && s.silent)).toBe(true);
  });
});
