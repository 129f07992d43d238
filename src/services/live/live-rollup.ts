/**
 * The area roll-up of a sharded live service (LIVE_SHARD=rollup, src/services/deployment.md): when one process cannot keep up
 * with a region's device stream, one live service per province (LIVE_SHARD=sc, LIVE_SHARD=cq) computes and publishes
 * that province's figures, substations and stations from its own devices, and this process builds the area's figures
 * from the two provinces' published figures — never from raw devices — and publishes them with the live status.
 *
 * The area figure is what the one-process service computes (live-area.ts): sums of power, energies, sessions and
 * connectors; coverage merged (so a missing device anywhere makes the area partial); the shares and carbon from the
 * same carbonByScope over the provinces' energies; today's peak is the highest complete-or-held area consumption this
 * roll-up has seen (it is not kept across a restart of the roll-up). The area is 'no-data' and the status 'silent'
 * while a province's figures are absent or older than `staleAfterMs`, or its shard's status says offline.
 *
 * The losses between the intake and the feeder heads: from the sums of both shards' loss terms (each shard's intake and
 * feeder-head sums), integrated over today by the same rule as the one process (src/core/domain/losses.ts) — not from
 * the provinces' differences, which are not their losses where a 110 kV station is fed across the border.
 *
 * Not in the shards or the roll-up (the one-process service only): the alarm engine, the supply-reliability records
 * and their retained lists; a sharded region has no alarms or outage lists on the live core yet.
 */
import type { AreaConfig } from '../../core/config/area-schema';
import {
  type LiveFigures,
  type LiveStatus,
  liveFiguresSchema,
  liveStatusSchema,
  liveTopics,
} from '../../core/contract/live-core';
import { PROVINCES, type Province } from '../../core/contract/topics';
import { carbonByScope, carbonFactorsFromConfig } from '../../core/domain/carbon';
import { chargersFigure, sumConnectorCounts } from '../../core/domain/connector-counts';
import { figureStatusOf, mergedFigureCoverage } from '../../core/domain/coverage';
import { intakeLossesOfParts, type LossDay, lossesFigure, newLossDay } from '../../core/domain/losses';
import { connectMqtt, type MqttClient } from '../common/mqtt-client';

/** Where a province shard says it is alive (its Last Will: offline); the one-process service uses liveTopics.status. */
export const shardStatusTopic = liveTopics.shardStatus;

export interface AreaPeak {
  dayStartMs: number;
  kw: number;
  atMs: number;
}

/** What the roll-up carries from one figure to the next: today's peak and today's losses integration. */
export interface RollupDay {
  peak: AreaPeak | null;
  lossDay: LossDay;
}

export const newRollupDay = (): RollupDay => ({ peak: null, lossDay: newLossDay(Number.NEGATIVE_INFINITY) });

