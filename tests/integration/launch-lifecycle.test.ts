/**
 * The launcher end to end (dev mode, free ports): everything listens and the box says where, the app serves the
 * runtime configuration pointing at the launched broker, Ctrl-C/SIGTERM stops every child, and a child that dies
 * once everything is up is restarted, logged, while the others stay up and MQTT delivery carries on.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ALL_TELEMETRY_FILTER } from '../../src/core/contract/topics';
import { validateMessage } from '../../src/core/contract/validate';
import { brokerWsUrl, connectAs } from '../support/broker-fixture';
import { freePortsEnv } from '../support/free-port';

const ROOT = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'gaozhu-launch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type PortEnv = Awaited<ReturnType<typeof freePortsEnv>>;

interface Launched {
  proc: ChildProcess;
  env: PortEnv;
  output: () => string;
  exited: Promise<number | null>;
}

const running: Launched[] = [];
afterEach(async () => {
  for (const l of running.splice(0)) {
    if (l.proc.exitCode === null && l.proc.signalCode === null) {
      l.proc.kill('SIGTERM');
      await l.exited;
    }
  }
});

async function launch(): Promise<Launched> {
  const env = await freePortsEnv();
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/services/launcher/launch.ts', '--dev', '--speed', '1'],
    {
      cwd: ROOT,
      // The history database goes to a temp dir, never into the developer's .data/.
      env: { ...process.env, NO_COLOR: '1', HISTORY_DB: join(dir, `history-${Date.now()}.sqlite`), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  proc.stdout?.on('data', (d) => (output += d));
  proc.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const launched = { proc, env, output: () => output, exited };
  running.push(launched);
  return launched;
}

async function until(what: string, l: Launched, predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${l.output()}`);
    if (l.proc.exitCode !== null)
      throw new Error(`launcher exited (${l.proc.exitCode}) waiting for ${what}:\n${l.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const listening = (port: string) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host: '127.0.0.1', port: Number(port) });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

describe('launcher lifecycle', () => {
  it('comes up in well under 30 s, prints where everything is, and stops every child on SIGTERM', async () => {
    const started = Date.now();
    const l = await launch();
    await until('the ready box', l, () => l.output().includes('running (dev)'), 25_000);
    const elapsedMs = Date.now() - started;
    expect(elapsedMs).toBeLessThan(25_000);

    const out = l.output();
    expect(out).toContain(`http://127.0.0.1:${l.env.APP_PORT}/wall`);
    expect(out).toContain(`http://127.0.0.1:${l.env.APP_PORT}/dispatch`);
    expect(out).toContain(`http://127.0.0.1:${l.env.APP_PORT}/progress`);
    expect(out).toContain(`http://127.0.0.1:${l.env.APP_PORT}/?lang=en`);
    expect(out).toContain(`mqtt://127.0.0.1:${l.env.MQTT_PORT}`);
    expect(out).toContain(`ws://127.0.0.1:${l.env.MQTT_WS_PORT}/mqtt`);
    expect(out).toMatch(/^\[broker\] /m);
    expect(out).toMatch(/^\[app\] /m);
    expect(out).toMatch(/^\[feeds\] /m);
    expect(out).toMatch(/^\[history\] /m);

    // The browser's runtime configuration points at the launched broker, and that broker accepts the dashboard.
    const res = await fetch(`http://127.0.0.1:${l.env.APP_PORT}/config/runtime.json`);
    const runtime = (await res.json()) as { mqttWsPort: number; mqttUsername: string };
    expect(runtime.mqttWsPort).toBe(Number(l.env.MQTT_WS_PORT));
    // … and the feeds it started publish valid telemetry there (retained, so it is there at once).
    const dash = await connectAs(brokerWsUrl({ wsPort: Number(l.env.MQTT_WS_PORT) }), 'dashboard');
    const firstValid = new Promise<string>((resolve) =>
      dash.on('message', (topic, payload) => {
        const r = validateMessage(topic, payload, Date.now());
        if (r.ok) resolve(r.kind);
      }),
    );
    await dash.subscribeAsync(ALL_TELEMETRY_FILTER);
    expect(await firstValid).toMatch(/feeder|substation|pv|charger/);
    dash.end(true);

    // Scenario control and the history API (directly and through the app's /api proxy) answer.
    expect((await fetch(`http://127.0.0.1:${l.env.FEEDS_CONTROL_PORT}/health`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${l.env.HISTORY_PORT}/api/health`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${l.env.APP_PORT}/api/health`)).status).toBe(200);
    // The broker's own health and Prometheus metrics.
    expect((await fetch(`http://127.0.0.1:${l.env.BROKER_HTTP_PORT}/health`)).status).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${l.env.BROKER_HTTP_PORT}/metrics`)).text()).toMatch(
      /^broker_messages_in_total\{service="broker"\} \d+/m,
    );

    l.proc.kill('SIGTERM');
    expect(await l.exited).toBe(0);
    for (const port of Object.values(l.env)) expect(await listening(port)).toBe(false);
  });

  it('restarts a killed history process while the others stay up and MQTT delivery carries on', async () => {
    const l = await launch();
    await until('the ready box', l, () => l.output().includes('running (dev)'), 25_000);
    const pidOf = (name: string) => Number(new RegExp(`started ${name} \\(pid (\\d+)\\)`).exec(l.output())?.[1]);
    const [historyPid, brokerPid, feedsPid] = [pidOf('history'), pidOf('broker'), pidOf('feeds')];
    expect(historyPid).toBeGreaterThan(0);

    const dash = await connectAs(brokerWsUrl({ wsPort: Number(l.env.MQTT_WS_PORT) }), 'dashboard');
    let received = 0;
    dash.on('message', () => received++);
    await dash.subscribeAsync(ALL_TELEMETRY_FILTER);

    process.kill(historyPid, 'SIGKILL');
    await until(
      'the restart line',
      l,
      () => /history exited unexpectedly \(signal SIGKILL\).*restarting it in 0\.5 s \(restart 1\)/.test(l.output()),
      5_000,
    );
    const receivedAtKill = received;
    await until('the restarted history', l, () => /restarted history \(pid \d+\), restart 1/.test(l.output()), 5_000);
    // Live telemetry kept flowing through the same broker connection while history was down and coming back.
    await until('telemetry after the kill', l, () => received > receivedAtKill, 15_000);
    expect(dash.connected).toBe(true);
    dash.end(true);

    const deadline = Date.now() + 20_000;
    let healthy = false;
    while (!healthy && Date.now() < deadline) {
      healthy = await fetch(`http://127.0.0.1:${l.env.HISTORY_PORT}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (!healthy) await new Promise((r) => setTimeout(r, 200));
    }
    expect(healthy).toBe(true);
    // The others were never touched: same processes, launcher still running.
    for (const pid of [brokerPid, feedsPid]) expect(() => process.kill(pid, 0)).not.toThrow();
    expect(l.proc.exitCode).toBeNull();

    // A clean stop still stops everything, the restarted process included.
    l.proc.kill('SIGTERM');
    expect(await l.exited).toBe(0);
    for (const port of Object.values(l.env)) expect(await listening(port)).toBe(false);
  });
});
