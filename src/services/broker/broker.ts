/**
 * The embedded MQTT broker (Aedes, MQTT 3.1.1) serving MQTT/TCP and MQTT over WebSocket, with authentication and the
 * ACL of ./acl.ts, the limits of ./limits.ts, and an HTTP side of its own for /health and /metrics (Prometheus).
 * Production points the app at Mosquitto or EMQX instead; nothing else changes.
 */
import { createServer as createHttpServer, type Server as HttpServer, type IncomingMessage } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { Aedes } from 'aedes';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { type DispatchScope, parseDispatchScope } from '../../core/contract/substation-devices';
import { loadMqttUsers, type MqttRole, type MqttUser } from '../common/credentials';
import type { Logger } from '../common/logger';
import { Counter, createMetricsRegistry, Gauge, handleMetricsRequest, type Registry } from '../common/metrics';
import { MQTT_WS_PATH } from '../common/ports';
import { authenticateUser, mayPublish, maySubscribe, roleRights } from './acl';
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_LOGIN_LIMIT,
  DEFAULT_MAX_CONNECTIONS,
  DEVICE_PACKET_BYTES,
  type LoginLimit,
  LoginThrottle,
  maxPacketBytesFor,
  PacketSizeGuard,
} from './limits';

export interface BrokerOptions {
  host?: string;
  /** 0 picks a free port (tests). */
  tcpPort: number;
  wsPort: number;
  /** The HTTP side (/health, /metrics); absent: none. 0 picks a free port. */
  httpPort?: number;
  users?: Record<MqttRole, MqttUser>;
  /** Where refusals and limits are reported (a pino logger); absent: silent. */
  logger?: Pick<Logger, 'info' | 'warn'>;
  /** Open MQTT sockets (TCP and WebSocket together) beyond which a new one is closed at once. */
  maxConnections?: number;
  connectTimeoutMs?: number;
  loginLimit?: LoginLimit;
  /** Registry the broker's metrics go into (main passes one with the process metrics); default: a fresh one. */
  metrics?: Registry;
  /** Which rights the dispatchers' user gets (acl.ts roleRights); default: the DISPATCH_SCOPE setting's. */
  dispatchScope?: DispatchScope;
}

export interface BrokerStats {
  connects: number;
  refusedLogins: number;
  refusedPublishes: number;
  refusedSubscribes: number;
  /** Logins refused without checking because their address is blocked after too many failures. */
  blockedLogins: number;
  /** Connections closed because a packet announced more than the limit. */
  oversizedPackets: number;
  /** Sockets closed at once because the connection limit was reached. */
  refusedConnections: number;
  /** Sockets closed for sending no CONNECT in time. */
  connectTimeouts: number;
}

export interface RunningBroker {
  tcpPort: number;
  wsPort: number;
  /** The HTTP side's port, when httpPort was given. */
  httpPort?: number;
  host: string;
  /** Counts since start, for the tests (the same figures are in /metrics). */
  stats: BrokerStats;
  metrics: Registry;
  /** MQTT sockets open right now, logged in or not. */
  openConnections(): number;
  close(): Promise<void>;
}

const roleOf = new WeakMap<object, MqttRole>();
const addressOf = new WeakMap<object, string>();

const noLogger: Pick<Logger, 'info' | 'warn'> = { info: () => {}, warn: () => {} };
/** MQTT control packet types by number, for the logs and the metrics' labels. */
const PACKET_TYPES = [
  'reserved',
  'connect',
  'connack',
  'publish',
  'puback',
  'pubrec',
  'pubrel',
  'pubcomp',
  'subscribe',
  'suback',
  'unsubscribe',
  'unsuback',
  'pingreq',
  'pingresp',
  'disconnect',
  'auth',
];

function createBrokerMetrics(registry: Registry) {
  const counter = (name: string, help: string, labelNames: string[] = []) =>
    new Counter({ name, help, labelNames, registers: [registry] });
  return {
    messagesIn: counter('broker_messages_in_total', 'PUBLISH packets accepted from clients'),
    refusedLogins: counter('broker_refused_logins_total', 'Logins refused', ['reason']),
    refusedPublishes: counter('broker_refused_publishes_total', 'Publishes refused by the ACL'),
    refusedSubscribes: counter('broker_refused_subscribes_total', 'Subscriptions refused by the ACL'),
    oversizedPackets: counter('broker_oversized_packets_total', 'Connections closed for a packet over the limit', [
      'type',
    ]),
    refusedConnections: counter('broker_refused_connections_total', 'Sockets closed at once: connection limit'),
    connectTimeouts: counter('broker_connect_timeouts_total', 'Sockets closed for sending no CONNECT in time'),
  };
}

