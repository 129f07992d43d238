import { describe, expect, it } from 'vitest';
import type { ChargerTelemetry, FeederTelemetry, PvTelemetry } from '../../contract/payloads';
import { DEFAULT_FREQUENCY_THRESHOLDS, DEFAULT_LOADING_THRESHOLDS, DEFAULT_VOLTAGE_THRESHOLDS } from '../loading';
import { ackMatchesAlarm, alarmDisplayState, findAck, indexAcksByKey, parseAlarmId } from './acks';
import { type AlarmEngineState, createAlarmEngineState, evaluateAlarms, restoreAlarmEngineState } from './engine';
import {
  type Alarm,
  type AlarmDeviceValue,
  type AlarmSettings,
  type AlarmTopology,
  alarmSettingsFromArea,
} from './types';

const T0 = Date.UTC(2026, 0, 15, 4, 0, 0); // 12:00 in Shanghai
/** The area's thresholds at the product defaults: heavy at 80 %, overloaded at 100 %, voltage within ±7 %. */
const AREA_THRESHOLDS = {
  thresholds: {
    ...DEFAULT_LOADING_THRESHOLDS,
    ...DEFAULT_VOLTAGE_THRESHOLDS,
    ...DEFAULT_FREQUENCY_THRESHOLDS,
    staleAfterMissedIntervals: 3,
    holdLastGoodS: 120,
  },
};
const S: AlarmSettings = alarmSettingsFromArea(AREA_THRESHOLDS);

// Feeder f1: 10 MVA, 10 kV; its loading is set through P only (Q = 0, I tiny) so pct = P / 100 kW.
const topo: AlarmTopology = {
  feeders: new Map([
    ['f1', { ratedMva: 10, ratedA: 10_000, nominalKv: 10 }],
    ['f2', { ratedMva: 10, ratedA: 10_000, nominalKv: 10 }],
  ]),
  substations: new Map([['s1', { nominalKv: 110 }]]),
  pvSites: new Map([
    ['pv1', { feederId: 'f1', kWp: 100 }],
    ['pv2', { feederId: 'f1', kWp: 200 }],
    ['pv3', { feederId: 'f1', kWp: 100 }],
    ['pv4', { feederId: 'f2', kWp: 100 }],
  ]),
  chargers: new Map([['ev1', { feederId: 'f2' }]]),
};

function feeder(id: string, ts: number, loadingPct: number, uKv = 10.2): AlarmDeviceValue {
  const latest: FeederTelemetry = {
    ts,
    pKw: loadingPct * 100,
    qKvar: 0,
    iA: 1,
    uKv,
    eImportKwh: 0,
    eExportKwh: 0,
  };
  return { id, kind: 'feeder', province: 'sc', latest, lastTs: ts, freshness: 'live', intervalMs: 5000 };
}
function pv(id: string, ts: number, pKw: number, state: PvTelemetry['state'] = 'producing'): AlarmDeviceValue {
  return {
    id,
    kind: 'pv',
    province: 'sc',
    latest: { ts, pKw, eKwh: 1, state },
    lastTs: ts,
    freshness: 'live',
    intervalMs: 10_000,
  };
}
function charger(ts: number, states: ChargerTelemetry['connectors'][number]['state'][]): AlarmDeviceValue {
  return {
    id: 'ev1',
    kind: 'charger',
    province: 'cq',
    latest: {
      ts,
      pKw: 0,
      eKwh: 0,
      sessionsTotal: 0,
      connectors: states.map((state, i) => ({ id: `c${i + 1}`, state, pKw: 0, sessionKwh: 0 })),
    },
    lastTs: ts,
    freshness: 'live',
    intervalMs: 30_000,
  };
}

