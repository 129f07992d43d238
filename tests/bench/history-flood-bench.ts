/**
 * Measures whether the history service's /api/health stays prompt while clients flood it with heavy reads: the service
 * in its own process on a temporary SQLite file backfilled by the launcher's seeder (mock-feeds/backfill, default 30
 * days), N clients looping the biggest CSV request (an area metric at 1-minute step over the whole range, i.e. the
 * 20,000-point cap), and /api/health polled every 100 ms meanwhile. Prints health latency p50/p95/max, the flood's
 * answered requests/s and how many were turned away (503). Timings are printed, never asserted.
 *
 *   npm run bench:history   (env: BENCH_DAYS=30, BENCH_CLIENTS=8, BENCH_SECONDS=15)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorldSeeder } from '../../mock-feeds/backfill/world-backfill';
import { parseAreaConfig } from '../../src/core/config/area-schema';
import { startHistoryService } from '../../src/services/history/service';
import { brokerTcpUrl, startTestBroker, testUsers } from '../support/broker-fixture';

const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const HEALTH_EVERY_MS = 100;

/** The service as the launcher runs it, in a process of its own: the clients' parsing must not delay its answers. */
async function serve(): Promise<void> {
  const config = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
  const dir = mkdtempSync(join(tmpdir(), 'gaozhu-history-flood-'));
  const broker = await startTestBroker();
  const t0 = performance.now();
  const service = await startHistoryService({
    mqttUrl: brokerTcpUrl(broker),
    username: testUsers.recorder.username,
    password: testUsers.recorder.password,
    config,
    dbPath: join(dir, 'history.sqlite'),
    port: 0,
    seeder: createWorldSeeder({ seed: 1, days: DAYS }),
  });
  await service.backfillDone;
  console.log(`backfilled ${DAYS} days in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`PORT ${service.port}`);
  process.stdin.resume();
  process.stdin.once('end', async () => {
    await service.close();
    await broker.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}

async function flood(): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--serve'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /PORT (\d+)/.exec(out);
      if (!m) return;
      process.stdout.write(out);
      child.stdout.off('data', onData);
      resolve(Number(m[1]));
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`service exited (${code}): ${out}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const health = (await (await fetch(`${base}/api/health`)).json()) as { backfill: { fromMs: number; toMs: number } };
  const { fromMs, toMs } = health.backfill;
  const heavyUrl = `${base}/api/series.csv?metric=consumptionKw&entity=area&from=${fromMs}&to=${toMs}&step=1m&agg=avg`;
  const probe = await fetch(heavyUrl);
  const probeBody = await probe.text();
  console.log(`heavy request: ${probe.status}, ${(probeBody.length / 1024).toFixed(0)} KiB of CSV`);

  const endAt = performance.now() + SECONDS * 1000;
  let answered = 0;
  let rejected = 0;
  let failed = 0;
  const client = async () => {
    while (performance.now() < endAt) {
      const res = await fetch(heavyUrl);
      await res.arrayBuffer();
      if (res.status === 200) answered++;
      else if (res.status === 503) {
        rejected++;
        // Impatient, as a flood is, but not spinning: a short pause instead of the Retry-After.
        await new Promise((r) => setTimeout(r, 20));
      } else failed++;
    }
  };
  const monitor = new Agent({ keepAlive: true, maxSockets: 1 });
  const healthMs: number[] = [];
  const poller = async () => {
    while (performance.now() < endAt) {
      const start = performance.now();
      // Its own connection (node:http, not fetch's pool the flood's clients share), as an outside monitor has.
      const status = await new Promise<number>((resolve, reject) =>
        httpGet(`${base}/api/health`, { agent: monitor }, (res) => {
          res.resume();
          res.once('end', () => resolve(res.statusCode ?? 0));
        }).once('error', reject),
      );
      if (status !== 200) failed++;
      const took = performance.now() - start;
      healthMs.push(took);
      await new Promise((r) => setTimeout(r, Math.max(0, HEALTH_EVERY_MS - took)));
    }
  };
  const floodStart = performance.now();
  await Promise.all([...Array.from({ length: CLIENTS }, client), poller()]);
  const floodS = (performance.now() - floodStart) / 1000;

  const firstMs = healthMs.slice(0, 3);
  healthMs.sort((a, b) => a - b);
  const pct = (p: number) => healthMs[Math.min(healthMs.length - 1, Math.floor((p / 100) * healthMs.length))] ?? NaN;
  console.log(
    `${CLIENTS} clients × ${SECONDS} s of ${DAYS}-day 1-minute CSV: ${(answered / floodS).toFixed(1)} answered/s` +
      ` (${answered} answered, ${rejected} turned away with 503, ${failed} other failures)`,
  );
  console.log(
    `/api/health every ${HEALTH_EVERY_MS} ms (${healthMs.length} probes): p50 ${pct(50).toFixed(1)} ms, ` +
      `p95 ${pct(95).toFixed(1)} ms, max ${(healthMs[healthMs.length - 1] ?? NaN).toFixed(1)} ms`,
  );
  console.log(
    `first three health probes (the flood's connections opening): ${firstMs.map((t) => t.toFixed(0)).join(', ')} ms`,
  );
  const metrics = await (await fetch(`${base}/metrics`)).text();
  for (const line of metrics.split('\n')) if (line.startsWith('history_heavy')) console.log(line);
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${new Date().toISOString()}`,
  );
  monitor.destroy();
  child.stdin.end();
  await new Promise((r) => child.once('exit', r));
}

if (process.argv[2] === '--serve') await serve();
else await flood();
