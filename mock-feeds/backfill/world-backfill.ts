/**
 * First-start backfill: runs the feeds' world model (same seed) over the last months so the progress screen has a year
 * of history on day one. Deterministic: the same seed, range and replay source give the same rows.
 *
 * Resolution, chosen to keep the first start well under a minute on a small machine (the world has to be stepped
 * minute by minute anyway; reading every device is what costs):
 *   - the last `deviceMinuteDays` days: every device read every minute → device minutes and province minutes;
 *   - before that: every device read every `coarseSampleMin` minutes → device hours, and province minutes whose power
 *     is interpolated between the samples and whose energy is exact per sample interval (counter differences).
 * The range is marked covered with source 'backfill'. Runs a day at a time and yields between days, so the recorder
 * and the HTTP API keep working while it runs; an interrupted backfill resumes where it stopped.
 *
 * It is simulation, so it lives beside the world model and reaches the history service only as a HistorySeeder
 * (createWorldSeeder) injected by the service's entry point or the test stack, writing through the storage port.
 */

import type { AreaConfig } from '../../src/core/config/area-schema';
import { addMonthsStartMs, dayStartMs as shanghaiDayStartMs } from '../../src/core/time/shanghai';
import type { HistorySeeder } from '../../src/services/history/seeder';
import type {
  BackfillChunk,
  BackfillState,
  DeviceRow,
  HistoryStorage,
  ProvinceMinuteValues,
} from '../../src/services/history/storage/history-storage';
import { createWorld, type ReplaySource, type World } from '../world/world';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface BackfillOptions {
  /** How far back, in months (default 13) or days (overrides months; tests). */
  months?: number;
  days?: number;
  /** End of the backfilled range (exclusive), default now rounded down to the minute. */
  endMs?: number;
  seed: number;
  replay?: ReplaySource;
  /** Days before the end kept per device per minute (default 2). */
  deviceMinuteDays?: number;
  /** Sampling interval before that, minutes (a divisor of 60; default 15). */
  coarseSampleMin?: number;
}

/**
 * The history service's seeder: the world model (same seed and replay source as the feeds) over the range `opts`
 * describes. A resumed backfill keeps the seed it was planned with.
 */
export function createWorldSeeder(opts: BackfillOptions): HistorySeeder {
  return {
    description: `world model, seed ${opts.seed}${opts.replay ? ', replayed series' : ''}`,
    plan: (storage, nowMs) => planBackfill(storage, opts, nowMs),
    run: (storage, config, devices, state, run) =>
      runBackfill(storage, config, devices, state, { ...run, replay: opts.replay }),
  };
}

export async function planBackfill(
  storage: HistoryStorage,
  opts: BackfillOptions,
  nowMs: number,
): Promise<BackfillState> {
  const toMs = Math.floor((opts.endMs ?? nowMs) / MINUTE_MS) * MINUTE_MS;
  const fromMs = opts.days
    ? shanghaiDayStartMs(toMs - opts.days * DAY_MS)
    : shanghaiDayStartMs(addMonthsStartMs(toMs, -(opts.months ?? 13)));
  const deviceMinuteFromMs = Math.max(fromMs, shanghaiDayStartMs(toMs - (opts.deviceMinuteDays ?? 2) * DAY_MS));
  const coverageId = await storage.openCoverage({ startMs: fromMs, endMs: fromMs, source: 'backfill' });
  const state: BackfillState = {
    state: 'running',
    fromMs,
    toMs,
    doneToMs: fromMs,
    deviceMinuteFromMs,
    seed: opts.seed,
    replay: Boolean(opts.replay),
    coarseSampleMin: opts.coarseSampleMin ?? 15,
    coverageId,
    startedAtMs: Date.now(),
  };
  await storage.saveBackfillState(state);
  await storage.setDeviceMinuteFromMs(deviceMinuteFromMs);
  return state;
}

interface DeviceSlot {
  row: DeviceRow;
  read: (w: World) => { pKw: number; iA: number; uKv: number; eKwh: number };
}

interface Sample {
  pKw: Float64Array;
  iA: Float64Array;
  uKv: Float64Array;
  eKwh: Float64Array;
}

const PROVINCE_POS = { sc: 0, cq: 1 } as const;
const KIND_POS = { feeder: 0, pv: 1, charger: 2 } as const;