/** Runs the engine over a timeline of [nowMs, devices] steps; returns every evaluation. */
function run(steps: [number, AlarmDeviceValue[]][], settings = S, start: AlarmEngineState = createAlarmEngineState()) {
  let state = start;
  return steps.map(([now, devices]) => {
    const r = evaluateAlarms(state, devices, topo, settings, now);
    state = r.state;
    return r;
  });
}
const ids = (alarms: readonly Alarm[]) => alarms.map((a) => a.id);
/** A timeline of f1 alone, each step [ms after T0, loading %] evaluated at the sample's own time. */
const f1Steps = (...steps: [dtMs: number, loadingPct: number][]): [number, AlarmDeviceValue[]][] =>
  steps.map(([dt, pct]) => [T0 + dt, [feeder('f1', T0 + dt, pct)]]);

describe('overload and heavy load', () => {
  it('raises overload only after the minimum duration and two samples, with an id from the first sample time', () => {
    const r = run([
      [T0, [feeder('f1', T0, 50)]],
      [T0 + 5_000, [feeder('f1', T0 + 5_000, 110)]], // first sample above: pending
      [T0 + 9_000, [feeder('f1', T0 + 5_000, 110)]], // still one sample
      [T0 + 10_000, [feeder('f1', T0 + 10_000, 112)]], // second sample, 5 s held → raise
    ]);
    expect(r[1]?.active.filter((a) => a.rule === 'overload')).toEqual([]);
    expect(r[2]?.active.filter((a) => a.rule === 'overload')).toEqual([]);
    const overload = r[3]?.active.find((a) => a.rule === 'overload');
    expect(overload).toMatchObject({
      id: `overload:f1:${T0 + 5_000}`,
      severity: 'critical',
      deviceId: 'f1',
      feederId: 'f1',
      startMs: T0 + 5_000,
      raisedMs: T0 + 10_000,
      status: 'active',
      threshold: 100,
      unit: '%',
    });
    expect(overload?.value).toBeCloseTo(112);
    // One alarm per condition and device: straight to overload, no separate heavy-load alarm.
    expect(r[3]?.raised.map((a) => a.rule)).toEqual(['overload']);
    expect(r[3]?.active[0]?.rule).toBe('overload'); // most severe first
  });

  it('does not raise for a spike shorter than the minimum duration (no flapping)', () => {
    const r = run(f1Steps([0, 105], [5_000, 90], [10_000, 105], [15_000, 90]));
    for (const e of r) expect(e.active.some((a) => a.rule === 'overload')).toBe(false);
  });

  it('keeps overload through dips inside the hysteresis band and de-escalates 5 points below, after the delay', () => {
    const r = run([
      [T0, [feeder('f1', T0, 110)]],
      [T0 + 5_000, [feeder('f1', T0 + 5_000, 120)]], // raised
      [T0 + 10_000, [feeder('f1', T0 + 10_000, 97)]], // below 100, above 95: still overload
      [T0 + 15_000, [feeder('f1', T0 + 15_000, 96)]],
      [T0 + 20_000, [feeder('f1', T0 + 20_000, 94)]], // below 95: clearing starts
      [T0 + 25_000, [feeder('f1', T0 + 25_000, 93)]], // 5 s and 2 samples below → cleared
    ]);
    const overloadId = `overload:f1:${T0}`;
    expect(ids(r[1]?.active ?? [])).toContain(overloadId);
    expect(ids(r[2]?.active ?? [])).toContain(overloadId);
    expect(ids(r[3]?.active ?? [])).toContain(overloadId);
    expect(ids(r[4]?.active ?? [])).toContain(overloadId);
    // Heavy load (80 %) is still on at 93 %: the same alarm, de-escalated in place (nothing cleared).
    expect(r[5]?.active).toMatchObject([
      { id: overloadId, rule: 'heavy-load', severity: 'minor', threshold: 80, peakValue: 120, startMs: T0 },
    ]);
    expect(r[5]?.clearedNow).toEqual([]);
    expect(r[5]?.events.map((e) => [e.type, e.alarm.id])).toEqual([['de-escalated', overloadId]]);
  });

  it('a returning excursion during the clear delay cancels the clearing', () => {
    const r = run(f1Steps([0, 110], [5_000, 110], [10_000, 90], [15_000, 101], [20_000, 90]));
    expect(r[4]?.active.some((a) => a.id === `overload:f1:${T0}`)).toBe(true);
  });

  it('a new episode after clearing gets a new id', () => {
    const r = run(f1Steps([0, 110], [5_000, 110], [10_000, 50], [15_000, 50], [20_000, 110], [25_000, 110]));
    expect(r[3]?.active).toEqual([]);
    expect(r[5]?.active.find((a) => a.rule === 'overload')?.id).toBe(`overload:f1:${T0 + 20_000}`);
  });

  it('heavy load uses the configured threshold (inclusive) and its own hysteresis', () => {
    const custom = { ...S, heavyLoadingPct: 70, overloadLoadingPct: 90 };
    const r = run(f1Steps([0, 70], [5_000, 70], [10_000, 66], [15_000, 66]), custom);
    expect(r[1]?.active.map((a) => [a.rule, a.severity])).toEqual([['heavy-load', 'minor']]);
    expect(r[3]?.active.map((a) => a.rule)).toEqual(['heavy-load']); // 66 ≥ 70 − 5
  });

  it('holds an active loading alarm while the feeder is silent (no data is not recovery)', () => {
    const silent = { ...feeder('f1', T0 + 5_000, 110), freshness: 'stale' as const };
    const r = run([
      [T0, [feeder('f1', T0, 110)]],
      [T0 + 5_000, [feeder('f1', T0 + 5_000, 110)]],
      [T0 + 60_000, [silent]],
    ]);
    expect(r[2]?.active.map((a) => a.rule).sort()).toEqual(['overload', 'stale']);
  });

  it('a heavy feeder that reaches overload escalates the same alarm, and de-escalates it in place', () => {
    const r = run([
      [T0, [feeder('f1', T0, 85)]],
      [T0 + 5_000, [feeder('f1', T0 + 5_000, 86)]], // heavy raised
      [T0 + 10_000, [feeder('f1', T0 + 10_000, 104)]], // one sample above 100: not yet
      [T0 + 15_000, [feeder('f1', T0 + 15_000, 106)]], // 5 s and two samples: escalated
      [T0 + 20_000, [feeder('f1', T0 + 20_000, 90)]],
      [T0 + 25_000, [feeder('f1', T0 + 25_000, 89)]], // below 95 for 5 s: de-escalated
      [T0 + 30_000, [feeder('f1', T0 + 30_000, 50)]],
      [T0 + 35_000, [feeder('f1', T0 + 35_000, 50)]], // cleared
    ]);
    const id = `heavy-load:f1:${T0}`;
    expect(r[1]?.active).toMatchObject([{ id, rule: 'heavy-load', severity: 'minor' }]);
    expect(r[2]?.active).toMatchObject([{ id, rule: 'heavy-load' }]);
    expect(r[3]?.active).toMatchObject([{ id, rule: 'overload', severity: 'critical', threshold: 100, startMs: T0 }]);
    expect(r[5]?.active).toMatchObject([{ id, rule: 'heavy-load', severity: 'minor', peakValue: 106 }]);
    expect(r[7]?.active).toEqual([]);
    expect(r.flatMap((e) => e.events.map((x) => [x.type, x.alarm.id, x.atMs]))).toEqual([
      ['raised', id, T0 + 5_000],
      ['escalated', id, T0 + 15_000],
      ['de-escalated', id, T0 + 25_000],
      ['cleared', id, T0 + 35_000],
    ]);
  });

  it('restores active alarms after a restart: the condition carries on with the same id and start', () => {
    const [, raised] = run(f1Steps([0, 110], [5_000, 110]));
    const restored = restoreAlarmEngineState(raised!.active);
    const r = run([[T0 + 60_000, [feeder('f1', T0 + 60_000, 112)]]], S, restored);
    expect(r[0]?.active.map((a) => [a.id, a.startMs])).toEqual([[`overload:f1:${T0}`, T0]]);
    expect(r[0]?.raised).toEqual([]);
  });

  it('returns the same state and active array when nothing changed', () => {
    const [a] = run([[T0, [feeder('f1', T0, 50)]]]);
    const b = evaluateAlarms(a!.state, [feeder('f1', T0, 50)], topo, S, T0 + 100);
    expect(b.state).toBe(a!.state);
    expect(b.changed).toBe(false);
    expect(b.active).toBe(a!.active);
  });
});

