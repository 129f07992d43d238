import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../src/core/config/area-schema';
import { telemetrySchemaByKind } from '../../src/core/contract/payloads';
import { evStats } from './ev';
import { shanghaiTime, shanghaiToUtcMs } from './local-time';
import { REAL_FILES, realDataDir } from './real-data';
import { loadReplaySource, replayOptionsFor } from './replay';
import { scenarioStatus } from './scenario-status-fixture';
import { createWorld, type World } from './world';

const config = parseAreaConfig(
  readFileSync(new URL('../../public/config/area.json', import.meta.url), 'utf8'),
  'public/config/area.json',
);
const HOUR = 3_600_000;
// Wednesday 2025-07-23 and Wednesday 2025-01-15, local midnight.
const JULY = shanghaiToUtcMs(2025, 7, 23);
const JANUARY = shanghaiToUtcMs(2025, 1, 15);

const sumFeeders = (w: World) => config.feeders.reduce((a, f) => a + w.feederParts(f.id).pKw, 0);

describe('local time', () => {
  it('uses Asia/Shanghai whatever the machine zone', () => {
    const t = shanghaiTime(Date.UTC(2025, 6, 22, 16, 30)); // 00:30 on the 23rd in Shanghai
    expect(t).toMatchObject({ year: 2025, month: 7, day: 23, weekday: 3 });
    expect(t.hour).toBeCloseTo(0.5, 9);
  });
});

describe('feeder and substation physics', () => {
  const w = createWorld(config, { seed: 7, startMs: JULY });

  it('feeder head P = base + EV − PV + losses, Q and I consistent, U within ±7 %', () => {
    for (const h of [3, 10, 13, 20]) {
      w.advanceTo(JULY + h * HOUR);
      for (const f of config.feeders) {
        const p = w.feederParts(f.id);
        expect(p.pKw).toBeCloseTo(p.baseKw + p.evKw - p.pvKw + p.lossKw, 6);
        expect(p.lossKw).toBeGreaterThan(0);
        const t = w.feeder(f.id);
        expect(Math.abs(t.uKv / f.nominalKv - 1)).toBeLessThan(0.07);
        expect(t.iA).toBeCloseTo(Math.hypot(t.pKw, t.qKvar) / (Math.sqrt(3) * t.uKv), 0);
        expect(telemetrySchemaByKind.feeder.safeParse(t).success).toBe(true);
      }
    }
  });

  it('losses are about 1–3 % at rating', () => {
    const o = createWorld(config, { seed: 7, startMs: JULY + 20 * HOUR, warmUpH: 1 });
    o.applyScenario({ type: 'overload', deviceId: 'dawan-f01', loadingPct: 100 });
    const p = o.feederParts('dawan-f01');
    const sKva = Math.hypot(p.pKw, p.qKvar);
    expect(p.lossKw / sKva).toBeGreaterThan(0.01);
    expect(p.lossKw / sKva).toBeLessThan(0.03);
  });

  it('110 kV = Σ its feeders + small transformer loss; 220 kV = Σ shares of its children', () => {
    w.advanceTo(JULY + 21 * HOUR);
    let sum110 = 0;
    for (const s of config.substations.filter((x) => x.voltageKv === 110)) {
      const feeders = config.feeders.filter((f) => f.substationId === s.id);
      const sumKw = feeders.reduce((a, f) => a + w.feederParts(f.id).pKw, 0);
      const pKw = w.substation(s.id).pKw;
      expect(pKw).toBeGreaterThan(sumKw);
      expect((pKw - sumKw) / sumKw).toBeLessThan(0.02);
      sum110 += pKw;
    }
    const sum220 = w.substation('gaotan-220').pKw + w.substation('cizhu-220').pKw;
    expect(sum220).toBeGreaterThan(sum110);
    expect((sum220 - sum110) / sum110).toBeLessThan(0.02);
    // xinqu-110 has two parents: each carries half of it.
    const own = (id: string) =>
      config.substations
        .filter((s) => s.parentIds.length === 1 && s.parentIds[0] === id)
        .reduce((a, s) => a + w.substation(s.id).pKw, 0);
    const shared = (w.substation('xinqu-110').pKw + w.substation('gaozhu-bei-110').pKw) / 2;
    expect(w.substation('gaotan-220').pKw).toBeGreaterThan(own('gaotan-220') + shared);
    expect(w.substation('gaotan-220').pKw).toBeLessThan((own('gaotan-220') + shared) * 1.02);
    const f = w.substation('gaotan-220').fHz;
    expect(Math.abs(f - 50)).toBeLessThan(0.02);
  });

  it('counters are the integral of P (positive → import, negative → export) within 0.5 %', () => {
    const c = createWorld(config, { seed: 3, startMs: JULY, warmUpH: 1 });
    const ids = config.feeders.map((f) => f.id);
    const first = ids.map((id) => c.feeder(id));
    const integral = ids.map(() => ({ imp: 0, exp: 0 }));
    const dtMs = 10_000;
    for (let t = JULY + dtMs; t <= JULY + 24 * HOUR; t += dtMs) {
      c.advanceTo(t);
      ids.forEach((id, i) => {
        const p = c.feederParts(id).pKw;
        const acc = integral[i] as { imp: number; exp: number };
        if (p > 0) acc.imp += (p * dtMs) / HOUR;
        else acc.exp += (-p * dtMs) / HOUR;
      });
    }
    ids.forEach((id, i) => {
      const now = c.feeder(id);
      const dImp = now.eImportKwh - (first[i]?.eImportKwh ?? 0);
      const dExp = now.eExportKwh - (first[i]?.eExportKwh ?? 0);
      const acc = integral[i] as { imp: number; exp: number };
      expect(Math.abs(dImp - acc.imp) / acc.imp).toBeLessThan(0.005);
      expect(Math.abs(dExp - acc.exp)).toBeLessThan(0.005 * acc.imp + 1);
    });
  });
});

