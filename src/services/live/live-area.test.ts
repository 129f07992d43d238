/**
 * LiveArea.seedFromHistory, hand-worked: a live service started at noon continues the history's count of the day, so
 * its figures count from midnight, and refuses the history's readings where they cannot belong to the same meter.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type AreaConfig, parseAreaConfig } from '../../core/config/area-schema';
import type { Judged } from '../../core/contract/edge-judge';
import type { DayRegistersResponse } from '../../core/contract/history-api';
import { dayStartMs } from '../../core/time/shanghai';
import { LiveArea } from './live-area';

const base = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
const feeder = base.feeders.find((f) => f.province === 'sc')!;
const pv = base.pvSites.find((p) => p.province === 'sc')!;
const station = base.chargingStations.find((c) => c.province === 'sc')!;
/** One feeder, PV site and station in Sichuan, so the province's figures are theirs. */
const config: AreaConfig = {
  ...base,
  substations: base.substations.filter((s) => s.id === feeder.substationId),
  feeders: [feeder],
  pvSites: [pv],
  chargingStations: [station],
};

// 2026-03-02 00:00 in Shanghai.
const DAY = Date.UTC(2026, 2, 1, 16, 0, 0);
const at = (h: number, m: number, s = 0) => DAY + ((h * 60 + m) * 60 + s) * 1000;

const newArea = () => new LiveArea(config, { dayStartMs, holdMs: 60_000 });

function feederReading(ts: number, eImportKwh: number, eExportKwh: number): Judged {
  const data = { ts, pKw: 1000, qKvar: 100, iA: 57, uKv: 10.2, eImportKwh, eExportKwh };
  return { type: 'telemetry', kind: 'feeder', deviceId: feeder.id, data, atMs: ts } as Judged;
}
function pvReading(ts: number, eKwh: number): Judged {
  const data = { ts, pKw: 40, eKwh, state: 'producing' };
  return { type: 'telemetry', kind: 'pv', deviceId: pv.id, data, atMs: ts } as Judged;
}
function stationReading(ts: number, eKwh: number, sessionsTotal: number): Judged {
  const connectors = station.connectors.map((k) => ({ id: k.id, state: 'available', pKw: 0, sessionKwh: 0 }));
  const data = { ts, pKw: 0, eKwh, sessionsTotal, connectors };
  return { type: 'telemetry', kind: 'charger', deviceId: station.id, data, atMs: ts } as Judged;
}

/** The history's answer: feeder X used 1,234.5 kWh net today, its registers read 10,000 / 50 at 11:59. */
const history = (
  countedSinceMs: number | null = DAY,
): Pick<DayRegistersResponse, 'dayStartMs' | 'countedSinceMs' | 'devices'> => ({
  dayStartMs: DAY,
  countedSinceMs,
  devices: [
    { id: feeder.id, kind: 'feeder', todayKwh: 1234.5, lastTs: at(11, 59), countersKwh: [10_000, 50] },
    { id: pv.id, kind: 'pv', todayKwh: 300, lastTs: at(11, 59), countersKwh: [4_000] },
    { id: station.id, kind: 'charger', todayKwh: 80, lastTs: at(11, 59), countersKwh: [900] },
  ],
});

const today = (area: LiveArea, nowMs: number) => area.snapshot(nowMs).figures.sc.today;

