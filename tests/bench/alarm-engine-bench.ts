/**
 * `npm run bench:alarms`: one alarm-rule evaluation over 10,000 feeders in an alarm storm (about half of them heavy or
 * overloaded, 2,000 reporting new values between evaluations: every feeder every 5 s, evaluated once a second), the
 * load the dispatcher console's alarm engine carries in the 10,000-feeder benchmark. Prints the time per evaluation.
 *
 *   npm run bench:alarms
 *   BENCH_FEEDERS=20000 npm run bench:alarms
 */
import { readFileSync } from 'node:fs';
import { parseAreaConfig } from '../../src/core/config/area-schema';
import { createAlarmEngineState, evaluateAlarms } from '../../src/core/domain/alarms/engine';
import { type AlarmDeviceValue, type AlarmTopology, alarmSettingsFromArea } from '../../src/core/domain/alarms/types';

const FEEDERS = Number(process.env.BENCH_FEEDERS ?? 10_000);
const CHANGED_PER_TICK = FEEDERS / 5;
const TICKS = 60;

// The new area's own thresholds (heavy 80 %, overload 100 %, ±7 %, stale after 3 missed intervals).
const settings = alarmSettingsFromArea(
  parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json'),
);
const topo: AlarmTopology = {
  feeders: new Map(Array.from({ length: FEEDERS }, (_, i) => [`f${i}`, { ratedMva: 8, ratedA: 462, nominalKv: 10 }])),
  substations: new Map(),
  pvSites: new Map(),
  chargers: new Map(),
};
// The same loading spread as the dispatch benchmark's publisher (10–120 %).
const feeder = (i: number, ts: number): AlarmDeviceValue => {
  const pKw = 800 + ((i * 7919 + Math.floor(ts / 5000) * 13) % 8400);
  const qKvar = pKw * 0.3;
  const iA = Math.hypot(pKw, qKvar) / (Math.sqrt(3) * 10.3);
  return {
    id: `f${i}`,
    kind: 'feeder',
    province: 'sc',
    latest: { ts, pKw, qKvar, iA, uKv: 10.3, eImportKwh: 0, eExportKwh: 0 },
    lastTs: ts,
    freshness: 'live',
    intervalMs: 5000,
  };
};

let nowMs = Date.UTC(2026, 0, 15, 4);
// Like the store: a device's value object changes only when the device reports.
const devices = new Map(Array.from({ length: FEEDERS }, (_, i) => [`f${i}`, feeder(i, nowMs)]));
let state = createAlarmEngineState();
const times: number[] = [];
let active = 0;
for (let tick = 0; tick < TICKS; tick++) {
  nowMs += 1000;
  for (let k = 0; k < CHANGED_PER_TICK; k++) {
    const i = (tick * CHANGED_PER_TICK + k) % FEEDERS;
    devices.set(`f${i}`, feeder(i, nowMs));
  }
  const t0 = performance.now();
  const r = evaluateAlarms(state, devices.values(), topo, settings, nowMs);
  times.push(performance.now() - t0);
  state = r.state;
  active = r.active.length;
}
const steady = times.slice(10).sort((a, b) => a - b);
const q = (p: number) => (steady[Math.min(steady.length - 1, Math.floor(p * steady.length))] ?? Number.NaN).toFixed(1);
console.log(
  `alarm engine: ${FEEDERS} feeders, ${CHANGED_PER_TICK} new values per evaluation, ${active} active alarms — ` +
    `per evaluation median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms (${steady.length} evaluations after 10 warm-up)`,
);