/** The area's figures from the two provinces' (pure); `day` is the roll-up's own, carried on and returned. */
export function rollUpAreaFigures(
  byProvince: Record<Province, LiveFigures>,
  config: Pick<AreaConfig, 'emissionFactors' | 'coal' | 'evAssumptions'>,
  nowMs: number,
  day: RollupDay,
): { figures: LiveFigures; day: RollupDay } {
  const { peak } = day;
  const parts = PROVINCES.map((p) => byProvince[p]);
  const sum = (pick: (f: LiveFigures) => number) => parts.reduce((s, f) => s + pick(f), 0);
  const coverage = mergedFigureCoverage(parts);
  const status: LiveFigures['status'] = figureStatusOf(coverage);
  const factors = carbonFactorsFromConfig(config);
  const energyOf = (f: LiveFigures) => ({
    eImportKwh: f.today.eImportKwh,
    ePvKwh: f.today.ePvKwh,
    eEvKwh: f.today.eEvKwh,
  });
  const today = carbonByScope({ sc: energyOf(byProvince.sc), cq: energyOf(byProvince.cq) }, factors).area;
  const powerOf = (f: LiveFigures) => ({
    eImportKwh: f.power.gridImportKw,
    ePvKwh: f.power.pvKw,
    eEvKwh: f.power.evKw,
  });
  const now = carbonByScope({ sc: powerOf(byProvince.sc), cq: powerOf(byProvince.cq) }, factors).area;
  const consumptionKw = sum((f) => f.power.gridImportKw) + sum((f) => f.power.pvKw);
  const dayStartMs = Math.max(...parts.map((f) => f.today.dayStartMs));
  const dataTimes = parts.map((f) => f.dataTimeMs).filter((t): t is number => t !== null);
  const dataTimeMs = dataTimes.length ? Math.max(...dataTimes) : null;
  let nextPeak = peak && peak.dayStartMs === dayStartMs ? peak : null;
  if ((status === 'complete' || status === 'held') && (!nextPeak || consumptionKw > nextPeak.kw))
    nextPeak = { dayStartMs, kw: consumptionKw, atMs: dataTimeMs ?? nowMs };
  const counted = parts.map((f) => f.today.countedSinceMs);
  const ef = config.emissionFactors.national;
  const connectors = sumConnectorCounts(parts, (f) => f.chargers);
  const figures: LiveFigures = {
    ts: nowMs,
    dataTimeMs,
    scope: 'area',
    status,
    coverage,
    power: {
      gridImportKw: sum((f) => f.power.gridImportKw),
      pvKw: sum((f) => f.power.pvKw),
      evKw: sum((f) => f.power.evKw),
      consumptionKw,
      cleanSharePct: now.cleanSharePct,
      localGreenSharePct: now.localGreenSharePct,
    },
    today: {
      dayStartMs,
      countedSinceMs: counted.every((c) => c !== null) ? Math.max(...(counted as number[])) : null,
      eImportKwh: today.eImportKwh,
      ePvKwh: today.ePvKwh,
      eEvKwh: today.eEvKwh,
      eConsumptionKwh: today.consumptionKwh,
      cleanSharePct: today.cleanSharePct,
      localGreenSharePct: today.localGreenSharePct,
      co2EmittedKg: today.co2EmittedKg,
      co2AvoidedPvKg: today.co2AvoidedByPvKg,
      coalSavedKg: today.coalSavedKg,
      // The provinces' own (each with its factor and its bus depots, which the figures do not itemise), summed as
      // carbonByScope sums them for the area.
      evSubstitution: {
        km: sum((f) => f.today.evSubstitution.km),
        petrolAvoidedL: sum((f) => f.today.evSubstitution.petrolAvoidedL),
        co2NetAvoidedKg: sum((f) => f.today.evSubstitution.co2NetAvoidedKg),
      },
      evSessions: sum((f) => f.today.evSessions),
      evSessionsCountedSinceMs: parts.some((f) => f.today.evSessionsCountedSinceMs != null)
        ? Math.max(...parts.map((f) => f.today.evSessionsCountedSinceMs ?? 0))
        : null,
      peakConsumptionKw: nextPeak?.kw ?? null,
      peakAtMs: nextPeak?.atMs ?? null,
    },
    chargers: chargersFigure(connectors),
    factor: { efKgPerKwh: ef.kgCo2PerKwh, year: ef.year, source: ef.source.slice(0, 300) },
  };
  // A shard that gives no terms (an older one) counts as a part without a live intake: not computable, said so.
  const terms = parts.map((f) => f.lossTerms ?? { intakeKw: null, feederHeadsKw: null });
  const losses = lossesFigure(intakeLossesOfParts(terms), nowMs, dayStartMs, day.lossDay);
  figures.losses = losses.figure;
  return { figures, day: { peak: nextPeak, lossDay: losses.day } };
}

export interface LiveRollupOptions {
  mqttUrl: string;
  username: string;
  password: string;
  config: AreaConfig;
  publishIntervalMs?: number;
  /** A province's figures older than this (by arrival) count as absent, ms (default 5 × the publish interval). */
  staleAfterMs?: number;
  log?: (line: string) => void;
}

export interface RunningLiveRollup {
  /** The last area figures published, null before both provinces arrived. */
  last(): LiveFigures | null;
  counts: { received: number; rejected: number; published: number };
  publishNow(): Promise<void>;
  close(): Promise<void>;
}

