/**
 * The embedded broker's protective limits against a real broker and raw sockets: a packet announcing more than the
 * contract allows is refused at its fixed header (nothing buffers it), the connection limit closes the extra socket,
 * a socket that never sends CONNECT is closed, an address that hammers wrong passwords is blocked, and all of it is
 * counted in /metrics.
 */
import { connect, type Socket } from 'node:net';
import type { MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { type BrokerOptions, type RunningBroker, startBroker } from '../../src/services/broker/broker';
import { DEVICE_PACKET_BYTES } from '../../src/services/broker/limits';
import { brokerTcpUrl, connectAs, testUsers } from '../support/broker-fixture';

const brokers: RunningBroker[] = [];
const sockets: Socket[] = [];
const clients: MqttClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.end(true);
  for (const s of sockets.splice(0)) s.destroy();
  for (const b of brokers.splice(0)) await b.close();
});

async function broker(opts: Partial<BrokerOptions> = {}): Promise<RunningBroker> {
  const b = await startBroker({ tcpPort: 0, wsPort: 0, httpPort: 0, users: testUsers, ...opts });
  brokers.push(b);
  return b;
}

function rawSocket(b: RunningBroker): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: b.host, port: b.tcpPort });
    sockets.push(s);
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

/** Milliseconds until the broker closes the socket, or Infinity if it is still open after `withinMs`. */
function closedWithin(s: Socket, withinMs: number): Promise<number> {
  const start = Date.now();
  return new Promise((resolve) => {
    if (s.destroyed) return resolve(0);
    const timer = setTimeout(() => resolve(Number.POSITIVE_INFINITY), withinMs);
    s.once('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - start);
    });
    s.on('error', () => {});
  });
}

/** An MQTT fixed header: type nibble and the variable-length "remaining length". */
function fixedHeader(typeByte: number, remainingBytes: number): Buffer {
  const out = [typeByte];
  let n = remainingBytes;
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return Buffer.from(out);
}

/** A valid MQTT 3.1.1 CONNECT with user and password. */
function connectPacket(username: string, password: string, clientId = `raw-${Math.random().toString(36).slice(2)}`) {
  const str = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
  };
  const body = Buffer.concat([str('MQTT'), Buffer.from([4, 0xc2, 0, 60]), str(clientId), str(username), str(password)]);
  return Buffer.concat([fixedHeader(0x10, body.length), body]);
}

const MB = 1024 * 1024;
const rssMb = () => process.memoryUsage().rss / MB;

