import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { liveTopics, MAX_LIVE_PAYLOAD_BYTES, PUBLIC_LIVE_FILTERS } from '../../../core/contract/live-core';
import { loadMqttUsers } from '../../common/credentials';
import {
  mqttFilterToNatsSubjects,
  NATS_MAX_PAYLOAD_BYTES,
  NATS_MQTT_QOS1_DELIVERY_SUBJECT,
  type NatsNode,
  natsNodeConf,
  natsPermissions,
  nodePorts,
  writeNatsClusterConfig,
} from './config';

describe('MQTT filter → NATS subjects', () => {
  it('turns levels into tokens and + into *', () => {
    expect(mqttFilterToNatsSubjects('gaozhu/v1/live/figures/+')).toEqual(['gaozhu.v1.live.figures.*']);
    expect(mqttFilterToNatsSubjects('gaozhu/v1/+/+/+/telemetry')).toEqual(['gaozhu.v1.*.*.*.telemetry']);
    expect(mqttFilterToNatsSubjects(liveTopics.status)).toEqual(['gaozhu.v1.live.status']);
  });

  it('turns # into > and adds the parent, which MQTT’s # matches and NATS’s > does not', () => {
    expect(mqttFilterToNatsSubjects('gaozhu/v1/#')).toEqual(['gaozhu.v1', 'gaozhu.v1.>']);
    expect(mqttFilterToNatsSubjects('gaozhu/v1/live/#')).toEqual(['gaozhu.v1.live', 'gaozhu.v1.live.>']);
    expect(mqttFilterToNatsSubjects('#')).toEqual(['>']);
  });

  it('refuses what NATS cannot carry as the same rule', () => {
    expect(() => mqttFilterToNatsSubjects('gaozhu/#/x')).toThrow(/last level/);
    expect(() => mqttFilterToNatsSubjects('gaozhu/v1.2/x')).toThrow(/cannot be one NATS subject token/);
    expect(() => mqttFilterToNatsSubjects('gaozhu//x')).toThrow(/cannot be one NATS subject token/);
    expect(() => mqttFilterToNatsSubjects('gaozhu/a*/x')).toThrow(/cannot be one NATS subject token/);
    expect(() => mqttFilterToNatsSubjects('gaozhu/a b')).toThrow(/cannot be one NATS subject token/);
  });
});

describe('role rights as NATS permissions', () => {
  it('the public wall may read only the live core’s public topics and the clock, at QoS 0', () => {
    const p = natsPermissions('wall');
    expect(p.publish).toEqual({ allow: [], deny: [] });
    expect(p.subscribe.allow).toEqual([
      ...PUBLIC_LIVE_FILTERS.flatMap(mqttFilterToNatsSubjects),
      'gaozhu.v1.sim.clock',
    ]);
    expect(p.subscribe.allow).not.toContain(NATS_MQTT_QOS1_DELIVERY_SUBJECT);
    expect(p.subscribe.allow.some((s) => s.includes('telemetry') || s === 'gaozhu.v1.>')).toBe(false);
  });

  it('the feeds publish anything under the root but the live core, which is a deny rule', () => {
    const p = natsPermissions('feeds');
    expect(p.publish.allow).toEqual(['gaozhu.v1', 'gaozhu.v1.>']);
    expect(p.publish.deny).toEqual(['gaozhu.v1.live', 'gaozhu.v1.live.>']);
  });

  it('the live service publishes only the live core and reads the device stream at QoS 0', () => {
    const p = natsPermissions('live');
    expect(p.publish).toEqual({ allow: ['gaozhu.v1.live', 'gaozhu.v1.live.>'], deny: [] });
    expect(p.subscribe.allow).toEqual([
      'gaozhu.v1.*.*.*.telemetry',
      'gaozhu.v1.*.*.*.status',
      'gaozhu.v1.pools.*.status',
      'gaozhu.v1.feeder.*.*.events',
      'gaozhu.v1.sim.clock',
      'gaozhu.v1.live',
      'gaozhu.v1.live.>',
    ]);
  });

  it('readers of the whole root (dispatchers, the recorder) also get QoS 1 delivery', () => {
    for (const role of ['dashboard', 'recorder'] as const) {
      expect(natsPermissions(role).subscribe.allow).toEqual([
        NATS_MQTT_QOS1_DELIVERY_SUBJECT,
        'gaozhu.v1',
        'gaozhu.v1.>',
      ]);
      expect(natsPermissions(role).publish.allow).toEqual([]);
    }
  });
});