export async function startLiveRollup(opts: LiveRollupOptions): Promise<RunningLiveRollup> {
  const log = opts.log ?? (() => {});
  const publishIntervalMs = opts.publishIntervalMs ?? 1_000;
  const staleAfterMs = opts.staleAfterMs ?? publishIntervalMs * 5;
  const latest: Partial<Record<Province, { figures: LiveFigures; atMs: number }>> = {};
  const shardOnline: Partial<Record<Province, boolean>> = {};
  const counts = { received: 0, rejected: 0, published: 0 };
  let day = newRollupDay();
  let last: LiveFigures | null = null;
  const offline = (source: LiveStatus['source']) =>
    JSON.stringify({ ts: Date.now(), state: 'offline', source, lastDeviceMessageMs: null, publishIntervalMs });
  const client: MqttClient = connectMqtt(opts.mqttUrl, {
    username: opts.username,
    password: opts.password,
    clean: true,
    clientId: `gaozhu-live-rollup-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
    reconnectPeriod: 1_000,
    connectTimeout: 10_000,
    will: { topic: liveTopics.status, payload: Buffer.from(offline('broker-lost')), qos: 1, retain: true },
  });
  client.on('error', (e) => log(`mqtt error: ${e.message}`));
  client.on('connect', () => {
    const topics = PROVINCES.flatMap((p) => [liveTopics.figures(p), shardStatusTopic(p)]);
    client.subscribe(topics, { qos: 0 }, (err) => {
      if (err) log(`subscribe failed: ${err.message}`);
      else log(`connected to ${opts.mqttUrl}; rolling up ${PROVINCES.join(' + ')} every ${publishIntervalMs} ms`);
    });
  });
  client.on('message', (topic, payload) => {
    counts.received++;
    let json: unknown;
    try {
      json = JSON.parse(payload.toString('utf8'));
    } catch {
      counts.rejected++;
      return;
    }
    for (const p of PROVINCES) {
      if (topic === liveTopics.figures(p)) {
        const r = liveFiguresSchema.safeParse(json);
        if (r.success && r.data.scope === p) latest[p] = { figures: r.data, atMs: Date.now() };
        else {
          // Counted, and said once: a province figure the screens would refuse (e.g. out of range) is not rolled up.
          if (counts.rejected++ === 0)
            log(`${topic} rejected: ${r.success ? `scope ${r.data.scope}` : r.error.issues[0]?.message}`);
        }
        return;
      }
      if (topic === shardStatusTopic(p)) {
        const r = liveStatusSchema.safeParse(json);
        if (r.success) shardOnline[p] = r.data.state === 'online';
        else counts.rejected++;
        return;
      }
    }
  });

  const publish = (topic: string, body: unknown, qos: 0 | 1 = 0) =>
    new Promise<void>((resolve) => client.publish(topic, JSON.stringify(body), { qos, retain: true }, () => resolve()));

  const publishNow = async () => {
    if (!client.connected) return;
    const wall = Date.now();
    const fresh = PROVINCES.every((p) => {
      const l = latest[p];
      return l !== undefined && wall - l.atMs <= staleAfterMs && shardOnline[p] !== false;
    });
    const sc = latest.sc?.figures;
    const cq = latest.cq?.figures;
    let dataTimeMs: number | null = null;
    if (sc && cq) {
      const r = rollUpAreaFigures({ sc, cq }, opts.config, Math.max(sc.ts, cq.ts), day);
      day = r.day;
      // A province absent or stale: the area rests on nothing current, and says so rather than summing old figures.
      last = fresh ? r.figures : { ...r.figures, status: 'no-data' };
      dataTimeMs = last.dataTimeMs;
      await publish(liveTopics.figures('area'), last);
    }
    const status: LiveStatus = {
      ts: Math.max(sc?.ts ?? wall, cq?.ts ?? wall),
      state: 'online',
      source: fresh ? 'ok' : 'silent',
      lastDeviceMessageMs: dataTimeMs,
      publishIntervalMs,
    };
    await publish(liveTopics.status, status);
    counts.published++;
  };
  const timer = setInterval(() => void publishNow(), publishIntervalMs);
  return {
    last: () => last,
    counts,
    publishNow,
    async close() {
      clearInterval(timer);
      if (client.connected) await publish(liveTopics.status, JSON.parse(offline('ok')), 1);
      await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
    },
  };
}