describe('unchanged device values (the store hands the same object until a device changes)', () => {
  it('an alarm storm: devices whose values did not change keep their active alarms without a second look', () => {
    const many: AlarmTopology = {
      ...topo,
      feeders: new Map(
        Array.from({ length: 1_000 }, (_, i) => [`f${i}`, { ratedMva: 10, ratedA: 10_000, nominalKv: 10 }]),
      ),
    };
    const first = Array.from({ length: 1_000 }, (_, i) => feeder(`f${i}`, T0, 110));
    const second = Array.from({ length: 1_000 }, (_, i) => feeder(`f${i}`, T0 + 5_000, 110));
    const a = evaluateAlarms(createAlarmEngineState(), first, many, S, T0);
    const b = evaluateAlarms(a.state, second, many, S, T0 + 5_000);
    expect(b.active.filter((x) => x.rule === 'overload')).toHaveLength(1_000);
    // Half the devices report again (new objects), half are the same objects: every alarm stays active.
    const third = second.map((d, i) => (i % 2 ? d : feeder(`f${i}`, T0 + 10_000, 111)));
    const c = evaluateAlarms(b.state, third, many, S, T0 + 10_000);
    expect(c.active.filter((x) => x.rule === 'overload')).toHaveLength(1_000);
    expect(c.active.filter((x) => x.rule === 'overload' && Math.abs((x.value ?? 0) - 111) < 1e-6)).toHaveLength(500);
    // Nothing new at all: the same state back.
    const d = evaluateAlarms(c.state, third, many, S, T0 + 11_000);
    expect(d.changed).toBe(false);
    expect(d.state).toBe(c.state);
  });

  it('a condition held by two samples still raises when its minimum duration passes without a new value', () => {
    const second = feeder('f1', T0 + 2_000, 110);
    const r = run([
      [T0, [feeder('f1', T0, 110)]],
      [T0 + 2_000, [second]],
      [T0 + 4_000, [second]], // 4 s held: not yet
      [T0 + 6_000, [second]], // 6 s held, same object: raised
    ]);
    expect(r[2]?.active.some((a) => a.rule === 'overload')).toBe(false);
    expect(r[3]?.active.find((a) => a.rule === 'overload')?.id).toBe(`overload:f1:${T0}`);
  });

  it('a device that leaves the input clears its alarms even if its last value was settled', () => {
    const hot = feeder('f1', T0 + 5_000, 110);
    const r = run([
      [T0, [feeder('f1', T0, 110)]],
      [T0 + 5_000, [hot]],
      [T0 + 6_000, [hot]],
      [T0 + 7_000, []],
    ]);
    expect(r[2]?.active.some((a) => a.rule === 'overload')).toBe(true);
    expect(r[3]?.active).toEqual([]);
    expect(r[3]?.clearedNow.map((a) => a.rule)).toEqual(['overload']);
  });
});

