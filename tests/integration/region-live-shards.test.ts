/**
 * The live service sharded by province (LIVE_SHARD, src/services/deployment.md): two shards (sc, cq) and the roll-up on the
 * real broker give the same area figures as one process on the same device stream — power, today's energies, carbon,
 * shares, coverage and status — and each shard publishes only its own province's substations. The roll-up reads the
 * shards' published province figures, never a raw device.
 */
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LIVE_ROOT, type LiveFigures, liveFiguresSchema, liveTopics } from '../../src/core/contract/live-core';
import { deviceTopic } from '../../src/core/contract/topics';
import type { RunningBroker } from '../../src/services/broker/broker';
import { type RunningLiveRollup, shardStatusTopic, startLiveRollup } from '../../src/services/live/live-rollup';
import type { RunningLiveService } from '../../src/services/live/live-service';
import { readAreaConfig } from '../support/area-config';
import { brokerTcpUrl, connectAs, serviceLogin, startTestBroker } from '../support/broker-fixture';
import { startTestLiveService } from '../support/live-fixture';
import { waitFor } from '../support/wait-for';

const config = readAreaConfig();
const deviceCount =
  config.substations.length + config.feeders.length + config.pvSites.length + config.chargingStations.length;
let broker: RunningBroker;
let whole: RunningLiveService;
let sc: RunningLiveService;
let cq: RunningLiveService;
let rollup: RunningLiveRollup;
let feeds: MqttClient;
let watcher: MqttClient;
const seen = new Map<string, unknown>();

beforeAll(async () => {
  broker = await startTestBroker();
  // Published by hand below: the timers would otherwise compute between the rounds.
  const slow = { publishIntervalMs: 600_000 };
  whole = await startTestLiveService(broker, config, slow);
  sc = await startTestLiveService(broker, config, { ...slow, shard: 'sc' });
  cq = await startTestLiveService(broker, config, { ...slow, shard: 'cq' });
  rollup = await startLiveRollup({ ...serviceLogin(broker, 'live'), config, publishIntervalMs: 600_000 });
  feeds = await connectAs(brokerTcpUrl(broker), 'feeds');
  watcher = await connectAs(brokerTcpUrl(broker), 'dashboard');
  watcher.on('message', (topic, payload) => seen.set(topic, JSON.parse(payload.toString())));
  await watcher.subscribeAsync([`${LIVE_ROOT}/#`]);
}, 30_000);
afterAll(async () => {
  feeds?.end(true);
  watcher?.end(true);
  await rollup?.close();
  await Promise.all([whole?.close(), sc?.close(), cq?.close()]);
  await broker?.close();
});

/** One plausible reading of every device at `ts`, counters `round` steps on (today's energies need two readings). */
function publishRound(ts: number, round: number) {
  const pub = (kind: 'substation' | 'feeder' | 'pv' | 'charger', province: 'sc' | 'cq', id: string, body: object) =>
    feeds.publish(deviceTopic({ kind, province, deviceId: id, channel: 'telemetry' }), JSON.stringify(body));
  const feederPKw = (i: number) => 1000 + ((i * 397) % 4000);
  // The two 220 kV intakes take in the feeders' total and 0.75 % more, split 60 / 40 (the losses are the area's only:
  // Sichuan's intake alone is below its own feeders' draw).
  const intakeKw = (config.feeders.reduce((s, _, i) => s + feederPKw(i), 0) * 1.0075) / 2;
  for (const s of config.substations) {
    const pKw = s.parentIds.length ? 50_000 : intakeKw * (s.province === 'sc' ? 0.6 : 1.4) + round;
    pub('substation', s.province, s.id, { ts, pKw, qKvar: 5_000, uKv: s.voltageKv * 1.01, fHz: 50 });
  }
  config.feeders.forEach((f, i) => {
    const pKw = feederPKw(i);
    pub('feeder', f.province, f.id, {
      ts,
      pKw,
      qKvar: pKw * 0.2,
      iA: Math.hypot(pKw, pKw * 0.2) / (Math.sqrt(3) * 10.2),
      uKv: 10.2,
      eImportKwh: 5000 + i + round * (pKw / 3600),
      eExportKwh: 0,
    });
  });
  for (const p of config.pvSites) {
    const pKw = Math.round(p.kWp / 3);
    pub('pv', p.province, p.id, { ts, pKw, eKwh: 100 + round * (pKw / 3600), state: 'producing' });
  }
  for (const c of config.chargingStations) {
    const connectors = c.connectors.map((k, j) => ({
      id: k.id,
      state: j === 0 ? 'charging' : 'available',
      pKw: j === 0 ? 7 : 0,
      sessionKwh: j === 0 ? 3 : 0,
    }));
    pub('charger', c.province, c.id, { ts, pKw: 7, eKwh: 50 + round * 0.002, sessionsTotal: 10 + round, connectors });
  }
}