describe('broker limits', () => {
  it('refuses a 50 MB publish at its fixed header and closes the connection without reading it', async () => {
    const b = await broker();
    const s = await rawSocket(b);
    s.write(connectPacket(testUsers.feeds.username, testUsers.feeds.password));
    await new Promise<void>((resolve) => s.once('data', () => resolve())); // CONNACK
    const rssBefore = rssMb();
    const closed = closedWithin(s, 1_000);
    s.write(fixedHeader(0x30, 50 * MB));
    // Keep pushing the announced body, as a hostile client would: the broker must not take it in.
    const chunk = Buffer.alloc(MB, 0x61);
    for (let i = 0; i < 50 && !s.destroyed; i++) s.write(chunk);
    expect(await closed).toBeLessThan(1_000);
    expect(rssMb() - rssBefore).toBeLessThan(30);
    expect(b.stats.oversizedPackets).toBe(1);
    // A publish within the contract's limit still goes through for everyone else.
    const feeds = await connectAs(brokerTcpUrl(b), 'feeds');
    clients.push(feeds);
    await feeds.publishAsync('gaozhu/v1/feeder/sc/limits/telemetry', Buffer.alloc(DEVICE_PACKET_BYTES - 2_000, 0x20));
  });

  it('does not grow memory for unfinished 40 MB CONNECT packets from anonymous sockets', async () => {
    const b = await broker();
    const rssBefore = rssMb();
    const chunk = Buffer.alloc(MB, 0x62);
    const closes: Promise<number>[] = [];
    for (let i = 0; i < 8; i++) {
      const s = await rawSocket(b);
      closes.push(closedWithin(s, 1_000));
      s.write(fixedHeader(0x10, 40 * MB));
      for (let j = 0; j < 10 && !s.destroyed; j++) s.write(chunk);
    }
    for (const ms of await Promise.all(closes)) expect(ms).toBeLessThan(1_000);
    expect(rssMb() - rssBefore).toBeLessThan(30);
    expect(b.stats.oversizedPackets).toBe(8);
    const metrics = await (await fetch(`http://127.0.0.1:${b.httpPort}/metrics`)).text();
    expect(metrics).toMatch(/broker_oversized_packets_total\{type="connect",service="broker"\} 8/);
  });

  it('closes the socket beyond the connection limit, counted, and takes new ones once one leaves', async () => {
    const b = await broker({ maxConnections: 3 });
    const held = [
      await connectAs(brokerTcpUrl(b), 'dashboard'),
      await connectAs(brokerTcpUrl(b), 'recorder'),
      await connectAs(brokerTcpUrl(b), 'feeds'),
    ];
    clients.push(...held);
    const extra = await rawSocket(b);
    expect(await closedWithin(extra, 1_000)).toBeLessThan(1_000);
    const another = await rawSocket(b);
    another.write(connectPacket(testUsers.dashboard.username, testUsers.dashboard.password));
    expect(await closedWithin(another, 1_000)).toBeLessThan(1_000);
    expect(b.stats.refusedConnections).toBeGreaterThanOrEqual(2);
    held[0]?.end(true);
    await new Promise((r) => setTimeout(r, 200));
    clients.push(await connectAs(brokerTcpUrl(b), 'dashboard'));
    const health = (await (await fetch(`http://127.0.0.1:${b.httpPort}/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', clientsConnected: 3, maxConnections: 3 });
  });

  it('closes a socket that sends no CONNECT within the connect timeout', async () => {
    const b = await broker({ connectTimeoutMs: 300 });
    const s = await rawSocket(b);
    expect(await closedWithin(s, 2_000)).toBeLessThan(2_000);
    expect(b.stats.connectTimeouts).toBe(1);
  });

  it('blocks an address after too many failed logins, even with the right password, then lets it in again', async () => {
    const b = await broker({ loginLimit: { maxFailures: 5, windowMs: 60_000, blockMs: 1_500 } });
    for (let i = 0; i < 5; i++)
      await expect(
        connectAs(brokerTcpUrl(b), { username: testUsers.dashboard.username, password: `guess-${i}` }),
      ).rejects.toThrow(/Bad username or password/);
    // Blocked: the correct password is refused too, without being checked.
    await expect(connectAs(brokerTcpUrl(b), 'dashboard')).rejects.toThrow(/Not authorized/);
    expect(b.stats.refusedLogins).toBe(5);
    expect(b.stats.blockedLogins).toBe(1);
    const metrics = await (await fetch(`http://127.0.0.1:${b.httpPort}/metrics`)).text();
    expect(metrics).toMatch(/broker_refused_logins_total\{reason="address-blocked",service="broker"\} 1/);
    await new Promise((r) => setTimeout(r, 1_600));
    clients.push(await connectAs(brokerTcpUrl(b), 'dashboard'));
  });

  it('counts clients and messages in /metrics', async () => {
    const b = await broker();
    const feeds = await connectAs(brokerTcpUrl(b), 'feeds');
    clients.push(feeds);
    for (let i = 0; i < 3; i++) await feeds.publishAsync('gaozhu/v1/feeder/sc/limits/telemetry', '{}');
    const res = await fetch(`http://127.0.0.1:${b.httpPort}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/broker_clients_connected\{service="broker"\} 1/);
    expect(text).toMatch(/broker_messages_in_total\{service="broker"\} 3/);
  });
});
