/**
 * `npm run live`: the live service alone (the launcher starts it with `npm start`). Reads AREA_CONFIG (default
 * public/config/area.json), MQTT_URL and the live user's credentials; serves GET /health and the alarms API
 * (GET /api/alarms, POST /api/alarms/<id>/ack) and the thresholds API (GET/PUT /api/thresholds, POST
 * /api/thresholds/revert; versions in LIVE_THRESHOLDS_FILE) on LIVE_PORT. Seeds today's registers from the history service at
 * HISTORY_URL (default http://127.0.0.1:HISTORY_PORT) when it starts without a state of today.
 *
 * LIVE_SHARD (a region, src/services/deployment.md): `sc` or `cq` runs one province's shard (its figures, substations and
 * stations; no alarms or reliability), `rollup` the area's figures and live/status from the shards' province figures
 * (./live-rollup.ts; no HTTP API). Unset: the whole area in this one process, as on one PC.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { AreaConfigError, parseAreaConfig } from '../../core/config/area-schema';
import { PROVINCES, type Province } from '../../core/contract/topics';
import { loadMqttUsers } from '../common/credentials';
import { BIND_HOST, ports } from '../common/ports';
import { createLiveHttpHandler } from './live-http';
import { startLiveRollup } from './live-rollup';
import { startLiveService } from './live-service';

const log = (line: string) => console.log(`[live] ${line}`);
const configFile = resolve(process.env.AREA_CONFIG ?? 'public/config/area.json');

let config: ReturnType<typeof parseAreaConfig>;
try {
  config = parseAreaConfig(readFileSync(configFile, 'utf8'), configFile);
} catch (e) {
  console.error(
    `[live] ${e instanceof AreaConfigError ? e.message : `cannot read ${configFile}: ${(e as Error).message}`}`,
  );
  process.exit(1);
}

const publishIntervalMs = Number(process.env.LIVE_PUBLISH_MS || 1_000);
if (!Number.isInteger(publishIntervalMs) || publishIntervalMs < 100) {
  console.error(`[live] LIVE_PUBLISH_MS="${process.env.LIVE_PUBLISH_MS}" must be a whole number of ms ≥ 100`);
  process.exit(1);
}
const user = loadMqttUsers().live;
const mqttUrl = process.env.MQTT_URL ?? `mqtt://127.0.0.1:${ports.mqttTcp}`;
const shardEnv = process.env.LIVE_SHARD || undefined;
if (shardEnv !== undefined && shardEnv !== 'rollup' && !(PROVINCES as readonly string[]).includes(shardEnv)) {
  console.error(`[live] LIVE_SHARD="${shardEnv}" must be ${PROVINCES.join(', ')} or rollup (or unset: the whole area)`);
  process.exit(1);
}
if (shardEnv === 'rollup') {
  const rollup = await startLiveRollup({ mqttUrl, ...user, config: config!, publishIntervalMs, log });
  const stopRollup = async () => {
    await rollup.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stopRollup());
  process.on('SIGTERM', () => void stopRollup());
} else await startWholeOrShard(shardEnv as Province | undefined);

async function startWholeOrShard(shard: Province | undefined) {
  const service = await startLiveService({
    mqttUrl,
    shard,
    username: user.username,
    password: user.password,
    config: config!,
    publishIntervalMs,
    stateFile: process.env.LIVE_STATE_FILE ?? (shard ? `.data/live-state-${shard}.json` : '.data/live-state.json'),
    // The administrators' versions of the thresholds: kept apart from the state, which may be thrown away.
    thresholdsFile: process.env.LIVE_THRESHOLDS_FILE ?? '.data/live-thresholds.json',
    // Started mid-day without today's state, today's registers continue the history's count from midnight.
    historyUrl: process.env.HISTORY_URL || `http://127.0.0.1:${ports.history}`,
    log,
  });

  const handle = createLiveHttpHandler(service);
  const server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => {
      log(`http ${req.method} ${req.url}: ${e.message}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":"internal"}');
    });
  });
  server.listen(ports.live, BIND_HOST, () => log(`health and alarms API on http://${BIND_HOST}:${ports.live}`));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: saving today's registers and closing`);
    server.close();
    await service.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
