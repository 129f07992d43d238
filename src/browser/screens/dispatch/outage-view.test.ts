import { describe, expect, it } from 'vitest';
import type { FeederConfig } from '../../../core/config/area-schema';
import { outageRecord, T0_MS } from '../../live/reliability-fixture';
import {
  feederSwitching,
  outageDuration,
  outageOfFeeder,
  outageRow,
  outagesForList,
  outageTimeline,
  reportedSwitching,
} from './outage-view';

const area = {
  feeders: [
    { id: 'feeder-a', name: { zh: '高滩7号线', en: 'Gaotan 7' } },
    { id: 'tie-feeder', name: { zh: '坛同1号线', en: 'Tantong 1' } },
  ],
};
const feederA = {
  id: 'feeder-a',
  name: { zh: '高滩7号线', en: 'Gaotan 7' },
  sections: [
    { tie: null },
    { tie: null },
    { tie: null },
    { tie: { id: 'tie-g7-t1', feederId: 'tie-feeder', section: 2 } },
  ],
} as unknown as FeederConfig;
const NOW = T0_MS + 10 * 60_000;

describe('outage list', () => {
  it('in progress first, newest first, then those ended in the last 24 h, latest ended first; older ones gone', () => {
    const a = outageRecord({ id: 'a', startMs: T0_MS - 3_600_000, state: 'restored' });
    const b = outageRecord({ id: 'b', startMs: T0_MS, state: 'tripped' });
    const c = outageRecord({
      id: 'c',
      startMs: T0_MS - 5 * 3_600_000,
      state: 'repaired',
      repairedAtMs: T0_MS - 3_600_000,
    });
    const d = outageRecord({
      id: 'd',
      startMs: T0_MS - 9 * 3_600_000,
      state: 'repaired',
      repairedAtMs: T0_MS - 60_000,
    });
    const old = outageRecord({
      id: 'old',
      startMs: T0_MS - 30 * 3_600_000,
      state: 'repaired',
      repairedAtMs: T0_MS - 25 * 3_600_000,
    });
    expect(outagesForList([c, a, old, d, b], NOW).map((o) => o.id)).toEqual(['b', 'a', 'd', 'c']);
  });

  it('a row says state, cause, start in Beijing time, duration, sections, customers and customer-minutes', () => {
    const tripped = outageRow(outageRecord({ state: 'tripped' }), area, T0_MS + 20_000, 'zh');
    expect(tripped).toMatchObject({
      feederName: '高滩7号线',
      inProgress: true,
      tone: 'critical',
      stateText: '跳闸',
      causeText: '故障',
      startText: '10:00:00',
      durationText: '20秒',
      sectionsText: '4/4 段停电',
      customers: '400',
      selfHealingText: '进行中',
    });
    const restored = outageRow(outageRecord({ state: 'restored', crossProvinceTie: true }), area, NOW, 'en');
    expect(restored).toMatchObject({
      tone: 'warning',
      stateText: 'Restored · repairing',
      sectionsText: '1 of 4 out',
      durationText: '10 min 00 s',
      customerMinutes: '4,800',
      selfHealingText: '✓ 1 min 10 s',
      cross: true,
    });
    const over = outageRow(outageRecord({ state: 'repaired' }), area, T0_MS + 4 * 3_600_000, 'zh');
    expect(over).toMatchObject({
      tone: 'ok',
      inProgress: false,
      stateText: '已结束',
      sectionsText: '全部恢复',
      durationText: '3小时 00分',
    });
    const slow = outageRow(outageRecord({ state: 'restored', selfHealed: false }), area, NOW, 'zh');
    expect(slow.selfHealingText).toBe('✗ 超过 3 分钟');
    expect(outageRow(outageRecord({ state: 'isolated', cause: 'planned' }), area, NOW, 'zh').stateText).toBe(
      '计划停电中',
    );
  });

  it('durations', () => {
    expect(outageDuration(42_000, 'zh')).toBe('42秒');
    expect(outageDuration(365_000, 'en')).toBe('6 min 05 s');
    expect(outageDuration(-1, 'en')).toBe('—');
  });
});

