/**
 * The live service: reads the raw device stream as its own broker user, judges every message with the shared edge
 * judge, keeps the area (./live-area.ts) and publishes the live core, retained, every `publishIntervalMs` — whether or
 * not any screen is open. Its own presence is a retained status with a Last Will, so a screen can tell "the live
 * service is gone" from "devices are silent" (source 'silent': no device message for the feeders' stale time).
 *
 * The alarm engine runs here too, on every publish tick (./live-alarms.ts): the active alarms are published retained in
 * full and masked, each step of their lives as a QoS 1 event; acknowledgements arrive through the HTTP API.
 *
 * Supply reliability (./live-reliability.ts): the feeders' protection and self-healing events, judged at the edge,
 * make the outage records; the outages in progress and of the last 24 h (retained), every changed record (QoS 1, for
 * the history) and the reliability indicators per scope (retained) go out when something changed and once a minute
 * (customer-minutes grow while a section is out). On start the records come back from the state file, else from the
 * history service (GET /api/reliability/outages), so the year's indicators survive a restart.
 *
 * Today's registers and peaks, the active alarms and their acknowledgements are saved to a small state file, so a
 * restart at noon carries on with the same day and the same alarms (same ids, same starts). Started mid-day without a
 * state of today (a new install, a lost file), it seeds today's registers from the history service once
 * (./history-seed.ts), so the energies count from midnight as the history's do, not from the moment it started.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AreaConfig, Thresholds } from '../../core/config/area-schema';
import { DataClock } from '../../core/contract/data-clock';
import { DeviceRegistry } from '../../core/contract/device-registry';
import { judgeFeederEvent, judgeMessage } from '../../core/contract/edge-judge';
import {
  POOL_STATUS_FILTER,
  type PoolStatus,
  parsePoolStatusTopic,
  poolStatusSchema,
} from '../../core/contract/feed-pools';
import { FEEDER_EVENTS_FILTER, parseFeederEventsTopic } from '../../core/contract/feeder-events';
import {
  type AlarmEvent,
  LIVE_SCOPES,
  type LiveAlarms,
  type LiveStatus,
  liveTopics,
} from '../../core/contract/live-core';
import { type OutageRecord, reliabilityTopics } from '../../core/contract/reliability';
import { parseDispatchScope, substationDevicesTopic } from '../../core/contract/substation-devices';
import type { ThresholdsList, ThresholdsVersion } from '../../core/contract/thresholds-api';
import {
  ALL_STATUS_FILTER,
  ALL_TELEMETRY_FILTER,
  type Province,
  SIM_CLOCK_TOPIC,
  TOPIC_ROOT,
} from '../../core/contract/topics';
import { REJECT_REASONS, type RejectReason } from '../../core/contract/validate';
import type { AlarmTuning } from '../../core/domain/alarms/types';
import { dayStartMs } from '../../core/time/shanghai';
import { connectMqtt, type MqttClient } from '../common/mqtt-client';
import { seedFromHistoryService } from './history-seed';
import { type AckResult, type LiveAlarmsState, LiveAreaAlarms } from './live-alarms';
import { LiveArea, type LiveAreaState, type LiveSnapshot, type SeedOutcome } from './live-area';
import { LiveReliabilityState } from './live-reliability';
import { shardStatusTopic } from './live-rollup';
import { seedOutagesFromHistory } from './outage-seed';
import { SubstationDevicesDocs } from './substation-devices';
import { ThresholdsStore } from './thresholds-store';

/** The state file: the area's registers and peaks, and the alarms. */
interface LiveServiceState extends LiveAreaState {
  alarms?: LiveAlarmsState;
  /** This year's outage records and those still ongoing. */
  outages?: OutageRecord[];
}

export interface LiveServiceOptions {
  mqttUrl: string;
  username: string;
  password: string;
  config: AreaConfig;
  /** How often the live core is published, ms (default 1000). */
  publishIntervalMs?: number;
  /** Where today's registers and peaks are kept across restarts; none = not kept. */
  stateFile?: string;
  /** Where the administrators' versions of the thresholds are kept (./thresholds-store.ts); none = not kept. */
  thresholdsFile?: string;
  log?: (line: string) => void;
  /** Wall clock, injectable for tests. */
  wallNowMs?: () => number;
  /** Alarm engine timings (tests run them faster). */
  alarmTuning?: Partial<AlarmTuning>;
  /** The history service's base URL, asked for today's registers when no state of today was restored; none = not. */
  historyUrl?: string;
  /** How long the seeding keeps trying while the history is not up yet, ms (default 30 000). */
  historySeedForMs?: number;
  /**
   * One province of a sharded live service (LIVE_SHARD, ./live-rollup.ts): reads only that province's devices and
   * publishes only its figures, substations and stations, its presence on live/shards/<province>/status; the roll-up
   * publishes the area's figures and live/status. No alarms or reliability records in a shard. None: the whole area.
   */
  shard?: Province;
  /**
   * Publish each substation's device document for a region's dispatcher (./substation-devices.ts). Default: when
   * DISPATCH_SCOPE=substation, the setting the broker's ACL and the page read too.
   */
  substationDevices?: boolean;
}

