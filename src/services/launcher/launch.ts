/**
 * `npm start` (`--preview`, the built app) and `npm run dev` (`--dev`, Vite with HMR): validates the area
 * configuration, checks every port is free, then starts broker → feeds + history + live → app as child processes,
 * waiting for each to listen before starting what depends on it, and prints where everything is.
 * Once everything is up the launcher supervises: a service that dies is restarted with back-off (0.5 s doubling to
 * 30 s, back to 0.5 s after a minute up) while the others keep running, each restart logged with its exit code or
 * signal and counted. A service that dies while the system is still starting stops everything (a broken setup should
 * say so at once, not loop). Ctrl-C / SIGTERM stops them all, in reverse order. In production the same services run
 * under systemd instead (./systemd/).
 *
 *   tsx src/services/launcher/launch.ts --preview|--dev [--no-broker] [feeds flags…] [-- feeds flags…]
 *
 * Flags the launcher does not know (e.g. `--speed 60 --seed 7`) and everything after `--` go to the feeds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AreaConfig, AreaConfigError, parseAreaConfig } from '../../core/config/area-schema';
import { loadMqttUsers } from '../common/credentials';
import { createLogger } from '../common/logger';
import { BIND_HOST, MQTT_WS_PATH, ports } from '../common/ports';
import { renderBox, signInRow } from './banner';
import { type Child, killGroup, prefixFor, startChild, stopChild } from './children';
import { probePortFree, waitForPort } from './net';
import { decideRestart, RESTART_CAP_MS, RESTART_FIRST_MS } from './restart-policy';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Per readiness step; the whole system normally listens in a few seconds. */
const STEP_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;

const logger = createLogger('launch', { prefix: prefixFor('launch') });
const log = (line: string) => logger.info(line);
const fail = (line: string) => logger.error(line);

interface Options {
  mode: 'preview' | 'dev';
  embeddedBroker: boolean;
  feedsArgs: string[];
}

const USAGE = `usage: tsx src/services/launcher/launch.ts --preview|--dev [--no-broker] [feeds flags…] [-- feeds flags…]
  --preview     serve the built app (dist/) with vite preview (npm start builds first)
  --dev         serve the sources with vite (hot reload)
  --no-broker   use the broker at MQTT_URL (Mosquitto, EMQX) instead of starting the embedded one
  anything else, and everything after --, is passed to the feeds (e.g. --speed 60 --seed 7 --replay …)`;

function parseArgs(argv: string[]): Options {
  const opts: Options = { mode: 'preview', embeddedBroker: true, feedsArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      opts.feedsArgs.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--preview') opts.mode = 'preview';
    else if (arg === '--dev') opts.mode = 'dev';
    else if (arg === '--no-broker') opts.embeddedBroker = false;
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else opts.feedsArgs.push(arg);
  }
  return opts;
}

/** A bad area file stops everything before any process starts: the message names the file, field and problem. */
function validateAreaConfig(configArg: string | undefined): { file: string; area: AreaConfig } {
  const file = resolve(configArg ?? process.env.AREA_CONFIG ?? join(ROOT, 'public/config/area.json'));
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot read the area configuration ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    fail('set AREA_CONFIG to the path of an area.json, or restore public/config/area.json');
    process.exit(1);
  }
  try {
    return { file, area: parseAreaConfig(text, file) };
  } catch (e) {
    if (!(e instanceof AreaConfigError)) throw e;
    fail(`invalid area configuration, nothing started.`);
    fail(`  file:    ${e.file}`);
    fail(`  field:   ${e.field}`);
    fail(`  problem: ${e.problem}`);
    process.exit(1);
  }
}

interface PortSpec {
  label: string;
  port: number;
  envVar: string;
}

async function checkPortsFree(specs: PortSpec[]): Promise<void> {
  const suggestions: string[] = [];
  const suggested: number[] = [];
  for (const s of specs) {
    const err = await probePortFree(BIND_HOST, s.port);
    if (!err) continue;
    fail(
      `port ${s.port} (${s.label}) on ${BIND_HOST} is not available (${err}): stop what holds it, or set ${s.envVar}`,
    );
    const port = await nextFreePort(s.port, specs, suggested);
    suggested.push(port);
    suggestions.push(`${s.envVar}=${port}`);
  }
  if (suggestions.length === 0) return;
  fail(`nothing started. For example: ${suggestions.join(' ')} npm ${opts.mode === 'dev' ? 'run dev' : 'start'}`);
  process.exit(1);
}

