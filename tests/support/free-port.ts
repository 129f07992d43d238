import { PORT_ENV_NAMES, type PortEnvName } from '../../src/services/common/ports';
import { freePort } from '../../src/services/launcher/net';

/** A TCP port free right now on 127.0.0.1 (the OS picks it): the launcher's own. */
export { freePort };

/**
 * Every port variable of the product (src/services/common/ports.ts) set to a free port: a launch that collides with
 * nothing running.
 */
export async function freePortsEnv(): Promise<Record<PortEnvName, string>> {
  const env = {} as Record<PortEnvName, string>;
  for (const name of PORT_ENV_NAMES) env[name] = String(await freePort());
  return env;
}
