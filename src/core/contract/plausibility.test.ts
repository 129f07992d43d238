/**
 * Plausibility per device, with the issue's impossible readings judged against the real area configuration: each
 * rule refuses its example as 'implausible' with the field, value and limit named, and lets a normal reading through.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../config/area-schema';
import { DataClock } from './data-clock';
import { DeviceRegistry } from './device-registry';
import { type Judged, judgeMessage } from './edge-judge';
import { type DeviceKind, deviceTopic, type Province } from './topics';

const config = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
const T0 = Date.UTC(2025, 5, 1, 4, 0, 0);

function feederConfig(id: string) {
  const f = config.feeders.find((x) => x.id === id);
  if (!f) throw new Error(id);
  return f;
}

/** A judge over the real configuration, at a fixed clock. */
function judge() {
  const registry = new DeviceRegistry(config);
  const clock = new DataClock(() => T0 + 60_000);
  const run = (kind: DeviceKind, province: Province, deviceId: string, body: object): Judged =>
    judgeMessage(
      deviceTopic({ kind, province, deviceId, channel: 'telemetry' }),
      new TextEncoder().encode(JSON.stringify(body)),
      T0,
      clock,
      registry,
    );
  return { registry, run };
}

/** A feeder reading consistent with itself: I = S / (√3·U). */
function feeder(pKw: number, extra: Partial<Record<string, number>> = {}) {
  const qKvar = pKw * 0.2;
  const uKv = 10.3;
  const iA = Math.hypot(pKw, qKvar) / (Math.sqrt(3) * uKv);
  return { ts: T0, pKw, qKvar, iA, uKv, eImportKwh: 50_000, eExportKwh: 100, ...extra };
}

const rejected = (j: Judged) => (j.type === 'rejected' ? `${j.reason}: ${j.detail}` : `accepted (${j.type})`);

