/**
 * The area's losses between the 220 kV intake and the feeder heads as the live service publishes them, hand-worked:
 * one 220 kV station at 2,030 kW feeding two feeders of 1,000 and 1,010 kW loses 20 kW (0.99 %), 20 kWh an hour;
 * a feeder gone silent makes it not computable (its held value is not used), and today's count leaves that gap out.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type AreaConfig, parseAreaConfig } from '../../core/config/area-schema';
import type { Judged } from '../../core/contract/edge-judge';
import { dayStartMs } from '../../core/time/shanghai';
import { LiveArea } from './live-area';

const base = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
const intake = base.substations.find((s) => s.parentIds.length === 0)!;
const child = base.substations.find((s) => s.parentIds.includes(intake.id))!;
const [fa, fb] = base.feeders.filter((f) => f.substationId === child.id);
const config: AreaConfig = {
  ...base,
  substations: [intake, child],
  feeders: [fa!, fb!],
  pvSites: [],
  chargingStations: [],
};

// 2026-03-02 00:00 in Shanghai.
const DAY = Date.UTC(2026, 2, 1, 16, 0, 0);
const at = (h: number, m: number, s = 0) => DAY + ((h * 60 + m) * 60 + s) * 1000;

const telemetry = (kind: 'substation' | 'feeder', deviceId: string, ts: number, pKw: number): Judged =>
  ({
    type: 'telemetry',
    kind,
    deviceId,
    atMs: ts,
    data:
      kind === 'substation'
        ? { ts, pKw, qKvar: 300, uKv: 228, fHz: 50 }
        : { ts, pKw, qKvar: 100, iA: 57, uKv: 10.2, eImportKwh: 1000 + ts / 1e6, eExportKwh: 0 },
  }) as Judged;

/** The 110 kV station is not the intake: its value does not enter the losses. */
function readings(area: LiveArea, ts: number, feederB: boolean) {
  area.apply(telemetry('substation', intake.id, ts, 2030));
  area.apply(telemetry('substation', child.id, ts, 2022));
  area.apply(telemetry('feeder', fa!.id, ts, 1000));
  if (feederB) area.apply(telemetry('feeder', fb!.id, ts, 1010));
}

describe('live losses between the intake and the feeder heads', () => {
  it('now: 2 030 − (1 000 + 1 010) = 20 kW, 20 / 2 030 = 0.99 % of the intake; an hour of it is 20 kWh', () => {
    const area = new LiveArea(config, { dayStartMs, holdMs: 60_000 });
    let losses = area.snapshot(at(10, 0)).figures.area.losses;
    for (let t = at(10, 0); t <= at(11, 0); t += 30_000) {
      readings(area, t, true);
      losses = area.snapshot(t).figures.area.losses;
    }
    expect(losses?.intakeKw).toBe(2030);
    expect(losses?.kw).toBe(20);
    expect(losses?.pctOfIntake?.toFixed(2)).toBe('0.99');
    expect(losses?.notComputable).toBeNull();
    expect(losses?.today.kwh).toBeCloseTo(20, 9);
    expect(losses?.today.pctOfIntake?.toFixed(2)).toBe('0.99');
    expect(losses?.today.countedSinceMs).toBe(at(10, 0));
    expect(losses?.today.countedMs).toBe(3_600_000);
    // Only the area: no province's figures carry losses.
    const snap = area.snapshot(at(11, 0));
    expect(snap.figures.sc.losses).toBeUndefined();
    expect(snap.figures.cq.losses).toBeUndefined();
  });

  it('a silent feeder (held, not live) makes the losses not computable; today leaves the gap out', () => {
    const area = new LiveArea(config, { dayStartMs, holdMs: 600_000 });
    for (let t = at(10, 0); t <= at(10, 30); t += 30_000) {
      readings(area, t, true);
      area.snapshot(t);
    }
    // Feeder B goes silent for 10 minutes: still held (within the hold time), but no live value.
    for (let t = at(10, 30, 30); t <= at(10, 40); t += 30_000) {
      readings(area, t, false);
      const l = area.snapshot(t).figures.area.losses;
      if (t >= at(10, 31)) {
        expect(l?.kw).toBeNull();
        expect(l?.pctOfIntake).toBeNull();
        expect(l?.notComputable).toBe('feeder-missing');
      }
    }
    // Back: counted again from its return, not bridged over the 10 minutes.
    let l = area.snapshot(at(10, 40)).figures.area.losses;
    for (let t = at(10, 40, 30); t <= at(11, 0); t += 30_000) {
      readings(area, t, true);
      l = area.snapshot(t).figures.area.losses;
    }
    // 10:00–10:30 and 10:40:30–11:00 counted (30 s after its last reading feeder B is no longer live): 49.5 min.
    expect(l?.today.countedMs).toBe(49.5 * 60_000);
    expect(l?.today.kwh).toBeCloseTo((20 * 49.5) / 60, 9);
    expect(l?.kw).toBe(20);
  });

  it('no intake reading yet: not computable, nothing counted', () => {
    const area = new LiveArea(config, { dayStartMs, holdMs: 60_000 });
    area.apply(telemetry('feeder', fa!.id, at(9, 0), 1000));
    area.apply(telemetry('feeder', fb!.id, at(9, 0), 1010));
    const l = area.snapshot(at(9, 0)).figures.area.losses;
    expect(l).toEqual({
      intakeKw: null,
      kw: null,
      pctOfIntake: null,
      notComputable: 'intake-missing',
      today: { kwh: null, pctOfIntake: null, countedSinceMs: null, countedMs: 0 },
    });
  });
});