describe('contract', () => {
  it.each([1, 4, 7, 10])('every device payload passes its schema (a week from month %i), U within ±7 %%', (month) => {
    const start = shanghaiToUtcMs(2025, month, 10);
    const w = createWorld(config, { seed: 21, startMs: start, warmUpH: 1 });
    for (let t = start; t < start + 7 * 24 * HOUR; t += 2 * HOUR + 13 * 60_000) {
      w.advanceTo(t);
      for (const d of w.devices()) {
        const payload = (w[d.kind] as (id: string) => unknown)(d.id);
        const r = telemetrySchemaByKind[d.kind].safeParse(payload);
        if (!r.success) throw new Error(`${d.id} at ${new Date(t).toISOString()}: ${r.error.message}`);
        if (d.kind === 'feeder') expect(Math.abs((payload as { uKv: number }).uKv / 10 - 1)).toBeLessThan(0.07);
      }
    }
  });
});

describe('determinism', () => {
  it('same seed → same values; another seed → different values', () => {
    const a = createWorld(config, { seed: 42, startMs: JULY });
    const b = createWorld(config, { seed: 42, startMs: JULY });
    const c = createWorld(config, { seed: 43, startMs: JULY });
    for (const w of [a, b, c]) w.advanceTo(JULY + 13.5 * HOUR);
    for (const d of a.devices()) {
      const get = (w: World) => (w[d.kind] as (id: string) => unknown)(d.id);
      expect(get(b)).toEqual(get(a));
    }
    expect(c.feeder('gaotan-f01')).not.toEqual(a.feeder('gaotan-f01'));
  });
});

describe('PV', () => {
  it('is zero (or standby) at night and peaks near local solar noon', () => {
    const start = shanghaiToUtcMs(2025, 6, 1);
    // The sun alone: a random outage trips the inverters on its sections (anti-islanding), see flisr.test.ts.
    const w = createWorld(config, { seed: 5, startMs: start, randomOutages: false });
    const byHour = new Array<number>(24).fill(0);
    for (let d = 0; d < 20; d++) {
      for (let h = 0; h < 24; h++) {
        w.advanceTo(start + (d * 24 + h) * HOUR);
        for (const s of config.pvSites) {
          const t = w.pv(s.id);
          if (h <= 4 || h >= 21) {
            expect(t.state).toBe('idle');
            expect(t.pKw).toBeLessThanOrEqual(0);
          }
          byHour[h] = (byHour[h] ?? 0) + t.pKw;
        }
      }
    }
    const peakHour = byHour.indexOf(Math.max(...byHour));
    // Solar noon at 106.9° E in June is about 12:50 local (UTC+8).
    expect(peakHour).toBeGreaterThanOrEqual(12);
    expect(peakHour).toBeLessThanOrEqual(14);
    const kwp = config.pvSites.reduce((a, s) => a + s.kWp, 0);
    expect(Math.max(...byHour) / 20 / kwp).toBeGreaterThan(0.25);
    expect(Math.max(...byHour) / 20 / kwp).toBeLessThan(0.85);
  });
});