export interface RunningLiveService {
  readonly area: LiveArea;
  readonly reliability: LiveReliabilityState;
  readonly counts: {
    received: number;
    accepted: number;
    rejected: Record<RejectReason, number>;
    published: number;
    /** Feeder events accepted (their rejections count in `rejected` with the telemetry's). */
    feederEvents: number;
  };
  readonly alarms: {
    /** The active alarms in full. */
    list(): LiveAlarms;
    /** Acknowledges an active alarm and republishes it (201); 404 when none has that id, 409 when cleared. */
    acknowledge(alarmId: string, by: string, note: string): Promise<AckResult>;
  };
  /** The thresholds applied now and their versions; a change or revert applies at once, no restart. */
  readonly thresholds: {
    list(): ThresholdsList;
    /** A new version with these thresholds (checked by the caller with thresholdsSchema), applied at once. */
    change(thresholds: Thresholds, by: string, note: string): Promise<ThresholdsVersion>;
    /** A new version equal to an old one, applied at once; null when no version has that number. */
    revert(version: number, by: string, note: string): Promise<ThresholdsVersion | null>;
  };
  /** Resolves when the seeding from the history is over: its outcome, or null (none asked, none answered). */
  readonly historySeed: Promise<SeedOutcome | null>;
  /** The last snapshot published (tests, health). */
  lastSnapshot(): LiveSnapshot | null;
  /** Computes and publishes now (tests). */
  publishNow(): Promise<void>;
  close(): Promise<void>;
}

const STATE_SAVE_MS = 10_000;
/** The reliability topics go out on change and at least this often (ongoing customer-minutes grow). */
const RELIABILITY_REFRESH_MS = 60_000;

