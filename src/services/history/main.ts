/** `npm run history`: the reference history service alone (the launcher starts it with `npm start`). */
import { readFileSync } from 'node:fs';
import { createWorldSeeder } from '../../../mock-feeds/backfill/world-backfill';
import { loadReplaySource, replayOptionsFor } from '../../../mock-feeds/world/replay';
import { AreaConfigError, parseAreaConfig } from '../../core/config/area-schema';
import { BIG_AREA_DEVICES, deviceCount } from '../../core/config/area-size';
import { loadMqttUsers } from '../common/credentials';
import { createMetricsRegistry } from '../common/metrics';
import { BIND_HOST, ports } from '../common/ports';
import { BackupConfigError, backupOptionsFromEnv } from './backup-schedule';
import { areaConfigFile, historyDbPath } from './db-path';
import { minuteRetentionDaysFromEnv, RetentionConfigError } from './minute-retention';
import { startHistoryService } from './service';

const log = (line: string) => console.log(`[history] ${line}`);
const configFile = areaConfigFile();

let config: ReturnType<typeof parseAreaConfig>;
try {
  config = parseAreaConfig(readFileSync(configFile, 'utf8'), configFile);
} catch (e) {
  const message = e instanceof AreaConfigError ? e.message : `cannot read ${configFile}: ${(e as Error).message}`;
  console.error(`[history] ${message}`);
  process.exit(1);
}

const dbPath = historyDbPath(process.env, configFile);
let backup: ReturnType<typeof backupOptionsFromEnv>;
try {
  backup = backupOptionsFromEnv(dbPath);
} catch (e) {
  if (!(e instanceof BackupConfigError)) throw e;
  console.error(`[history] ${e.message}`);
  process.exit(1);
}
let minuteRetentionDays: number;
try {
  minuteRetentionDays = minuteRetentionDaysFromEnv();
} catch (e) {
  if (!(e instanceof RetentionConfigError)) throw e;
  console.error(`[history] ${e.message}`);
  process.exit(1);
}
// Thirteen months of a load-test area (thousands of feeders) would take hours and gigabytes: it records from now on.
const devices = deviceCount(config!);
const backfill =
  process.env.HISTORY_BACKFILL === undefined ? devices <= BIG_AREA_DEVICES : process.env.HISTORY_BACKFILL !== '0';
if (!backfill && process.env.HISTORY_BACKFILL === undefined)
  log(`${devices} devices: no backfill for an area this big (HISTORY_BACKFILL=1 forces it); recording from now on`);

// The backfill is simulation: this entry point wires it in; the service itself only knows a seeder.
const seed = Number(process.env.FEEDS_SEED || 1);
if (!Number.isInteger(seed)) {
  console.error(`[history] FEEDS_SEED="${process.env.FEEDS_SEED}" is not an integer`);
  process.exit(1);
}
const seeder = backfill
  ? createWorldSeeder({
      seed,
      replay: process.argv.includes('--replay') ? loadReplaySource(replayOptionsFor(config!)) : undefined,
    })
  : undefined;

const recorder = loadMqttUsers().recorder;
const service = await startHistoryService({
  mqttUrl: process.env.MQTT_URL ?? `mqtt://127.0.0.1:${ports.mqttTcp}`,
  username: recorder.username,
  password: recorder.password,
  config,
  dbPath,
  port: ports.history,
  host: BIND_HOST,
  seeder,
  log,
  backup: backup!,
  minuteRetentionDays: minuteRetentionDays!,
  metrics: createMetricsRegistry('history', { processMetrics: true }),
});
// On demand (`npm run history:backup` sends it): one backup now, beside the schedule.
process.on('SIGUSR2', () => void service.backupNow());

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: flushing and closing`);
  await service.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
