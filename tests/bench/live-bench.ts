/**
 * `npm run bench:live`: how many device messages a second the live service judges and aggregates on one core while
 * its figures stay within 1 s of the data, and the latency from a device's publish to the figure's publish.
 *
 * Mosquitto carries the stream (≈60k msg/s to one subscriber here) so the broker is not what is measured. The live
 * service runs as its own process (as `npm start` runs it) on a 10,000-feeder load-test area; this process publishes
 * valid feeder telemetry at stepped rates, reads the service's accepted count from GET /health, and subscribes to the
 * area figures: each figure's lag is its arrival time minus the newest device timestamp it stands for (dataTimeMs), so
 * a backlog in the service shows as a growing lag. A step passes when ≥ 95 % of what was published is accepted and
 * the figures' p95 lag is ≤ 1 s.
 *
 *   npm run bench:live
 *   BENCH_STEP_S=6 BENCH_MAX_RATE=80000 npm run bench:live
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { bigArea } from '../../mock-feeds/area/big-area';
import { parseAreaConfig } from '../../src/core/config/area-schema';
import { liveTopics } from '../../src/core/contract/live-core';
import { deviceTopic } from '../../src/core/contract/topics';
import { startLiveProcess } from '../support/bench-app';
import { testUsers } from '../support/broker-fixture';
import { freePort } from '../support/free-port';
import { startMosquitto } from '../support/mosquitto-fixture';

const STEP_S = Number(process.env.BENCH_STEP_S ?? 5);
const MAX_RATE = Number(process.env.BENCH_MAX_RATE ?? 60_000);
const RATES = [2_000, 5_000, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 80_000].filter((r) => r <= MAX_RATE);
const FEEDERS = Number(process.env.BENCH_FEEDERS ?? 10_000);

const base = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
const config = bigArea(base, { feeders: FEEDERS });

const percentile = (xs: number[], p: number) => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function health(port: number): Promise<{ counts: { accepted: number; received: number } }> {
  const res = await fetch(`http://127.0.0.1:${port}/health`);
  return (await res.json()) as { counts: { accepted: number; received: number } };
}

async function main() {
  const broker = await startMosquitto();
  const dir = mkdtempSync(join(tmpdir(), 'gaozhu-live-bench-'));
  const areaFile = join(dir, 'area.json');
  writeFileSync(areaFile, JSON.stringify(config));
  const livePort = await freePort();
  const mqttUrl = `mqtt://127.0.0.1:${broker.tcpPort}`;
  const live = await startLiveProcess({
    mqttUrl,
    areaFile,
    port: livePort,
    stateFile: join(dir, 'state.json'),
    readyTimeoutMs: 20_000,
  });

  const connect = (role: 'feeds' | 'dashboard') =>
    new Promise<MqttClient>((resolve, reject) => {
      const c = mqtt.connect(mqttUrl, { ...testUsers[role], protocolVersion: 4, reconnectPeriod: 0 });
      c.once('connect', () => resolve(c));
      c.once('error', reject);
    });
  const publishers = await Promise.all([connect('feeds'), connect('feeds')]);
  const watcher = await connect('dashboard');
  const lags: number[] = [];
  watcher.on('message', (_t, payload) => {
    const f = JSON.parse(payload.toString()) as { dataTimeMs: number | null };
    if (f.dataTimeMs !== null) lags.push(Date.now() - f.dataTimeMs);
  });
  await watcher.subscribeAsync(liveTopics.figures('area'));

  const topics = config.feeders.map((f) =>
    deviceTopic({ kind: 'feeder', province: f.province, deviceId: f.id, channel: 'telemetry' }),
  );
  const energy = new Float64Array(config.feeders.length).fill(1000);
  // Per device: timestamps strictly increase per device (the judge drops what is not newer) and follow the clock.
  const lastTs = new Float64Array(config.feeders.length);
  const payload = (i: number, ts: number) => {
    const f = config.feeders[i]!;
    const pKw = f.basePeakKw * 0.6;
    energy[i]! += 0.01;
    return JSON.stringify({
      ts,
      pKw,
      qKvar: pKw * 0.2,
      iA: Math.hypot(pKw, pKw * 0.2) / (Math.sqrt(3) * 10.2),
      uKv: 10.2,
      eImportKwh: energy[i],
      eExportKwh: 0,
    });
  };

  console.log(`live service bench: ${config.feeders.length} feeders, steps of ${STEP_S} s through Mosquitto`);
  console.log('offered msg/s | accepted msg/s | accepted % | figure lag p50 / p95 (ms) | ok');
  let best = 0;
  let n = 0;
  for (const rate of RATES) {
    lags.length = 0;
    const before = (await health(livePort)).counts.accepted;
    const start = Date.now();
    const end = start + STEP_S * 1000;
    let sent = 0;
    while (Date.now() < end) {
      const due = Math.floor(((Date.now() - start) / 1000) * rate);
      for (; sent < due; sent++, n++) {
        const i = n % topics.length;
        const ts = Math.max(Date.now(), lastTs[i]! + 1);
        lastTs[i] = ts;
        publishers[n % publishers.length]!.publish(topics[i]!, payload(i, ts), { qos: 0 });
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const elapsedS = (Date.now() - start) / 1000;
    // Let what is in flight arrive before counting, as the figures would show it within their next tick.
    await new Promise((r) => setTimeout(r, 1_500));
    const accepted = (await health(livePort)).counts.accepted - before;
    const acceptedPerS = accepted / elapsedS;
    const offeredPerS = sent / elapsedS;
    const p50 = percentile(lags, 50);
    const p95 = percentile(lags, 95);
    const ok = accepted >= 0.95 * sent && p95 <= 1_000;
    if (ok) best = Math.round(offeredPerS);
    console.log(
      `${Math.round(offeredPerS).toString().padStart(13)} | ${Math.round(acceptedPerS).toString().padStart(14)} | ${((100 * accepted) / Math.max(1, sent)).toFixed(1).padStart(10)} | ${`${Math.round(p50)} / ${Math.round(p95)}`.padStart(25)} | ${ok ? 'yes' : 'no'}`,
    );
    if (!ok) break;
  }
  console.log(`highest rate with figures within 1 s of the data: ${best.toLocaleString('en-US')} msg/s`);

  for (const c of [...publishers, watcher]) c.end(true);
  await live.stop();
  await broker.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
