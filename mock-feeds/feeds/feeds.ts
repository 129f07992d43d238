/**
 * The MQTT publisher of the mock feeds: a thin layer over the world model (../world/world.ts). Each device has its own
 * MQTT connection (clientId `gaozhu-<kind>-<id>`; or shares a pooled one, `devicesPerConnection`, whose Will is on its
 * pool's status topic: src/core/contract/feed-pools.ts) with a retained Last Will `{state:"offline"}` on its status topic,
 * announces `{state:"online"}` retained at connect, and publishes QoS 0 telemetry at the configured interval of world
 * time (chargers also on change), retained unless `retainTelemetry` is false (DEVICE_TELEMETRY_RETAIN=false: a region's
 * broker cluster delivers retained messages far slower, and the dispatcher seeds its table from the live service's
 * retained per-substation snapshots instead, src/browser/live/telemetry-store.ts seedFromSubstation). With `speed` N the world runs N× faster than the wall clock; timestamps
 * follow the world, and the retained simulation clock (SIM_CLOCK_TOPIC) lets the dashboard map one onto the other.
 * A feeder's protection and self-healing events (the world's faults, planned outages and FLISR) go out on its events
 * topic at QoS 1, not retained, on the feeder's own connection, and its telemetry (with the switch states) follows at
 * once instead of at its next interval.
 *
 *   const feeds = await startFeeds({ mqttUrl, username, password, config, seed: 1, speed: 60, controlPort: 0 });
 *   feeds.controlPort; feeds.world; await feeds.close();
 */

import type { AreaConfig } from '../../src/core/config/area-schema';
import { MAX_DEVICES_PER_POOL, type PoolStatus, poolStatusTopic } from '../../src/core/contract/feed-pools';
import { feederEventsTopic } from '../../src/core/contract/feeder-events';
import type { SimClock } from '../../src/core/contract/payloads';
import { deviceTopic, SIM_CLOCK_TOPIC } from '../../src/core/contract/topics';
import { connectMqtt, type MqttClient } from '../../src/services/common/mqtt-client';
import { hash01 } from '../world/noise';
import { seedFrom } from '../world/random';
import { loadReplaySource, type ReplaySource, replayOptionsFor } from '../world/replay';
import { type ActiveScenario, createWorld, type World, type WorldDevice } from '../world/world';
import { startControlServer } from './control-server';

export type FeedIntervalsS = AreaConfig['feedIntervalsS'];

export interface StartFeedsOptions {
  mqttUrl: string;
  username: string;
  password: string;
  config: AreaConfig;
  seed?: number;
  /** World seconds per wall second (default 1). */
  speed?: number;
  /** A replay source, or true to load the real series from GAOZHU_REAL_DATA_DIR. */
  replay?: ReplaySource | boolean;
  /** World time at start (default: now). Ignored when `world` is given. */
  startMs?: number;
  /** Random faults and planned outages at the area's rates (default true). Ignored when `world` is given. */
  randomOutages?: boolean;
  /** Run an existing world (e.g. one the history backfill advanced to now) instead of creating one. */
  world?: World;
  /** Port of the scenario-control HTTP server; 0 picks a free one; null disables it. */
  controlPort?: number | null;
  controlHost?: string;
  /** Bearer token for the control endpoint (FEEDS_CONTROL_TOKEN). */
  controlToken?: string;
  intervalsS?: Partial<FeedIntervalsS>;
  /** Device telemetry published retained (default true: a late subscriber gets every device's last reading at once). */
  retainTelemetry?: boolean;
  /**
   * Devices sharing one MQTT connection (default 1: each device its own, with its own Last Will). Above 1 each pooled
   * connection's Will is on its pool status topic naming its devices (src/core/contract/feed-pools.ts: how a device
   * is then marked offline).
   */
  devicesPerConnection?: number;
  /** This process publishes every `count`-th device from `index` (0-based) of the whole area's world: feeds sharded over processes. */
  shard?: { index: number; count: number };
  /** Floor of wall time between two publishes of one device, ms (default 100). */
  minGapMs?: number;
  /** Wall seconds between simulation-clock publishes (default 2). */
  clockIntervalS?: number;
  log?: (line: string) => void;
}

