/**
 * The history recorder against a real broker: minutes recorded from published telemetry, a restart on the same file
 * that loses no minute, a period with the service down that reads null (not 0), duplicates and out-of-order messages
 * that do not double count, rejected messages counted by reason. World time is driven by a frozen simulation clock
 * (speed 0) so the test decides what "now" is.
 */
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_CLOCK_TOPIC } from '../../src/core/contract/topics';
import type { RunningBroker } from '../../src/services/broker/broker';
import type { RunningHistoryService } from '../../src/services/history/service';
import { readAreaConfig } from '../support/area-config';
import { brokerTcpUrl, connectAs, startTestBroker } from '../support/broker-fixture';
import { startTestHistoryService } from '../support/history-fixture';
import { tempHistoryDbPath } from '../support/temp-db';
import { waitFor } from '../support/wait-for';

const config = readAreaConfig();
const feeder = config.feeders[0]!;
// Large enough for the 200 kW published below (the edge refuses PV output far above a site's kWp).
const pv = config.pvSites.find((p) => p.province === feeder.province && p.kWp >= 200)!;
const feederTopic = `gaozhu/v1/feeder/${feeder.province}/${feeder.id}/telemetry`;
const pvTopic = `gaozhu/v1/pv/${pv.province}/${pv.id}/telemetry`;
// Local midnight 2026-03-02 in Shanghai.
const T0 = Date.UTC(2026, 2, 1, 16, 0, 0);
const MIN = 60_000;

/**
 * A TCP relay between the recorder and the broker: stopping it drops the recorder's connection as a broker restart
 * would (the test broker cannot be closed while a client holds a connection), restarting it on the same port lets
 * mqtt.js reconnect.
 */
function startRelay(targetPort: number, port = 0): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = tcpConnect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () =>
      resolve({
        port: (server.address() as { port: number }).port,
        stop: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      }),
    ),
  );
}

let relay: Awaited<ReturnType<typeof startRelay>>;
let broker: RunningBroker;
let feeds: MqttClient;
let dbPath: string;
let service: RunningHistoryService | null = null;
let sent = 0;

/** Feeder P in minute m (kW) and the registers, integrated exactly at 10 s spacing. */
const feederKw = (m: number) => 1000 + 100 * m;
const pvKw = 200;
function registersAt(sec: number) {
  let importKwh = 5000;
  for (let t = 0; t < sec; t += 10) importKwh += (feederKw(Math.floor(t / 60)) * 10) / 3600;
  return { importKwh, pvKwh: 800 + (pvKw * sec) / 3600 };
}

function publishFeeder(sec: number, pKwOverride?: number, withPv = true) {
  const r = registersAt(sec);
  const pKw = pKwOverride ?? feederKw(Math.floor(sec / 60));
  const payload = {
    ts: T0 + sec * 1000,
    pKw,
    qKvar: 100,
    // Consistent with S / (√3·U): the edge refuses a current that contradicts the power.
    iA: Math.hypot(pKw, 100) / (Math.sqrt(3) * 10.2),
    uKv: 10.2,
    eImportKwh: Math.round(r.importKwh * 1000) / 1000,
    eExportKwh: 12,
  };
  feeds.publish(feederTopic, JSON.stringify(payload));
  sent++;
  if (!withPv) return;
  feeds.publish(pvTopic, JSON.stringify({ ts: T0 + sec * 1000, pKw: pvKw, eKwh: r.pvKwh, state: 'producing' }));
  sent++;
}

async function setClock(worldMs: number) {
  await feeds.publishAsync(SIM_CLOCK_TOPIC, JSON.stringify({ wallMs: Date.now(), worldMs, speed: 0 }), {
    retain: true,
  });
}

const api = async (path: string) => {
  const res = await fetch(`http://127.0.0.1:${service!.port}${path}`);
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { points: [number, number | null][] },
  };
};

async function health() {
  return (await api('/api/health')).body as unknown as {
    recorder: { state: string; counts: Record<string, number>; rejected: Record<string, number> };
  };
}

async function startService() {
  service = await startTestHistoryService({ tcpPort: relay.port }, config, {
    dbPath,
    flushIntervalMs: 200,
  });
  await waitFor(async () => (await health()).recorder.state === 'connected', 'the recorder to subscribe');
}