describe('voltage', () => {
  it('raises outside ±7 % (not at exactly 7 %), clears 1 point inside', () => {
    const r = run([
      [T0, [feeder('f1', T0, 50, 10.7)]], // exactly +7 %: within
      [T0 + 5_000, [feeder('f1', T0 + 5_000, 50, 9.2)]], // −8 %
      [T0 + 10_000, [feeder('f1', T0 + 10_000, 50, 9.25)]], // −7.5 %: raise
      [T0 + 15_000, [feeder('f1', T0 + 15_000, 50, 9.35)]], // −6.5 %: inside the hysteresis band, stays
      [T0 + 20_000, [feeder('f1', T0 + 20_000, 50, 9.5)]], // −5 %: clearing
      [T0 + 25_000, [feeder('f1', T0 + 25_000, 50, 9.6)]], // cleared
    ]);
    expect(r[0]?.active).toEqual([]);
    expect(r[1]?.active).toEqual([]);
    const v = r[2]?.active.find((a) => a.rule === 'voltage');
    expect(v).toMatchObject({ id: `voltage:f1:${T0 + 5_000}`, severity: 'major', threshold: 7, unit: '%' });
    expect(v?.value).toBeCloseTo(-7.5);
    expect(r[2]?.active.find((a) => a.rule === 'voltage')?.peakValue).toBeCloseTo(-7.5);
    expect(r[3]?.active.some((a) => a.rule === 'voltage')).toBe(true);
    expect(r[5]?.active.some((a) => a.rule === 'voltage')).toBe(false);
  });

  it('checks substations against their own nominal voltage', () => {
    const sub = (ts: number, uKv: number): AlarmDeviceValue => ({
      id: 's1',
      kind: 'substation',
      province: 'cq',
      latest: { ts, pKw: 1, qKvar: 0, uKv, fHz: 50 },
      lastTs: ts,
      freshness: 'live',
      intervalMs: 5000,
    });
    const r = run([
      [T0, [sub(T0, 120)]], // +9.1 %
      [T0 + 5_000, [sub(T0 + 5_000, 120)]],
    ]);
    expect(r[1]?.active.map((a) => [a.rule, a.deviceId, a.feederId])).toEqual([['voltage', 's1', null]]);
  });
});

