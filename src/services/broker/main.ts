/** `npm run broker`: the embedded broker alone. */
import { BIND_HOST, MQTT_WS_PATH, ports } from '../common/ports';
import { startBroker } from './broker';

const log = (line: string) => console.log(`[broker] ${line}`);
const broker = await startBroker({ host: BIND_HOST, tcpPort: ports.mqttTcp, wsPort: ports.mqttWs, log });
log(`MQTT/TCP mqtt://${broker.host}:${broker.tcpPort}  MQTT/WS ws://${broker.host}:${broker.wsPort}${MQTT_WS_PATH}`);
const stop = async () => {
  await broker.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
