/**
 * Where the page's broker is, from the run-time configuration. Apart from runtime-config.ts, which defines that
 * configuration's zod schema: the pipelines run on the main thread and need only this, and a value import from the
 * schema's module would keep it and zod there (zod's calls are not known to be pure, so the bundler cannot drop them).
 */
import type { RuntimeConfig } from './runtime-config';

/** The broker URL the page connects to: explicit, or the page's own host on the broker's WebSocket port. */
export function brokerUrlFor(
  cfg: Pick<RuntimeConfig, 'mqttUrl' | 'mqttWsPort' | 'mqttWsPath'>,
  location: { protocol: string; hostname: string },
): string {
  if (cfg.mqttUrl) return cfg.mqttUrl;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.hostname}:${cfg.mqttWsPort}${cfg.mqttWsPath}`;
}