describe('LiveArea.seedFromHistory', () => {
  it("continues the history's count: 1,234.5 kWh + 2 kWh since 11:59 = 1,236.5 kWh, counted since midnight", () => {
    const area = newArea();
    expect(area.seedFromHistory(history())).toEqual({ seeded: 3, skipped: [] });
    // The first readings the live service sees, at 12:00:05: import 10,002 (export unchanged), PV +1.5, station +4.
    area.apply(feederReading(at(12, 0, 5), 10_002, 50));
    area.apply(pvReading(at(12, 0, 5), 4_001.5));
    area.apply(stationReading(at(12, 0, 5), 904, 17));
    const t = today(area, at(12, 0, 6));
    expect(t.eImportKwh).toBeCloseTo(1236.5, 9);
    expect(t.ePvKwh).toBeCloseTo(301.5, 9);
    expect(t.eEvKwh).toBeCloseTo(84, 9);
    expect(t.dayStartMs).toBe(DAY);
    expect(t.countedSinceMs).toBe(DAY);
    // Sessions are not in the history: counted since the station was first seen (0 so far), and the figure says so.
    expect(t.evSessions).toBe(0);
    expect(t.evSessionsCountedSinceMs).toBe(at(12, 0, 5));
    area.apply(stationReading(at(12, 30), 910, 20));
    expect(today(area, at(12, 30, 1)).evSessions).toBe(3);
  });

  it('export counts against import from its own reading: net 1,234.5 + 2 − 0.5', () => {
    const area = newArea();
    area.seedFromHistory(history());
    area.apply(feederReading(at(12, 0, 5), 10_002, 50.5));
    expect(today(area, at(12, 0, 6)).eImportKwh).toBeCloseTo(1236, 9);
  });

  it('seeds registers already stepped since start the same way (the answer came after the first readings)', () => {
    const area = newArea();
    area.apply(feederReading(at(12, 0, 5), 10_002, 50));
    area.apply(pvReading(at(12, 0, 5), 4_001.5));
    area.apply(stationReading(at(12, 0, 5), 904, 17));
    expect(today(area, at(12, 0, 6)).eImportKwh).toBe(0);
    expect(today(area, at(12, 0, 6)).countedSinceMs).toBe(at(12, 0, 5));
    expect(area.seedFromHistory(history()).seeded).toBe(3);
    area.apply(feederReading(at(12, 0, 15), 10_003, 50));
    const t = today(area, at(12, 0, 16));
    expect(t.eImportKwh).toBeCloseTo(1237.5, 9);
    expect(t.countedSinceMs).toBe(DAY);
  });

  it('says from when the history counted when it did not reach back to midnight', () => {
    const area = newArea();
    area.seedFromHistory(history(at(8, 0)));
    area.apply(feederReading(at(12, 0, 5), 10_002, 50));
    area.apply(pvReading(at(12, 0, 5), 4_001.5));
    area.apply(stationReading(at(12, 0, 5), 904, 17));
    expect(today(area, at(12, 0, 6)).countedSinceMs).toBe(at(8, 0));
  });

  it("keeps its own count where the readings cannot be the history's meter, or the history covered nothing", () => {
    const area = newArea();
    // Read lower than the history's 11:59 reading, after it: another meter (swapped since). All or none per feeder.
    area.apply(feederReading(at(12, 0, 5), 20, 50));
    const r = area.seedFromHistory(history());
    expect(r.seeded).toBe(2);
    expect(r.skipped).toEqual([{ id: feeder.id, reason: "its readings disagree with the history's" }]);
    area.apply(feederReading(at(12, 0, 15), 21, 50));
    area.apply(pvReading(at(12, 0, 5), 4_001.5));
    area.apply(stationReading(at(12, 0, 5), 904, 17));
    const t = today(area, at(12, 0, 16));
    expect(t.eImportKwh).toBeCloseTo(1, 9);
    expect(t.countedSinceMs).toBe(at(12, 0, 5));

    const empty = newArea();
    expect(empty.seedFromHistory(history(null)).seeded).toBe(0);
  });

  it('leaves a register that already counts the whole day as it is', () => {
    // A reading of yesterday then one of today: the register carries on from yesterday's, counted since midnight.
    const carried = newArea();
    carried.apply(feederReading(DAY - 10_000, 9_990, 50));
    carried.apply(feederReading(at(12, 0, 5), 10_002, 50));
    const r = carried.seedFromHistory(history());
    expect(r.skipped).toContainEqual({ id: feeder.id, reason: 'already counted from that time' });
    expect(today(carried, at(12, 0, 6)).eImportKwh).toBeCloseTo(12, 9);
  });
});

describe('EV substitution of a bus depot', () => {
  it('drives the depot’s kWh as e-buses against diesel buses (area.json evAssumptions.bus), not as cars', () => {
    const depot = base.chargingStations.find((c) => c.vehicles === 'bus' && c.province === 'sc')!;
    const bus = base.evAssumptions.bus!;
    const area = new LiveArea({ ...config, chargingStations: [depot] }, { dayStartMs, holdMs: 60_000 });
    const reading = (ts: number, eKwh: number): Judged => {
      const connectors = depot.connectors.map((k) => ({ id: k.id, state: 'charging', pKw: 60, sessionKwh: 10 }));
      const data = { ts, pKw: 60 * depot.connectors.length, eKwh, sessionsTotal: 5, connectors };
      return { type: 'telemetry', kind: 'charger', deviceId: depot.id, data, atMs: ts } as Judged;
    };
    area.apply(reading(at(8, 0), 900));
    area.apply(reading(at(10, 0), 1_200));
    const t = today(area, at(10, 0, 1));
    expect(t.eEvKwh).toBeCloseTo(300, 9);
    // 300 kWh / 150 kWh per 100 km = 200 km; × 32.6 L/100 km = 65.2 L diesel × 2.68 = 174.736 kg;
    // grid 300 × 0.1404 (Sichuan) = 42.12 kg; net 132.616 kg. As cars it would have been 2,000 km and 280.88 kg.
    expect([bus.kwhPer100Km, bus.dieselLPer100Km, bus.dieselKgCo2PerL]).toEqual([150, 32.6, 2.68]);
    expect(t.evSubstitution.km).toBeCloseTo(200, 9);
    expect(t.evSubstitution.petrolAvoidedL).toBe(0);
    expect(t.evSubstitution.co2NetAvoidedKg).toBeCloseTo(132.616, 6);
  });
});
