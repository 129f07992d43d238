/**
 * `npm run feeds`: the mock feeds against a running broker.
 *
 *   tsx mock-feeds/feeds/main.ts [--seed N] [--speed N] [--replay] [--replay-start YYYY-MM-DD] [--config path]
 *                                [--no-random-outages]   (faults and planned outages only through the scenario control)
 *                                [--shard i/n]   (this process publishes every n-th device from the i-th, 0-based)
 *
 * Environment: MQTT_URL (default mqtt://127.0.0.1:<MQTT_PORT>), MQTT_FEEDS_USER / MQTT_FEEDS_PASSWORD (or
 * MQTT_USERS_FILE), FEEDS_CONTROL_PORT (default 8788), FEEDS_CONTROL_TOKEN (optional bearer token),
 * GAOZHU_REAL_DATA_DIR (real series for --replay), DEVICE_TELEMETRY_RETAIN (default true; false publishes device
 * telemetry not retained, for a region's broker cluster: src/services/deployment.md), FEEDS_DEVICES_PER_CONNECTION (default 1;
 * up to 250 devices on one pooled connection, whose Will names them: src/core/contract/feed-pools.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseAreaConfig } from '../../src/core/config/area-schema';
import { loadMqttUsers } from '../../src/services/common/credentials';
import { BIND_HOST, ports } from '../../src/services/common/ports';
import { shanghaiTime, shanghaiToUtcMs } from '../world/local-time';
import { startFeeds } from './feeds';

const log = (line: string) => console.log(`[feeds] ${line}`);
const fail = (message: string): never => {
  console.error(`[feeds] ${message}`);
  process.exit(1);
};

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      speed: { type: 'string', default: '1' },
      replay: { type: 'boolean', default: false },
      'replay-start': { type: 'string' },
      config: { type: 'string', default: 'public/config/area.json' },
      'no-random-outages': { type: 'boolean', default: false },
      shard: { type: 'string', default: '0/1' },
    },
    strict: true,
  }).values;
}
try {
  args = parse();
} catch (e) {
  fail(`${(e as Error).message}. Usage: --seed N --speed N --replay --replay-start YYYY-MM-DD --config path`);
}
const a = args!;

const seed = Number(a.seed);
if (!Number.isInteger(seed)) fail(`--seed ${a.seed}: must be an integer`);
const speed = Number(a.speed);
if (!(speed > 0 && speed <= 10_000)) fail(`--speed ${a.speed}: must be a number > 0 and ≤ 10000`);

const configPath = resolve(a.config);
let configText = '';
try {
  configText = readFileSync(configPath, 'utf8');
} catch (e) {
  fail(`cannot read area configuration ${configPath}: ${(e as Error).message}`);
}
let config: ReturnType<typeof parseAreaConfig>;
try {
  config = parseAreaConfig(configText, configPath);
} catch (e) {
  fail((e as Error).message);
}

let startMs = Date.now();
const replayStart = a['replay-start'];
if (replayStart) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(replayStart);
  if (!m) fail(`--replay-start ${replayStart}: expected YYYY-MM-DD`);
  let year = Number(m![1]);
  const now = shanghaiTime(Date.now());
  if (year < 2020) {
    // Device clocks before 2020 fail validation; the series are mapped by month-day, so the year is free.
    log(`--replay-start ${replayStart}: device clocks cannot predate 2020; using ${now.year} (same month-day)`);
    year = now.year;
  }
  // Keep today's time of day so the start is not always midnight.
  startMs = shanghaiToUtcMs(year, Number(m![2]), Number(m![3])) + Math.floor(now.hour * 3_600_000);
}

const retainEnv = (process.env.DEVICE_TELEMETRY_RETAIN ?? 'true').toLowerCase();
if (retainEnv !== 'true' && retainEnv !== 'false')
  fail(`DEVICE_TELEMETRY_RETAIN="${process.env.DEVICE_TELEMETRY_RETAIN}": must be true or false`);

const shardMatch = /^(\d+)\/(\d+)$/.exec(a.shard ?? '');
if (!shardMatch || Number(shardMatch[1]) >= Number(shardMatch[2]))
  fail(`--shard ${a.shard}: expected i/n with 0 ≤ i < n (e.g. 0/4)`);
const devicesPerConnection = Number(process.env.FEEDS_DEVICES_PER_CONNECTION || 1);
if (!Number.isInteger(devicesPerConnection) || devicesPerConnection < 1)
  fail(`FEEDS_DEVICES_PER_CONNECTION="${process.env.FEEDS_DEVICES_PER_CONNECTION}": must be a whole number ≥ 1`);
const shard = { index: Number(shardMatch![1]), count: Number(shardMatch![2]) };

const users = loadMqttUsers();
const mqttUrl = process.env.MQTT_URL ?? `mqtt://${BIND_HOST === '0.0.0.0' ? '127.0.0.1' : BIND_HOST}:${ports.mqttTcp}`;
try {
  const feeds = await startFeeds({
    mqttUrl,
    username: users.feeds.username,
    password: users.feeds.password,
    config: config!,
    seed,
    speed,
    replay: a.replay || replayStart !== undefined,
    startMs,
    randomOutages: !a['no-random-outages'],
    controlToken: process.env.FEEDS_CONTROL_TOKEN || undefined,
    retainTelemetry: retainEnv === 'true',
    devicesPerConnection,
    shard,
    // Only one shard serves the scenario control (the others' worlds are the same, their devices not).
    controlPort: shard.index === 0 ? ports.feedsControl : null,
    log,
  });
  const stop = async () => {
    log('stopping');
    await feeds.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  fail((e as Error).message);
}