describe('stale and offline', () => {
  it('raises stale at once with a start derived from the last sample, and clears when data returns', () => {
    const stale = { ...feeder('f1', T0, 50), freshness: 'stale' as const };
    const r = run([
      [T0, [feeder('f1', T0, 50)]],
      [T0 + 16_000, [stale]],
      [T0 + 30_000, [stale]],
      [T0 + 31_000, [feeder('f1', T0 + 31_000, 50)]],
    ]);
    expect(r[1]?.active).toMatchObject([
      { id: `stale:f1:${T0 + 15_000}`, rule: 'stale', severity: 'major', startMs: T0 + 15_000, threshold: 15 },
    ]);
    expect(r[2]?.changed).toBe(false);
    expect(r[3]?.active).toEqual([]);
    expect(r[3]?.clearedNow.map((a) => a.rule)).toEqual(['stale']);
  });

  it('raises offline (Last Will) instead of stale; minor for a PV site, critical for a feeder', () => {
    const off = (d: AlarmDeviceValue) => ({ ...d, freshness: 'offline' as const });
    const r = run([[T0, [off(feeder('f1', T0 - 60_000, 50)), off(pv('pv1', T0 - 60_000, 10))]]]);
    expect(r[0]?.active.map((a) => [a.rule, a.deviceId, a.severity])).toEqual([
      ['offline', 'f1', 'critical'],
      ['offline', 'pv1', 'minor'],
    ]);
    expect(r[0]?.active[0]?.startMs).toBe(T0 - 60_000);
  });

  it('never alarms a device that has not reported yet', () => {
    const none: AlarmDeviceValue = {
      id: 'f1',
      kind: 'feeder',
      province: 'sc',
      latest: null,
      lastTs: null,
      freshness: 'no-data',
      intervalMs: 5000,
    };
    expect(run([[T0, [none]]])[0]?.active).toEqual([]);
  });
});

