/**
 * The history storage port's contract, as tests every adapter must pass: sqlite/sqlite-storage.test.ts runs it on a
 * SQLite file, tests/integration/history-storage-postgres.test.ts on a throw-away PostgreSQL cluster. Each test opens a
 * fresh, empty storage. Expected values are worked out from the inputs (thousandths of the unit, as stored), or, for
 * the province balance, from province-minutes.ts, the one owner of that rule.
 */
import { describe, expect, it } from 'vitest';
import type { AlarmEvent } from '../../../core/contract/live-core';
import type { OutageRecord } from '../../../core/contract/reliability';
import { outageSection } from '../../../core/domain/reliability/example-outages';
import type { MinuteCell } from '../minute-accumulator';
import { provinceMinutes } from '../province-minutes';
import { SeriesQuery } from '../series-query';
import type { DeviceRow, HistoryStorage, RecordedLiveFigures } from './history-storage';

export const T0 = Date.UTC(2026, 2, 1, 16, 0, 0);
const M0 = T0 / 60_000;
const counts = { live: 3, held: 1, missing: 0 };
const DAY_MS = 86_400_000;

/** Live figures of Sichuan at tsMs with today's import energy; exported for the adapters' own tests. */
export function figures(tsMs: number, eImportKwh: number): RecordedLiveFigures {
  return {
    scope: 'sc',
    tsMs,
    dataTimeMs: tsMs - 500,
    status: 'held',
    power: { gridImportKw: 1200.5, pvKw: 80, evKw: 40, consumptionKw: 1280.5 },
    today: {
      dayStartMs: T0,
      countedSinceMs: T0,
      eImportKwh,
      ePvKwh: 12.345,
      eEvKwh: 6,
      eConsumptionKwh: eImportKwh + 12.345,
      co2EmittedKg: 10,
      co2AvoidedPvKg: 7,
      coalSavedKg: 4,
      peakConsumptionKw: 1500,
      peakAtMs: T0 + 1_000,
    },
    coverage: { feeder: counts, pv: counts, charger: { live: 2, held: 0, missing: 1 } },
  };
}

const event = (ts: number, type: AlarmEvent['type'], extra: Partial<AlarmEvent> = {}): AlarmEvent => ({
  ts,
  alarmId: `heavy-load:f1:${T0}`,
  type,
  rule: 'heavy-load',
  severity: 'minor',
  deviceId: 'f1',
  value: 85,
  by: null,
  note: null,
  ...extra,
});

const DEVICES = [
  { id: 'f1', kind: 'feeder', province: 'sc' },
  { id: 'pv1', kind: 'pv', province: 'sc' },
  { id: 'ev1', kind: 'charger', province: 'cq' },
] as const;

const cell = (device: number, minute: number, c: Partial<MinuteCell> = {}): MinuteCell => ({
  device,
  minute,
  n: 1,
  sumPKw: 1,
  maxPKw: 1,
  eKwh: 0.016,
  sumIA: 10,
  sumUKv: 10,
  ...c,
});

const HOUR_MS = 3_600_000;
/** An outage of one section (200 customers) from startMs; `state` sets how far it got. */
export function outage(startMs: number, state: OutageRecord['state'], extra: Partial<OutageRecord> = {}): OutageRecord {
  const repaired = state === 'repaired';
  return {
    id: `f1-${startMs}`,
    feederId: 'f1',
    substationId: 's1',
    province: 'sc',
    cause: 'fault',
    faultSection: state === 'tripped' ? null : 1,
    state,
    startMs,
    isolatedAtMs: state === 'tripped' ? null : startMs + 20_000,
    restoredAtMs: null,
    repairedAtMs: repaired ? startMs + 2 * HOUR_MS : null,
    sections: [outageSection(1, 200, startMs, repaired ? { atMs: startMs + 2 * HOUR_MS, via: 'repair' } : null)],
    customersAffected: 200,
    customerMinutes: repaired ? 24_000 : 0,
    selfHealed: false,
    crossProvinceTie: false,
    ...extra,
  };
}