export async function startBroker(opts: BrokerOptions): Promise<RunningBroker> {
  const users = opts.users ?? loadMqttUsers();
  const host = opts.host ?? '127.0.0.1';
  const log = opts.logger ?? noLogger;
  const maxConnections = opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const loginLimit = opts.loginLimit ?? DEFAULT_LOGIN_LIMIT;
  const throttle = new LoginThrottle(loginLimit);
  const rights = roleRights(opts.dispatchScope ?? parseDispatchScope(process.env.DISPATCH_SCOPE));
  const registry = opts.metrics ?? createMetricsRegistry('broker');
  const m = createBrokerMetrics(registry);
  const stats: BrokerStats = {
    connects: 0,
    refusedLogins: 0,
    refusedPublishes: 0,
    refusedSubscribes: 0,
    blockedLogins: 0,
    oversizedPackets: 0,
    refusedConnections: 0,
    connectTimeouts: 0,
  };
  const startedAtMs = Date.now();

  const aedes = await Aedes.createBroker({
    connectTimeout: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    authenticate(client, username, password, done) {
      const address = addressOf.get(client.conn) ?? 'unknown';
      const refuse = (returnCode: 4 | 5, message: string) =>
        done(Object.assign(new Error(message), { returnCode }), false);
      if (throttle.isBlocked(address)) {
        // Refused without looking at the password: while blocked, guessing learns nothing.
        stats.blockedLogins++;
        m.refusedLogins.inc({ reason: 'address-blocked' });
        return refuse(5, 'Not authorized: too many failed logins from this address');
      }
      const role = authenticateUser(users, username, password);
      if (!role) {
        stats.refusedLogins++;
        m.refusedLogins.inc({ reason: 'bad-credentials' });
        const user = String(username ?? '(anonymous)').slice(0, 40);
        log.info({ user, address }, `refused login for user "${user}"`);
        if (throttle.recordFailure(address))
          log.warn(
            { address, ...loginLimit },
            `${loginLimit.maxFailures} failed logins from ${address} within ${loginLimit.windowMs / 1000} s: refusing its logins for ${loginLimit.blockMs / 1000} s`,
          );
        return refuse(4, 'Bad username or password');
      }
      roleOf.set(client, role);
      stats.connects++;
      done(null, true);
    },
    authorizePublish(client, packet, callback) {
      // client is null for messages the broker publishes itself ($SYS); those are allowed.
      if (client === null) return callback(null);
      if (mayPublish(roleOf.get(client) ?? null, packet.topic, rights)) return callback(null);
      stats.refusedPublishes++;
      m.refusedPublishes.inc();
      log.info(
        { role: roleOf.get(client) ?? 'unknown' },
        `refused publish by ${roleOf.get(client) ?? 'unknown'} to "${packet.topic.slice(0, 80)}"`,
      );
      callback(new Error('publish not authorised'));
    },
    authorizeSubscribe(client, subscription, callback) {
      if (maySubscribe(roleOf.get(client) ?? null, subscription.topic, rights)) return callback(null, subscription);
      stats.refusedSubscribes++;
      m.refusedSubscribes.inc();
      log.info(
        { role: roleOf.get(client) ?? 'unknown' },
        `refused subscribe by ${roleOf.get(client) ?? 'unknown'} to "${subscription.topic.slice(0, 80)}"`,
      );
      // A null subscription answers the SUBACK with failure (0x80) instead of dropping the connection.
      callback(null, null);
    },
  });
  aedes.on('publish', (_packet, client) => {
    if (client) m.messagesIn.inc();
  });
  aedes.on('connectionError', (_client, err) => {
    if (/connect did not arrive in time/.test(err.message)) {
      stats.connectTimeouts++;
      m.connectTimeouts.inc();
    }
  });
  new Gauge({
    name: 'broker_clients_connected',
    help: 'MQTT clients logged in',
    registers: [registry],
    collect() {
      this.set(aedes.connectedClients);
    },
  });
  new Gauge({
    name: 'broker_sockets_open',
    help: 'MQTT sockets open (TCP and WebSocket), logged in or not',
    registers: [registry],
    collect() {
      this.set(openConnections());
    },
  });

  /**
   * Every inbound byte passes the packet-size guard before Aedes sees it: Aedes pulls with `conn.read()` and hands
   * the bytes to mqtt-packet, which buffers a packet whole however long its header says it is (mqtt-packet has no
   * size limit). Wrapping `read` on the stream itself keeps Aedes' zero-copy path and its back-pressure; a packet
   * announcing more than its limit closes the connection at its fixed header, and TCP back-pressure stops the rest.
   */
  function guardPackets(conn: Duplex, address: string): void {
    const guard = new PacketSizeGuard();
    const read = conn.read.bind(conn);
    const limitOf = () => maxPacketBytesFor(roleOf.get((conn as { client?: object }).client ?? conn) ?? null);
    conn.read = (size?: number) => {
      const chunk = read(size) as Buffer | string | null;
      if (chunk === null || typeof chunk === 'string') return chunk;
      const over = guard.inspect(chunk, limitOf);
      if (!over) return chunk;
      const type = PACKET_TYPES[over.type] ?? String(over.type);
      stats.oversizedPackets++;
      m.oversizedPackets.inc({ type });
      log.warn(
        { address, type, announcedBytes: over.announcedBytes, limitBytes: limitOf() },
        over.announcedBytes < 0
          ? `closed ${address}: malformed ${type} length`
          : `closed ${address}: ${type} of ${over.announcedBytes} bytes over the ${limitOf()}-byte limit`,
      );
      conn.destroy();
      return null;
    };
  }

  let wsOpen = 0;
  const tcpSockets = new Set<Socket>();
  const openConnections = () => tcpSockets.size + wsOpen;
  const overLimit = (address: string): boolean => {
    if (openConnections() < maxConnections) return false;
    stats.refusedConnections++;
    m.refusedConnections.inc();
    // One line per second at most: a flood of refused sockets must not become a flood of log lines.
    if (Date.now() - lastLimitLogMs > 1_000) {
      lastLimitLogMs = Date.now();
      log.warn({ address, maxConnections }, `connection limit (${maxConnections}) reached: refusing ${address}`);
    }
    return true;
  };
  let lastLimitLogMs = 0;

  // Tracked so close() can end them: net.Server.close() otherwise waits for every client to hang up by itself.
  const tcpServer = createTcpServer((socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    if (overLimit(address)) return void socket.destroy();
    tcpSockets.add(socket);
    socket.once('close', () => tcpSockets.delete(socket));
    addressOf.set(socket, address);
    guardPackets(socket, address);
    aedes.handle(socket);
  });
  await new Promise<void>((resolve, reject) => {
    tcpServer.once('error', reject);
    tcpServer.listen(opts.tcpPort, host, () => resolve());
  });

  const wsHttpServer = createHttpServer((_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain' });
    res.end(`MQTT over WebSocket: connect to ${MQTT_WS_PATH}\n`);
  });
  // Browsers only log in and subscribe here (the publishers use TCP), so a WebSocket message never needs more than
  // the device limit; ws checks it at each frame's header, before buffering the frame.
  const wss = new WebSocketServer({ server: wsHttpServer, path: MQTT_WS_PATH, maxPayload: DEVICE_PACKET_BYTES + 8 });
  wss.on('connection', (socket, req: IncomingMessage) => {
    const address = req.socket.remoteAddress ?? 'unknown';
    if (overLimit(address)) return void socket.terminate();
    wsOpen++;
    socket.once('close', () => wsOpen--);
    const stream = createWebSocketStream(socket);
    addressOf.set(stream, address);
    guardPackets(stream, address);
    // biome-ignore lint/suspicious/noExplicitAny: aedes.handle accepts a duplex and the upgrade request
    aedes.handle(stream as any, req as any);
  });
  await new Promise<void>((resolve, reject) => {
    wsHttpServer.once('error', reject);
    wsHttpServer.listen(opts.wsPort, host, () => resolve());
  });

  let opsServer: HttpServer | undefined;
  if (opts.httpPort !== undefined) {
    const server = createHttpServer((req, res) => {
      if (handleMetricsRequest(registry, req, res)) return;
      if (req.method === 'GET' && (req.url ?? '').split('?')[0] === '/health') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        res.end(
          JSON.stringify({
            status: 'ok',
            uptimeS: Math.round((Date.now() - startedAtMs) / 1000),
            clientsConnected: aedes.connectedClients,
            socketsOpen: openConnections(),
            maxConnections,
          }),
        );
        return;
      }
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('GET /health or /metrics\n');
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.httpPort, host, () => resolve());
    });
    opsServer = server;
  }

  const tcpPort = (tcpServer.address() as AddressInfo).port;
  const wsPort = (wsHttpServer.address() as AddressInfo).port;

  return {
    tcpPort,
    wsPort,
    httpPort: opsServer ? (opsServer.address() as AddressInfo).port : undefined,
    host,
    stats,
    metrics: registry,
    openConnections,
    async close() {
      for (const client of wss.clients) client.terminate();
      for (const socket of tcpSockets) socket.destroy();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => wsHttpServer.close(() => r()));
      await new Promise<void>((r) => tcpServer.close(() => r()));
      if (opsServer) {
        opsServer.closeAllConnections();
        await new Promise<void>((r) => opsServer.close(() => r()));
      }
      await new Promise<void>((r) => aedes.close(() => r()));
    },
  };
}
