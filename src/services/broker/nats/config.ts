/**
 * Writes one nats-server (2.9+) configuration per node of an N-node cluster that serves the product as the embedded
 * broker does: MQTT 3.1.1 over TCP and over WebSocket, the same users (../../common/credentials.ts) and the same allow
 * lists (../acl.ts, translated to NATS subjects by one rule, mqttFilterToNatsSubjects). NATS's MQTT needs JetStream
 * (sessions, retained messages and QoS 1 live in streams) and a server_name per node. Used by the cluster test fixture
 * (tests/support/nats-cluster-fixture.ts) and by anyone running the product on a NATS cluster (src/services/deployment.md).
 */
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { TOPIC_ROOT } from '../../../core/contract/topics';
import { loadMqttUsers, MQTT_ROLES, type MqttRole, type MqttUser } from '../../common/credentials';
import { filterWithin, PUBLISH_EXCEPTIONS, ROLE_RIGHTS, type RoleRights } from '../acl';
import { LIVE_PACKET_BYTES, maxConnectionsFromEnv } from '../limits';

export const NATS_INSTALL_HINT = 'nats-server not found: install it with `apt-get install -y nats-server`';

/** Finds nats-server in PATH or in Debian's sbin directories (not in a non-root PATH). */
export function findNatsServer(): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, 'nats-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error(NATS_INSTALL_HINT);
}

/**
 * The one translation rule from an MQTT topic filter to the NATS subjects that cover exactly it: levels become
 * tokens, `+` becomes `*`, and `#` becomes `>` plus its parent subject, because MQTT's `a/#` also matches `a` itself
 * while NATS's `a.>` needs at least one more token. Levels NATS cannot carry as one token (empty, or holding `.`,
 * spaces, `*` or `>`) are refused rather than written as a wider or different rule.
 */
