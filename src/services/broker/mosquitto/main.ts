/**
 * Writes a Mosquitto configuration for this project's users and ACL:
 *
 *   npx tsx src/services/broker/mosquitto/main.ts --dir .data/mosquitto [--tcp 1883] [--ws 8083] [--host 127.0.0.1]
 *   mosquitto -c .data/mosquitto/mosquitto.conf
 *
 * Ports default to MQTT_PORT / MQTT_WS_PORT (src/services/common/ports.ts); users come from the same environment
 * variables (or MQTT_USERS_FILE) as the embedded broker.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ports } from '../../common/ports';
import { writeMosquittoConfig } from './config';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: '.data/mosquitto' },
    tcp: { type: 'string' },
    ws: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    user: { type: 'string' },
  },
});

const port = (raw: string | undefined, fallback: number) => {
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`not a port: ${raw}`);
  return n;
};

const dir = resolve(values.dir);
const files = writeMosquittoConfig({
  dir,
  tcpPort: port(values.tcp, ports.mqttTcp),
  wsPort: port(values.ws, ports.mqttWs),
  host: values.host,
  // Running mosquitto as root from a private directory: stay root instead of dropping to "mosquitto".
  runAsUser: values.user ?? (process.getuid?.() === 0 ? userInfo().username : undefined),
});
console.log(`wrote ${files.confFile}\n      ${files.passwordFile}\n      ${files.aclFile}`);
console.log(`run:  mosquitto -c ${files.confFile}`);
