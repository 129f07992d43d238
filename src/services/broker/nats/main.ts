/**
 * Writes one nats-server configuration per node of a cluster, for this project's users and allow lists:
 *
 *   npx tsx src/services/broker/nats/main.ts --dir .data/nats [--nodes 3] [--hosts 127.0.0.1,...] [--mqtt 1883]
 *       [--ws 8083] [--client 4222] [--cluster 6222] [--monitor 8222]
 *   nats-server -c .data/nats/gaozhu-1.conf   (and -2, -3: one process per node)
 *
 * The ports are node 1's; nodes on the same host take the next ones (node 2: MQTT 1884, WebSocket 8084…), nodes on
 * hosts of their own (--hosts a,b,c) the same. Users come from the same environment variables (or MQTT_USERS_FILE)
 * as the embedded broker.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type NatsNode, nodePorts, writeNatsClusterConfig } from './config';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: '.data/nats' },
    nodes: { type: 'string', default: '3' },
    hosts: { type: 'string' },
    mqtt: { type: 'string', default: '1883' },
    ws: { type: 'string', default: '8083' },
    client: { type: 'string', default: '4222' },
    cluster: { type: 'string', default: '6222' },
    monitor: { type: 'string', default: '8222' },
  },
});

const whole = (name: string, raw: string, min: number, max: number) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} ${raw}: not a whole number ${min}–${max}`);
  return n;
};

const count = whole('nodes', values.nodes, 1, 32);
const hosts = values.hosts ? values.hosts.split(',').map((h) => h.trim()) : Array(count).fill('127.0.0.1');
if (hosts.length !== count) throw new Error(`--hosts names ${hosts.length} hosts for ${count} nodes`);
const first = {
  mqtt: whole('mqtt', values.mqtt, 1, 65535),
  ws: whole('ws', values.ws, 1, 65535),
  client: whole('client', values.client, 1, 65535),
  cluster: whole('cluster', values.cluster, 1, 65535),
  monitor: whole('monitor', values.monitor, 1, 65535),
};
const nodes: NatsNode[] = hosts.map((host, i) => ({
  name: `gaozhu-${i + 1}`,
  host,
  ports: nodePorts(hosts, i, first),
}));
const written = writeNatsClusterConfig({ dir: resolve(values.dir), nodes });
for (const n of written) {
  console.log(
    `wrote ${n.confFile}  (MQTT mqtt://${n.host}:${n.ports.mqtt}, WebSocket ws://${n.host}:${n.ports.ws}/mqtt)`,
  );
}
console.log(`run on each node:  nats-server -c <dir>/gaozhu-<n>.conf`);
console.log(
  `then:  MQTT_URL=${written.map((n) => `mqtt://${n.host}:${n.ports.mqtt}`).join(',')} npm start -- --no-broker`,
);
