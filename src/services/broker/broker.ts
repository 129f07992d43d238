/**
 * The embedded MQTT broker (Aedes, MQTT 3.1.1) serving MQTT/TCP and MQTT over WebSocket, with authentication and the
 * ACL of ./acl.ts. Production points the app at Mosquitto or EMQX instead; nothing else changes.
 */
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import { Aedes } from 'aedes';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { loadMqttUsers, type MqttRole, type MqttUser } from '../common/credentials';
import { MQTT_WS_PATH } from '../common/ports';
import { authenticateUser, mayPublish, maySubscribe } from './acl';

export interface BrokerOptions {
  host?: string;
  /** 0 picks a free port (tests). */
  tcpPort: number;
  wsPort: number;
  users?: Record<MqttRole, MqttUser>;
  log?: (line: string) => void;
}

export interface RunningBroker {
  tcpPort: number;
  wsPort: number;
  host: string;
  /** Counts since start, for the launcher's status line and the tests. */
  stats: { connects: number; refusedLogins: number; refusedPublishes: number; refusedSubscribes: number };
  close(): Promise<void>;
}

const roleOf = new WeakMap<object, MqttRole>();

export async function startBroker(opts: BrokerOptions): Promise<RunningBroker> {
  const users = opts.users ?? loadMqttUsers();
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? (() => {});
  const stats = { connects: 0, refusedLogins: 0, refusedPublishes: 0, refusedSubscribes: 0 };

  const aedes = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      const role = authenticateUser(users, username, password);
      if (!role) {
        stats.refusedLogins++;
        log(`refused login for user "${String(username ?? '(anonymous)').slice(0, 40)}"`);
        const err = Object.assign(new Error('Bad username or password'), { returnCode: 4 as const });
        return done(err, false);
      }
      roleOf.set(client, role);
      stats.connects++;
      done(null, true);
    },
    authorizePublish(client, packet, callback) {
      // client is null for messages the broker publishes itself ($SYS); those are allowed.
      if (client === null) return callback(null);
      if (mayPublish(roleOf.get(client) ?? null, packet.topic)) return callback(null);
      stats.refusedPublishes++;
      log(`refused publish by ${roleOf.get(client) ?? 'unknown'} to "${packet.topic.slice(0, 80)}"`);
      callback(new Error('publish not authorised'));
    },
    authorizeSubscribe(client, subscription, callback) {
      if (maySubscribe(roleOf.get(client) ?? null, subscription.topic)) return callback(null, subscription);
      stats.refusedSubscribes++;
      log(`refused subscribe by ${roleOf.get(client) ?? 'unknown'} to "${subscription.topic.slice(0, 80)}"`);
      // A null subscription answers the SUBACK with failure (0x80) instead of dropping the connection.
      callback(null, null);
    },
  });

  // Tracked so close() can end them: net.Server.close() otherwise waits for every client to hang up by itself.
  const tcpSockets = new Set<Socket>();
  const tcpServer = createTcpServer((socket) => {
    tcpSockets.add(socket);
    socket.once('close', () => tcpSockets.delete(socket));
    aedes.handle(socket);
  });
  await new Promise<void>((resolve, reject) => {
    tcpServer.once('error', reject);
    tcpServer.listen(opts.tcpPort, host, () => resolve());
  });

  const httpServer = createHttpServer((_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain' });
    res.end(`MQTT over WebSocket: connect to ${MQTT_WS_PATH}\n`);
  });
  const wss = new WebSocketServer({ server: httpServer, path: MQTT_WS_PATH });
  wss.on('connection', (socket, req) => {
    const stream = createWebSocketStream(socket);
    // biome-ignore lint/suspicious/noExplicitAny: aedes.handle accepts a duplex and the upgrade request
    aedes.handle(stream as any, req as any);
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.wsPort, host, () => resolve());
  });

  const tcpPort = (tcpServer.address() as AddressInfo).port;
  const wsPort = (httpServer.address() as AddressInfo).port;

  return {
    tcpPort,
    wsPort,
    host,
    stats,
    async close() {
      for (const client of wss.clients) client.terminate();
      for (const socket of tcpSockets) socket.destroy();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => httpServer.close(() => r()));
      await new Promise<void>((r) => tcpServer.close(() => r()));
      await new Promise<void>((r) => aedes.close(() => r()));
    },
  };
}