export interface FeedsStats {
  published: number;
  /** Feeder events published (QoS 1), and those dropped because the feeder had no connection. */
  events: number;
  eventsDropped: number;
  connects: number;
  offlineDrops: number;
}

export interface RunningFeeds {
  /** 0 when the control server is disabled. */
  controlPort: number;
  world: World;
  stats: FeedsStats;
  /** World time now (the publisher's clock, ahead of world.nowMs by at most one tick). */
  worldNowMs(): number;
  close(): Promise<void>;
}

interface DeviceFeed {
  dev: WorldDevice;
  telemetryTopic: string;
  statusTopic: string;
  client: MqttClient | null;
  intervalWallMs: number;
  nextDueWall: number;
  lastPubWall: number;
  /** Charger signature (connector states, rounded power) at the last publish, for publish-on-change. */
  lastSig: string;
  /** The pooled connection it shares (devicesPerConnection > 1), else null: its own connection. */
  pool: Pool | null;
}

interface Pool {
  id: string;
  feeds: DeviceFeed[];
  client: MqttClient | null;
}

const TICK_MS = 20;

export async function startFeeds(opts: StartFeedsOptions): Promise<RunningFeeds> {
  const log = opts.log ?? ((line: string) => console.log(`[feeds] ${line}`));
  const speed = opts.speed ?? 1;
  if (!(speed > 0 && speed <= 10_000)) throw new Error(`speed ${speed}: must be > 0 and ≤ 10000`);
  const intervals: FeedIntervalsS = { ...opts.config.feedIntervalsS, ...opts.intervalsS };
  const minGapMs = opts.minGapMs ?? 100;
  const retainTelemetry = opts.retainTelemetry ?? true;
  const replay = opts.replay === true ? loadReplaySource(replayOptionsFor(opts.config)) : opts.replay || undefined;
  const seed = opts.seed ?? 1;
  const startWall = Date.now();
  const world =
    opts.world ??
    createWorld(opts.config, {
      seed,
      startMs: Math.floor(opts.startMs ?? startWall),
      replay,
      randomOutages: opts.randomOutages,
    });
  // Events of a world advanced before (a history backfill) are its past: the live stream starts now.
  world.drainFeederEvents();
  const startWorld = world.nowMs;
  const worldNowMs = () => Math.floor(startWorld + (Date.now() - startWall) * speed);
  const stats: FeedsStats = { published: 0, events: 0, eventsDropped: 0, connects: 0, offlineDrops: 0 };
  let closing = false;

  const perConnection = opts.devicesPerConnection ?? 1;
  if (!(Number.isInteger(perConnection) && perConnection >= 1 && perConnection <= MAX_DEVICES_PER_POOL))
    throw new Error(
      `devices per connection ${perConnection}: must be a whole number from 1 to ${MAX_DEVICES_PER_POOL}`,
    );
  const shard = opts.shard ?? { index: 0, count: 1 };
  if (
    !(Number.isInteger(shard.count) && Number.isInteger(shard.index) && shard.index >= 0 && shard.index < shard.count)
  )
    throw new Error(`shard ${shard.index}/${shard.count}: expected i/n with 0 ≤ i < n`);
  const shardTag = shard.count > 1 ? `-s${shard.index}of${shard.count}` : '';
  // Every process simulates the whole world (same seed: the same world), and publishes its own share of the devices.
  const mine = world.devices().filter((_, i) => i % shard.count === shard.index);
  const feeds: DeviceFeed[] = mine.map((dev) => {
    const intervalWallMs = (intervals[dev.kind] * 1000) / speed;
    return {
      dev,
      telemetryTopic: deviceTopic({ kind: dev.kind, province: dev.province, deviceId: dev.id, channel: 'telemetry' }),
      statusTopic: deviceTopic({ kind: dev.kind, province: dev.province, deviceId: dev.id, channel: 'status' }),
      client: null,
      intervalWallMs,
      // Spread phases over one interval so devices don't publish in bursts.
      nextDueWall: startWall + hash01(seedFrom(seed, 'phase'), hashId(dev.id)) * Math.max(intervalWallMs, minGapMs),
      lastPubWall: 0,
      lastSig: '',
      pool: null,
    };
  });
  const feedById = new Map(feeds.map((f) => [f.dev.id, f]));

  const baseOptions = {
    username: opts.username,
    password: opts.password,
    protocolVersion: 4 as const,
    reconnectPeriod: 2_000,
    connectTimeout: 10_000,
    // A QoS 0 reading that could not be sent is stale by the time the link is back: drop it.
    queueQoSZero: false,
  };

  function connect(feed: DeviceFeed): Promise<void> {
    const statusOffline = JSON.stringify({ ts: worldNowMs(), state: 'offline' });
    const client = connectMqtt(opts.mqttUrl, {
      ...baseOptions,
      clientId: `gaozhu-${feed.dev.kind}-${feed.dev.id}`,
      will: { topic: feed.statusTopic, payload: Buffer.from(statusOffline), qos: 1, retain: true },
    });
    feed.client = client;
    client.on('error', () => {}); // reconnects on its own; the broker being down is logged once below
    return new Promise((resolve) => {
      client.on('connect', () => {
        stats.connects++;
        client.publish(feed.statusTopic, JSON.stringify({ ts: worldNowMs(), state: 'online' }), {
          qos: 1,
          retain: true,
        });
        resolve();
      });
      setTimeout(resolve, 10_000).unref();
    });
  }

  const pools: Pool[] = [];
  if (perConnection > 1)
    for (let i = 0; i < feeds.length; i += perConnection) {
      const pool: Pool = {
        id: `feeds${shardTag}-${seed}-${pools.length}`,
        feeds: feeds.slice(i, i + perConnection),
        client: null,
      };
      for (const f of pool.feeds) f.pool = pool;
      pools.push(pool);
    }
  const poolStatus = (pool: Pool, state: 'online' | 'offline') =>
    JSON.stringify({ ts: worldNowMs(), state, deviceIds: pool.feeds.map((f) => f.dev.id) } satisfies PoolStatus);

  /** One connection for the pool's devices; its Will names them all (feed-pools.ts). */
  function connectPool(pool: Pool): Promise<void> {
    const client = connectMqtt(opts.mqttUrl, {
      ...baseOptions,
      clientId: `gaozhu-pool-${pool.id}`,
      will: {
        topic: poolStatusTopic(pool.id),
        payload: Buffer.from(poolStatus(pool, 'offline')),
        qos: 1,
        retain: true,
      },
    });
    pool.client = client;
    client.on('error', () => {});
    return new Promise((resolve) => {
      client.on('connect', () => {
        stats.connects++;
        client.publish(poolStatusTopic(pool.id), poolStatus(pool, 'online'), { qos: 1, retain: true });
        for (const f of pool.feeds) {
          const offline = world.isOffline(f.dev.id);
          f.client = offline ? null : client;
          client.publish(f.statusTopic, JSON.stringify({ ts: worldNowMs(), state: offline ? 'offline' : 'online' }), {
            qos: 1,
            retain: true,
          });
        }
        resolve();
      });
      setTimeout(resolve, 10_000).unref();
    });
  }

  const clockClient = connectMqtt(opts.mqttUrl, { ...baseOptions, clientId: `gaozhu-feeds-clock-${seed}${shardTag}` });
  clockClient.on('error', (e) => log(`clock connection: ${e.message}`));
  const publishClock = () => {
    // One clock for the whole area: the first shard's.
    if (!clockClient.connected || shard.index !== 0) return;
    const clock: SimClock = { wallMs: Date.now(), worldMs: worldNowMs(), speed };
    clockClient.publish(SIM_CLOCK_TOPIC, JSON.stringify(clock), { qos: 0, retain: true });
  };
  clockClient.on('connect', publishClock);

  if (pools.length) await Promise.all(pools.map(connectPool));
  else await Promise.all(feeds.map(connect));
  const connected = feeds.filter((f) => f.client?.connected).length;
  if (connected < feeds.length)
    log(`${connected}/${feeds.length} devices connected to ${opts.mqttUrl}; the rest keep retrying`);

  function telemetryOf(dev: WorldDevice): unknown {
    switch (dev.kind) {
      case 'feeder':
        return world.feeder(dev.id);
      case 'substation':
        return world.substation(dev.id);
      case 'pv':
        return world.pv(dev.id);
      default:
        return world.charger(dev.id);
    }
  }

  function publish(feed: DeviceFeed, wall: number, payload: unknown): void {
    feed.lastPubWall = wall;
    if (!feed.client?.connected) return;
    feed.client.publish(feed.telemetryTopic, JSON.stringify(payload), { qos: 0, retain: retainTelemetry });
    stats.published++;
  }

  function reconcileConnections(): void {
    for (const feed of feeds) {
      const wantOffline = world.isOffline(feed.dev.id);
      if (feed.pool) {
        // A pooled device cannot lose its own connection: it says offline on its status topic, then goes quiet.
        const client = feed.pool.client;
        if (wantOffline && feed.client) {
          feed.client = null;
          stats.offlineDrops++;
          if (client?.connected)
            client.publish(feed.statusTopic, JSON.stringify({ ts: worldNowMs(), state: 'offline' }), {
              qos: 1,
              retain: true,
            });
        } else if (!wantOffline && !feed.client && client?.connected && !closing) {
          feed.client = client;
          client.publish(feed.statusTopic, JSON.stringify({ ts: worldNowMs(), state: 'online' }), {
            qos: 1,
            retain: true,
          });
        }
        continue;
      }
      if (wantOffline && feed.client) {
        // Destroy the socket without DISCONNECT: the broker sees a lost device and publishes its Last Will.
        feed.client.end(true);
        feed.client = null;
        stats.offlineDrops++;
      } else if (!wantOffline && !feed.client && !closing) {
        void connect(feed);
      }
    }
  }

  function publishFeederEvents(wall: number): void {
    for (const e of world.drainFeederEvents()) {
      const feed = feedById.get(e.feederId);
      if (!feed && shard.count > 1) continue; // another shard's feeder
      if (!feed?.client || world.isSilent(e.feederId)) {
        stats.eventsDropped++;
        continue;
      }
      // QoS 1: mqtt.js keeps it for a reconnect of this connection; the broker delivers it at least once.
      feed.client.publish(feederEventsTopic(e.province, e.feederId), JSON.stringify(e.event), {
        qos: 1,
        retain: false,
      });
      stats.events++;
      // The switch states and the load follow the event at once, here and on the feeder across a closed tie.
      feed.nextDueWall = Math.min(feed.nextDueWall, wall);
      const across = e.event.tieFeederId ? feedById.get(e.event.tieFeederId) : undefined;
      if (across) across.nextDueWall = Math.min(across.nextDueWall, wall);
      for (const t of world.config.feeders.find((f) => f.id === e.feederId)?.sections ?? [])
        if (t.tie) {
          const f = feedById.get(t.tie.feederId);
          if (f) f.nextDueWall = Math.min(f.nextDueWall, wall);
        }
    }
  }

  function tick(): void {
    const wall = Date.now();
    world.advanceTo(worldNowMs());
    reconcileConnections();
    publishFeederEvents(wall);
    for (const feed of feeds) {
      if (world.isSilent(feed.dev.id) || !feed.client) {
        if (wall >= feed.nextDueWall) feed.nextDueWall = wall + feed.intervalWallMs;
        continue;
      }
      const due = wall >= feed.nextDueWall;
      if (feed.dev.kind === 'charger') {
        const c = world.charger(feed.dev.id);
        const sig = `${c.connectors.map((x) => x.state[0]).join('')}:${Math.round(c.pKw / 5)}`;
        if (due || (sig !== feed.lastSig && wall - feed.lastPubWall >= minGapMs)) {
          feed.lastSig = sig;
          publish(feed, wall, c);
          feed.nextDueWall = wall + Math.max(feed.intervalWallMs, minGapMs);
        }
        continue;
      }
      if (!due) continue;
      publish(feed, wall, telemetryOf(feed.dev));
      let next = feed.nextDueWall + feed.intervalWallMs;
      if (next < wall + minGapMs) next = wall + Math.max(minGapMs, feed.intervalWallMs);
      feed.nextDueWall = next;
    }
  }

  const tickTimer = setInterval(tick, TICK_MS);
  const clockTimer = setInterval(publishClock, (opts.clockIntervalS ?? 2) * 1000);
  tick();

  const onChange = (changed: ActiveScenario[]) => {
    // Publish the affected devices at the next tick instead of waiting for their interval.
    const now = Date.now();
    for (const sc of changed) {
      const targets = sc.deviceId ? [feedById.get(sc.deviceId)] : feeds.filter((f) => f.dev.kind === 'pv');
      for (const f of targets) if (f) f.nextDueWall = Math.min(f.nextDueWall, now);
    }
  };

  const control =
    opts.controlPort === null
      ? null
      : await startControlServer({
          port: opts.controlPort ?? 0,
          host: opts.controlHost,
          world,
          token: opts.controlToken,
          log,
          onChange,
          health: () => ({
            worldMs: worldNowMs(),
            speed,
            devices: feeds.length,
            connected: feeds.filter((f) => f.client?.connected).length,
            published: stats.published,
            scenarios: world.listScenarios().length,
            outages: world.outages().length,
            events: stats.events,
          }),
        });

  log(
    `${feeds.length} devices → ${opts.mqttUrl}, seed ${seed}, speed ${speed}×${replay ? `, ${replay.description}` : ''}` +
      (control ? `, scenario control http://${opts.controlHost ?? '127.0.0.1'}:${control.port}` : ''),
  );

  return {
    controlPort: control?.port ?? 0,
    world,
    stats,
    worldNowMs,
    async close() {
      closing = true;
      clearInterval(tickTimer);
      clearInterval(clockTimer);
      await control?.close();
      // Say goodbye explicitly (a clean DISCONNECT discards the Will), so a stopped simulator reads as offline.
      const offline = JSON.stringify({ ts: worldNowMs(), state: 'offline' });
      if (pools.length) {
        await Promise.all(
          pools.map(async (pool) => {
            const c = pool.client;
            if (!c) return;
            if (c.connected) {
              await Promise.all(
                pool.feeds.map((f) => c.publishAsync(f.statusTopic, offline, { qos: 1, retain: true }).catch(() => {})),
              );
              await c.publishAsync(poolStatusTopic(pool.id), poolStatus(pool, 'offline'), { qos: 1, retain: true });
            }
            await c.endAsync(!c.connected);
          }),
        );
        await clockClient.endAsync(!clockClient.connected);
        return;
      }
      await Promise.all(
        feeds.map(async (f) => {
          const c = f.client;
          if (!c) return;
          if (c.connected) await c.publishAsync(f.statusTopic, offline, { qos: 1, retain: true }).catch(() => {});
          await c.endAsync(!c.connected);
        }),
      );
      await clockClient.endAsync(!clockClient.connected);
    },
  };
}

function hashId(id: string): number {
  return seedFrom(id) | 0;
}
