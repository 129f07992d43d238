/**
 * The worker's coalesced batches against the per-message path: the same judged messages, applied one by one or as
 * batches, leave the store with the same latest values, presence, today's energies and diagnostics, while a flood of
 * one device's readings is posted as one reading a batch.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../core/config/area-schema';
import { DataClock } from '../../core/contract/data-clock';
import { DeviceRegistry } from '../../core/contract/device-registry';
import { type Judged, judgeMessage } from '../../core/contract/edge-judge';
import { deviceTopic } from '../../core/contract/topics';
import { IngestBatcher } from './ingest-batch';
import { TelemetryStore } from './telemetry-store';

const config = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
/** Local day start in UTC+8 (fixed: China has no DST). */
const dayStartUtc8 = (ts: number) => Math.floor((ts + 8 * 3_600_000) / 86_400_000) * 86_400_000 - 8 * 3_600_000;
// 23:59:50 in Shanghai: the stream crosses midnight.
const T0 = Date.UTC(2026, 10, 26, 15, 59, 50);
const feeders = config.feeders.slice(0, 3);
const pv = config.pvSites.find((p) => p.kWp >= 500)!;

function feederReading(ts: number, pKw: number, eImportKwh: number) {
  const qKvar = pKw * 0.3;
  return { ts, pKw, qKvar, iA: Math.hypot(pKw, qKvar) / (Math.sqrt(3) * 10.4), uKv: 10.4, eImportKwh, eExportKwh: 0 };
}

/** A stream of raw messages: floods of each feeder, a repeat, a register reset, presences, rejections. */
function stream(): [string, unknown][] {
  const out: [string, unknown][] = [];
  const topic = (kind: 'feeder' | 'pv', f: { id: string; province: 'sc' | 'cq' }, channel = 'telemetry' as const) =>
    deviceTopic({ kind, province: f.province, deviceId: f.id, channel });
  for (let i = 0; i < 400; i++) {
    const f = feeders[i % feeders.length]!;
    const ts = T0 + i * 50;
    // Feeder 0's register is replaced two-thirds of the way through (it drops to 5 kWh and counts on from there).
    const reset = f === feeders[0] && i >= 270;
    const e = reset ? 5 + (i - 270) * 0.01 : 1000 + i * 0.01;
    out.push([topic('feeder', f), feederReading(ts, 1000 + (i % 50), e)]);
    if (i % 10 === 0) out.push([topic('feeder', f), feederReading(ts, 1, e)]); // the same ts again: a duplicate
    if (i % 7 === 0) out.push([topic('pv', pv), { ts, pKw: 100 + i, eKwh: 50 + i * 0.01, state: 'producing' }]);
    if (i % 9 === 0)
      out.push([
        deviceTopic({ kind: 'feeder', province: f.province, deviceId: f.id, channel: 'status' }),
        { ts, state: i % 18 === 0 ? 'online' : 'offline' },
      ]);
    if (i % 5 === 0) out.push([topic('feeder', f), { ts, pKw: 'lots' }]);
    if (i % 13 === 0) out.push(['gaozhu/v1/feeder/sc/not-configured/telemetry', feederReading(ts, 1, 1)]);
  }
  return out;
}

function judgedStream(): Judged[] {
  const devices = new DeviceRegistry(config);
  let now = T0;
  const clock = new DataClock(() => now);
  return stream().map(([topic, body], i) => {
    now = T0 + i * 20;
    return judgeMessage(topic, new TextEncoder().encode(JSON.stringify(body)), now, clock, devices);
  });
}

const newStore = () => new TelemetryStore(config, { dayStartMs: dayStartUtc8 });

describe('IngestBatcher', () => {
  it('leaves the store as the messages one by one would, coalescing each device to a reading a batch', () => {
    const judged = judgedStream();
    const one = newStore();
    for (const j of judged) one.applyJudged(j);

    const batched = newStore();
    const batcher = new IngestBatcher(dayStartUtc8);
    let posted = 0;
    judged.forEach((j, i) => {
      batcher.add(j, j.type === 'clock' ? 0 : j.atMs);
      // A batch every 100 messages (as every WORKER_BATCH_MS in a flood).
      if (i % 100 === 99) {
        const b = batcher.take()!;
        posted += b.readings.length;
        batched.applyBatch(b);
      }
    });
    const last = batcher.take();
    if (last) {
      posted += last.readings.length;
      batched.applyBatch(last);
    }
    const nowMs = T0 + 60_000;
    one.commit(nowMs);
    batched.commit(nowMs);
    const a = one.getSnapshot();
    const b = batched.getSnapshot();

    const readings = judged.filter((j) => j.type === 'telemetry').length;
    expect(posted).toBeLessThan(readings / 10);
    const { messagesPerSecond: _rateA, ...diagA } = a.diagnostics;
    const { messagesPerSecond: _rateB, ...diagB } = b.diagnostics;
    expect(diagB).toEqual(diagA);
    expect(a.diagnostics.duplicates).toBeGreaterThan(0);
    expect(a.diagnostics.rejectedTotal).toBeGreaterThan(20);
    for (const id of [...feeders.map((f) => f.id), pv.id]) {
      expect(b.devices.get(id)?.latest).toEqual(a.devices.get(id)?.latest);
      expect(b.devices.get(id)?.presence).toBe(a.devices.get(id)?.presence);
    }
    // Today's energies need every register step that matters: the reset and the midnight crossing.
    expect(b.today).toEqual(a.today);
    expect(a.today.area.eImportKwh).toBeGreaterThan(0);
  });

  it('posts nothing when nothing arrived, and counts every raw message it was given', () => {
    const batcher = new IngestBatcher(dayStartUtc8);
    expect(batcher.take()).toBeNull();
    for (const j of judgedStream().slice(0, 30)) batcher.add(j, 0);
    expect(batcher.take()?.received).toBe(30);
    expect(batcher.take()).toBeNull();
  });
});
