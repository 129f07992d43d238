/**
 * The history service recording what the live service publishes, for integration tests: the test broker, a client as
 * the `live` user (the test publishes in the contract's shapes, as the live service does) and one as `feeds` holding
 * the retained simulation clock at `worldMs`, and the history service on a fresh database file. The service is
 * (re)started only once its recorder has subscribed and the clock has reached it: subscribed is not yet delivered,
 * the retained clock may arrive a moment later on a loaded machine.
 */
import type { MqttClient } from 'mqtt';
import type { AreaConfig } from '../../src/core/config/area-schema';
import { SIM_CLOCK_TOPIC } from '../../src/core/contract/topics';
import type { RunningBroker } from '../../src/services/broker/broker';
import type { RunningHistoryService } from '../../src/services/history/service';
import { brokerTcpUrl, connectAs, startTestBroker } from './broker-fixture';
import { startedForFile } from './for-file';
import { startTestHistoryService } from './history-fixture';
import { tempHistoryDbPath } from './temp-db';
import { waitFor } from './wait-for';

export interface LiveHistoryOptions {
  config: AreaConfig;
  /** Where the simulation clock stands (ms), still. */
  worldMs: number;
  /** Prefix of the temporary directory of the database file. */
  dbPrefix: string;
}

export class LiveHistoryHarness {
  service: RunningHistoryService | null = null;
  readonly dbPath: string;

  private constructor(
    readonly options: LiveHistoryOptions,
    readonly broker: RunningBroker,
    readonly live: MqttClient,
    readonly feeds: MqttClient,
  ) {
    this.dbPath = tempHistoryDbPath(options.dbPrefix);
  }

  static async start(options: LiveHistoryOptions): Promise<LiveHistoryHarness> {
    const broker = await startTestBroker();
    const live = await connectAs(brokerTcpUrl(broker), 'live');
    const feeds = await connectAs(brokerTcpUrl(broker), 'feeds');
    await feeds.publishAsync(
      SIM_CLOCK_TOPIC,
      JSON.stringify({ wallMs: Date.now(), worldMs: options.worldMs, speed: 0 }),
      { retain: true },
    );
    const h = new LiveHistoryHarness(options, broker, live, feeds);
    await h.startService();
    return h;
  }

  async get<T>(path: string): Promise<{ status: number; body: T }> {
    const res = await fetch(`http://127.0.0.1:${this.service!.port}${path}`);
    return { status: res.status, body: (await res.json()) as T };
  }

  async startService(): Promise<void> {
    this.service = await startTestHistoryService(this.broker, this.options.config, {
      dbPath: this.dbPath,
      flushIntervalMs: 200,
    });
    type Health = { nowMs: number; recorder: { state: string } };
    await waitFor(
      async () => (await this.get<Health>('/api/health')).body.recorder.state === 'connected',
      'the recorder to subscribe',
    );
    await waitFor(
      async () => (await this.get<Health>('/api/health')).body.nowMs === this.options.worldMs,
      'the simulation clock to reach the history',
    );
  }

  async stopService(): Promise<void> {
    await this.service?.close();
    this.service = null;
  }

  async close(): Promise<void> {
    await this.stopService();
    this.live.end(true);
    this.feeds.end(true);
    await this.broker.close();
  }
}

/**
 * A harness started before the file's tests and closed after them (hooks registered where this is called): the
 * returned function is the running harness, inside tests and later hooks.
 */
export function setUpLiveHistoryHarness(options: LiveHistoryOptions): () => LiveHistoryHarness {
  return startedForFile('the live/history harness', () => LiveHistoryHarness.start(options));
}