/** A nearby free port to suggest, skipping the ports we are about to use and those already suggested. */
async function nextFreePort(from: number, specs: PortSpec[], suggested: number[]): Promise<number> {
  for (let p = from + 1; p < Math.min(from + 200, 65536); p++) {
    if (specs.some((s) => s.port === p) || suggested.includes(p)) continue;
    if ((await probePortFree(BIND_HOST, p)) === null) return p;
  }
  return from + 1;
}

/** Takes `--config <file>` / `--config=<file>` out of the feeds' arguments: the launcher validates it first. */
function takeConfigArg(args: string[]): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--config' && i + 1 < args.length) {
      value = args[i + 1];
      args.splice(i--, 2);
    } else if (arg.startsWith('--config=')) {
      value = arg.slice('--config='.length);
      args.splice(i--, 1);
    }
  }
  return value;
}

const opts = parseArgs(process.argv.slice(2));
const startedAt = Date.now();
const { file: areaFile, area } = validateAreaConfig(takeConfigArg(opts.feedsArgs));
// The replay flags make the history backfill use the same real series as the feeds.
const replay = opts.feedsArgs.some((a) => a === '--replay' || a.startsWith('--replay-start'));

const connectHost = BIND_HOST === '0.0.0.0' || BIND_HOST === '::' ? '127.0.0.1' : BIND_HOST;
const feedsMain = join(ROOT, 'mock-feeds/feeds/main.ts');
const historyMain = join(ROOT, 'src/services/history/main.ts');
const liveMain = join(ROOT, 'src/services/live/main.ts');
const hasFeeds = existsSync(feedsMain);
const hasHistory = existsSync(historyMain);
const appPort = opts.mode === 'preview' ? ports.appPreview : ports.appDev;

if (opts.mode === 'preview' && !existsSync(join(ROOT, 'dist/index.html'))) {
  fail(
    'dist/index.html not found: build the app first (npm run build), or use npm start, which builds, or npm run dev',
  );
  process.exit(1);
}
if (!opts.embeddedBroker && !process.env.MQTT_URL) {
  fail('--no-broker needs MQTT_URL (e.g. mqtt://127.0.0.1:1883) and, for the browser, MQTT_PUBLIC_WS_URL');
  process.exit(1);
}

const portSpecs: PortSpec[] = [];
if (opts.embeddedBroker) {
  portSpecs.push({ label: 'MQTT/TCP broker', port: ports.mqttTcp, envVar: 'MQTT_PORT' });
  portSpecs.push({ label: 'MQTT/WebSocket broker', port: ports.mqttWs, envVar: 'MQTT_WS_PORT' });
}
if (hasFeeds)
  portSpecs.push({ label: 'feeds scenario control', port: ports.feedsControl, envVar: 'FEEDS_CONTROL_PORT' });
if (opts.embeddedBroker)
  portSpecs.push({ label: 'broker health and metrics', port: ports.brokerHttp, envVar: 'BROKER_HTTP_PORT' });
if (hasHistory) portSpecs.push({ label: 'history API', port: ports.history, envVar: 'HISTORY_PORT' });
portSpecs.push({ label: 'live service', port: ports.live, envVar: 'LIVE_PORT' });
portSpecs.push({ label: `app (vite ${opts.mode})`, port: appPort, envVar: 'APP_PORT' });
await checkPortsFree(portSpecs);

const mqttUrl = opts.embeddedBroker ? `mqtt://${connectHost}:${ports.mqttTcp}` : process.env.MQTT_URL!;
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  MQTT_URL: mqttUrl,
  // Every service reads the file the launcher validated (the history service reads AREA_CONFIG, the feeds --config).
  AREA_CONFIG: areaFile,
};

/** A service the launcher keeps running: its current process, and how often and how soon it is restarted. */
interface Service {
  name: string;
  command: string;
  args: string[];
  child: Child;
  startedAtMs: number;
  restarts: number;
  nextDelayMs: number;
  restartTimer?: NodeJS.Timeout;
}

const services: Service[] = [];
let stopping = false;
/** Set once every service listens: from then on a dead service is restarted instead of stopping everything. */
let systemUp = false;
const liveChildren = () => services.map((s) => s.child).filter((c) => c.alive());

