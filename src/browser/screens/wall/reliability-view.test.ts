import { describe, expect, it } from 'vitest';
import type { AreaConfig } from '../../../core/config/area-schema';
import type { ReliabilitySnapshot } from '../../live/live-reliability-store';
import { liveOutages, liveReliability, outageRecord, T0_MS } from '../../live/reliability-fixture';
import { outageLine, wallDuration, wallReliabilityView } from './reliability-view';
import { buildSchematicPicture } from './schematic-option';

const feeder = (id: string, zh: string, en: string, x: number, sections = 4) =>
  ({
    id,
    name: { zh, en },
    province: 'sc',
    substationId: 'sub-a',
    x,
    y: 420,
    sections: Array.from({ length: sections }, () => ({})),
  }) as unknown as AreaConfig['feeders'][number];

const config = {
  feeders: [
    feeder('feeder-a', '高滩7号线（居民）', 'Gaotan 7 (residential)', 170),
    feeder('tie-feeder', '坛同1号线', 'Tantong 1', 190),
  ],
  targets: { rs1PctByYear: { '2026': 99.975 }, saidiMinByYear: { '2026': 131 } },
} as unknown as Pick<AreaConfig, 'feeders' | 'targets'>;

const snap = (o: Partial<ReliabilitySnapshot> = {}): ReliabilitySnapshot => ({
  outages: null,
  indicators: { area: liveReliability() },
  freshness: 'live',
  nowMs: T0_MS,
  rejected: { 'bad-topic': 0, 'too-large': 0, 'not-json': 0, schema: 0 },
  lastRejected: null,
  ...o,
});

describe('wall reliability figures', () => {
  it("this year's RS-1 and SAIDI against the area's targets, with the verdict in words", () => {
    const v = wallReliabilityView(snap(), config, 'zh');
    expect(v.year).toBe(2026);
    expect(v.state).toEqual({ kind: 'live' });
    expect(v.rs1).toEqual({ value: '99.9997', unit: '%', sub: '目标 ≥ 99.975% · ✓ 达标', verdict: 'meets' });
    expect(v.saidi).toMatchObject({
      value: '0.15',
      unit: '分钟',
      sub: '全年目标 ≤ 131 分钟 · ✓ 达标',
      verdict: 'meets',
    });
    expect(v.selfHealed).toMatchObject({ value: '2', sub: '/ 3 次故障' });
    expect(v.meanHealing).toMatchObject({ value: '65', unit: '秒' });
    const en = wallReliabilityView(snap(), config, 'en');
    expect(en.saidi.sub).toBe('target ≤ 131 min/yr · ✓ on target');
    expect(en.selfHealed.sub).toBe('out of 3');
  });

  it('off target says so in words; without targets in the area a dash, no verdict', () => {
    const bad = liveReliability();
    bad.yearToDate.all.rs1Pct = 99.9;
    bad.yearToDate.all.saidiMin = 140;
    const v = wallReliabilityView(snap({ indicators: { area: bad } }), config, 'zh');
    expect(v.rs1).toMatchObject({ value: '99.9000', verdict: 'misses', sub: '目标 ≥ 99.975% · ✗ 未达标' });
    expect(v.saidi).toMatchObject({ value: '140', verdict: 'misses' });
    const none = wallReliabilityView(snap(), { ...config, targets: {} as AreaConfig['targets'] }, 'zh');
    expect(none.rs1).toMatchObject({ sub: '目标 —', verdict: null });
    expect(none.saidi).toMatchObject({ sub: '目标 —', verdict: null });
  });

  it('before any indicators: dashes and waiting, never a zero', () => {
    const v = wallReliabilityView(snap({ indicators: {}, freshness: 'waiting' }), config, 'zh');
    expect(v.state).toEqual({ kind: 'waiting' });
    expect([v.rs1.value, v.saidi.value, v.selfHealed.value, v.meanHealing.value]).toEqual(['—', '—', '—', '—']);
  });

  it('stale indicators: the last ones, marked delayed with their time; outages flagged as possibly old', () => {
    const r = liveReliability();
    const v = wallReliabilityView(
      snap({ indicators: { area: r }, freshness: 'stale', outages: liveOutages([]) }),
      config,
      'zh',
    );
    expect(v.state).toEqual({ kind: 'delayed', late: [], lastGoodMs: r.ts, service: true });
    expect(v.rs1.value).toBe('99.9997');
    expect(v.outagesStale).toBe(true);
    // The live service gone (its Last Will): delayed at once, before the indicators themselves are three minutes old.
    const gone = wallReliabilityView(snap({ outages: liveOutages([]) }), config, 'zh', true);
    expect(gone.state).toMatchObject({ kind: 'delayed', service: true });
    expect(gone.outagesStale).toBe(true);
    expect(wallReliabilityView(snap(), config, 'zh').state).toEqual({ kind: 'live' });
  });

  it('mean self-healing time in the unit a visitor reads: seconds, minutes, hours', () => {
    expect(wallDuration(42, 'zh')).toEqual({ value: '42', unit: '秒' });
    expect(wallDuration(390, 'en')).toEqual({ value: '6.5', unit: 'min' });
    expect(wallDuration(3 * 3600, 'zh')).toEqual({ value: '3.0', unit: '小时' });
    expect(wallDuration(null, 'zh').value).toBe('—');
  });
});

