/**
 * `npm run bench:region`: a region's device count end to end on this machine — the big-area generator's 100,000-feeder
 * area (BENCH_FEEDERS), the mock feeds sharded over processes (BENCH_FEED_SHARDS, `--shard i/n`) with pooled
 * connections (FEEDS_DEVICES_PER_CONNECTION=250) and telemetry not retained (DEVICE_TELEMETRY_RETAIN=false), the live
 * service sharded by province (LIVE_SHARD=sc, cq) with the area rolled up from their figures (LIVE_SHARD=rollup), all
 * through one Mosquitto (the broker is not what is measured; the NATS cluster's own figures: bench:cluster).
 *
 * After a warm-up (every feeder seen by a shard, or BENCH_WARMUP_S), for BENCH_S seconds it measures: the device
 * messages a second the live shards accept (GET /health counts), the lag from a device's publish to the area figure
 * reaching a subscriber (arrival − the figure's dataTimeMs, the newest device time it stands for: at speed 1 device
 * time is the publish time), the area's feeder coverage, and each process's CPU (from /proc, % of one core) and
 * memory (the shards' heap from /health; RSS from /proc for all). Prints one table.
 *
 *   npm run bench:region
 *   BENCH_FEEDERS=20000 BENCH_S=30 npm run bench:region
 *   BENCH_INTERVAL_S=30 npm run bench:region      # every device every 30 s instead of the area's 5 s
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { bigArea } from '../../mock-feeds/area/big-area';
import { parseAreaConfig } from '../../src/core/config/area-schema';
import { liveTopics } from '../../src/core/contract/live-core';
import { waitForPort } from '../../src/services/launcher/net';
import { testUsers } from '../support/broker-fixture';
import { freePort } from '../support/free-port';
import { startMosquitto } from '../support/mosquitto-fixture';

const FEEDERS = Number(process.env.BENCH_FEEDERS ?? 100_000);
const FEED_SHARDS = Number(process.env.BENCH_FEED_SHARDS ?? 2);
const BENCH_S = Number(process.env.BENCH_S ?? 60);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 90);
const PER_CONNECTION = process.env.FEEDS_DEVICES_PER_CONNECTION ?? '250';
const INTERVAL_S = process.env.BENCH_INTERVAL_S ? Number(process.env.BENCH_INTERVAL_S) : null;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (xs: number[], p: number) => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const CLK_TCK = 100;
/** CPU seconds (user + system) and RSS of a process, from /proc. */
function procStat(pid: number): { cpuS: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuS = (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuS, rssMb: rss ? Number(rss[1]) / 1024 : Number.NaN };
}

interface Proc {
  name: string;
  child: ChildProcess;
  port?: number;
  out: string;
}