describe('PV trip', () => {
  it('raises when the inverter reports tripped, after the PV delay and two samples', () => {
    const r = run([
      [T0, [pv('pv1', T0, 0, 'tripped')]],
      [T0 + 10_000, [pv('pv1', T0 + 10_000, 0, 'tripped')]],
      [T0 + 60_000, [pv('pv1', T0 + 60_000, 0, 'tripped')]],
    ]);
    expect(r[1]?.active).toEqual([]);
    expect(r[2]?.active).toMatchObject([{ rule: 'pv-trip', deviceId: 'pv1', feederId: 'f1', severity: 'major' }]);
  });

  it('raises when output collapses while the neighbours on the feeder produce', () => {
    const step = (ts: number, own: number) => [pv('pv1', ts, own), pv('pv2', ts, 120), pv('pv3', ts, 55)];
    const r = run([
      [T0, step(T0, 55)],
      [T0 + 10_000, step(T0 + 10_000, 2)], // neighbours yield 0.6 and 0.55 → expect ~57 kW, has 2
      [T0 + 70_000, step(T0 + 70_000, 2)],
    ]);
    expect(r[1]?.active).toEqual([]);
    const a = r[2]?.active.find((x) => x.rule === 'pv-trip');
    expect(a).toMatchObject({ deviceId: 'pv1', value: 2, startMs: T0 + 10_000 });
    expect(a?.threshold).toBeCloseTo(0.2 * 0.575 * 100);
  });

  it('does not raise at night or under a cloud that shades the neighbours too', () => {
    const night = (ts: number) => [pv('pv1', ts, 0, 'idle'), pv('pv2', ts, 0, 'idle'), pv('pv3', ts, 0, 'idle')];
    const cloud = (ts: number) => [pv('pv1', ts, 8), pv('pv2', ts, 18), pv('pv3', ts, 9)];
    for (const f of [night, cloud]) {
      const r = run([
        [T0, f(T0)],
        [T0 + 70_000, f(T0 + 70_000)],
        [T0 + 80_000, f(T0 + 80_000)],
      ]);
      expect(r[2]?.active).toEqual([]);
    }
  });

  it('falls back to the province when the feeder has too few producing neighbours', () => {
    // pv4 is alone on f2; pv1..pv3 on f1 are in the same province.
    const step = (ts: number) => [pv('pv1', ts, 60), pv('pv2', ts, 120), pv('pv3', ts, 60), pv('pv4', ts, 1)];
    const r = run([
      [T0, step(T0)],
      [T0 + 60_000, step(T0 + 60_000)],
    ]);
    expect(r[1]?.active.map((a) => a.deviceId)).toEqual(['pv4']);
  });
});

describe('charger fault', () => {
  it('raises one alarm per faulted connector, at once, and clears when it is back', () => {
    const r = run([
      [T0, [charger(T0, ['available', 'faulted', 'charging'])]],
      [T0 + 30_000, [charger(T0 + 30_000, ['available', 'available', 'charging'])]],
    ]);
    expect(r[0]?.active).toMatchObject([
      { id: `charger-fault:ev1/c2:${T0}`, rule: 'charger-fault', connectorId: 'c2', feederId: 'f2' },
    ]);
    expect(r[1]?.active).toEqual([]);
    expect(r[1]?.state.cleared.map((a) => a.id)).toEqual([`charger-fault:ev1/c2:${T0}`]);
  });

  it('clears alarms of devices that leave the input', () => {
    const r = run([
      [T0, [charger(T0, ['faulted'])]],
      [T0 + 1_000, []],
    ]);
    expect(r[1]?.active).toEqual([]);
    expect(r[1]?.clearedNow.length).toBe(1);
  });
});

describe('bounded history', () => {
  it('keeps at most maxCleared cleared alarms, newest first', () => {
    const settings = { ...S, maxCleared: 2 };
    const steps: [number, AlarmDeviceValue[]][] = [];
    for (let i = 0; i < 4; i++) {
      steps.push([T0 + i * 2_000, [charger(T0 + i * 2_000, ['faulted'])]]);
      steps.push([T0 + i * 2_000 + 1_000, [charger(T0 + i * 2_000 + 1_000, ['available'])]]);
    }
    const r = run(steps, settings);
    expect(r.at(-1)?.state.cleared.map((a) => a.startMs)).toEqual([T0 + 6_000, T0 + 4_000]);
  });
});