describe('wall outages', () => {
  it('each stage in words: tripped, isolated, self-healed across the tie, planned', () => {
    const tripped = outageRecord({ state: 'tripped', sections: undefined });
    expect(outageLine(tripped, config, 'zh')).toBe('⚡ 高滩7号线 跳闸 · 4 段停电 · 故障定位中');
    const isolated = outageRecord({ state: 'isolated' });
    // The default fixture restores with state 'restored'; an isolated record has every section still out.
    isolated.sections = isolated.sections.map((s) => ({
      ...s,
      restoredAtMs: null,
      restoredVia: null,
      tieFeederId: null,
    }));
    expect(outageLine(isolated, config, 'zh')).toBe('✕ 高滩7号线 第 2 段故障已隔离 · 恢复供电中（4 段停电）');
    const restored = outageRecord({ state: 'restored', crossProvinceTie: true });
    expect(outageLine(restored, config, 'zh')).toBe(
      '↻ 高滩7号线 已自愈：3 段恢复供电（经 坛同1号线 联络·跨省） · 第 2 段抢修中',
    );
    expect(outageLine(restored, config, 'en')).toBe(
      '↻ Gaotan 7 self-healed: 3 sections back via the tie from Tantong 1 (cross-province) · section 2 in repair',
    );
    expect(outageLine(outageRecord({ cause: 'planned', state: 'isolated' }), config, 'zh')).toMatch(
      /^⏸ 高滩7号线 计划停电/,
    );
  });

  it('in progress on the wall, newest first; a repaired outage leaves it', () => {
    const older = outageRecord({ startMs: T0_MS - 3_600_000, state: 'restored' });
    const newer = outageRecord({ feederId: 'tie-feeder', startMs: T0_MS, state: 'tripped', tieFeederId: 'feeder-a' });
    const repaired = outageRecord({ startMs: T0_MS - 7_200_000, state: 'repaired' });
    const v = wallReliabilityView(snap({ outages: liveOutages([older, repaired, newer]) }), config, 'zh');
    expect(v.lines.map((l) => [l.feederId, l.state])).toEqual([
      ['tie-feeder', 'tripped'],
      ['feeder-a', 'restored'],
    ]);
  });

  it('the schematic gets each section: the faulted one out, the head from upstream, the tail across the tie', () => {
    const v = wallReliabilityView(snap({ outages: liveOutages([outageRecord({ state: 'restored' })]) }), config, 'zh');
    expect(v.schematic).toEqual([
      { feederId: 'feeder-a', sections: ['upstream', 'fault', 'tie', 'tie'], tiesFrom: ['tie-feeder'] },
    ]);
    const tripped = wallReliabilityView(
      snap({ outages: liveOutages([outageRecord({ state: 'tripped' })]) }),
      config,
      'zh',
    );
    expect(tripped.schematic[0]?.sections).toEqual(['out', 'out', 'out', 'out']);
    expect(tripped.schematic[0]?.tiesFrom).toEqual([]);
  });

  it('draws the faulted section red and dashed with ✕, the out ones grey dashed, and the tie path', () => {
    const palette = {
      text: '#fff',
      textMuted: '#aaa',
      grid: '#123',
      load: 'LOAD',
      sc: 'SC',
      cq: 'CQ',
      normal: 'NORMAL',
      heavy: 'HEAVY',
      overload: 'RED',
      stale: 'GREY',
      labelBackdrop: 'BACK',
    };
    const {
      option: opt,
      flows,
      lines,
      ties,
    } = buildSchematicPicture({
      config: {
        substations: [{ id: 'sub-a', x: 100, y: 200, voltageKv: 110, name: { zh: '站', en: 'Sub' }, province: 'sc' }],
        feeders: config.feeders,
        links: [],
        provinces: [],
      } as unknown as Parameters<typeof buildSchematicPicture>[0]['config'],
      feeders: [],
      substations: [{ id: 'sub-a', band: 'low', widthStep: 1, live: true }],
      lang: 'zh',
      labels: { heavy: '重载', overload: '过载', noData: '无', sc: '川', cq: '渝', out: '停电', tie: '联络转供' },
      palette: palette as never,
      outages: [{ feederId: 'feeder-a', sections: ['upstream', 'fault', 'tie', 'tie'], tiesFrom: ['tie-feeder'] }],
    });
    // biome-ignore lint/suspicious/noExplicitAny: reading the built option
    const series = (opt as any).series as any[];
    const styles = lines.map((l) => `${l.lineStyle.color}/${l.lineStyle.type}`);
    expect(styles).toContain('RED/dashed');
    expect(styles.filter((x) => x === 'NORMAL/solid')).toHaveLength(2);
    expect(ties.map((t) => t.coords)).toEqual([
      [
        [190, 420],
        [170, 420],
      ],
    ]);
    // Drawn above the grid, in the normal colour: one segment, then the gap that ends it.
    const tieSeries = series.find((s) => s.zlevel === 1 && s.type === 'line');
    expect(tieSeries.lineStyle).toMatchObject({ color: 'NORMAL', type: 'solid' });
    expect(tieSeries.data).toEqual([
      [190, 420],
      [170, 420],
      ['-', '-'],
    ]);
    // One dot along the restoration path.
    expect(flows.filter((f) => f.tie).map((f) => f.coords)).toEqual([ties[0]!.coords]);
    const scatter = series.find((s) => s.type === 'scatter').data as {
      label: { formatter?: string; color?: string };
    }[];
    expect(scatter.some((d) => d.label.formatter === '✕')).toBe(true);
    // Fed again across the tie: amber (healed, not yet repaired), in words too.
    expect(scatter.find((d) => d.label.formatter === '高滩7号线\n联络转供')?.label).toMatchObject({ color: 'HEAVY' });
  });
});