it('two province shards and the roll-up give the one process’s area figures', async () => {
  const t0 = Date.now() - 2_000;
  publishRound(t0, 0);
  publishRound(t0 + 1_000, 1);
  await waitFor(
    () => whole.counts.accepted >= 2 * deviceCount && sc.counts.accepted + cq.counts.accepted >= 2 * deviceCount,
    'every reading in the one process and in the shards',
    15_000,
  );
  // Each shard reads only its province: nothing of the other is even delivered to it.
  expect(sc.counts.rejected['unknown-device'] + cq.counts.rejected['unknown-device']).toBe(0);
  expect(sc.counts.accepted + cq.counts.accepted).toBe(whole.counts.accepted);

  await Promise.all([whole.publishNow(), sc.publishNow(), cq.publishNow()]);
  const provinceTs = (p: 'sc' | 'cq') => (seen.get(liveTopics.figures(p)) as LiveFigures | undefined)?.ts;
  await waitFor(
    () =>
      provinceTs('sc') === sc.lastSnapshot()?.figures.sc.ts && provinceTs('cq') === cq.lastSnapshot()?.figures.cq.ts,
    'both shards’ province figures on the broker',
  );
  // The roll-up has them as well once the watcher does (same broker, same order).
  await new Promise((r) => setTimeout(r, 200));
  await rollup.publishNow();
  const rolled = rollup.last();
  expect(rolled).not.toBeNull();
  expect(liveFiguresSchema.safeParse(rolled).success).toBe(true);
  const one = whole.lastSnapshot()!.figures.area;

  expect(rolled!.status).toBe(one.status);
  expect(rolled!.status).toBe('complete');
  expect(rolled!.coverage).toEqual(one.coverage);
  expect(rolled!.chargers).toEqual(one.chargers);
  expect(rolled!.dataTimeMs).toBe(one.dataTimeMs);
  for (const k of Object.keys(one.power) as (keyof LiveFigures['power'])[])
    expect(rolled!.power[k], `power.${k}`).toBeCloseTo(one.power[k] as number, 6);
  expect(one.today.eImportKwh).toBeGreaterThan(0);
  for (const k of [
    'eImportKwh',
    'ePvKwh',
    'eEvKwh',
    'eConsumptionKwh',
    'cleanSharePct',
    'localGreenSharePct',
    'co2EmittedKg',
    'co2AvoidedPvKg',
    'coalSavedKg',
    'evSessions',
    'peakConsumptionKw',
  ] as const)
    expect(rolled!.today[k], `today.${k}`).toBeCloseTo(one.today[k] as number, 6);
  for (const k of ['km', 'petrolAvoidedL', 'co2NetAvoidedKg'] as const)
    expect(rolled!.today.evSubstitution[k], `evSubstitution.${k}`).toBeCloseTo(one.today.evSubstitution[k], 6);
  expect(rolled!.today.countedSinceMs).toBe(one.today.countedSinceMs);
  expect(rolled!.factor).toEqual(one.factor);
  // Losses from both shards' sums, equal to the one process's: the provinces' own differences are not losses here.
  expect(one.losses?.kw).toBeGreaterThan(0);
  for (const k of ['intakeKw', 'kw', 'pctOfIntake'] as const)
    expect(rolled!.losses?.[k], `losses.${k}`).toBeCloseTo(one.losses![k]!, 6);
  expect(rolled!.losses?.notComputable).toBeNull();
  const scTerms = (seen.get(liveTopics.figures('sc')) as LiveFigures).lossTerms!;
  expect(scTerms.intakeKw! - scTerms.feederHeadsKw!).toBeLessThan(0);

  // Each shard publishes its own substations and its presence; the area figure on the broker is the roll-up's.
  for (const s of config.substations) expect(seen.has(liveTopics.substation(s.id)), s.id).toBe(true);
  expect(
    sc
      .lastSnapshot()!
      .substations.every((s) => config.substations.find((c) => c.id === s.substationId)?.province === 'sc'),
  ).toBe(true);
  expect((seen.get(shardStatusTopic('sc')) as { state: string }).state).toBe('online');
  await waitFor(
    () => (seen.get(liveTopics.figures('area')) as LiveFigures | undefined)?.ts === rolled!.ts,
    'the roll-up’s area figure',
  );
}, 60_000);
