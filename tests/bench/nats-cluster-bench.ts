/**
 * `npm run bench:cluster`: device telemetry through a 3-node nats-server cluster (tests/support/nats-cluster-fixture.ts,
 * configured by src/services/broker/nats/config.ts), published on node 1 as the feeds' user, received on node 3 by a
 * dispatcher's user subscribed to every device's telemetry — so every message crosses a route.
 *
 * 1. Burst: BENCH_BURST messages over 1,000 device topics as fast as one connection writes them, retained (as the
 *    feeds publish today) and not retained: delivered count and rate from first publish to last delivery.
 * 2. Sustained: stepped offered rates for BENCH_STEP_S seconds each, paced every 10 ms over 4 publisher connections;
 *    delivered/s and the latency from publish to delivery (the payload carries its publish time). A step holds when
 *    ≥ 95 % arrives and the p95 latency is ≤ 1 s; a series stops at its first step that does not hold.
 *
 *   npm run bench:cluster
 *   BENCH_STEP_S=4 BENCH_BURST=20000 npm run bench:cluster
 */
import type { MqttClient } from 'mqtt';
import { ALL_TELEMETRY_FILTER, deviceTopic } from '../../src/core/contract/topics';
import { connectAs } from '../support/broker-fixture';
import { startNatsCluster } from '../support/nats-cluster-fixture';

const STEP_S = Number(process.env.BENCH_STEP_S ?? 4);
const BURST = Number(process.env.BENCH_BURST ?? 20_000);
const DEVICES = 1_000;
const RETAINED_RATES = [250, 500, 1_000, 2_000, 4_000, 8_000];
const PLAIN_RATES = [2_000, 5_000, 10_000, 20_000, 40_000, 60_000];

const topics = Array.from({ length: DEVICES }, (_, i) =>
  deviceTopic({ kind: 'feeder', province: i % 2 ? 'cq' : 'sc', deviceId: `bench-f${i}`, channel: 'telemetry' }),
);
/** A feeder reading as the contract has it (about 130 bytes), stamped with its publish time. */
const reading = (ts: number, i: number) =>
  JSON.stringify({
    ts,
    pKw: 1000 + (i % 4000),
    qKvar: 200.5,
    iA: 56.6,
    uKv: 10.2,
    eImportKwh: 5000 + i,
    eExportKwh: 0,
  });

const percentile = (xs: number[], p: number) => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Receiver {
  count = 0;
  firstAt = 0;
  lastAt = 0;
  latenciesMs: number[] = [];
  constructor(client: MqttClient) {
    client.on('message', (_t, payload) => {
      const now = Date.now();
      this.count++;
      if (!this.firstAt) this.firstAt = now;
      this.lastAt = now;
      const ts = Number(/"ts":(\d+)/.exec(payload.toString())?.[1]);
      if (ts) this.latenciesMs.push(now - ts);
    });
  }
  reset() {
    this.count = 0;
    this.firstAt = 0;
    this.lastAt = 0;
    this.latenciesMs = [];
  }
  /** Until nothing more arrives for `quietMs` (or `expected` have arrived). */
  async settle(expected: number, quietMs = 2_000) {
    let seen = -1;
    let quietSince = Date.now();
    while (this.count < expected) {
      if (this.count !== seen) {
        seen = this.count;
        quietSince = Date.now();
      } else if (Date.now() - quietSince > quietMs) return;
      await sleep(50);
    }
  }
}

async function burst(pub: MqttClient, rx: Receiver, retain: boolean) {
  rx.reset();
  const start = Date.now();
  for (let i = 0; i < BURST; i++) {
    const last = i === BURST - 1 || i % 500 === 499;
    const p = pub.publishAsync(topics[i % DEVICES] as string, reading(Date.now(), i), { qos: 0, retain });
    if (last) await p; // let the socket drain every 500 so the client's buffer stays bounded
  }
  const sentMs = Date.now() - start;
  await rx.settle(BURST, 3_000);
  const spanS = Math.max(1, rx.lastAt - start) / 1000;
  return { sentMs, delivered: rx.count, rate: Math.round(rx.count / spanS) };
}

async function step(pubs: MqttClient[], rx: Receiver, rate: number, retain: boolean) {
  rx.reset();
  const tickMs = 10;
  const perTick = rate / (1000 / tickMs);
  const start = Date.now();
  let sent = 0;
  let owed = 0;
  let i = 0;
  while (Date.now() - start < STEP_S * 1000) {
    owed += perTick;
    while (owed >= 1) {
      owed--;
      const pub = pubs[i % pubs.length] as MqttClient;
      pub.publish(topics[i % DEVICES] as string, reading(Date.now(), i), { qos: 0, retain });
      i++;
      sent++;
    }
    const next = start + Math.ceil((Date.now() - start + 1) / tickMs) * tickMs;
    await sleep(Math.max(0, next - Date.now()));
  }
  await rx.settle(sent, 2_000);
  const delivered = rx.count;
  const p95 = percentile(rx.latenciesMs, 95);
  return {
    sentPerS: Math.round(sent / STEP_S),
    deliveredPerS: Math.round(delivered / STEP_S),
    deliveredPct: (100 * delivered) / Math.max(1, sent),
    p50: percentile(rx.latenciesMs, 50),
    p95,
    holds: delivered >= 0.95 * sent && p95 <= 1_000,
  };
}

async function main() {
  const cluster = await startNatsCluster(3);
  const [n1, , n3] = cluster.nodes;
  try {
    const sub = await connectAs(n3!.mqttUrl, 'dashboard', { clean: true });
    const rx = new Receiver(sub);
    await sub.subscribeAsync(ALL_TELEMETRY_FILTER, { qos: 0 });
    const pubs = await Promise.all([0, 1, 2, 3].map(() => connectAs(n1!.mqttUrl, 'feeds')));

    console.log(`\nBurst: ${BURST} feeder readings, one connection on node 1 → one subscriber on node 3\n`);
    console.log('| retained | written in (ms) | delivered | delivered/s |');
    console.log('| -------- | --------------: | --------: | ----------: |');
    for (const retain of [false, true]) {
      const r = await burst(pubs[0] as MqttClient, rx, retain);
      console.log(`| ${retain ? 'yes' : 'no'}      | ${r.sentMs} | ${r.delivered} | ${r.rate} |`);
    }

    console.log(
      `\nSustained: ${STEP_S} s steps over ${DEVICES} device topics, 4 connections on node 1 → node 3 (holds: ≥ 95 % delivered, p95 ≤ 1 s)\n`,
    );
    console.log('| retained | offered/s | delivered/s | delivered % | p50 ms | p95 ms | holds |');
    console.log('| -------- | --------: | ----------: | ----------: | -----: | -----: | ----- |');
    for (const [retain, rates] of [
      [true, RETAINED_RATES],
      [false, PLAIN_RATES],
    ] as const) {
      for (const rate of rates) {
        const r = await step(pubs, rx, rate, retain);
        console.log(
          `| ${retain ? 'yes' : 'no'} | ${r.sentPerS} | ${r.deliveredPerS} | ${r.deliveredPct.toFixed(1)} | ${r.p50} | ${r.p95} | ${r.holds ? 'yes' : 'no'} |`,
        );
        if (!r.holds) break;
        await sleep(1_000);
      }
    }
    for (const c of [sub, ...pubs]) c.end(true);
  } finally {
    await cluster.close();
  }
}

await main();
