/**
 * Test fixture: a real 3-node nats-server cluster (Debian's 2.9) on free loopback ports, configured by
 * src/services/broker/nats/config.ts with the product's users and allow lists. Resolves once every node routes to
 * every other, JetStream has a meta leader and MQTT answers a CONNECT on every node; a node can be killed (SIGKILL, no
 * goodbye) and started again. If nats-server is not installed the fixture throws the install command, so the cluster
 * tests fail loudly instead of being skipped.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findNatsServer,
  type NatsNode,
  type WrittenNatsNode,
  writeNatsClusterConfig,
} from '../../src/services/broker/nats/config';
import { freePort } from '../../src/services/launcher/net';
import { connectAs, testUsers } from './broker-fixture';

export { NATS_INSTALL_HINT } from '../../src/services/broker/nats/config';

export interface ClusterNode extends WrittenNatsNode {
  /** mqtt://127.0.0.1:<port> */
  mqttUrl: string;
  /** ws://127.0.0.1:<port>/mqtt */
  wsUrl: string;
  running(): boolean;
}

export interface RunningNatsCluster {
  nodes: ClusterNode[];
  /** Everything node `i` logged so far (refusals, route changes), for assertions and failure messages. */
  log(i: number): string;
  /** SIGKILL: the node vanishes as a crashed machine would, its clients' sockets drop without DISCONNECT. */
  kill(i: number): Promise<void>;
  /** Starts a killed node again with the same config and store, and waits until it has routes again. */
  restart(i: number): Promise<void>;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

async function distinctFreePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort(HOST));
  return [...ports];
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.json();
}

/** True when the node routes to every other node and JetStream has a meta leader (MQTT needs its streams). */
async function nodeReady(node: NatsNode, clusterSize: number): Promise<boolean> {
  try {
    // A single node has no routes and no meta group: its JetStream answering is enough.
    if (clusterSize === 1) return Boolean(await getJson(`http://${HOST}:${node.ports.monitor}/jsz`));
    const routez = (await getJson(`http://${HOST}:${node.ports.monitor}/routez`)) as { num_routes?: number };
    if ((routez.num_routes ?? 0) < clusterSize - 1) return false;
    const jsz = (await getJson(`http://${HOST}:${node.ports.monitor}/jsz`)) as { meta_cluster?: { leader?: string } };
    return Boolean(jsz.meta_cluster?.leader);
  } catch {
    return false;
  }
}

export async function startNatsCluster(size = 3): Promise<RunningNatsCluster> {
  const program = findNatsServer();
  const dir = mkdtempSync(join(tmpdir(), 'gaozhu-nats-'));
  const ports = await distinctFreePorts(size * 5);
  const nodes: NatsNode[] = Array.from({ length: size }, (_, i) => {
    const [client, cluster, monitor, mqtt, ws] = ports.slice(i * 5, i * 5 + 5) as [
      number,
      number,
      number,
      number,
      number,
    ];
    return { name: `gaozhu-${i + 1}`, host: HOST, ports: { client, cluster, monitor, mqtt, ws } };
  });
  const written = writeNatsClusterConfig({ dir, nodes, users: testUsers });
  const procs: (ChildProcess | null)[] = written.map(() => null);
  const exits: Promise<void>[] = written.map(() => Promise.resolve());
  const logs = written.map(() => '');

  const spawnNode = (i: number) => {
    const node = written[i] as WrittenNatsNode;
    const proc = spawn(program, ['-c', node.confFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout?.on('data', (d) => (logs[i] += d));
    proc.stderr?.on('data', (d) => (logs[i] += d));
    procs[i] = proc;
    exits[i] = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  };
  const isRunning = (i: number) => {
    const p = procs[i];
    return p !== null && p !== undefined && p.exitCode === null && p.signalCode === null;
  };

  /** Until the running nodes route to each other, have a JetStream leader and accept an MQTT login. */
  const waitReady = async (which: number[], timeoutMs: number) => {
    const running = written.filter((_, i) => isRunning(i)).length;
    const deadline = Date.now() + timeoutMs;
    for (const i of which) {
      const node = written[i] as WrittenNatsNode;
      while (!(await nodeReady(node, running))) {
        if (!isRunning(i)) throw new Error(`nats node ${node.name} exited:\n${logs[i]}`);
        if (Date.now() > deadline) throw new Error(`nats node ${node.name} not clustered in time:\n${logs[i]}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      // MQTT answers only once the account's MQTT streams exist (created on the first MQTT connection).
      while (true) {
        try {
          const c = await connectAs(`mqtt://${HOST}:${node.ports.mqtt}`, 'recorder', { connectTimeout: 3_000 });
          await c.endAsync();
          break;
        } catch (e) {
          if (Date.now() > deadline)
            throw new Error(`nats node ${node.name} MQTT not accepting (${(e as Error).message}):\n${logs[i]}`);
          await new Promise((r) => setTimeout(r, 300));
        }
      }
    }
  };

  const kill = async (i: number) => {
    if (!isRunning(i)) return;
    procs[i]?.kill('SIGKILL');
    await exits[i];
  };
  const close = async () => {
    await Promise.all(written.map((_, i) => kill(i)));
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    for (let i = 0; i < written.length; i++) spawnNode(i);
    await waitReady(
      written.map((_, i) => i),
      30_000,
    );
  } catch (e) {
    await close();
    throw e;
  }

  return {
    nodes: written.map((n, i) => ({
      ...n,
      mqttUrl: `mqtt://${HOST}:${n.ports.mqtt}`,
      wsUrl: `ws://${HOST}:${n.ports.ws}/mqtt`,
      running: () => isRunning(i),
    })),
    log: (i) => logs[i] ?? '',
    kill,
    async restart(i) {
      if (isRunning(i)) return;
      spawnNode(i);
      await waitReady([i], 30_000);
    },
    close,
  };
}
