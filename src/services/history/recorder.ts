/**
 * The recorder: subscribes to every device's telemetry and status (read-only 'recorder' user), judges each message
 * with the contract's edge judge (as the browser ingest does), rolls accepted telemetry into 1-minute cells and writes them every few seconds
 * through the storage port, one atomic write per flush (writes are chained, never concurrent). It keeps the coverage:
 * one interval per recording session (connected and receiving), so the API can tell a gap (null) from a quiet minute.
 *
 * Time is the world's time: when the feeds run faster than real time they publish a retained simulation clock, and the
 * recorder follows it with the contract's DataClock (as the dashboard does) so coverage, "today" and the future-timestamp check follow
 * the data.
 */
import type { AreaConfig } from '../../core/config/area-schema';
import { DataClock } from '../../core/contract/data-clock';
import { DeviceRegistry } from '../../core/contract/device-registry';
import { judgeMessage } from '../../core/contract/edge-judge';
import type { ChargerTelemetry, FeederTelemetry, PvTelemetry, SubstationTelemetry } from '../../core/contract/payloads';
import { ALL_STATUS_FILTER, ALL_TELEMETRY_FILTER, SIM_CLOCK_TOPIC } from '../../core/contract/topics';
import { REJECT_REASONS, type RejectReason } from '../../core/contract/validate';
import { connectMqtt, type MqttClient } from '../common/mqtt-client';
import { LiveCoreRecorder } from './live-recorder';
import type { DeviceCursor } from './minute-accumulator';
import { type DeviceSample, MinuteAccumulator, type SampleOutcome } from './minute-accumulator';
import type { DeviceRow, HistoryStorage } from './storage/history-storage';

export type RecorderConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

export interface RecorderOptions {
  storage: HistoryStorage;
  /** The area configuration: the judge's registry of configured devices and their ratings. */
  config: AreaConfig;
  /** The cursors stored before a restart (HistoryStorage.deviceCursors). */
  cursors: Map<number, DeviceCursor>;
  devices: Map<string, DeviceRow>;
  mqttUrl: string;
  username: string;
  password: string;
  flushIntervalMs?: number;
  log: (line: string) => void;
  /** Records the live core's figures and alarm events too (written in the same flushes). */
  live?: LiveCoreRecorder;
  /**
   * MQTT client id of a persistent session for the alarm events (one per database: see startEventsSession); none:
   * they ride on the main connection's clean session, and those published while the service is away are lost.
   */
  sessionId?: string;
  /** Wall clock, injectable for tests. */
  wallNowMs?: () => number;
}

export class Recorder {
  state: RecorderConnectionState = 'connecting';
  lastMessageWorldMs: number | null = null;
  readonly counts = {
    received: 0,
    accepted: 0,
    outOfOrder: 0,
    duplicate: 0,
    tooLate: 0,
    beforeSession: 0,
    status: 0,
    flushes: 0,
    reconnects: 0,
  };
  readonly rejected = Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<RejectReason, number>;
  readonly deviceStatus = new Map<string, 'online' | 'offline'>();
  private readonly acc = new MinuteAccumulator();
  private client: MqttClient | null = null;
  private eventsClient: MqttClient | null = null;
  private readonly clock: DataClock;
  private readonly devices: DeviceRegistry;
  /** The coverage id is known once the storage has opened the interval. */
  private session: { id: Promise<number>; startMs: number } | null = null;
  private writes: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private readonly wallNowMs: () => number;

  constructor(private readonly opts: RecorderOptions) {
    this.wallNowMs = opts.wallNowMs ?? Date.now;
    this.clock = new DataClock(() => this.wallNowMs());
    this.devices = new DeviceRegistry(opts.config);
    for (const [device, cursor] of opts.cursors) this.acc.restoreCursor(device, cursor);
  }

  /** Current time of the world being recorded (the simulation clock when the feeds publish one). */
  worldNowMs(): number {
    return this.clock.now();
  }

  get counterStats() {
    return this.acc.counts;
  }

  get recordingSince(): number | null {
    return this.session?.startMs ?? null;
  }

