/**
 * Test fixture: a real Mosquitto (Debian's 2.0.x) on free ports, configured by src/services/broker/mosquitto/config.ts
 * with the same users and ACL as the embedded broker. If mosquitto is not installed the fixture throws the install
 * command, so the interop tests fail loudly instead of being skipped.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { findMosquittoProgram, writeMosquittoConfig } from '../../src/services/broker/mosquitto/config';
import { freePort, waitForPort } from '../../src/services/launcher/net';
import { testUsers } from './broker-fixture';

export interface RunningMosquitto {
  host: string;
  tcpPort: number;
  wsPort: number;
  dir: string;
  /** Everything mosquitto logged so far (connections, refusals), for assertions and failure messages. */
  log(): string;
  close(): Promise<void>;
}

export { findMosquittoProgram, MOSQUITTO_INSTALL_HINT } from '../../src/services/broker/mosquitto/config';

async function startOnce(program: string): Promise<RunningMosquitto> {
  const host = '127.0.0.1';
  const tcpPort = await freePort(host);
  let wsPort = await freePort(host);
  while (wsPort === tcpPort) wsPort = await freePort(host);
  const dir = mkdtempSync(join(tmpdir(), 'gaozhu-mosquitto-'));
  const { confFile } = writeMosquittoConfig({
    dir,
    tcpPort,
    wsPort,
    host,
    users: testUsers,
    runAsUser: userInfo().username,
    extra: ['log_dest stderr', 'log_type error', 'log_type warning', 'log_type notice', 'log_type information'],
  });
  let output = '';
  const proc: ChildProcess = spawn(program, ['-c', confFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout?.on('data', (d) => (output += d));
  proc.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const close = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(host, tcpPort, 10_000, exited);
    await waitForPort(host, wsPort, 10_000, exited);
  } catch (e) {
    await close();
    throw new Error(`mosquitto did not start (${(e as Error).message}):\n${output}`);
  }
  return { host, tcpPort, wsPort, dir, log: () => output, close };
}

export async function startMosquitto(): Promise<RunningMosquitto> {
  const program = findMosquittoProgram('mosquitto');
  // Free ports are picked before mosquitto binds them; another process can win that race, so retry.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(program);
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}
