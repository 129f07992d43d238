/** `npm run broker`: the embedded broker alone, with its /health and /metrics on BROKER_HTTP_PORT. */
import { createLogger } from '../common/logger';
import { createMetricsRegistry } from '../common/metrics';
import { BIND_HOST, MQTT_WS_PATH, ports } from '../common/ports';
import { startBroker } from './broker';
import { maxConnectionsFromEnv } from './limits';

const log = createLogger('broker');
const broker = await startBroker({
  host: BIND_HOST,
  tcpPort: ports.mqttTcp,
  wsPort: ports.mqttWs,
  httpPort: ports.brokerHttp,
  maxConnections: maxConnectionsFromEnv(),
  metrics: createMetricsRegistry('broker', { processMetrics: true }),
  logger: log,
});
log.info(
  { tcpPort: broker.tcpPort, wsPort: broker.wsPort, httpPort: broker.httpPort },
  `MQTT/TCP mqtt://${broker.host}:${broker.tcpPort}  MQTT/WS ws://${broker.host}:${broker.wsPort}${MQTT_WS_PATH}  ` +
    `health and metrics http://${broker.host}:${broker.httpPort}/health /metrics`,
);
const stop = async () => {
  await broker.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