  start(): void {
    const client = connectMqtt(this.opts.mqttUrl, {
      username: this.opts.username,
      password: this.opts.password,
      clean: true,
      clientId: `gaozhu-history-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
      reconnectPeriod: 1_000,
      connectTimeout: 10_000,
    });
    this.client = client;
    client.on('connect', () => {
      const filters: Record<string, { qos: 0 | 1 }> = {
        [ALL_TELEMETRY_FILTER]: { qos: 0 },
        [ALL_STATUS_FILTER]: { qos: 0 },
        [SIM_CLOCK_TOPIC]: { qos: 0 },
      };
      if (this.opts.live) {
        filters[LiveCoreRecorder.FIGURES_FILTER] = { qos: 0 };
        filters[LiveCoreRecorder.ACTIVE_ALARMS_TOPIC] = { qos: 0 };
        // The events and outage records are published at QoS 1: a lost one would leave a hole in the history.
        if (this.opts.sessionId === undefined) for (const t of LiveCoreRecorder.QOS1_TOPICS) filters[t] = { qos: 1 };
      }
      client.subscribe(filters, (err) => {
        if (err) return this.opts.log(`subscribe failed: ${err.message}`);
        // Connected means subscribed: from here on every message published reaches the recorder.
        this.state = 'connected';
        this.opts.log(`connected to ${this.opts.mqttUrl} and subscribed`);
      });
    });
    client.on('reconnect', () => {
      this.state = 'reconnecting';
      this.counts.reconnects++;
    });
    client.on('close', () => this.onDisconnected());
    client.on('offline', () => {
      if (this.state !== 'closed') this.state = 'offline';
    });
    // Log the first error of each outage only; mqtt.js retries every second.
    let loggedError = false;
    client.on('error', (err) => {
      if (!loggedError) this.opts.log(`mqtt error: ${err.message} (retrying every second)`);
      loggedError = true;
    });
    client.on('connect', () => {
      loggedError = false;
    });
    client.on('message', (topic, payload, packet) => this.onMessage(topic, payload, packet.retain));
    if (this.opts.live && this.opts.sessionId !== undefined) this.startEventsSession(this.opts.sessionId);
    this.timer = setInterval(
      () => this.flush().catch((e: Error) => this.opts.log(`flush failed: ${e.message}`)),
      this.opts.flushIntervalMs ?? 5_000,
    );
  }

  /**
   * The alarm events and outage records on a connection of their own with a persistent session: the broker keeps the
   * QoS 1 messages published while the service was away (a restart, a network cut) and delivers them when it is back,
   * so the log has no hole. Only these: a persistent session gets no retained messages again on reconnect, which the main
   * connection needs (the simulation clock, the latest figures), and QoS 0 telemetry is never queued anyway.
   */
  private startEventsSession(sessionId: string): void {
    const events = connectMqtt(this.opts.mqttUrl, {
      username: this.opts.username,
      password: this.opts.password,
      clean: false,
      clientId: sessionId,
      reconnectPeriod: 1_000,
      connectTimeout: 10_000,
    });
    this.eventsClient = events;
    events.on('connect', () => {
      events.subscribe([...LiveCoreRecorder.QOS1_TOPICS], { qos: 1 }, (err) => {
        if (err) this.opts.log(`alarm events and outage records: subscribe failed: ${err.message}`);
      });
    });
    // The main connection logs the broker's errors; this one retries quietly beside it.
    events.on('error', () => {});
    events.on('message', (topic, payload) => this.opts.live?.onMessage(topic, payload));
  }

  private onDisconnected(): void {
    if (this.state === 'closed') return;
    if (this.session) this.opts.log('disconnected from broker; recording paused');
    this.state = 'reconnecting';
    this.endSession().catch((e: Error) => this.opts.log(`flush failed: ${e.message}`));
  }

  private endSession(): Promise<void> {
    if (!this.session) return this.writes;
    const flushed = this.flush();
    this.acc.endSession();
    this.session = null;
    return flushed;
  }

  onMessage(topic: string, payload: Buffer, retained: boolean): void {
    // The live core is not device telemetry: it has its own counts and never opens a recording session.
    if (this.opts.live?.handles(topic)) {
      this.opts.live.onMessage(topic, payload, retained);
      return;
    }
    this.counts.received++;
    const judged = judgeMessage(topic, payload, this.wallNowMs(), this.clock, this.devices);
    if (judged.type === 'clock') return;
    if (judged.type === 'rejected') {
      // A malformed clock is not a device message: the last good one (or the wall clock) stays in force, uncounted.
      if (topic !== SIM_CLOCK_TOPIC) this.rejected[judged.reason]++;
      return;
    }
    if (judged.type === 'status') {
      this.counts.status++;
      this.deviceStatus.set(judged.deviceId, judged.data.state);
      return;
    }
    const device = this.opts.devices.get(judged.deviceId) as DeviceRow;
    const ts = judged.data.ts;
    if (!retained && !this.session && this.state === 'connected') {
      const startMs = Math.min(this.worldNowMs(), ts);
      this.acc.beginSession(startMs);
      const id = this.opts.storage.openCoverage({ startMs, endMs: this.worldNowMs(), source: 'live' });
      // A failed open surfaces in the next flush, which awaits the id.
      id.catch(() => {});
      this.session = { id, startMs };
      this.opts.log(`recording from ${new Date(startMs).toISOString()}`);
    }
    const sample = toSample(judged.kind, judged.data);
    // A register the judge took as a new baseline (a swapped meter) carries no energy across the jump.
    if (judged.suspect?.reason === 'counter-rebased') sample.rebase = true;
    this.countOutcome(this.acc.add(device.idx, sample));
    if (this.lastMessageWorldMs === null || ts > this.lastMessageWorldMs) this.lastMessageWorldMs = ts;
  }

  private countOutcome(o: SampleOutcome): void {
    if (o === 'accepted') this.counts.accepted++;
    else if (o === 'out-of-order') this.counts.outOfOrder++;
    else if (o === 'duplicate') this.counts.duplicate++;
    else if (o === 'too-late') this.counts.tooLate++;
    else this.counts.beforeSession++;
  }

  /**
   * Writes everything gathered since the last flush in one atomic write. What to write is taken now; the write waits
   * for the previous one, so flushes land in order.
   */
  flush(): Promise<void> {
    const { cells, cursors } = this.acc.drain();
    const live = this.opts.live?.drain() ?? { figures: [], events: [], listed: [], outages: [] };
    const session = this.session;
    const liveNews = LiveCoreRecorder.hasNews(live);
    // Nothing new: wait for the writes under way (their failures were reported to whoever asked for them).
    if (!cells.length && !cursors.size && !session && !liveNews) return this.writes.catch(() => {});
    const endMs = this.worldNowMs();
    const write = async () => {
      if (cells.length || cursors.size || session) {
        const coverage = session ? { id: await session.id, endMs } : undefined;
        await this.opts.storage.recordMinutes(cells, cursors, coverage);
      }
      if (liveNews) await this.opts.live?.write(live);
      this.counts.flushes++;
    };
    // One failed write must not stop the ones after it.
    this.writes = this.writes.catch(() => {}).then(write);
    return this.writes;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.endSession();
    await this.flush();
    this.state = 'closed';
    for (const client of [this.client, this.eventsClient])
      if (client) await new Promise<void>((resolve) => client.end(true, {}, () => resolve()));
    this.client = null;
    this.eventsClient = null;
  }
}

function toSample(kind: DeviceRow['kind'], data: unknown): DeviceSample {
  switch (kind) {
    case 'feeder': {
      const f = data as FeederTelemetry;
      return { tsMs: f.ts, pKw: f.pKw, iA: f.iA, uKv: f.uKv, countersKwh: [f.eImportKwh, f.eExportKwh] };
    }
    case 'pv': {
      const p = data as PvTelemetry;
      return { tsMs: p.ts, pKw: p.pKw, countersKwh: [p.eKwh] };
    }
    case 'charger': {
      const c = data as ChargerTelemetry;
      return { tsMs: c.ts, pKw: c.pKw, countersKwh: [c.eKwh] };
    }
    case 'substation': {
      const s = data as SubstationTelemetry;
      return { tsMs: s.ts, pKw: s.pKw, uKv: s.uKv, countersKwh: [] };
    }
  }
}