describe('acknowledgements', () => {
  const alarm = (id: string, status: Alarm['status'] = 'active') =>
    ({ id, status }) as unknown as Alarm & { id: string };

  it('parses ids', () => {
    expect(parseAlarmId('charger-fault:ev1/c2:123')).toEqual({ key: 'charger-fault:ev1/c2', startMs: 123 });
    expect(parseAlarmId('nonsense')).toBeNull();
  });

  it('matches the same id, and an earlier start of the same rule and device for a screen that joined late', () => {
    const ack = { alarmId: 'overload:f1:1000', by: '张工', atMs: 2000 };
    expect(ackMatchesAlarm(ack, alarm('overload:f1:1000'), null)).toBe(true);
    expect(ackMatchesAlarm(ack, alarm('overload:f1:1500'), null)).toBe(true);
    expect(ackMatchesAlarm(ack, alarm('overload:f1:900'), null)).toBe(false);
    expect(ackMatchesAlarm(ack, alarm('overload:f2:1500'), null)).toBe(false);
    expect(ackMatchesAlarm(ack, alarm('heavy-load:f1:1500'), null)).toBe(false);
    // This screen saw an episode clear after the acked one began: the ack was for that older episode.
    expect(ackMatchesAlarm(ack, alarm('overload:f1:5000'), 4000)).toBe(false);
    expect(ackMatchesAlarm(ack, alarm('overload:f1:5000'), 500)).toBe(true);
  });

  it('display state: active → acknowledged → cleared', () => {
    const ack = { alarmId: 'x:y:1', by: 'a', atMs: 1 };
    expect(alarmDisplayState(alarm('x:y:1'), null)).toBe('active');
    expect(alarmDisplayState(alarm('x:y:1'), ack)).toBe('acknowledged');
    expect(alarmDisplayState(alarm('x:y:1', 'cleared'), ack)).toBe('cleared');
  });
});

describe('findAck', () => {
  const alarm = (id: string) => ({ id, status: 'active' }) as unknown as Alarm;
  const acks = [
    { alarmId: 'overload:f1:1000', by: '张工', atMs: 2000 },
    { alarmId: 'overload:f1:1200', by: '李工', atMs: 3000 },
    { alarmId: 'heavy-load:f2:1000', by: '王工', atMs: 2500 },
    { alarmId: 'not-an-id', by: 'x', atMs: 1 },
  ];
  const byId = new Map(acks.map((a) => [a.alarmId, a]));
  const byKey = indexAcksByKey(acks);

  it('indexes by rule and device, skipping ids that are not ours', () => {
    expect([...byKey.keys()].sort()).toEqual(['heavy-load:f2', 'overload:f1']);
    expect(byKey.get('overload:f1')?.length).toBe(2);
  });
  it('the same id first, else the newest covering ack of the same rule and device', () => {
    expect(findAck(alarm('overload:f1:1000'), byId, byKey, null)?.by).toBe('张工');
    // A screen that joined late (later start): the newest ack of an episode that began before.
    expect(findAck(alarm('overload:f1:1500'), byId, byKey, null)?.by).toBe('李工');
    expect(findAck(alarm('overload:f1:1100'), byId, byKey, null)?.by).toBe('张工');
    expect(findAck(alarm('overload:f1:5000'), byId, byKey, 4000)).toBeNull();
    expect(findAck(alarm('overload:f3:1500'), byId, byKey, null)).toBeNull();
  });
});