describe('area load', () => {
  it.each([
    ['July', JULY],
    ['January', JANUARY],
  ])('weekday peak grid import in %s lands within 150–250 MW', (_m, start) => {
    const w = createWorld(config, { seed: 1, startMs: start });
    let peak = 0;
    for (let t = start; t <= start + 24 * HOUR; t += 5 * 60_000) {
      w.advanceTo(t);
      peak = Math.max(peak, sumFeeders(w));
    }
    expect(peak / 1000).toBeGreaterThan(150);
    expect(peak / 1000).toBeLessThan(250);
  });
});

describe('EV charging', () => {
  it('loads the derived session statistics', () => {
    expect(evStats.arrivalShareByHour).toHaveLength(24);
    expect(evStats.arrivalShareByHour.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    const mono = (a: number[]) => a.every((v, i) => i === 0 || v >= (a[i - 1] as number));
    expect(mono(evStats.energyKwhQuantiles)).toBe(true);
    expect(mono(evStats.dwellHQuantiles)).toBe(true);
    expect(evStats.meanEnergyKwh).toBeGreaterThan(5);
  });

  it('starts sessions, integrates energy and respects connector ratings', () => {
    const w = createWorld(config, { seed: 9, startMs: JULY });
    const before = config.chargingStations.map((s) => w.charger(s.id));
    let maxCharging = 0;
    for (let t = JULY; t <= JULY + 48 * HOUR; t += 10 * 60_000) {
      w.advanceTo(t);
      let charging = 0;
      for (const s of config.chargingStations) {
        const c = w.charger(s.id);
        expect(telemetrySchemaByKind.charger.safeParse(c).success).toBe(true);
        s.connectors.forEach((cc, i) => {
          expect(c.connectors[i]?.pKw ?? 0).toBeLessThanOrEqual(cc.ratedKw + 1e-9);
        });
        charging += c.connectors.filter((x) => x.state === 'charging').length;
      }
      maxCharging = Math.max(maxCharging, charging);
    }
    const after = config.chargingStations.map((s) => w.charger(s.id));
    const sessions = after.reduce((a, c, i) => a + c.sessionsTotal - (before[i]?.sessionsTotal ?? 0), 0);
    const energy = after.reduce((a, c, i) => a + c.eKwh - (before[i]?.eKwh ?? 0), 0);
    expect(sessions).toBeGreaterThan(200);
    expect(energy / sessions).toBeGreaterThan(8);
    expect(energy / sessions).toBeLessThan(80);
    expect(maxCharging).toBeGreaterThan(10);
  });
});

describe('scenarios', () => {
  const w = createWorld(config, { seed: 11, startMs: JULY + 12 * HOUR, warmUpH: 2 });

  it('overload pushes the feeder to about 115 % of rating', () => {
    const sc = w.applyScenario({ type: 'overload', deviceId: 'cizhu-f02' });
    const t = w.feeder('cizhu-f02');
    const loading = Math.hypot(t.pKw, t.qKvar) / 6000;
    expect(loading).toBeGreaterThan(1.13);
    expect(loading).toBeLessThan(1.2);
    expect(w.clearScenario(sc.id)).toBe(true);
    expect(Math.hypot(w.feeder('cizhu-f02').pKw, w.feeder('cizhu-f02').qKvar) / 6000).toBeLessThan(1);
  });

  it('pv-trip, cloud and charger-fault change the world; durationS expires in world time', () => {
    w.applyScenario({ type: 'pv-trip', deviceId: 'pv-002', durationS: 600 });
    expect(w.pv('pv-002')).toMatchObject({ state: 'tripped', pKw: 0 });
    const before = config.pvSites.filter((s) => s.province === 'cq').reduce((a, s) => a + w.pv(s.id).pKw, 0);
    const cloud = w.applyScenario({ type: 'cloud', province: 'cq', factor: 0.2 });
    const after = config.pvSites.filter((s) => s.province === 'cq').reduce((a, s) => a + w.pv(s.id).pKw, 0);
    expect(after).toBeLessThan(before * 0.25);
    w.clearScenario(cloud.id);
    w.applyScenario({ type: 'charger-fault', deviceId: 'ev-02' });
    expect(w.charger('ev-02').connectors.every((c) => c.state === 'faulted' && c.pKw === 0)).toBe(true);
    w.advanceTo(w.nowMs + 601_000);
    expect(w.pv('pv-002').state).not.toBe('tripped');
    expect(w.listScenarios().map((s) => s.type)).toEqual(['charger-fault']);
    w.clearScenarios();
    expect(w.charger('ev-02').connectors.some((c) => c.state === 'faulted')).toBe(false);
  });

  it('rejects bad requests with 400 and unknown devices with 404', () => {
    const status = (body: unknown) => scenarioStatus(w, body, 200);
    expect(status({ type: 'meltdown' })).toBe(400);
    expect(status({ type: 'overload' })).toBe(400);
    expect(status({ type: 'overload', deviceId: 'pv-001' })).toBe(400);
    expect(status({ type: 'overload', deviceId: 'gaotan-f01', extra: 1 })).toBe(400);
    expect(status({ type: 'silent', deviceId: 'no-such-device' })).toBe(404);
    expect(status({ type: 'charger-fault', deviceId: 'ev-01', connectorId: 'c99' })).toBe(404);
    expect(status({ type: 'silent', deviceId: 'pv-003' })).toBe(200);
    expect(w.isSilent('pv-003')).toBe(true);
    w.clearScenarios();
  });
});

const haveRealData = existsSync(join(realDataDir(), REAL_FILES.pv)) && existsSync(join(realDataDir(), REAL_FILES.load));

describe.skipIf(!haveRealData)('replay of the real series', () => {
  const replay = loadReplaySource();
  const csvValue = (rel: string, ts: string, col: number) => {
    const line = readFileSync(join(realDataDir(), rel), 'utf8')
      .split('\n')
      .find((l) => l.startsWith(ts));
    return Number(line?.split(',')[col]);
  };

  it('reads the series at their 15-min points and maps any year onto them', () => {
    const pvMw = csvValue(REAL_FILES.pv, '2019-06-10 12:00:00', 6);
    expect(replay.pvPu(shanghaiToUtcMs(2026, 6, 10, 12))).toBeCloseTo(pvMw / 50, 9);
    const a = csvValue(REAL_FILES.load, '2014-03-05 19:15:00', 1);
    const b = csvValue(REAL_FILES.load, '2014-03-05 19:30:00', 1);
    const ratio =
      replay.loadPu(shanghaiToUtcMs(2025, 3, 5, 19, 20)) / replay.loadPu(shanghaiToUtcMs(2025, 3, 5, 19, 15));
    expect(ratio).toBeCloseTo((a + ((b - a) * 5) / 15) / a, 9);
  });

  it('drives PV and base load with the real shapes', () => {
    const start = shanghaiToUtcMs(2025, 5, 20);
    const w = createWorld(config, { seed: 1, startMs: start, replay });
    const pv: number[] = [];
    const ref: number[] = [];
    const load: number[] = [];
    const refLoad: number[] = [];
    for (let t = start; t < start + 24 * HOUR; t += 15 * 60_000) {
      w.advanceTo(t);
      pv.push(config.pvSites.reduce((a, s) => a + Math.max(0, w.pv(s.id).pKw), 0));
      ref.push(replay.pvPu(t));
      load.push(config.feeders.reduce((a, f) => a + w.feederParts(f.id).baseKw, 0));
      refLoad.push(replay.loadPu(t));
    }
    expect(correlation(pv, ref)).toBeGreaterThan(0.99);
    expect(correlation(load, refLoad)).toBeGreaterThan(0.95);
  });

  it("measures the real plant's own yield and scales it to the basin's (area.json pvReplayYield)", () => {
    // Σ Power(MW) × 0.25 h / 50 MW over 2019, the same sum as the file: about 1,700 kWh/kWp, a high, cold site.
    expect(replay.pvSourceYieldKwhPerKwp).toBeGreaterThan(1_600);
    expect(replay.pvSourceYieldKwhPerKwp).toBeLessThan(1_800);
    const target = config.pvReplayYield?.kwhPerKwpYear ?? Number.NaN;
    const basin = loadReplaySource(replayOptionsFor(config));
    expect(basin.pvYieldScale).toBeCloseTo(target / replay.pvSourceYieldKwhPerKwp, 9);
    const noon = shanghaiToUtcMs(2026, 6, 10, 12);
    expect(basin.pvPu(noon)).toBeCloseTo(replay.pvPu(noon) * basin.pvYieldScale, 9);
  });

  it('names the missing file and the variable when the data directory is wrong', () => {
    expect(() => loadReplaySource({ dir: '/nonexistent' })).toThrow(/solar_station_site1.*GAOZHU_REAL_DATA_DIR/);
  });
});

function correlation(a: number[], b: number[]): number {
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const ma = mean(a);
  const mb = mean(b);
  let num = 0;
  let da = 0;
  let db = 0;
  a.forEach((v, i) => {
    const x = v - ma;
    const y = (b[i] as number) - mb;
    num += x * y;
    da += x * x;
    db += y * y;
  });
  return num / Math.sqrt(da * db);
}