const minuteRange = (from: number, to: number, widthMin = 1) =>
  ({ resolution: 'minute', from, to, widthMin, offsetMin: 0 }) as const;
const hourRange = (from: number, to: number, widthMin = 60) =>
  ({ resolution: 'hour', from, to, widthMin, offsetMin: 0 }) as const;

export function historyStorageContract(open: () => Promise<HistoryStorage>): void {
  const withStorage = (work: (s: HistoryStorage) => Promise<void>) => async () => {
    const storage = await open();
    try {
      await work(storage);
    } finally {
      await storage.close();
    }
  };

  describe('devices', () => {
    it(
      'gives new devices new keys, keeps existing keys, and leaves removed devices out',
      withStorage(async (s) => {
        const first = await s.registerDevices(DEVICES);
        expect([...first.values()].map((d) => [d.id, d.idx])).toEqual([
          ['f1', 1],
          ['pv1', 2],
          ['ev1', 3],
        ]);
        const again = await s.registerDevices([DEVICES[1], { id: 'f2', kind: 'feeder', province: 'cq' }, DEVICES[0]]);
        expect(again.get('f1')?.idx).toBe(1);
        expect(again.get('pv1')?.idx).toBe(2);
        expect(again.get('f2')).toEqual({ idx: 4, id: 'f2', kind: 'feeder', province: 'cq' });
        expect(again.has('ev1')).toBe(false);
      }),
    );
  });

  describe('coverage and cursors', () => {
    it(
      'merges overlapping intervals, moves an interval end with a drain, and keeps the cursors',
      withStorage(async (s) => {
        expect(await s.hasCoverage()).toBe(false);
        const a = await s.openCoverage({ startMs: T0, endMs: T0 + 60_000, source: 'live' });
        const b = await s.openCoverage({ startMs: T0 + 30_000, endMs: T0 + 90_000, source: 'backfill' });
        await s.openCoverage({ startMs: T0 + 200_000, endMs: T0 + 300_000, source: 'live' });
        expect(a).not.toBe(b);
        expect(await s.hasCoverage()).toBe(true);
        expect(await s.coveredIntervals(T0, T0 + 400_000)).toEqual([
          { startMs: T0, endMs: T0 + 90_000 },
          { startMs: T0 + 200_000, endMs: T0 + 300_000 },
        ]);
        expect(await s.coveredIntervals(T0 + 95_000, T0 + 199_000)).toEqual([]);

        await s.registerDevices(DEVICES);
        const cursors = new Map([
          [1, { lastTsMs: T0 + 59_000, countersKwh: [10.5, 2.25] }],
          [2, { lastTsMs: T0 + 58_000, countersKwh: [7] }],
        ]);
        await s.recordMinutes([], cursors, { id: a, endMs: T0 + 250_000 });
        expect(await s.deviceCursors()).toEqual(cursors);
        expect(await s.coveredIntervals(0, Number.MAX_SAFE_INTEGER)).toEqual([{ startMs: T0, endMs: T0 + 300_000 }]);
      }),
    );
  });

  describe('recorded minutes', () => {
    it(
      'merges a minute written in two drains and derives province minutes, scope hours, peaks, means and energies',
      withStorage(async (s) => {
        const devices = await s.registerDevices(DEVICES);
        const byIdx = new Map<number, DeviceRow>([...devices.values()].map((d) => [d.idx, d]));
        const first = await s.recordMinutes(
          [
            cell(1, M0, { n: 2, sumPKw: 2, maxPKw: 1.5, eKwh: 0.02, sumIA: 20, sumUKv: 20 }),
            cell(2, M0, { n: 1, sumPKw: 0.5, maxPKw: 0.5, eKwh: 0.008 }),
            cell(1, M0 + 1, { n: 1, sumPKw: 1.75, maxPKw: 1.75, eKwh: 0.03 }),
            cell(3, M0 + 61, { n: 1, sumPKw: 0.4, maxPKw: 0.4, eKwh: 0.005 }),
          ],
          new Map(),
        );
        expect(first.minutes).toBe(3);
        // A late sample of minute M0 (no max: a status-only sample) merges into the stored minute.
        await s.recordMinutes(
          [cell(1, M0, { n: 1, sumPKw: 1.3, maxPKw: null, eKwh: 0.01, sumIA: 9, sumUKv: 11 })],
          new Map(),
        );

        expect(await s.deviceBuckets('pKw', 1, minuteRange(M0, M0 + 2))).toEqual([
          { startMin: M0, count: 1, sum: 1100, max: 1500 },
          { startMin: M0 + 1, count: 1, sum: 1750, max: 1750 },
        ]);
        expect(await s.deviceBuckets('eKwh', 1, minuteRange(M0, M0 + 120, 60))).toEqual([
          { startMin: M0, count: 2, sum: 60, max: 30 },
        ]);
        const iA = await s.deviceBuckets('iA', 1, minuteRange(M0, M0 + 1));
        expect(iA).toEqual([{ startMin: M0, count: 1, sum: (29_000 / 3) as number, max: expect.any(Number) }]);
        expect(iA[0]?.sum).toBeCloseTo(9666.667, 2);

        // The province minute follows the one rule of province-minutes.ts over the merged device minute.
        const [sc] = provinceMinutes(
          [
            { device: 1, n: 3, sumPW: 3300, eWh: 30 },
            { device: 2, n: 1, sumPW: 500, eWh: 8 },
          ],
          byIdx,
        );
        const grid = await s.scopeBuckets('gridImportKw', 'sc', minuteRange(M0, M0 + 1));
        expect(grid).toEqual([{ startMin: M0, count: 1, sum: sc!.gridImportW, max: sc!.gridImportW }]);
        expect(await s.scopeBuckets('eImportKwh', 'sc', minuteRange(M0, M0 + 2))).toEqual([
          { startMin: M0, count: 1, sum: 30, max: 30 },
          { startMin: M0 + 1, count: 1, sum: 30, max: 30 },
        ]);
        expect(await s.scopeBuckets('ePvKwh', 'sc', minuteRange(M0, M0 + 1))).toEqual([
          { startMin: M0, count: 1, sum: 8, max: 8 },
        ]);
        // The area is Σ of the provinces per minute; cq only has minute M0 + 61.
        expect(await s.scopeBuckets('eEvKwh', 'area', minuteRange(M0, M0 + 120, 60))).toEqual([
          { startMin: M0, count: 2, sum: 0, max: 0 },
          { startMin: M0 + 60, count: 1, sum: 5, max: 5 },
        ]);
        // Scope hours: minutes with data, Σ of energies.
        const h0 = M0 / 60;
        expect(await s.scopeBuckets('eImportKwh', 'sc', hourRange(h0, h0 + 2))).toEqual([
          { startMin: M0, count: 2, sum: 60, max: null },
        ]);
        expect(await s.scopeBuckets('eEvKwh', 'area', hourRange(h0, h0 + 2, 120))).toEqual([
          { startMin: M0, count: 3, sum: 5, max: null },
        ]);

        expect(await s.devicePeaks('feeder', M0, M0 + 1)).toEqual([{ device: 1, maxPW: 1750, minute: M0 + 1 }]);
        expect(await s.devicePeaks('feeder', M0, M0)).toEqual([{ device: 1, maxPW: 1500, minute: M0 }]);
        const means = await s.deviceMinuteMeans('feeder', M0, M0 + 2);
        expect(means.sort((a, b) => a.minute - b.minute)).toEqual([
          { device: 1, minute: M0, meanPW: 1100 },
          { device: 1, minute: M0 + 1, meanPW: 1750 },
        ]);
        const energies = await s.deviceEnergies(M0, M0 + 120);
        expect(energies.sort((a, b) => a.device - b.device)).toEqual([
          { device: 1, eWh: 60 },
          { device: 2, eWh: 8 },
          { device: 3, eWh: 5 },
        ]);
      }),
    );

    it(
      'merges two cells of one device and minute in one drain as it merges them across drains',
      withStorage(async (s) => {
        await s.registerDevices(DEVICES);
        await s.recordMinutes(
          [
            cell(1, M0, { n: 2, sumPKw: 2, maxPKw: null, eKwh: 0.02 }),
            cell(1, M0, { n: 1, sumPKw: 1.3, maxPKw: 1.7, eKwh: 0.01 }),
            cell(1, M0, { n: 1, sumPKw: 0.7, maxPKw: 0.9, eKwh: 0.005 }),
          ],
          new Map(),
        );
        expect(await s.deviceBuckets('pKw', 1, minuteRange(M0, M0 + 1))).toEqual([
          { startMin: M0, count: 1, sum: 1000, max: 1700 },
        ]);
        expect(await s.deviceEnergies(M0, M0 + 1)).toEqual([{ device: 1, eWh: 35 }]);
      }),
    );

    it(
      'writes a backfill chunk atomically with its progress; the state reads back as saved',
      withStorage(async (s) => {
        await s.registerDevices(DEVICES);
        expect(await s.backfillState()).toBeNull();
        const coverageId = await s.openCoverage({ startMs: T0, endMs: T0, source: 'backfill' });
        const state = {
          state: 'running' as const,
          fromMs: T0,
          toMs: T0 + DAY_MS,
          doneToMs: T0,
          deviceMinuteFromMs: T0 + 3_600_000,
          seed: 7,
          replay: false,
          coarseSampleMin: 5,
          coverageId,
          startedAtMs: 1,
        };
        await s.saveBackfillState(state);
        expect(await s.backfillState()).toEqual(state);
        const h0 = M0 / 60;
        await s.writeBackfillChunk({
          provinceMinutes: [0, 1].map((k) => ({
            province: 'sc' as const,
            minute: M0 + k,
            gridImportKw: 100 + k,
            pvKw: 10,
            evKw: 5,
            eImportKwh: 1.5,
            ePvKwh: 0.25,
            eEvKwh: 0.125,
          })),
          deviceMinutes: [{ device: 1, key: M0 + 60, sumPKw: 2.5, maxPKw: 3, eKwh: 0.04, sumIA: 5, sumUKv: 10 }],
          deviceHours: [{ device: 1, key: h0, minutes: 60, sumPKw: 120, maxPKw: 4, eKwh: 2, sumIA: 300, sumUKv: 600 }],
          hours: [h0],
          coverage: { id: coverageId, endMs: T0 + 3_600_000 },
          state: { ...state, doneToMs: T0 + 3_600_000 },
        });
        expect((await s.backfillState())?.doneToMs).toBe(T0 + 3_600_000);
        expect(await s.coveredIntervals(0, Number.MAX_SAFE_INTEGER)).toEqual([{ startMs: T0, endMs: T0 + 3_600_000 }]);
        expect(await s.scopeBuckets('gridImportKw', 'sc', hourRange(h0, h0 + 1))).toEqual([
          { startMin: M0, count: 2, sum: 201_000, max: 101_000 },
        ]);
        expect(await s.deviceBuckets('pKw', 1, hourRange(h0, h0 + 1))).toEqual([
          { startMin: M0, count: 60, sum: 120_000, max: 4000 },
        ]);
        expect(await s.deviceBuckets('pKw', 1, minuteRange(M0 + 60, M0 + 61))).toEqual([
          { startMin: M0 + 60, count: 1, sum: 2500, max: 3000 },
        ]);
        await s.setDeviceMinuteFromMs(T0 + 3_600_000);
        expect(await s.deviceMinuteFromMs()).toBe(T0 + 3_600_000);
      }),
    );
  });

  describe('retention of per-device minutes', () => {
    it(
      'sums minutes older than the cutoff into device hours, removes them, and the series answer the same',
      withStorage(async (s) => {
        const devices = await s.registerDevices(DEVICES);
        // Three UTC days of f1 and pv1 minutes, 4 sampled minutes an hour plus one energy-only minute.
        const D0 = Math.floor(T0 / DAY_MS) * DAY_MS;
        await s.openCoverage({ startMs: D0, endMs: D0 + 3 * DAY_MS, source: 'live' });
        await s.setDeviceMinuteFromMs(D0);
        const cells: MinuteCell[] = [];
        for (let h = 0; h < 72; h++)
          for (const [k, m] of [7, 19, 33, 48].entries()) {
            const minute = D0 / 60_000 + h * 60 + m;
            cells.push(
              cell(1, minute, { n: 2, sumPKw: 2 + h / 10 + k / 7, maxPKw: 1.5 + h / 10, eKwh: 0.017 * (k + 1) }),
            );
            cells.push(cell(2, minute, { n: 3, sumPKw: 0.3 * (k + 1), maxPKw: 0.2 * (k + 1), eKwh: 0.004 }));
          }
        for (let h = 0; h < 72; h++)
          cells.push(cell(1, D0 / 60_000 + h * 60 + 55, { n: 0, sumPKw: 0, maxPKw: null, eKwh: 0.003 }));
        await s.recordMinutes(cells, new Map());

        const query = new SeriesQuery(s, devices);
        const ask = (metric: string, entity: string, step: '15m' | '1h' | '1d', agg: 'avg' | 'max' = 'avg') =>
          query.run({ metric, entity, fromMs: D0, toMs: D0 + 3 * DAY_MS, step, agg });
        // The same questions before and after the compaction.
        const askAll = async () => ({
          e15: await ask('eKwh', 'f1', '15m'),
          p15: await ask('pKw', 'f1', '15m', 'max'),
          e: await ask('eKwh', 'f1', '1d'),
          eHours: await ask('eKwh', 'pv1', '1h'),
          p: await ask('pKw', 'f1', '1h'),
          pMax: await ask('pKw', 'f1', '1d', 'max'),
          area: await ask('eImportKwh', 'area', '1h'),
        });
        const before = await askAll();
        const minuteSums = await s.deviceBuckets('eKwh', 1, minuteRange(D0 / 60_000, D0 / 60_000 + 2880, 60));
        expect(await s.deviceQuarterFromMs()).toBe(D0);

        const done = await s.compactDeviceMinutes(D0 + 2 * DAY_MS + 5 * 3_600_000);
        expect(done).toMatchObject({
          fromMs: D0,
          toMs: D0 + 2 * DAY_MS,
          deviceHours: 2 * 48,
          deviceQuarters: 2 * 48 * 4,
        });
        expect(done.minuteRowsDeleted).toBe(2 * 24 * (4 * 2 + 1));
        expect(await s.deviceMinuteFromMs()).toBe(D0 + 2 * DAY_MS);
        // The rows older than the cutoff are gone; the newer day's stay.
        expect(await s.deviceBuckets('eKwh', 1, minuteRange(D0 / 60_000, D0 / 60_000 + 2880, 2880))).toEqual([]);
        expect(await s.deviceBuckets('eKwh', 1, minuteRange(D0 / 60_000 + 2880, D0 / 60_000 + 4320, 1440))).toEqual([
          { startMin: D0 / 60_000 + 2880, count: 24 * 5, sum: 24 * (17 + 34 + 51 + 68 + 3), max: 68 },
        ]);
        // Each compacted hour's energy equals what its minutes summed.
        const hourSums = await s.deviceBuckets('eKwh', 1, hourRange(D0 / 3_600_000, D0 / 3_600_000 + 48));
        expect(hourSums.map((b) => [b.startMin, b.sum])).toEqual(minuteSums.map((b) => [b.startMin, b.sum]));

        const after = await askAll();
        expect(after.e.points).toEqual(before.e.points);
        // 15-minute steps over the compacted days read the 15-minute rows: the same energies and maxima, no note.
        expect(after.e15.points.length).toBe(3 * 96);
        expect(after.e15.points).toEqual(before.e15.points);
        expect(after.p15.points).toEqual(before.p15.points);
        expect(after.e15.note).toBeUndefined();
        expect(await s.deviceQuarterFromMs()).toBe(D0);
        const minuteSteps = await query.run({
          metric: 'pKw',
          entity: 'f1',
          fromMs: D0,
          toMs: D0 + DAY_MS,
          step: '1m',
          agg: 'avg',
        });
        expect(minuteSteps.note).toMatch(/15-minute rows only; use step 15m/);
        expect(after.eHours.points).toEqual(before.eHours.points);
        expect(after.pMax.points).toEqual(before.pMax.points);
        expect(after.area.points).toEqual(before.area.points);
        // Hour means are Σ of minute means over minutes with samples: equal up to the stored unit's rounding (1 W).
        expect(after.p.points.length).toBe(72);
        after.p.points.forEach(([t, v], i) => {
          expect(t).toBe(before.p.points[i]![0]);
          expect(v).not.toBeNull();
          expect(Math.abs((v as number) - (before.p.points[i]![1] as number))).toBeLessThanOrEqual(0.001);
        });

        // Nothing more to do at the same cutoff.
        expect(await s.compactDeviceMinutes(D0 + 2 * DAY_MS + 6 * 3_600_000)).toMatchObject({
          fromMs: D0 + 2 * DAY_MS,
          toMs: D0 + 2 * DAY_MS,
          deviceHours: 0,
          minuteRowsDeleted: 0,
        });
      }),
    );
  });

  describe('live figures', () => {
    it(
      'keeps the last figures of each minute; a late one does not replace a newer one',
      withStorage(async (s) => {
        await s.recordLiveFigures([figures(T0 + 61_000, 101), figures(T0 + 62_000, 102)]);
        await s.recordLiveFigures([figures(T0 + 61_500, 99)]);
        expect(await s.latestLiveFigures('sc', T0, T0 + 120_000)).toEqual(figures(T0 + 62_000, 102));
        expect(await s.latestLiveFigures('cq', T0, T0 + 120_000)).toBeNull();
        expect(await s.latestLiveFigures('sc', T0 + 63_000, T0 + 120_000)).toBeNull();
        await s.recordLiveFigures([figures(T0 + 121_000, 103)]);
        expect((await s.latestLiveFigures('sc', T0, T0 + 180_000))?.today.eImportKwh).toBe(103);
        expect((await s.latestLiveFigures('sc', T0, T0 + 120_000))?.today.eImportKwh).toBe(102);
      }),
    );
  });

  describe('alarm events', () => {
    it(
      'stores alarm events once and selects alarms by state, rule, device and time',
      withStorage(async (s) => {
        const other = { alarmId: `offline:pv1:${T0}`, rule: 'offline', deviceId: 'pv1', severity: 'major' as const };
        const first = await s.recordAlarmEvents([
          event(T0 + 1_000, 'raised'),
          event(T0 + 2_000, 'escalated', { rule: 'overload', severity: 'major', value: 110 }),
          event(T0 + 3_000, 'raised', { ...other, value: null }),
          event(T0 + 4_000, 'acknowledged', { by: 'Li', note: 'crew sent' }),
        ]);
        expect(first.stored).toBe(4);
        // A QoS 1 redelivery, alone and within a batch.
        expect((await s.recordAlarmEvents([event(T0 + 4_000, 'acknowledged', { by: 'Li' })])).stored).toBe(0);
        expect((await s.recordAlarmEvents([event(T0 + 9_000, 'cleared'), event(T0 + 9_000, 'cleared')])).stored).toBe(
          1,
        );

        const ids = async (f: Parameters<typeof s.alarmLogEvents>[0]) => [
          ...new Set((await s.alarmLogEvents(f)).map((e) => e.alarmId)),
        ];
        const all = await s.alarmLogEvents({ limit: 10 });
        expect(all.map((e) => e.type)).toEqual(['raised', 'escalated', 'raised', 'acknowledged', 'cleared']);
        expect(all[3]).toEqual(event(T0 + 4_000, 'acknowledged', { by: 'Li', note: 'crew sent' }));
        expect(all[2]?.value).toBeNull();
        expect(await ids({ limit: 10, state: 'active' })).toEqual([other.alarmId]);
        expect(await ids({ limit: 10, state: 'cleared' })).toEqual([`heavy-load:f1:${T0}`]);
        expect(await ids({ limit: 10, state: 'acknowledged' })).toEqual([`heavy-load:f1:${T0}`]);
        expect(await ids({ limit: 10, rule: 'overload' })).toEqual([`heavy-load:f1:${T0}`]);
        expect(await ids({ limit: 10, deviceId: 'pv1' })).toEqual([other.alarmId]);
        expect(await ids({ limit: 10, fromMs: T0 + 10_000 })).toEqual([other.alarmId]);
        expect(await ids({ limit: 10, toMs: T0 + 2_000 })).toEqual([`heavy-load:f1:${T0}`]);
        expect(await ids({ limit: 1 })).toEqual([other.alarmId]);
      }),
    );
  });

  describe('outage records', () => {
    it(
      'keeps the newest version per id whatever the order and repeats, and finds outages by interval and province',
      withStorage(async (s) => {
        expect(await s.recordOutages([outage(T0, 'tripped')])).toEqual({ stored: 1, stale: 0 });
        // Two copies of the repaired version in one batch (QoS 1 redelivery), then the isolated one arriving late.
        expect(await s.recordOutages([outage(T0, 'repaired'), outage(T0, 'repaired')])).toEqual({
          stored: 1,
          stale: 1,
        });
        expect(await s.recordOutages([outage(T0, 'isolated')])).toEqual({ stored: 0, stale: 1 });
        const cq = outage(T0 + 10 * HOUR_MS, 'isolated', { id: 'f2-x', feederId: 'f2', province: 'cq' });
        await s.recordOutages([cq]);
        const find = (fromMs: number, toMs: number, province?: 'sc' | 'cq') =>
          s.outageRecords({ fromMs, toMs, limit: 10, ...(province ? { province } : {}) });
        expect(await find(T0 + HOUR_MS, T0 + 3 * HOUR_MS)).toEqual([outage(T0, 'repaired')]);
        expect(await find(T0 + 3 * HOUR_MS, T0 + 9 * HOUR_MS)).toEqual([]);
        // Still out: found by any range after its start.
        expect(await find(T0 + 3 * HOUR_MS, T0 + 100 * HOUR_MS)).toEqual([cq]);
        expect((await find(T0 - HOUR_MS, T0 + 100 * HOUR_MS)).map((r) => r.id)).toEqual([`f1-${T0}`, 'f2-x']);
        expect((await find(T0 - HOUR_MS, T0 + 100 * HOUR_MS, 'cq')).map((r) => r.id)).toEqual(['f2-x']);
        expect(await s.outageRecords({ fromMs: T0 - HOUR_MS, toMs: T0 + 100 * HOUR_MS, limit: 1 })).toHaveLength(1);
      }),
    );
    it(
      "counts the minutes in which the live service's area figures were recorded",
      withStorage(async (s) => {
        const area = (tsMs: number) => ({ ...figures(tsMs, 1), scope: 'area' as const });
        await s.recordLiveFigures([area(T0 + 1_000), area(T0 + 61_000), area(T0 + 181_000), figures(T0 + 241_000, 1)]);
        // Area minutes 0, 1 and 3 (the Sichuan row of minute 4 is not the area's).
        expect(await s.liveRecordedMinutes(T0, T0 + 10 * 60_000)).toBe(3);
        expect(await s.liveRecordedMinutes(T0 + 60_000, T0 + 180_000)).toBe(1);
      }),
    );
  });

  describe('size', () => {
    it(
      'reports a size that grows with the data',
      withStorage(async (s) => {
        await s.registerDevices(DEVICES);
        const empty = await s.sizeBytes();
        expect(empty).toBeGreaterThan(0);
        const cells: MinuteCell[] = [];
        for (let m = 0; m < 3 * 1440; m++) cells.push(cell(1, M0 + m), cell(2, M0 + m));
        await s.recordMinutes(cells, new Map());
        expect(await s.sizeBytes()).toBeGreaterThan(empty);
      }),
    );
  });
}