export function mqttFilterToNatsSubjects(filter: string): string[] {
  const levels = filter.split('/');
  const tokens = levels.map((level, i) => {
    if (level === '+') return '*';
    if (level === '#') {
      if (i !== levels.length - 1) throw new Error(`MQTT filter "${filter}": # must be the last level`);
      return '>';
    }
    if (level === '' || /[.\s*>#+]/.test(level))
      throw new Error(`MQTT filter "${filter}": level "${level}" cannot be one NATS subject token`);
    return level;
  });
  if (tokens[tokens.length - 1] !== '>' || tokens.length === 1) return [tokens.join('.')];
  return [tokens.slice(0, -1).join('.'), tokens.join('.')];
}

const subjectsOf = (filters: readonly string[]) => [...new Set(filters.flatMap(mqttFilterToNatsSubjects))];

/**
 * NATS delivers an MQTT QoS 1 subscription through a JetStream consumer on an internal `$MQTT.sub.<id>` subject,
 * which the subscriber's user must be allowed to subscribe to. Anyone allowed that subject could read every QoS 1
 * delivery in the account, so only roles that may read the whole root get it; the others (the public wall, the live
 * service) subscribe at QoS 0, as the product does, and a QoS 1 subscription of theirs is refused.
 */
export const NATS_MQTT_QOS1_DELIVERY_SUBJECT = '$MQTT.sub.>';

export interface NatsPermissions {
  publish: { allow: string[]; deny: string[] };
  subscribe: { allow: string[] };
}

/** A role's rights (../acl.ts) as NATS permissions: allow lists, and the publish exceptions as deny rules. */
export function natsPermissions(role: MqttRole, rights: RoleRights = ROLE_RIGHTS): NatsPermissions {
  const { publish, subscribe } = rights[role];
  const readsWholeRoot = subscribe.some((allowed) => filterWithin(`${TOPIC_ROOT}/#`, allowed));
  return {
    publish: { allow: subjectsOf(publish), deny: subjectsOf(PUBLISH_EXCEPTIONS[role] ?? []) },
    subscribe: { allow: [...(readsWholeRoot ? [NATS_MQTT_QOS1_DELIVERY_SUBJECT] : []), ...subjectsOf(subscribe)] },
  };
}

/**
 * max_payload: the largest PUBLISH any role may send, the live service's whole-area documents plus the packet room
 * (LIVE_PACKET_BYTES, as Mosquitto's max_packet_size). NATS has one limit for every user, so the embedded broker's
 * tighter device limit is not enforced here. Retained, such a document is stored in JetStream and replicated; the
 * cluster test sends one across nodes. NATS's own ceiling is 64 MiB and it warns above 8 MiB.
 */
export const NATS_MAX_PAYLOAD_BYTES = LIVE_PACKET_BYTES;

export interface NatsNodePorts {
  /** NATS protocol clients (the monitoring tools, `nats` CLI); the product's users cannot do more there than in MQTT. */
  client: number;
  /** Routes between the nodes. */
  cluster: number;
  /** HTTP monitoring (/healthz, /routez, /varz). */
  monitor: number;
  mqtt: number;
  /** MQTT over WebSocket (the browser); any path, so /mqtt works as with the embedded broker. */
  ws: number;
}

export interface NatsNode {
  /** server_name, unique in the cluster (NATS's MQTT and JetStream need it). */
  name: string;
  /** Address the node binds and the others route to. */
  host: string;
  ports: NatsNodePorts;
}

export interface NatsClusterOptions {
  /** Directory that receives one <name>.conf per node and each node's JetStream store under <name>/. */
  dir: string;
  nodes: NatsNode[];
  clusterName?: string;
  users?: Record<MqttRole, MqttUser>;
  /** Per node; default MQTT_MAX_CONNECTIONS or 2,000 (the embedded broker's limit). */
  maxConnections?: number;
  /** Extra lines appended verbatim to every node's file (logging…). */
  extra?: string[];
}

export interface WrittenNatsNode extends NatsNode {
  confFile: string;
  storeDir: string;
}

/**
 * Ports of node `index` from the first node's: nodes sharing a host (a cluster on one machine) are offset by their
 * rank among the nodes on that host, nodes on hosts of their own keep the first node's ports.
 */
export function nodePorts(hosts: readonly string[], index: number, first: NatsNodePorts): NatsNodePorts {
  const offset = hosts.slice(0, index).filter((h) => h === hosts[index]).length;
  return {
    client: first.client + offset,
    cluster: first.cluster + offset,
    monitor: first.monitor + offset,
    mqtt: first.mqtt + offset,
    ws: first.ws + offset,
  };
}

/** A NATS config string: double-quoted with JSON escapes (which NATS's parser reads), so no `$VAR` expansion. */
const str = (s: string) => JSON.stringify(s);

/** A role that may publish nothing gets an explicit deny of everything, not an empty allow list to be read one way or the other. */
function publishRule({ allow, deny }: NatsPermissions['publish']): string {
  const list = (xs: string[]) => `[${xs.map(str).join(', ')}]`;
  if (allow.length === 0) return 'deny: [">"]';
  return `allow: ${list(allow)}${deny.length ? `, deny: ${list(deny)}` : ''}`;
}

function userBlock(user: MqttUser): string {
  const p = natsPermissions(user.role);
  const list = (xs: string[]) => `[${xs.map(str).join(', ')}]`;
  return [
    `      # ${user.role}`,
    '      {',
    `        user: ${str(user.username)}`,
    `        password: ${str(user.password)}`,
    '        permissions: {',
    `          publish: { ${publishRule(p.publish)} }`,
    `          subscribe: { allow: ${list(p.subscribe.allow)} }`,
    '        }',
    '      }',
  ].join('\n');
}

export function natsNodeConf(
  node: NatsNode,
  all: readonly NatsNode[],
  opts: Omit<NatsClusterOptions, 'dir' | 'nodes'> & { storeDir: string },
): string {
  const users = opts.users ?? loadMqttUsers();
  const others = all.filter((n) => n.name !== node.name);
  const replicas = Math.min(3, all.length);
  return [
    '# Generated by src/services/broker/nats/config.ts from src/services/broker/acl.ts: same users and allow lists',
    '# as the embedded broker. Passwords are in clear text: keep this file private (mode 0600).',
    `server_name: ${str(node.name)}`,
    `listen: ${str(`${node.host}:${node.ports.client}`)}`,
    `http: ${str(`${node.host}:${node.ports.monitor}`)}`,
    `max_payload: ${NATS_MAX_PAYLOAD_BYTES}`,
    `max_connections: ${opts.maxConnections ?? maxConnectionsFromEnv()}`,
    '',
    'jetstream {',
    `  store_dir: ${str(opts.storeDir)}`,
    '}',
    '',
    // One node is no cluster: JetStream refuses to start with a cluster block and no routes.
    ...(others.length === 0
      ? []
      : [
          'cluster {',
          `  name: ${str(opts.clusterName ?? 'gaozhu')}`,
          `  listen: ${str(`${node.host}:${node.ports.cluster}`)}`,
          `  routes: [${others.map((n) => str(`nats-route://${n.host}:${n.ports.cluster}`)).join(', ')}]`,
          '}',
          '',
        ]),
    '# MQTT 3.1.1. Sessions, retained messages and QoS 1 are JetStream streams, replicated on up to 3 nodes so one',
    '# node can be lost. NATS has no QoS 2: a QoS 2 subscription is granted QoS 1, a QoS 2 publish closes the connection.',
    'mqtt {',
    `  listen: ${str(`${node.host}:${node.ports.mqtt}`)}`,
    `  stream_replicas: ${replicas}`,
    '}',
    '',
    '# MQTT over WebSocket for the browser (and NATS over WebSocket). TLS belongs in a reverse proxy in front.',
    'websocket {',
    `  listen: ${str(`${node.host}:${node.ports.ws}`)}`,
    '  no_tls: true',
    '}',
    '',
    '# One account for the product; no anonymous user. MQTT needs JetStream enabled in the account.',
    'accounts {',
    '  GAOZHU {',
    '    jetstream: enabled',
    '    users: [',
    MQTT_ROLES.map((role) => userBlock(users[role])).join('\n'),
    '    ]',
    '  }',
    '}',
    '',
    ...(opts.extra ?? []),
    '',
  ].join('\n');
}

/** Writes every node's file (mode 0600: they hold the passwords) and creates the JetStream store directories. */
export function writeNatsClusterConfig(opts: NatsClusterOptions): WrittenNatsNode[] {
  if (opts.nodes.length === 0) throw new Error('a NATS cluster needs at least one node');
  const names = new Set(opts.nodes.map((n) => n.name));
  if (names.size !== opts.nodes.length) throw new Error('NATS node names must be unique (server_name)');
  const users = opts.users ?? loadMqttUsers();
  for (const u of Object.values(users)) {
    if (u.username === '' || /[\s]/.test(u.username))
      throw new Error(`MQTT username "${u.username}" unusable in nats-server`);
    // NATS reads a password starting with $2 as a bcrypt hash; a line break would end the value.
    if (/[\r\n]/.test(u.password) || u.password.startsWith('$2'))
      throw new Error(`MQTT password of "${u.username}" unusable in nats-server`);
  }
  mkdirSync(opts.dir, { recursive: true });
  return opts.nodes.map((node) => {
    const storeDir = join(opts.dir, node.name);
    mkdirSync(storeDir, { recursive: true });
    const confFile = join(opts.dir, `${node.name}.conf`);
    writeFileSync(confFile, natsNodeConf(node, opts.nodes, { ...opts, users, storeDir }), { mode: 0o600 });
    return { ...node, confFile, storeDir };
  });
}
