/**
 * Runtime configuration of the browser app, fetched at start from /config/runtime.json (served from the environment
 * by the app server; see vite.config.ts): where the broker is and the MQTT credentials of the page's role
 * (`?role=public`: the wall user, which reads only the live core; `?role=dispatcher`: the dashboard user, which reads
 * the raw device stream). Nothing here is compiled into the bundle, so the same build runs against any broker.
 */
import { z } from 'zod';
import { DISPATCH_SCOPES } from '../../core/contract/substation-devices';

export const runtimeConfigSchema = z.object({
  mqttUrl: z.string(),
  mqttWsPort: z.number().int().positive(),
  mqttWsPath: z.string().startsWith('/'),
  mqttUsername: z.string().min(1),
  mqttPassword: z.string(),
  historyBaseUrl: z.string(),
  /** What the dispatcher subscribes to (DISPATCH_SCOPE, subscription-scope.ts); absent: every device ('area'). */
  dispatchScope: z.enum(DISPATCH_SCOPES).default('area'),
});
export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

/** The broker URL the page connects to: explicit, or the page's own host on the broker's WebSocket port. */
export function brokerUrlFor(cfg: RuntimeConfig, location: { protocol: string; hostname: string }): string {
  if (cfg.mqttUrl) return cfg.mqttUrl;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.hostname}:${cfg.mqttWsPort}${cfg.mqttWsPath}`;
}