describe('software outage vs devices (outageDetection, the live service)', () => {
  const many: AlarmTopology = {
    ...topo,
    feeders: new Map(Array.from({ length: 20 }, (_, i) => [`f${i}`, { ratedMva: 10, ratedA: 10_000, nominalKv: 10 }])),
  };
  const O = { ...S, outageDetection: true, presenceGraceMs: 3_000 };
  const fleet = (ts: number, freshness: AlarmDeviceValue['freshness'], n = 20) =>
    Array.from({ length: 20 }, (_, i) => ({ ...feeder(`f${i}`, ts, 50), ...(i < n ? { freshness } : {}) }));
  const runMany = (steps: [number, AlarmDeviceValue[], boolean?][]) => {
    let state = createAlarmEngineState();
    return steps.map(([now, devices, silent]) => {
      const r = evaluateAlarms(state, devices, many, O, now, { silent: silent ?? false, lastDataMs: T0 });
      state = r.state;
      return r;
    });
  };

  it('a feeds stop (every device offline within a second or two) is one source alarm, not a device flood', () => {
    const r = runMany([
      [T0, fleet(T0, 'live')],
      [T0 + 1_000, fleet(T0, 'offline', 8)], // the first statuses: 8 of 20, not yet most
      [T0 + 2_000, fleet(T0, 'offline')],
      [T0 + 10_000, fleet(T0, 'offline')],
      [T0 + 11_000, fleet(T0 + 11_000, 'live')],
      [T0 + 20_000, fleet(T0 + 20_000, 'live')],
    ]);
    for (const e of r) expect(e.active.filter((a) => a.rule === 'offline')).toEqual([]);
    expect(r[3]?.active).toMatchObject([
      { rule: 'source-down', severity: 'critical', deviceId: 'device-stream', deviceKind: 'source', province: null },
    ]);
    expect(r[5]?.active).toEqual([]);
    expect(r.flatMap((e) => e.events.map((x) => [x.type, x.alarm.rule]))).toEqual([
      ['raised', 'source-down'],
      ['cleared', 'source-down'],
    ]);
  });

  it('a silent stream is one source alarm, its start the last data, and no stale alarms', () => {
    const r = runMany([
      [T0, fleet(T0, 'live')],
      [T0 + 16_000, fleet(T0, 'stale'), true],
      [T0 + 30_000, fleet(T0, 'stale'), true],
    ]);
    expect(r[2]?.active.map((a) => [a.rule, a.startMs])).toEqual([['source-down', T0]]);
  });

  it('a single silent device still alarms, after the grace', () => {
    const r = runMany([
      [T0, fleet(T0, 'live')],
      [T0 + 1_000, fleet(T0, 'offline', 1)],
      [T0 + 4_000, fleet(T0, 'offline', 1)],
    ]);
    expect(r[1]?.active).toEqual([]);
    expect(r[2]?.active.map((a) => [a.rule, a.deviceId])).toEqual([['offline', 'f0']]);
  });
});

describe('feeder-trip', () => {
  const topo = {
    feeders: new Map([['f1', { ratedMva: 8, ratedA: 460, nominalKv: 10 }]]),
    substations: new Map(),
    pvSites: new Map(),
    chargers: new Map(),
  };
  const settings = alarmSettingsFromArea(AREA_THRESHOLDS);
  const reading = (ts: number, energised: boolean[], isolated: boolean[], breakerClosed: boolean) => ({
    id: 'f1',
    kind: 'feeder' as const,
    province: 'sc' as const,
    freshness: 'live' as const,
    intervalMs: 5_000,
    lastTs: ts,
    latest: {
      ts,
      pKw: 0,
      qKvar: 0,
      iA: 0,
      uKv: 10.4,
      eImportKwh: 1,
      eExportKwh: 0,
      switching: {
        breakerClosed,
        sectionalisersClosed: [true, true],
        tiesClosed: [null, null, false],
        energised,
        isolated,
      },
    },
  });
  it('is critical from the trip until the healthy sections are back; the isolated fault raises nothing', () => {
    let state = createAlarmEngineState();
    const step = (d: ReturnType<typeof reading>, t: number) => {
      const r = evaluateAlarms(state, [d], topo, settings, t);
      state = r.state;
      return r;
    };
    const F = false;
    const T = true;
    const tripped = step(reading(T0, [F, F, F], [F, F, F], false), T0);
    expect(tripped.active).toMatchObject([{ rule: 'feeder-trip', severity: 'critical', deviceId: 'f1', value: 3 }]);
    // Upstream back, the faulted section isolated, downstream still waiting for the tie: still active.
    expect(step(reading(T0 + 7_000, [T, F, F], [F, T, F], true), T0 + 7_000).active).toHaveLength(1);
    const restored = step(reading(T0 + 60_000, [T, F, T], [F, T, F], true), T0 + 60_000);
    expect(restored.active).toEqual([]);
    expect(restored.events.map((e) => e.type)).toEqual(['cleared']);
  });
});