describe('outage timeline', () => {
  it('trip → isolated → each section back (upstream, across the tie from X) → self-healed, then still out', () => {
    const steps = outageTimeline(outageRecord({ state: 'restored' }), area, NOW, 'zh');
    expect(steps.map((s) => `${s.time} ${s.text}`)).toEqual([
      '10:00:00 出线开关跳闸 · 4 段 400 户停电',
      '10:00:30 故障定位于第 2 段 · 两侧分段开关断开隔离',
      '10:00:40 第 1 段恢复供电（上级电源 · 出线开关合闸）· 120 户',
      '10:01:10 第 3 段恢复供电（经 坛同1号线 联络开关转供）· 100 户',
      '10:01:10 第 4 段恢复供电（经 坛同1号线 联络开关转供）· 100 户',
      '10:01:10 健全区段全部恢复 · 自愈用时 1分 10秒',
      '… 第 2 段仍停电（80 户）',
    ]);
    expect(steps.map((s) => s.tone)).toEqual([
      'critical',
      'critical',
      'warning',
      'warning',
      'warning',
      'warning',
      'critical',
    ]);
  });

  it('ends with the repair and the whole duration', () => {
    const steps = outageTimeline(outageRecord({ state: 'repaired' }), area, NOW, 'en');
    expect(steps.at(-2)?.text).toBe('Section 2 repaired and back in service · 80 customers');
    expect(steps.at(-1)).toMatchObject({ time: '13:00:00', text: 'Outage over · lasted 3 h 00 min', tone: 'ok' });
  });
});

describe('breaker and switch states from the outage record', () => {
  it('tripped: head breaker open, nothing else operated yet, every section out', () => {
    const s = feederSwitching(outageRecord({ state: 'tripped' }), feederA, area, 'zh');
    expect(s?.switches.map((x) => `${x.label} ${x.positionText}${x.changed ? ' *' : ''}`)).toEqual([
      '出线开关 ○ 分 *',
      '分段开关 1–2 ● 合',
      '分段开关 2–3 ● 合',
      '分段开关 3–4 ● 合',
      '联络开关 → 坛同1号线（常开） ○ 分',
    ]);
    expect(s?.sections.map((x) => x.text)).toEqual(['○ 停电', '○ 停电', '○ 停电', '○ 停电']);
  });

  it('self-healed: head closed, the faulted section switched out both sides, the tie closed', () => {
    const s = feederSwitching(outageRecord({ state: 'restored' }), feederA, area, 'zh');
    expect(s?.switches.map((x) => [x.id, x.position, x.changed])).toEqual([
      ['head', 'closed', false],
      ['sw-1', 'open', true],
      ['sw-2', 'open', true],
      ['sw-3', 'closed', false],
      ['tie-g7-t1', 'closed', true],
    ]);
    expect(s?.sections.map((x) => x.status)).toEqual(['energised', 'fault', 'tie', 'tie']);
  });

  it('repaired: back to normal (tie open again); no outage: nothing derived', () => {
    const s = feederSwitching(outageRecord({ state: 'repaired' }), feederA, area, 'zh');
    expect(s?.switches.every((x) => !x.changed)).toBe(true);
    expect(feederSwitching(undefined, feederA, area, 'zh')).toBeNull();
  });

  it("the drill-down shows the feeder's outage in progress, else its latest", () => {
    const ended = outageRecord({ id: 'ended', state: 'repaired', startMs: T0_MS - 7_200_000 });
    const now = outageRecord({ id: 'now', state: 'isolated', startMs: T0_MS - 9_000_000 });
    expect(outageOfFeeder([ended, now], 'feeder-a')?.id).toBe('now');
    expect(outageOfFeeder([ended], 'feeder-a')?.id).toBe('ended');
    expect(outageOfFeeder([ended], 'tie-feeder')).toBeUndefined();
  });
});

describe('breaker and switch states as the feeder reports them', () => {
  it('its own positions win; a live section cut off from the head is fed across the tie, the dead one named faulted', () => {
    const reported = {
      breakerClosed: true,
      sectionalisersClosed: [false, false, true],
      tiesClosed: [null, null, null, true],
      energised: [true, false, true, true],
    };
    const s = reportedSwitching(reported, T0_MS + 75_000, outageRecord({ state: 'restored' }), feederA, area, 'zh');
    expect(s.basis).toBe('设备遥信 · 10:01:15');
    expect(s.switches.map((x) => [x.id, x.positionText, x.changed])).toEqual([
      ['head', '● 合', false],
      ['sw-1', '○ 分', true],
      ['sw-2', '○ 分', true],
      ['sw-3', '● 合', false],
      ['tie-g7-t1', '● 合', true],
    ]);
    expect(s.sections.map((x) => x.status)).toEqual(['energised', 'fault', 'tie', 'tie']);
    // Without an outage in progress a dead section is only out, never "faulted" by guess.
    const quiet = reportedSwitching(reported, T0_MS, undefined, feederA, area, 'zh');
    expect(quiet.sections[1]?.status).toBe('out');
    // A feeder that says which sections it switched out on purpose: that one is the located fault, or planned work.
    const saying = { ...reported, isolated: [false, true, false, false] };
    expect(reportedSwitching(saying, T0_MS, undefined, feederA, area, 'zh').sections[1]?.text).toBe('✕ 故障隔离');
    const planned = outageRecord({ state: 'isolated', cause: 'planned' });
    expect(reportedSwitching(saying, T0_MS, planned, feederA, area, 'zh').sections[1]?.text).toBe('⊘ 检修隔离');
  });
});
