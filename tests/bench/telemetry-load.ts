/**
 * The benchmarks' telemetry publisher: valid readings of the shipped area's feeders and PV sites, each possible for its
 * device (the edge's plausibility rules accept them) and newer than the device's previous one, sent through a broker
 * at a set rate over a few connections. Shared by `npm run bench:ingest` and `npm run bench:pixel`; its connections
 * (connectPublishers) by `npm run bench:dispatch` and `npm run bench:wall` too.
 */
import { readFileSync } from 'node:fs';
import mqtt, { type MqttClient } from 'mqtt';
import { parseAreaConfig } from '../../src/core/config/area-schema';
import { deviceTopic } from '../../src/core/contract/topics';
import { testUsers } from '../support/broker-fixture';

export const benchArea = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface LoadDevice {
  kind: 'feeder' | 'pv';
  id: string;
  province: 'sc' | 'cq';
  kWp: number;
  topic: string;
}

const allDevices: LoadDevice[] = [
  ...benchArea.feeders.map((f) => ({ kind: 'feeder' as const, id: f.id, province: f.province, kWp: 0 })),
  ...benchArea.pvSites.map((p) => ({ kind: 'pv' as const, id: p.id, province: p.province, kWp: p.kWp })),
].map((d) => ({
  ...d,
  topic: deviceTopic({ kind: d.kind, province: d.province, deviceId: d.id, channel: 'telemetry' }),
}));

/** A feeder reading consistent with itself (I = S / (√3·U)), its import register at `eImportKwh`. */
export function feederReading(ts: number, pKw: number, eImportKwh: number) {
  const qKvar = pKw * 0.3;
  return { ts, pKw, qKvar, iA: Math.hypot(pKw, qKvar) / (Math.sqrt(3) * 10.4), uKv: 10.4, eImportKwh, eExportKwh: 0 };
}

/** The load: readings of every device but `except`, round-robin, each device's timestamps strictly increasing. */
export class TelemetryLoad {
  private readonly devices: LoadDevice[];
  private readonly lastTs = new Map<string, number>();
  private n = 0;

  constructor(except: readonly string[] = []) {
    this.devices = allDevices.filter((d) => !except.includes(d.id));
  }

  /** The next message: a reading possible for its device, newer than the device's previous one. */
  next(): [string, string] {
    const d = this.devices[this.n % this.devices.length]!;
    const ts = Math.max(Date.now(), (this.lastTs.get(d.id) ?? 0) + 1);
    this.lastTs.set(d.id, ts);
    const p = 1000 + (this.n % 997);
    this.n++;
    // Registers grow 1 kWh per hour of device time; PV stays within its site's kWp.
    const eKwh = ts / 3_600_000;
    const payload =
      d.kind === 'feeder' ? feederReading(ts, p, eKwh) : { ts, pKw: Math.min(p / 10, d.kWp), eKwh, state: 'producing' };
    return [d.topic, JSON.stringify(payload)];
  }

  /** Publishes at `rate` msg/s for `seconds`, spread over the connections; returns the count sent. */
  async publishAt(clients: MqttClient[], rate: number, seconds: number, stop?: () => boolean): Promise<number> {
    // Paced by elapsed time, not by tick count: timers run late, and a tick-counted publisher under-sends.
    let sent = 0;
    const start = Date.now();
    const end = start + seconds * 1000;
    while (Date.now() < end && !stop?.()) {
      const due = Math.floor(((Date.now() - start) / 1000) * rate);
      for (; sent < due; sent++) {
        const [topic, payload] = this.next();
        clients[sent % clients.length]!.publish(topic, payload, { qos: 0 });
      }
      await sleep(5);
    }
    return sent;
  }

  /** Publishes as fast as the connections take it until `endMs`, waiting for a socket's drain when it backs up. */
  async flood(clients: MqttClient[], endMs: number, counter: { n: number }): Promise<void> {
    while (Date.now() < endMs) {
      for (const c of clients) {
        for (let k = 0; k < 200; k++) {
          const [topic, payload] = this.next();
          c.publish(topic, payload, { qos: 0 });
          counter.n++;
        }
        const stream = c.stream as unknown as { writableNeedDrain?: boolean; once(e: string, f: () => void): void };
        if (stream.writableNeedDrain) await new Promise<void>((r) => stream.once('drain', r));
      }
      await new Promise((r) => setImmediate(r));
    }
  }
}

/** `count` connections as the feeds' broker user. */
export function connectPublishers(tcpUrl: string, count = 4): Promise<MqttClient[]> {
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<MqttClient>((resolve, reject) => {
          const c = mqtt.connect(tcpUrl, { ...testUsers.feeds, protocolVersion: 4, reconnectPeriod: 0 });
          c.once('connect', () => resolve(c));
          c.once('error', reject);
        }),
    ),
  );
}