export async function startLiveService(opts: LiveServiceOptions): Promise<RunningLiveService> {
  const log = opts.log ?? (() => {});
  const wallNowMs = opts.wallNowMs ?? Date.now;
  const publishIntervalMs = opts.publishIntervalMs ?? 1_000;
  const clock = new DataClock(wallNowMs);
  const shard = opts.shard ?? null;
  const scoped = shard ? provinceConfig(opts.config, shard) : opts.config;
  const area = new LiveArea(scoped, {
    dayStartMs,
    holdMs: opts.config.thresholds.holdLastGoodS * 1000,
  });
  const alarms = new LiveAreaAlarms(opts.config, opts.alarmTuning);
  const deviceDocs =
    (opts.substationDevices ?? parseDispatchScope(process.env.DISPATCH_SCOPE) === 'substation')
      ? new SubstationDevicesDocs(scoped, publishIntervalMs)
      : null;
  const publishDeviceDocs = (now: number) =>
    (deviceDocs?.due(counts.published, area, now) ?? []).map((d) => publish(substationDevicesTopic(d.substationId), d));
  // The newest version applies from the start (throws, naming the file, when it is unreadable).
  const thresholdsStore = new ThresholdsStore(opts.thresholdsFile ?? null, opts.config.thresholds, wallNowMs());
  let applied = opts.config.thresholds;
  const applyThresholds = (v: ThresholdsVersion) => {
    applied = v.thresholds;
    area.applyThresholds(v.thresholds);
    alarms.applyThresholds(v.thresholds);
  };
  if (thresholdsStore.current().version > 0) {
    applyThresholds(thresholdsStore.current());
    log(`thresholds version ${thresholdsStore.current().version} applied (by ${thresholdsStore.current().by})`);
  }
  const restored = opts.stateFile ? readState(opts.stateFile) : null;
  if (restored) area.restore(restored, clock.now());
  if (restored?.alarms) alarms.restore(restored.alarms);
  const reliability = new LiveReliabilityState(opts.config);
  if (restored?.outages) reliability.seed(restored.outages);
  let reliabilityDirty = true;
  let clockSeen = false;
  let reliabilityPublishedAtMs = Number.NEGATIVE_INFINITY;
  const outageSeeding =
    opts.historyUrl && !restored?.outages && !shard
      ? seedOutagesFromHistory({
          historyUrl: opts.historyUrl,
          nowMs: () => clock.now(),
          ready: () => area.lastDeviceMessageAtMs !== null,
          log,
          forMs: opts.historySeedForMs,
          onRecords: (records) => {
            const n = reliability.seed(records);
            reliabilityDirty = true;
            log(`outage records: ${n} of ${records.length} from the history service`);
          },
        })
      : null;
  if (!opts.historyUrl && !restored?.outages && !shard)
    log('outage records: none restored (no state file of them, no history service): the year counts from now');
  // In the background: publishing starts at once, counting since start until (and unless) the history answers.
  const seeding =
    opts.historyUrl && restored?.dayStartMs !== dayStartMs(clock.now())
      ? seedFromHistoryService({
          historyUrl: opts.historyUrl,
          area,
          todayStartMs: () => dayStartMs(clock.now()),
          log,
          forMs: opts.historySeedForMs,
        })
      : null;

  const counts = {
    received: 0,
    accepted: 0,
    rejected: Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<RejectReason, number>,
    published: 0,
    feederEvents: 0,
  };
  let last: LiveSnapshot | null = null;
  // Feeders report most often; when none of the stream arrives for their stale time, the source is silent.
  const silentAfterMs = () => opts.config.feedIntervalsS.feeder * 1000 * applied.staleAfterMissedIntervals;

  const sourceSilent = () => {
    const lastMsg = area.lastDeviceMessageAtMs;
    return lastMsg === null || wallNowMs() - lastMsg > silentAfterMs();
  };
  const status = (state: LiveStatus['state'], dataTimeMs: number | null): LiveStatus => {
    const silent = sourceSilent();
    return {
      ts: Math.round(clock.now()),
      state,
      source: silent ? 'silent' : 'ok',
      lastDeviceMessageMs: dataTimeMs,
      publishIntervalMs,
      thresholds: {
        version: thresholdsStore.current().version,
        heavyLoadingPct: applied.heavyLoadingPct,
        overloadLoadingPct: applied.overloadLoadingPct,
        voltageDeviationPct: applied.voltageDeviationPct,
      },
    };
  };

  const client: MqttClient = connectMqtt(opts.mqttUrl, {
    username: opts.username,
    password: opts.password,
    clean: true,
    clientId: `gaozhu-live-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
    reconnectPeriod: 1_000,
    connectTimeout: 10_000,
    will: {
      topic: shard ? shardStatusTopic(shard) : liveTopics.status,
      payload: Buffer.from(
        JSON.stringify({
          ts: Date.now(),
          state: 'offline',
          source: 'broker-lost',
          lastDeviceMessageMs: null,
          publishIntervalMs,
        }),
      ),
      qos: 1,
      retain: true,
    },
  });
  let loggedError = false;
  client.on('error', (e) => {
    if (!loggedError) log(`mqtt error: ${e.message} (retrying every second)`);
    loggedError = true;
  });
  // Retained alarm lists go out when they change, and again after each (re)connect.
  let alarmsDirty = true;
  client.on('connect', () => {
    loggedError = false;
    alarmsDirty = true;
    // The clock first: its retained value must be known before retained telemetry is judged.
    // A shard reads its province's subtree only (the province is a topic level: the broker does the filtering).
    const deviceFilters = shard
      ? [`${TOPIC_ROOT}/+/${shard}/+/telemetry`, `${TOPIC_ROOT}/+/${shard}/+/status`]
      : [ALL_TELEMETRY_FILTER, ALL_STATUS_FILTER];
    client.subscribe([SIM_CLOCK_TOPIC, ...deviceFilters, POOL_STATUS_FILTER], { qos: 0 }, (err) => {
      if (err) log(`subscribe failed: ${err.message}`);
      else log(`connected to ${opts.mqttUrl}; publishing the live core every ${publishIntervalMs} ms`);
    });
    if (shard) return;
    // QoS 1 so an event sent while this connection was briefly away is not lost where the broker allows it; a broker
    // that refuses QoS 1 to this user (NATS without the delivery subject, see broker/nats) gets QoS 0.
    client.subscribe(FEEDER_EVENTS_FILTER, { qos: 1 }, (err, granted) => {
      if (err || granted?.[0]?.qos === 128) {
        client.subscribe(FEEDER_EVENTS_FILTER, { qos: 0 }, (err0) => {
          if (err0) log(`feeder events: subscribe failed: ${err0.message}`);
          else log('feeder events: subscribed at QoS 0 (QoS 1 refused)');
        });
      }
    });
  });
  const devices = new DeviceRegistry(scoped);
  client.on('message', (topic, payload) => {
    counts.received++;
    if (parsePoolStatusTopic(topic) !== null) {
      // A pooled connection's Will marks its devices offline (feed-pools.ts); "online" is each device's own status.
      const pool = judgePoolStatus(payload);
      if (pool === null) counts.rejected.schema++;
      else if (pool.state === 'offline')
        for (const deviceId of pool.deviceIds)
          area.apply({ type: 'status', deviceId, data: { ts: pool.ts, state: 'offline' }, atMs: wallNowMs() });
      return;
    }
    if (parseFeederEventsTopic(topic)) {
      const e = judgeFeederEvent(topic, payload, wallNowMs(), clock, devices);
      if (e.type === 'rejected') counts.rejected[e.reason]++;
      else {
        counts.feederEvents++;
        reliability.apply(e);
        reliabilityDirty = true;
      }
      return;
    }
    const j = judgeMessage(topic, payload, wallNowMs(), clock, devices);
    // The running month and year follow the data clock: a simulation clock arriving moves them.
    if (j.type === 'clock' && !clockSeen) {
      clockSeen = true;
      reliabilityDirty = true;
    }
    if (j.type === 'rejected') counts.rejected[j.reason]++;
    else if (j.type !== 'clock') {
      counts.accepted++;
      area.apply(j);
    }
  });

  const publish = (topic: string, body: unknown, qos: 0 | 1 = 0, retain = true) =>
    new Promise<void>((resolve) => client.publish(topic, JSON.stringify(body), { qos, retain }, () => resolve()));

  const saveState = () => {
    if (opts.stateFile)
      writeState(opts.stateFile, {
        ...area.saveState(clock.now()),
        alarms: alarms.saveState(),
        outages: reliability.saveState(),
      } as LiveServiceState);
  };

  /** The lists (retained) when they changed, then the events (QoS 1, not retained: the history records them). */
  const publishAlarms = async (events: readonly AlarmEvent[]) => {
    const now = clock.now();
    if (alarmsDirty || events.length) {
      alarmsDirty = false;
      await Promise.all([
        publish(liveTopics.alarmsDispatch, alarms.list(now), 1),
        publish(liveTopics.alarmsPublic, alarms.publicList(now), 1),
      ]);
    }
    for (const e of events) await publish(liveTopics.alarmEvents, e, 1, false);
    if (events.length) saveState();
  };

  /** On change, and once a minute while nothing changes (ongoing customer-minutes, the running month and year). */
  const publishReliability = async (now: number) => {
    const wall = wallNowMs();
    if (!reliabilityDirty && wall - reliabilityPublishedAtMs < RELIABILITY_REFRESH_MS) return;
    const changed = reliability.drainChanged(now);
    // Ongoing records again on the refresh, so the history's customer-minutes grow with the live ones.
    const records = reliabilityDirty
      ? changed
      : [...changed, ...reliability.ongoing(now).filter((r) => !changed.some((c) => c.id === r.id))];
    reliabilityDirty = false;
    reliabilityPublishedAtMs = wall;
    const indicators = reliability.indicators(now);
    await Promise.all([
      publish(reliabilityTopics.outages, reliability.outages(now), 1),
      ...LIVE_SCOPES.map((s) => publish(reliabilityTopics.indicators(s), indicators[s], 1)),
    ]);
    for (const r of records) await publish(reliabilityTopics.records, r, 1, false);
    if (changed.length) saveState();
  };

  const publishNow = async () => {
    if (!client.connected) return;
    const now = clock.now();
    const snap = area.snapshot(now);
    last = snap;
    // A shard publishes no alarms (not built for shards): it does not run the engine either.
    if (shard) {
      // A region's thousands of substations: each one's snapshot once per feeder interval, a rotating share each
      // tick, instead of all every tick (2,000 substations a second choked a shard's socket in bench:region); the
      // feeders in it report once per interval anyway.
      const rotation = Math.max(1, Math.round((opts.config.feedIntervalsS.feeder * 1000) / publishIntervalMs));
      const turn = counts.published % rotation;
      await Promise.all([
        publish(shardStatusTopic(shard), status('online', snap.dataTimeMs)),
        // With the province's two loss sums: the roll-up gives the area's losses from both shards' (live-rollup.ts).
        publish(liveTopics.figures(shard), { ...snap.figures[shard], lossTerms: area.lossTerms(now) }),
        ...snap.substations
          .filter((_, i) => i % rotation === turn)
          .map((s) => publish(liveTopics.substation(s.substationId), s)),
        ...snap.stations.filter((s) => s.province === shard).map((s) => publish(liveTopics.stations(s.province), s)),
        ...publishDeviceDocs(now),
      ]);
      counts.published++;
      return;
    }
    const evaluated = alarms.evaluate(area.alarmDevices(now), now, {
      silent: sourceSilent(),
      lastDataMs: snap.dataTimeMs,
    });
    if (evaluated.changed) alarmsDirty = true;
    await Promise.all([
      publish(liveTopics.status, status('online', snap.dataTimeMs)),
      ...LIVE_SCOPES.map((s) => publish(liveTopics.figures(s), snap.figures[s])),
      ...snap.substations.map((s) => publish(liveTopics.substation(s.substationId), s)),
      ...snap.stations.map((s) => publish(liveTopics.stations(s.province), s)),
      ...publishDeviceDocs(now),
      publishAlarms(evaluated.events),
      publishReliability(now),
    ]);
    counts.published++;
  };

  // A tick whose publishing outlasts the interval (a large area on a busy machine) is not stacked on: the next waits.
  let publishing = false;
  const publishTimer = setInterval(() => {
    if (publishing) return;
    publishing = true;
    void publishNow().finally(() => {
      publishing = false;
    });
  }, publishIntervalMs);
  const saveTimer = setInterval(saveState, STATE_SAVE_MS);

  let closing: Promise<void> | null = null;
  return {
    area,
    reliability,
    counts,
    alarms: {
      list: () => alarms.list(clock.now()),
      async acknowledge(alarmId, by, note) {
        const r = alarms.acknowledge(alarmId, by, note, clock.now());
        if (r.status === 201 && client.connected) {
          alarmsDirty = true;
          await publishAlarms([r.event]);
        } else if (r.status === 201) saveState();
        return r;
      },
    },
    thresholds: {
      list: () => thresholdsStore.list(),
      async change(thresholds, by, note) {
        const v = thresholdsStore.change(thresholds, by, note, wallNowMs());
        applyThresholds(v);
        log(`thresholds version ${v.version} by ${by} applied`);
        await publishNow(); // the figures and alarms follow now, not at the next tick
        return v;
      },
      async revert(version, by, note) {
        const v = thresholdsStore.revert(version, by, note, wallNowMs());
        if (!v) return null;
        applyThresholds(v);
        log(`thresholds version ${v.version} (= version ${version}) by ${by} applied`);
        await publishNow();
        return v;
      },
    },
    historySeed: seeding?.done ?? Promise.resolve(null),
    lastSnapshot: () => last,
    publishNow,
    // Once: a second close (a test's teardown after the test stopped it) waits for the first.
    close: () => (closing ??= stop()),
  };

  async function stop(): Promise<void> {
    seeding?.stop();
    outageSeeding?.stop();
    clearInterval(publishTimer);
    clearInterval(saveTimer);
    saveState();
    // A clean stop says so (retained), instead of leaving the last "online" for the Last Will to correct.
    if (client.connected)
      await publish(
        shard ? shardStatusTopic(shard) : liveTopics.status,
        status('offline', last?.dataTimeMs ?? null),
        1,
      );
    await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
  }
}

function readState(file: string): LiveServiceState | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LiveServiceState;
  } catch {
    return null; // no state yet, or a torn file: today counts from now (the figures say from when)
  }
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves a torn state. */
function writeState(file: string, state: LiveServiceState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}

function judgePoolStatus(payload: Buffer): PoolStatus | null {
  try {
    const r = poolStatusSchema.safeParse(JSON.parse(payload.toString('utf8')));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** The devices of one province (a shard's area); the rest of the configuration (thresholds, factors) as it is. */
export function provinceConfig(config: AreaConfig, province: Province): AreaConfig {
  return {
    ...config,
    substations: config.substations.filter((s) => s.province === province),
    feeders: config.feeders.filter((f) => f.province === province),
    pvSites: config.pvSites.filter((p) => p.province === province),
    chargingStations: config.chargingStations.filter((c) => c.province === province),
  };
}