async function shutdown(exitCode: number): Promise<never> {
  stopping = true;
  // Reverse start order: the app first, the broker last, so nobody logs a lost connection on the way down.
  for (const s of [...services].reverse()) {
    clearTimeout(s.restartTimer);
    await stopChild(s.child, STOP_GRACE_MS);
  }
  process.exit(exitCode);
}

let firstSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (firstSignalAt) {
      // One Ctrl-C can arrive twice (from the terminal and relayed by the tsx or npm wrapper): only a second press,
      // a moment later, means the user does not want to wait for graceful stops.
      if (Date.now() - firstSignalAt < 1_000) return;
      for (const c of liveChildren()) killGroup(c, 'SIGKILL');
      process.exit(130);
    }
    firstSignalAt = Date.now();
    log(
      `${signal}: stopping ${
        liveChildren()
          .map((c) => c.name)
          .join(', ') || 'nothing'
      }…`,
    );
    void shutdown(0);
  });
}
// Last resort if the launcher itself crashes: never leave services holding the ports.
process.on('exit', () => {
  for (const c of liveChildren()) killGroup(c, 'SIGKILL');
});

const seconds = (ms: number) => `${ms < 10_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000)} s`;

function spawnService(s: Service): void {
  const child = startChild(s.name, s.command, s.args, childEnv, ROOT);
  s.child = child;
  s.startedAtMs = Date.now();
  if (s.restarts === 0) log(`started ${s.name} (pid ${child.proc.pid})`);
  else
    logger.info(
      { service: s.name, pid: child.proc.pid, restarts: s.restarts },
      `restarted ${s.name} (pid ${child.proc.pid}), restart ${s.restarts}`,
    );
  void child.exited.then(({ code, signal }) => onServiceExit(s, code, signal));
}

function onServiceExit(s: Service, code: number | null, signal: NodeJS.Signals | null): void {
  if (stopping) return;
  const how = signal ? `signal ${signal}` : `exit code ${code}`;
  if (!systemUp) {
    fail(
      `${s.name} exited unexpectedly (${how}) while starting: stopping the others. See the [${s.name}] lines above.`,
    );
    void shutdown(code && code !== 0 ? code : 1);
    return;
  }
  const upMs = Date.now() - s.startedAtMs;
  const { delayMs, nextDelayMs, looping } = decideRestart(s.nextDelayMs, upMs);
  s.nextDelayMs = nextDelayMs;
  s.restarts++;
  logger.warn(
    { service: s.name, code, signal, upMs, delayMs, restarts: s.restarts },
    `${s.name} exited unexpectedly (${how}) after ${seconds(upMs)} up: restarting it in ${seconds(delayMs)} ` +
      `(restart ${s.restarts}); the others keep running.` +
      (looping
        ? ` It keeps crashing: retrying every ${seconds(RESTART_CAP_MS)} until it stays up; see the [${s.name}] lines above.`
        : ''),
  );
  s.restartTimer = setTimeout(() => {
    s.restartTimer = undefined;
    if (!stopping) spawnService(s);
  }, delayMs);
}

function launch(name: string, command: string, args: string[]): Child {
  const s = { name, command, args, startedAtMs: 0, restarts: 0, nextDelayMs: RESTART_FIRST_MS } as Service;
  services.push(s);
  spawnService(s);
  return s.child;
}

const tsx = (file: string, args: string[] = []) => ['--import', 'tsx', file, ...args];

async function ready(child: Child, port: number, what: string): Promise<void> {
  try {
    await waitForPort(connectHost, port, STEP_TIMEOUT_MS, child.exited);
  } catch (e) {
    if (stopping) return new Promise(() => {}); // the exit handler is already shutting down
    fail(`${child.name}: ${what} ${(e as Error).message}: stopping everything`);
    await shutdown(1);
  }
}

// 1. Broker: both listeners must accept before any client starts, or the feeds' first connect fails.
if (opts.embeddedBroker) {
  const broker = launch('broker', process.execPath, tsx(join(ROOT, 'src/services/broker/main.ts')));
  await ready(broker, ports.mqttTcp, 'MQTT/TCP');
  await ready(broker, ports.mqttWs, 'MQTT/WebSocket');
}

