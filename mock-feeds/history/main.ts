/** `npm run history`: the reference history service alone (the launcher starts it with `npm start`). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AreaConfigError, parseAreaConfig } from '../../src/config/area-schema';
import { loadMqttUsers } from '../shared/credentials';
import { BIND_HOST, ports } from '../shared/ports';
import { loadReplaySource } from '../world/replay';
import { startHistoryService } from './service';

const log = (line: string) => console.log(`[history] ${line}`);
const configFile = process.env.AREA_CONFIG ?? resolve('public/config/area.json');

let config: ReturnType<typeof parseAreaConfig>;
try {
  config = parseAreaConfig(readFileSync(configFile, 'utf8'), configFile);
} catch (e) {
  const message = e instanceof AreaConfigError ? e.message : `cannot read ${configFile}: ${(e as Error).message}`;
  console.error(`[history] ${message}`);
  process.exit(1);
}

const recorder = loadMqttUsers().recorder;
const service = await startHistoryService({
  mqttUrl: process.env.MQTT_URL ?? `mqtt://127.0.0.1:${ports.mqttTcp}`,
  username: recorder.username,
  password: recorder.password,
  config,
  dbPath: process.env.HISTORY_DB ?? '.data/history.sqlite',
  port: ports.history,
  host: BIND_HOST,
  backfill: process.env.HISTORY_BACKFILL !== '0',
  replay: process.argv.includes('--replay') ? loadReplaySource() : undefined,
  log,
});

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