async function main() {
  const t0 = Date.now();
  const base = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
  const heapBefore = process.memoryUsage().heapUsed;
  const generated = bigArea(base, { feeders: FEEDERS });
  // BENCH_INTERVAL_S: every device reports this often instead of the area's intervals (a lighter offered load).
  // The live core's figures are plausible up to 10 GW (live-core.ts): the load-test feeders' loads are scaled down so
  // the whole area's peak stays under 8 GW, else every province figure is rejected as out of range by the roll-up.
  const peakSumKw = generated.feeders.reduce((s, f) => s + f.basePeakKw, 0);
  const loadScale = Math.min(1, 8_000_000 / peakSumKw);
  const scaled = {
    ...generated,
    feeders: generated.feeders.map((f) =>
      f.id.startsWith('load-') ? { ...f, basePeakKw: Math.max(1, Math.round(f.basePeakKw * loadScale)) } : f,
    ),
  };
  const area = INTERVAL_S
    ? {
        ...scaled,
        feedIntervalsS: { substation: INTERVAL_S, feeder: INTERVAL_S, pv: INTERVAL_S, charger: INTERVAL_S },
      }
    : scaled;
  const genMs = Date.now() - t0;
  const genHeapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const devices = area.substations.length + area.feeders.length + area.pvSites.length + area.chargingStations.length;
  const dir = mkdtempSync(join(tmpdir(), 'gaozhu-region-bench-'));
  const areaFile = join(dir, 'area.json');
  writeFileSync(areaFile, JSON.stringify(area));
  const broker = await startMosquitto();
  const mqttUrl = `mqtt://127.0.0.1:${broker.tcpPort}`;
  const procs: Proc[] = [];
  const start = (name: string, script: string, args: string[], env: Record<string, string>, port?: number) => {
    const child = spawn(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', script, ...args], {
      env: { ...process.env, MQTT_URL: mqttUrl, AREA_CONFIG: areaFile, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const p: Proc = { name, child, port, out: '' };
    child.stdout?.on('data', (d) => (p.out = (p.out + d).slice(-4000)));
    child.stderr?.on('data', (d) => (p.out = (p.out + d).slice(-4000)));
    procs.push(p);
    return p;
  };
  const liveEnv = (shard: string, port: number) => ({
    LIVE_SHARD: shard,
    LIVE_PORT: String(port),
    LIVE_STATE_FILE: join(dir, `state-${shard}.json`),
    LIVE_THRESHOLDS_FILE: join(dir, 'thresholds.json'),
    HISTORY_URL: 'http://127.0.0.1:9', // no history service: today counts from the start
  });
  const shards: Proc[] = [];
  for (const p of ['sc', 'cq']) {
    const port = await freePort();
    shards.push(start(`live ${p}`, 'src/services/live/main.ts', [], liveEnv(p, port), port));
  }
  start('live roll-up', 'src/services/live/main.ts', [], liveEnv('rollup', await freePort()));
  for (const s of shards) await waitForPort('127.0.0.1', s.port!, 60_000, new Promise((r) => s.child.once('exit', r)));

  const lags: number[] = [];
  let coverage = { live: 0, configured: 0 };
  const watcher = await mqtt.connectAsync(mqttUrl, { ...testUsers.dashboard, protocolVersion: 4, reconnectPeriod: 0 });
  let measuring = false;
  watcher.on('message', (_t, payload) => {
    const f = JSON.parse(payload.toString()) as { dataTimeMs: number | null; coverage: { feeder: typeof coverage } };
    coverage = f.coverage.feeder;
    if (measuring && f.dataTimeMs !== null) lags.push(Date.now() - f.dataTimeMs);
  });
  await watcher.subscribeAsync(liveTopics.figures('area'));

  const feedsStart = Date.now();
  for (let i = 0; i < FEED_SHARDS; i++)
    start(
      `feeds ${i}/${FEED_SHARDS}`,
      'mock-feeds/feeds/main.ts',
      ['--config', areaFile, '--shard', `${i}/${FEED_SHARDS}`, '--no-random-outages'],
      {
        FEEDS_DEVICES_PER_CONNECTION: PER_CONNECTION,
        DEVICE_TELEMETRY_RETAIN: 'false',
        FEEDS_CONTROL_PORT: String(await freePort()),
      },
    );
  // A shard too busy to answer within 30 s is a result too (its event loop is saturated): null, printed as such.
  const health = async (p: Proc) => {
    try {
      const r = await fetch(`http://127.0.0.1:${p.port}/health`, { signal: AbortSignal.timeout(30_000) });
      return (await r.json()) as { counts: { accepted: number }; heapUsedBytes: number };
    } catch {
      return null;
    }
  };
  // The feeds build the whole area's world before they connect (minutes at 100,000 feeders on a loaded machine).
  const feedsProcs = procs.filter((p) => p.name.startsWith('feeds'));
  while (Date.now() - feedsStart < 600_000 && !feedsProcs.every((p) => / devices → /.test(p.out))) await sleep(1_000);
  const feedsUpS = (Date.now() - feedsStart) / 1000;
  const until = Date.now() + WARMUP_S * 1000;
  while (Date.now() < until && coverage.live < area.feeders.length) await sleep(1_000);
  const warmS = (Date.now() - feedsStart) / 1000;
  console.log(
    `region bench: ${area.feeders.length.toLocaleString('en-US')} feeders, ${devices.toLocaleString('en-US')} devices ` +
      ` (generated in ${genMs} ms, +${genHeapMb.toFixed(0)} MB heap; load-test feeders' loads × ${loadScale.toFixed(3)}); feeds ${FEED_SHARDS} shards × ` +
      `${PER_CONNECTION} devices a connection, not retained; live sc + cq + roll-up; Mosquitto; ` +
      `feeds up (world built, connected) after ${feedsUpS.toFixed(0)} s; warm-up ${warmS.toFixed(0)} s in all ` +
      `(feeders live ${coverage.live.toLocaleString('en-US')})`,
  );

  const acc0 = await Promise.all(shards.map(health));
  const cpu0 = procs.map((p) => procStat(p.child.pid!));
  const m0 = Date.now();
  measuring = true;
  const coverages: number[] = [];
  while (Date.now() < m0 + BENCH_S * 1000) {
    await sleep(1_000);
    coverages.push(coverage.live);
  }
  measuring = false;
  const elapsedS = (Date.now() - m0) / 1000;
  const acc1 = await Promise.all(shards.map(health));
  const cpu1 = procs.map((p) => procStat(p.child.pid!));
  const lagNote = lags.length ? '' : ' (no area figure with data arrived while measuring)';
  const answered = acc0.every((h) => h) && acc1.every((h) => h);
  const accepted = answered
    ? acc1.reduce((s, h, i) => s + h!.counts.accepted - acc0[i]!.counts.accepted, 0)
    : Number.NaN;
  const expectedPerS = devices / area.feedIntervalsS.feeder;

  console.log('\nmeasure                                   | value');
  const row = (k: string, v: string) => console.log(`${k.padEnd(42)}| ${v}`);
  row(
    'device msg/s accepted by the live shards',
    `${answered ? Math.round(accepted / elapsedS).toLocaleString('en-US') : 'no answer from a shard within 30 s'} (the area's devices report ${Math.round(expectedPerS).toLocaleString('en-US')}/s at their intervals)`,
  );
  row(
    'publish → area figure lag p50 / p95 (ms)',
    `${Math.round(percentile(lags, 50))} / ${Math.round(percentile(lags, 95))} (${lags.length} figures)${lagNote}`,
  );
  row(
    'area feeders live (min / median)',
    `${Math.min(...coverages).toLocaleString('en-US')} / ${percentile(coverages, 50).toLocaleString('en-US')} of ${area.feeders.length.toLocaleString('en-US')}`,
  );
  console.log('\nprocess          | CPU % of a core | RSS MB | heap MB');
  procs.forEach((p, i) => {
    const cpu = (100 * (cpu1[i]!.cpuS - cpu0[i]!.cpuS)) / elapsedS;
    const si = shards.indexOf(p);
    const h = si >= 0 ? acc1[si] : null;
    const heap = h ? (h.heapUsedBytes / 2 ** 20).toFixed(0) : si >= 0 ? '?' : '—';
    console.log(
      `${p.name.padEnd(17)}| ${cpu.toFixed(0).padStart(15)} | ${cpu1[i]!.rssMb.toFixed(0).padStart(6)} | ${heap.padStart(7)}`,
    );
  });
  console.log(`\nload average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);

  watcher.end(true);
  for (const p of procs) p.child.kill('SIGKILL');
  await broker.close();
  rmSync(dir, { recursive: true, force: true });
  if (process.env.BENCH_VERBOSE) for (const p of procs) console.log(`--- ${p.name}\n${p.out}`);
}

await main();