/** Publishes minutes [fromMin, toMin) at 10 s spacing and waits until the recorder has taken all of them. */
async function publishMinutes(fromMin: number, toMin: number) {
  const before = (await health()).recorder.counts.received ?? 0;
  const n0 = sent;
  for (let sec = fromMin * 60; sec < toMin * 60; sec += 10) publishFeeder(sec);
  const expected = sent - n0;
  await waitFor(async () => (await health()).recorder.counts.received! - before >= expected, 'messages');
  await service!.flush();
}

const range = (fromMin: number, toMin: number, step = '1m') =>
  `from=${T0 + fromMin * MIN}&to=${T0 + toMin * MIN}&step=${step}`;

beforeAll(async () => {
  broker = await startTestBroker();
  feeds = await connectAs(brokerTcpUrl(broker), 'feeds');
  relay = await startRelay(broker.tcpPort);
  dbPath = tempHistoryDbPath('gaozhu-history-');
});

afterAll(async () => {
  await service?.close();
  await relay.stop();
  feeds.end(true);
  await broker.close();
});

describe('history recorder', () => {
  it('records 1-minute rollups; duplicates and out-of-order messages do not double count', async () => {
    await startService();
    await setClock(T0 + 5 * MIN);
    await publishMinutes(0, 5);
    // Duplicates of every message of minute 2, and an out-of-order reading with the minute's own power.
    for (let sec = 120; sec < 180; sec += 10) publishFeeder(sec);
    publishFeeder(125);
    // Rejected: not JSON, and a device not in the configuration.
    feeds.publish(feederTopic, '{nope');
    feeds.publish(
      `gaozhu/v1/feeder/${feeder.province}/no-such-feeder/telemetry`,
      JSON.stringify({ ts: T0, pKw: 1, qKvar: 0, iA: 1, uKv: 10, eImportKwh: 1, eExportKwh: 0 }),
    );
    await waitFor(async () => {
      const h = await health();
      return h.recorder.counts.duplicate! >= 12 && h.recorder.rejected['unknown-device'] === 1;
    }, 'duplicates and rejections');
    await service!.flush();

    const p = await api(`/api/series?metric=pKw&entity=${feeder.id}&${range(0, 5)}`);
    expect(p.status).toBe(200);
    expect(p.body.points.map((x) => x[1])).toEqual([1000, 1100, 1200, 1300, 1400]);

    const e = await api(`/api/series?metric=eKwh&entity=${feeder.id}&${range(0, 5, '1h')}`);
    const expectedKwh = registersAt(290).importKwh - registersAt(0).importKwh;
    expect(e.body.points[0]![1]).toBeCloseTo(expectedKwh, 1);

    const h = await health();
    expect(h.recorder.rejected['not-json']).toBe(1);
    expect(h.recorder.rejected['unknown-device']).toBe(1);
    // The feeder and the PV site each sent one.
    expect(h.recorder.counts.outOfOrder).toBe(2);
  });

  it('aggregates by step: avg, max and sum over 15-minute buckets', async () => {
    const avg = await api(`/api/series?metric=pKw&entity=${feeder.id}&${range(0, 5, '15m')}&agg=avg`);
    expect(avg.body.points).toEqual([[T0, 1200]]);
    const max = await api(`/api/series?metric=pKw&entity=${feeder.id}&${range(0, 5, '15m')}&agg=max`);
    expect(max.body.points).toEqual([[T0, 1400]]);
    const grid = await api(`/api/series?metric=gridImportKw&entity=${feeder.province}&${range(0, 2)}`);
    expect(grid.body.points).toEqual([
      [T0, 1000],
      [T0 + MIN, 1100],
    ]);
    const cons = await api(`/api/series?metric=consumptionKw&entity=area&${range(0, 2)}`);
    expect(cons.body.points.map((x) => x[1])).toEqual([1200, 1300]);
    const pvE = await api(`/api/series?metric=ePvKwh&entity=area&${range(0, 5, '1d')}`);
    // Σ of the PV minutes over the day so far = counter difference between the first and last reading.
    expect(pvE.body.points[0]![1]).toBeCloseTo(registersAt(290).pvKwh - registersAt(0).pvKwh, 2);
  });

  it('survives a restart on the same file without losing a minute', async () => {
    await service!.close();
    service = null;
    await startService();
    await setClock(T0 + 10 * MIN);
    await publishMinutes(5, 10);
    const p = await api(`/api/series?metric=pKw&entity=${feeder.id}&${range(0, 10)}`);
    expect(p.body.points.map((x) => x[1])).toEqual([1000, 1100, 1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900]);
    const e = await api(`/api/series?metric=eKwh&entity=${feeder.id}&${range(0, 10, '1h')}`);
    expect(e.body.points[0]![1]).toBeCloseTo(registersAt(590).importKwh - registersAt(0).importKwh, 1);
  });

  it('marks the time the service was down as a gap: null, not 0', async () => {
    await service!.close();
    service = null;
    // Published while nobody records.
    for (let sec = 600; sec < 900; sec += 10) publishFeeder(sec);
    await setClock(T0 + 20 * MIN);
    await startService();
    await publishMinutes(15, 20);
    const p = await api(`/api/series?metric=pKw&entity=${feeder.id}&${range(8, 17)}`);
    expect(p.body.points.map((x) => x[1])).toEqual([1800, 1900, null, null, null, null, null, 2500, 2600]);
    const g = await api(`/api/series?metric=gridImportKw&entity=area&${range(9, 16)}`);
    expect(g.body.points.map((x) => x[1])).toEqual([1900, null, null, null, null, null, 2500]);
    const csv = await fetch(
      `http://127.0.0.1:${service!.port}/api/series.csv?metric=pKw&entity=${feeder.id}&${range(9, 11)}`,
    );
    expect((await csv.text()).split('\r\n')).toEqual([
      'time_asia_shanghai,ts_ms,pKw_avg_kW',
      `2026-03-02T00:09:00+08:00,${T0 + 9 * MIN},1900`,
      `2026-03-02T00:10:00+08:00,${T0 + 10 * MIN},`,
      '',
    ]);
  });

  it("reconnects after the broker's restart; the outage is a gap", async () => {
    await relay.stop();
    await waitFor(async () => (await health()).recorder.state !== 'connected', 'the recorder to notice');
    for (let sec = 20 * 60; sec < 25 * 60; sec += 10) publishFeeder(sec);
    await setClock(T0 + 30 * MIN);
    relay = await startRelay(broker.tcpPort, relay.port);
    await waitFor(async () => (await health()).recorder.state === 'connected', 'the recorder to reconnect');
    await publishMinutes(25, 30);
    const p = await api(`/api/series?metric=pKw&entity=${feeder.id}&${range(18, 27)}`);
    expect(p.body.points.map((x) => x[1])).toEqual([2800, 2900, null, null, null, null, null, 3500, 3600]);
    expect((await health()).recorder.counts.reconnects).toBeGreaterThan(0);
  });

  it('a minute recorded only in part is a gap in the area power, not a dip; its energy is kept', async () => {
    // Minute 30: the feeder reports at :00, :10 and :20, the PV site (every 30 s, say) not yet; then the service stops
    // at 00:30:25. Only the feeder counts in that minute, so the area's consumption would read 4,000 kW, not 4,200.
    // The clock first: the recorder takes it before the telemetry (one publisher, one subscription: in order).
    await setClock(T0 + 30 * MIN + 25_000);
    const before = (await health()).recorder.counts.received!;
    for (let sec = 1800; sec <= 1820; sec += 10) publishFeeder(sec, undefined, false);
    await waitFor(async () => (await health()).recorder.counts.received! - before >= 3, 'messages');
    await service!.flush();
    await service!.close();
    service = null;
    await startService();

    const cons = await api(`/api/series?metric=consumptionKw&entity=area&${range(28, 31)}`);
    expect(cons.body.points.map((x) => x[1])).toEqual([3800 + pvKw, 3900 + pvKw, null]);
    const quarter = await api(`/api/series?metric=consumptionKw&entity=area&${range(15, 45, '15m')}`);
    expect(quarter.body.points[1]).toEqual([T0 + 30 * MIN, null]);
    // The hour's peak grid import is that of a whole minute (29), not the part-minute's 4,000 kW.
    const peak = await api(`/api/series?metric=gridImportKw&entity=area&${range(0, 60, '1h')}&agg=max`);
    expect(peak.body.points).toEqual([[T0, 3900]]);
    // The device's own mean is true for the seconds it reported in, and stays.
    const p = await api(`/api/series?metric=pKw&entity=${feeder.id}&${range(29, 31)}`);
    expect(p.body.points.map((x) => x[1])).toEqual([3900, 4000]);
    // Its energy is kept: the register rose over the minute by what its 20 s at 4,000 kW carried.
    const e = await api(`/api/series?metric=eImportKwh&entity=area&${range(30, 31)}`);
    expect(e.body.points[0]![1]).toBeCloseTo(registersAt(1820).importKwh - registersAt(1800).importKwh, 1);
  });
});