// 2. Feeds, history and the live service in parallel: none depends on another, only on the broker.
const step2: Promise<void>[] = [];
const live = launch('live', process.execPath, tsx(liveMain));
step2.push(ready(live, ports.live, 'health endpoint'));
if (hasFeeds) {
  const feeds = launch('feeds', process.execPath, tsx(feedsMain, ['--config', areaFile, ...opts.feedsArgs]));
  step2.push(ready(feeds, ports.feedsControl, 'scenario control'));
} else {
  fail(`${relative(ROOT, feedsMain)} not found: starting without simulated devices (the wall will show no data)`);
}
if (hasHistory) {
  const history = launch('history', process.execPath, tsx(historyMain, replay ? ['--replay'] : []));
  step2.push(ready(history, ports.history, 'history API'));
}
await Promise.all(step2);

// 3. The app last, so the first page load already finds retained telemetry and a history service. `npm start` serves
// dist/ with the production web server (src/services/web/); `npm run dev` keeps Vite's dev server (hot reload).
const viteBin = join(ROOT, 'node_modules/vite/bin/vite.js');
const app = launch(
  'app',
  process.execPath,
  opts.mode === 'preview' ? tsx(join(ROOT, 'src/services/web/main.ts')) : [viteBin, '--clearScreen', 'false'],
);
await ready(app, appPort, opts.mode === 'preview' ? 'web server' : 'vite dev');

const users = loadMqttUsers();
const defaultPasswords = (['feeds', 'dashboard', 'recorder'] as const).filter(
  (r) => users[r].password === `${r}-dev-secret`,
);
const appUrl = `http://${connectHost}:${appPort}`;
const rows: ([string, string] | null)[] = [
  ['Open the app', `${appUrl}/wall        display wall (大屏)`],
  ['', `${appUrl}/dispatch    dispatchers (调度)`],
  ['', `${appUrl}/progress    managers (低碳进展)`],
  ['', `${appUrl}/admin       administrators (管理: users, thresholds, audit, screens)`],
  ['', `${appUrl}/?lang=en    English`],
  null,
  opts.embeddedBroker
    ? ['MQTT broker', `mqtt://${connectHost}:${ports.mqttTcp}   (embedded Aedes, MQTT 3.1.1)`]
    : ['MQTT broker', `${mqttUrl}   (external, --no-broker)`],
  [
    '',
    process.env.MQTT_PUBLIC_WS_URL
      ? `${process.env.MQTT_PUBLIC_WS_URL}   (browser, MQTT_PUBLIC_WS_URL)`
      : `ws://${connectHost}:${ports.mqttWs}${MQTT_WS_PATH}   (browser, MQTT over WebSocket)`,
  ],
  ...(opts.embeddedBroker
    ? ([['', `http://${connectHost}:${ports.brokerHttp}/health   (and /metrics, Prometheus)`]] as [string, string][])
    : []),
  hasHistory
    ? ['History API', `http://${connectHost}:${ports.history}/api   (also ${appUrl}/api, proxied)`]
    : ['History API', 'not started (src/services/history/main.ts not present)'],
  ...(hasFeeds
    ? ([
        ['Scenario control', `http://${connectHost}:${ports.feedsControl}/scenarios   (GET, POST, DELETE; /health)`],
        ['', `feeds ${opts.feedsArgs.length ? opts.feedsArgs.join(' ') : '(default: real time, seed 1)'}`],
      ] as [string, string][])
    : ([['Scenario control', 'not started (mock-feeds/feeds/main.ts not present)']] as [string, string][])),
  [
    'Area config',
    `${areaFile.startsWith(ROOT) ? relative(ROOT, areaFile) : areaFile}   (${area.feeders.length} feeders, ${area.pvSites.length} PV sites, ${area.chargingStations.length} charging stations)`,
  ],
  null,
  [
    'MQTT users',
    `${users.feeds.username} publishes; ${users.dashboard.username} (browser), ${users.recorder.username} (history) read only`,
  ],
  ...(defaultPasswords.length
    ? ([
        ['', `development passwords (<user>-dev-secret) in use for: ${defaultPasswords.join(', ')}`],
        ['', 'set MQTT_*_PASSWORD or MQTT_USERS_FILE before exposing this beyond your machine'],
      ] as [string, string][])
    : ([['', 'passwords from the environment']] as [string, string][])),
  ...(opts.mode === 'preview' ? [signInRow()] : []),
  ['Services', 'a service that stops is restarted (0.5 s, doubling to 30 s); the others keep running'],
  ['Stop', 'Ctrl-C'],
];
const title = `川渝高竹新区 energy wall — running (${opts.mode}), ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`;
process.stdout.write(`\n${renderBox(title, rows)}\n\n`);
systemUp = true;
