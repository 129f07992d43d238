/**
 * The launcher refuses to start anything with a broken area configuration or a busy port, and says exactly what
 * is wrong: the file, the field and the problem; the port and the environment variable that moves it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePortsEnv } from '../support/free-port';

const ROOT = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'gaozhu-launch-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runLauncher(env: NodeJS.ProcessEnv, args = ['--dev']) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/services/launcher/launch.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout.on('data', (d) => (output += d));
    proc.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      proc.kill('SIGTERM');
      reject(new Error(`launcher still running after 20 s:\n${output}`));
    }, 20_000);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const area = JSON.parse(readFileSync(join(ROOT, 'public/config/area.json'), 'utf8'));

describe('launcher: configuration and ports are checked before anything starts', () => {
  it('exits 1 naming the file and the field when AREA_CONFIG points at a broken area.json', async () => {
    const broken = structuredClone(area);
    broken.feeders[2].ratedMva = -4;
    const file = join(dir, 'broken-area.json');
    writeFileSync(file, JSON.stringify(broken, null, 2));
    const { code, output } = await runLauncher({ ...(await freePortsEnv()), AREA_CONFIG: file });
    expect(code).toBe(1);
    expect(output).toContain(file);
    expect(output).toContain('feeders.2.ratedMva');
    expect(output).toMatch(/too small|>0/i);
    // Nothing was started: no child logged a line.
    expect(output).not.toMatch(/^\[(broker|feeds|history|app)\]/m);
  });

  it('exits 1 naming the file when area.json is not JSON, or missing', async () => {
    const file = join(dir, 'not-json.json');
    writeFileSync(file, '{ "version": 1,');
    const bad = await runLauncher({ ...(await freePortsEnv()), AREA_CONFIG: file });
    expect(bad.code).toBe(1);
    expect(bad.output).toContain(file);
    expect(bad.output).toMatch(/not valid JSON/);

    const absent = join(dir, 'absent.json');
    const gone = await runLauncher({ ...(await freePortsEnv()), AREA_CONFIG: absent });
    expect(gone.code).toBe(1);
    expect(gone.output).toContain(absent);
    expect(gone.output).toContain('ENOENT');
  });

  it('exits 1 naming the busy port and the variable that moves it', async () => {
    const env = await freePortsEnv();
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(Number(env.MQTT_WS_PORT), '127.0.0.1', () => r()));
    try {
      const { code, output } = await runLauncher(env);
      expect(code).toBe(1);
      expect(output).toContain(`port ${env.MQTT_WS_PORT}`);
      expect(output).toContain('MQTT_WS_PORT');
      expect(output).not.toMatch(/^\[(broker|feeds|history|app)\]/m);
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });
});