/** Runs (or resumes) the backfill described by `state` to its end. */
export async function runBackfill(
  storage: HistoryStorage,
  config: AreaConfig,
  devices: Map<string, DeviceRow>,
  state: BackfillState,
  opts: { replay?: ReplaySource; log: (line: string) => void; shouldStop: () => boolean },
): Promise<BackfillState> {
  const t0 = performance.now();
  const slots: DeviceSlot[] = [];
  const slot = (id: string, read: DeviceSlot['read']) => slots.push({ row: devices.get(id) as DeviceRow, read });
  for (const f of config.feeders)
    slot(f.id, (w) => {
      const t = w.feeder(f.id);
      return { pKw: t.pKw, iA: t.iA, uKv: t.uKv, eKwh: t.eImportKwh - t.eExportKwh };
    });
  // PV sites and chargers: power and their own energy counter, no current or voltage.
  const powerAndEnergy = (t: { pKw: number; eKwh: number }) => ({ pKw: t.pKw, iA: 0, uKv: 0, eKwh: t.eKwh });
  for (const p of config.pvSites) slot(p.id, (w) => powerAndEnergy(w.pv(p.id)));
  for (const c of config.chargingStations) slot(c.id, (w) => powerAndEnergy(w.charger(c.id)));
  for (const s of config.substations)
    slot(s.id, (w) => {
      const t = w.substation(s.id);
      return { pKw: t.pKw, iA: 0, uKv: t.uKv, eKwh: 0 };
    });
  const nDev = slots.length;
  const newSample = (): Sample => ({
    pKw: new Float64Array(nDev),
    iA: new Float64Array(nDev),
    uKv: new Float64Array(nDev),
    eKwh: new Float64Array(nDev),
  });
  const takeSample = (w: World, into: Sample) => {
    for (let i = 0; i < nDev; i++) {
      const v = (slots[i] as DeviceSlot).read(w);
      into.pKw[i] = v.pKw;
      into.iA[i] = v.iA;
      into.uKv[i] = v.uKv;
      into.eKwh[i] = v.eKwh;
    }
  };

  const world = createWorld(config, { seed: state.seed, startMs: state.fromMs, replay: opts.replay });
  let prev = newSample();
  let next = newSample();
  takeSample(world, prev);
  // Fast-forward over days written before an interruption (the world must still be stepped through them).
  if (state.doneToMs > state.fromMs) {
    world.advanceTo(state.doneToMs);
    takeSample(world, prev);
  }

  // Per-device hour accumulators for the coarse range.
  const hour = { minutes: 0, sumP: new Float64Array(nDev), maxP: new Float64Array(nDev), e: new Float64Array(nDev) };
  const hourI = new Float64Array(nDev);
  const hourU = new Float64Array(nDev);
  const resetHour = () => {
    hour.minutes = 0;
    hour.sumP.fill(0);
    hour.maxP.fill(Number.NEGATIVE_INFINITY);
    hour.e.fill(0);
    hourI.fill(0);
    hourU.fill(0);
  };
  resetHour();

  // Province × kind sums at the two ends of the current interval.
  const provP0 = new Float64Array(6);
  const provP1 = new Float64Array(6);
  const provE = new Float64Array(6);
  const kindPos = slots.map((s) =>
    s.row.kind === 'substation' ? -1 : PROVINCE_POS[s.row.province] * 3 + KIND_POS[s.row.kind],
  );

  let t = state.doneToMs;
  while (t < state.toMs) {
    if (opts.shouldStop()) break;
    const dayEnd = Math.min(state.toMs, shanghaiDayStartMs(t) + DAY_MS);
    const chunk: BackfillChunk = {
      provinceMinutes: [],
      deviceMinutes: [],
      deviceHours: [],
      hours: [],
      coverage: { id: state.coverageId, endMs: t },
      state,
    };
    while (t < dayEnd) {
      const fine = t >= state.deviceMinuteFromMs;
      const stepMin = fine
        ? 1
        : Math.min(state.coarseSampleMin, (dayEnd - t) / MINUTE_MS, (state.deviceMinuteFromMs - t) / MINUTE_MS);
      const t1 = t + stepMin * MINUTE_MS;
      world.advanceTo(t1);
      takeSample(world, next);
      provP0.fill(0);
      provP1.fill(0);
      provE.fill(0);
      for (let i = 0; i < nDev; i++) {
        const k = kindPos[i] as number;
        if (k < 0) continue;
        provP0[k] = (provP0[k] as number) + (prev.pKw[i] as number);
        provP1[k] = (provP1[k] as number) + (next.pKw[i] as number);
        provE[k] = (provE[k] as number) + ((next.eKwh[i] as number) - (prev.eKwh[i] as number));
      }
      const minute0 = t / MINUTE_MS;
      for (const province of [0, 1]) {
        // Interpolated power at mid-minute; energy = that power's share plus an even correction so each interval's
        // energy equals the counters' difference exactly.
        const vals = [0, 1, 2].map((kind) => {
          const p0 = provP0[province * 3 + kind] as number;
          const p1 = provP1[province * 3 + kind] as number;
          const e = provE[province * 3 + kind] as number;
          const pAt = (j: number) => p0 + ((p1 - p0) * (j + 0.5)) / stepMin;
          const correction = (e - ((p0 + p1) / 2) * (stepMin / 60)) / stepMin;
          return { pAt, eAt: (j: number) => pAt(j) / 60 + correction };
        });
        const [feed, pv, ev] = vals as [(typeof vals)[0], (typeof vals)[0], (typeof vals)[0]];
        for (let j = 0; j < stepMin; j++) {
          const values: ProvinceMinuteValues = {
            province: province === 0 ? 'sc' : 'cq',
            minute: minute0 + j,
            gridImportKw: feed.pAt(j),
            pvKw: pv.pAt(j),
            evKw: ev.pAt(j),
            eImportKwh: feed.eAt(j),
            ePvKwh: pv.eAt(j),
            eEvKwh: ev.eAt(j),
          };
          chunk.provinceMinutes.push(values);
        }
      }
      if (fine) {
        for (let i = 0; i < nDev; i++) {
          const p = ((prev.pKw[i] as number) + (next.pKw[i] as number)) / 2;
          chunk.deviceMinutes.push({
            device: (slots[i] as DeviceSlot).row.idx,
            key: minute0,
            sumPKw: p,
            maxPKw: Math.max(prev.pKw[i] as number, next.pKw[i] as number),
            eKwh: (next.eKwh[i] as number) - (prev.eKwh[i] as number),
            sumIA: ((prev.iA[i] as number) + (next.iA[i] as number)) / 2,
            sumUKv: ((prev.uKv[i] as number) + (next.uKv[i] as number)) / 2,
          });
        }
      } else {
        for (let i = 0; i < nDev; i++) {
          const p0 = prev.pKw[i] as number;
          const p1 = next.pKw[i] as number;
          hour.sumP[i] = (hour.sumP[i] as number) + ((p0 + p1) / 2) * stepMin;
          hour.maxP[i] = Math.max(hour.maxP[i] as number, p0, p1);
          hour.e[i] = (hour.e[i] as number) + ((next.eKwh[i] as number) - (prev.eKwh[i] as number));
          hourI[i] = (hourI[i] as number) + (((prev.iA[i] as number) + (next.iA[i] as number)) / 2) * stepMin;
          hourU[i] = (hourU[i] as number) + (((prev.uKv[i] as number) + (next.uKv[i] as number)) / 2) * stepMin;
        }
        hour.minutes += stepMin;
        if (t1 % HOUR_MS === 0 || t1 === state.deviceMinuteFromMs || t1 === state.toMs) {
          const h = Math.floor((t1 - 1) / HOUR_MS);
          for (let i = 0; i < nDev; i++) {
            chunk.deviceHours.push({
              device: (slots[i] as DeviceSlot).row.idx,
              key: h,
              minutes: hour.minutes,
              sumPKw: hour.sumP[i] as number,
              maxPKw: hour.maxP[i] as number,
              eKwh: hour.e[i] as number,
              sumIA: hourI[i] as number,
              sumUKv: hourU[i] as number,
            });
          }
          resetHour();
        }
      }
      [prev, next] = [next, prev];
      t = t1;
    }
    const firstHour = Math.floor(state.doneToMs / HOUR_MS);
    for (let h = firstHour; h * HOUR_MS < t; h++) chunk.hours.push(h);
    state.doneToMs = t;
    chunk.coverage.endMs = t;
    await storage.writeBackfillChunk(chunk);
    // Let the recorder and the HTTP server run between days.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (state.doneToMs >= state.toMs) {
    state.state = 'done';
    state.elapsedMs = Math.round(performance.now() - t0);
    await storage.saveBackfillState(state);
    opts.log(
      `backfill done: ${new Date(state.fromMs).toISOString()} → ${new Date(state.toMs).toISOString()} in ${(state.elapsedMs / 1000).toFixed(1)} s`,
    );
  }
  return state;
}