describe('cluster node files', () => {
  const first = { client: 4222, cluster: 6222, monitor: 8222, mqtt: 1883, ws: 8083 };
  const hosts = ['127.0.0.1', '127.0.0.1', '127.0.0.1'];
  const nodes: NatsNode[] = hosts.map((host, i) => ({
    name: `gaozhu-${i + 1}`,
    host,
    ports: nodePorts(hosts, i, first),
  }));

  it('offsets the ports of nodes sharing a host, keeps them on hosts of their own', () => {
    expect(nodePorts(hosts, 2, first)).toEqual({ client: 4224, cluster: 6224, monitor: 8224, mqtt: 1885, ws: 8085 });
    expect(nodePorts(['10.0.0.1', '10.0.0.2', '10.0.0.3'], 2, first)).toEqual(first);
  });

  it('routes each node to the others, never to itself, and replicates MQTT streams on 3 nodes', () => {
    const conf = natsNodeConf(nodes[1] as NatsNode, nodes, { storeDir: '/tmp/x', users: loadMqttUsers() });
    expect(conf).toContain('server_name: "gaozhu-2"');
    expect(conf).toContain('routes: ["nats-route://127.0.0.1:6222", "nats-route://127.0.0.1:6224"]');
    expect(conf).not.toContain('nats-route://127.0.0.1:6223');
    expect(conf).toMatch(/mqtt \{\n {2}listen: "127.0.0.1:1884"\n {2}stream_replicas: 3\n\}/);
    expect(conf).toMatch(/websocket \{\n {2}listen: "127.0.0.1:8084"\n {2}no_tls: true\n\}/);
    expect(conf).toContain('store_dir: "/tmp/x"');
    expect(conf).toContain(`max_payload: ${NATS_MAX_PAYLOAD_BYTES}`);
    expect(NATS_MAX_PAYLOAD_BYTES).toBeGreaterThan(MAX_LIVE_PAYLOAD_BYTES);
    expect(NATS_MAX_PAYLOAD_BYTES).toBeLessThanOrEqual(64 * 1024 * 1024);
  });

  it('writes no cluster block for a single node (JetStream would refuse to start)', () => {
    const conf = natsNodeConf(nodes[0] as NatsNode, [nodes[0] as NatsNode], {
      storeDir: '/tmp/x',
      users: loadMqttUsers(),
    });
    expect(conf).not.toContain('cluster {');
    expect(conf).toContain('stream_replicas: 1');
  });

  it('writes private files (they hold passwords) and refuses passwords NATS would misread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nats-config-test-'));
    try {
      const written = writeNatsClusterConfig({ dir, nodes, users: loadMqttUsers() });
      expect(written.map((n) => n.confFile)).toEqual(nodes.map((n) => join(dir, `${n.name}.conf`)));
      for (const n of written) {
        expect(statSync(n.confFile).mode & 0o077).toBe(0);
        expect(readFileSync(n.confFile, 'utf8')).toContain('user: "wall"');
      }
      const users = loadMqttUsers();
      users.wall.password = '$2a$11$looks-like-bcrypt';
      expect(() => writeNatsClusterConfig({ dir, nodes, users })).toThrow(/unusable in nats-server/);
      expect(() => writeNatsClusterConfig({ dir, nodes: [nodes[0]!, nodes[0]!] })).toThrow(/unique/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