describe('plausibility at the edge', () => {
  it('accepts ordinary readings of every kind', () => {
    const { run } = judge();
    expect(run('feeder', 'sc', 'gaotan-f01', feeder(4_000)).type).toBe('telemetry');
    expect(run('pv', 'sc', 'pv-032', { ts: T0, pKw: 9.5, eKwh: 12_000, state: 'producing' }).type).toBe('telemetry');
    expect(run('substation', 'sc', 'gaotan-220', { ts: T0, pKw: 150_000, qKvar: 30_000, uKv: 229, fHz: 50 }).type).toBe(
      'telemetry',
    );
    const station = config.chargingStations[0];
    if (!station) throw new Error('no station');
    const connectors = station.connectors.map((c) => ({ id: c.id, state: 'charging', pKw: c.ratedKw, sessionKwh: 5 }));
    const pKw = station.connectors.reduce((s, c) => s + c.ratedKw, 0);
    expect(
      run('charger', station.province, station.id, { ts: T0, pKw, eKwh: 9_000, sessionsTotal: 300, connectors }).type,
    ).toBe('telemetry');
  });

  it('refuses a 7 MVA feeder at 20 MW with 0 A at 5 kV', () => {
    expect(feederConfig('gaotan-f01').ratedMva).toBe(7);
    const j = judge().run('feeder', 'sc', 'gaotan-f01', feeder(19_999, { qKvar: 0, iA: 0, uKv: 5 }));
    expect(rejected(j)).toMatch(/^implausible: uKv 5\.0 kV is outside 7\.5–12\.5 kV/);
  });

  it("refuses a feeder's current that contradicts S / (√3·U): 20 MW with 0 A at a normal voltage", () => {
    const j = judge().run('feeder', 'sc', 'gaotan-f01', feeder(19_999, { qKvar: 0, iA: 0 }));
    expect(rejected(j)).toMatch(/^implausible: iA 0\.000 A contradicts S \/ \(√3·U\) = 1121 A/);
  });

  it('refuses megawatts sent as kilowatts: 5 "kW" with 300 A', () => {
    const j = judge().run('feeder', 'sc', 'gaotan-f01', feeder(5, { qKvar: 1.5, iA: 300 }));
    expect(rejected(j)).toMatch(/^implausible: iA 300 A contradicts/);
  });

  it("refuses a feeder's apparent power far above its rating", () => {
    expect(feederConfig('gaotan-f03').ratedMva).toBe(6);
    const j = judge().run('feeder', 'sc', 'gaotan-f03', feeder(19_900));
    expect(rejected(j)).toMatch(/^implausible: apparent power 20294 kVA .* exceeds 3\.2 × the rated 6000 kVA/);
  });

  it("accepts the feeds' worst overload (300 %)", () => {
    const j = judge().run('feeder', 'sc', 'gaotan-f03', feeder(17_650));
    expect(j.type).toBe('telemetry');
  });

  it('refuses 10 MW from a 13 kWp PV site', () => {
    const j = judge().run('pv', 'sc', 'pv-032', { ts: T0, pKw: 10_000, eKwh: 12_000, state: 'producing' });
    expect(rejected(j)).toBe('implausible: pKw 10000 kW exceeds 1.3 × 13 kWp + 1 kW = 17.9 kW');
  });

  it('refuses 10.4 kV from a 220 kV substation', () => {
    const j = judge().run('substation', 'sc', 'gaotan-220', { ts: T0, pKw: 150_000, qKvar: 0, uKv: 10.4, fHz: 50 });
    expect(rejected(j)).toMatch(/^implausible: uKv 10\.4 kV is outside 165–275 kV \(nominal 220 kV/);
  });

  it('refuses connectors a station does not have, more than it has, and power beyond their ratings', () => {
    const { run } = judge();
    const station = config.chargingStations.find((s) => s.id === 'ev-01');
    if (!station) throw new Error('ev-01');
    const body = (connectors: object[], pKw = 0) => ({ ts: T0, pKw, eKwh: 9_000, sessionsTotal: 300, connectors });
    const idle = (id: string) => ({ id, state: 'available', pKw: 0, sessionKwh: 0 });
    const many = Array.from({ length: 64 }, (_, i) => idle(`c${String(i + 1).padStart(2, '0')}`));
    expect(rejected(run('charger', 'sc', 'ev-01', body(many)))).toBe(
      'implausible: 64 connectors reported, the station has 6',
    );
    expect(rejected(run('charger', 'sc', 'ev-01', body([idle('c01'), idle('c99')])))).toMatch(
      /connector "c99" is not one of the station's 6/,
    );
    expect(rejected(run('charger', 'sc', 'ev-01', body([idle('c01'), idle('c01')])))).toMatch(/reported twice/);
    // c01 is a 7 kW AC point: 60 kW from it is impossible.
    const fast = { id: 'c01', state: 'charging', pKw: 60, sessionKwh: 3 };
    expect(rejected(run('charger', 'sc', 'ev-01', body([fast], 60)))).toMatch(/"c01" pKw 60\.0 kW exceeds its rated 7/);
    // 6 connectors rated 95 kW in all: 400 kW for the station is impossible.
    expect(rejected(run('charger', 'sc', 'ev-01', body([idle('c01')], 400)))).toMatch(
      /pKw 400 kW exceeds the connectors' rated 95\.0 kW in total/,
    );
  });

  it('refuses a register that jumps more than the rating allows in the elapsed time', () => {
    const { run } = judge();
    expect(run('pv', 'sc', 'pv-032', { ts: T0, pKw: 9, eKwh: 12_000, state: 'producing' }).type).toBe('telemetry');
    // 10 s later: 13 kWp can add at most 17.9 kW × 10 s + 1 kWh ≈ 1.05 kWh.
    const later = { ts: T0 + 10_000, pKw: 9, eKwh: 12_500, state: 'producing' };
    expect(rejected(run('pv', 'sc', 'pv-032', later))).toMatch(
      /^implausible: eKwh grew 500\.0 kWh in 10 s; at most 1\.0/,
    );
    // A normal step from the last good reading is accepted again.
    expect(run('pv', 'sc', 'pv-032', { ...later, ts: T0 + 20_000, eKwh: 12_000.05 }).type).toBe('telemetry');
  });

  it('a feeder register jump counts against the feeder rating', () => {
    const { run } = judge();
    expect(run('feeder', 'sc', 'gaotan-f01', feeder(4_000)).type).toBe('telemetry');
    // 7 MVA × 3.2 for 5 s ≈ 31 kWh + 1: 100 kWh in 5 s is impossible, 5 kWh is ordinary.
    expect(run('feeder', 'sc', 'gaotan-f01', feeder(4_000, { ts: T0 + 5_000, eImportKwh: 50_100 })).type).toBe(
      'rejected',
    );
    expect(run('feeder', 'sc', 'gaotan-f01', feeder(4_000, { ts: T0 + 10_000, eImportKwh: 50_005 })).type).toBe(
      'telemetry',
    );
  });

  it('takes a register that jumps and carries on from there as a new baseline, flagged suspect', () => {
    const { run, registry } = judge();
    run('pv', 'sc', 'pv-032', { ts: T0, pKw: 9, eKwh: 12_000, state: 'producing' });
    expect(run('pv', 'sc', 'pv-032', { ts: T0 + 10_000, pKw: 9, eKwh: 80_000, state: 'producing' }).type).toBe(
      'rejected',
    );
    const next = run('pv', 'sc', 'pv-032', { ts: T0 + 20_000, pKw: 9, eKwh: 80_000.02, state: 'producing' });
    expect(next.type === 'telemetry' && next.suspect?.reason).toBe('counter-rebased');
    expect(registry.suspect['counter-rebased']).toBe(1);
  });

  it('flags a register that runs backwards as suspect (a meter swap), and accepts it', () => {
    const { run, registry } = judge();
    run('feeder', 'sc', 'gaotan-f01', feeder(4_000));
    const swapped = run('feeder', 'sc', 'gaotan-f01', feeder(4_000, { ts: T0 + 5_000, eImportKwh: 3 }));
    expect(swapped.type).toBe('telemetry');
    expect(swapped.type === 'telemetry' && swapped.suspect?.detail).toBe('eImportKwh went down from 50000 to 3');
    expect(registry.suspect['counter-backwards']).toBe(1);
  });

  it('judges duplicates and late readings on their values only, and keeps the last good reading', () => {
    const { run } = judge();
    run('pv', 'sc', 'pv-032', { ts: T0, pKw: 9, eKwh: 12_000, state: 'producing' });
    // A late reading with a lower register is not a reset: it is older, the stores drop it.
    const late = run('pv', 'sc', 'pv-032', { ts: T0 - 10_000, pKw: 9, eKwh: 11_999.9, state: 'producing' });
    expect(late.type === 'telemetry' && late.suspect).toBeFalsy();
    expect(run('pv', 'sc', 'pv-032', { ts: T0 + 10_000, pKw: 9, eKwh: 12_000.02, state: 'producing' }).type).toBe(
      'telemetry',
    );
  });

  it('keeps one entry per configured device and refuses unconfigured ones before any rule', () => {
    const { run, registry } = judge();
    const n = config.feeders.length + config.substations.length + config.pvSites.length;
    expect(registry.size).toBe(n + config.chargingStations.length);
    expect(rejected(run('feeder', 'cq', 'gaotan-f01', feeder(4_000)))).toMatch(/^unknown-device/);
    expect(rejected(run('pv', 'sc', 'gaotan-f01', { ts: T0, pKw: 1, eKwh: 1, state: 'idle' }))).toMatch(
      /^unknown-device/,
    );
  });
});
